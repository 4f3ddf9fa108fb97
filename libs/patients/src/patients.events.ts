import { defineEvent } from '@carepath/database';

/** Events the patients domain raises; any library may subscribe to them. */
export const PATIENT_COMMUNICATION_NEEDS_CHANGED = defineEvent<{ patientId: string; changedByUserId: string }>(
  'patient.communication-needs-changed',
  'Patient',
  'patientId',
);
