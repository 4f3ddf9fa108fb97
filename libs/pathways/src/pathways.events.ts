import { defineEvent } from '@carepath/database';

/** Events the pathways domain raises; any library may subscribe to them. */
export const PHQ9_URGENT = defineEvent<{ taskId: string }>('pathway.phq9-item9-positive', 'ClinicalTask', 'taskId');
