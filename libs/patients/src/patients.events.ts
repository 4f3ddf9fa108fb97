/** Outbox event types raised by the patients domain. */
export const PATIENT_COMMUNICATION_NEEDS_CHANGED = 'patient.communication-needs-changed';
