import { defineEvent } from '@carepath/database';

/** Events the pathways domain raises; any library may subscribe to them. */
export const PHQ9_URGENT = defineEvent<{ taskId: string }>('pathway.phq9-item9-positive', 'ClinicalTask', 'taskId');
/** A care pathway was agreed with the patient at their assessment (goals in their words, activities, planned sessions). */
export const PATHWAY_AGREED = defineEvent<{ pathwayId: string; referralId: string }>('pathway.agreed', 'CarePathway', 'pathwayId');
