import { defineEvent } from '@carepath/database';

/**
 * An MDT decision (or an amendment of one) was recorded. Ids only: a subscriber reads what it needs through
 * `MdtService.decisionFacts`. Libraries that act on a decision (a task to change the pathway, to discharge, to refer
 * on, to propose a handoff; the GP progress letter) subscribe; the MDT itself only records.
 */
export const MDT_DECISION_RECORDED = defineEvent<{ decisionId: string; meetingId: string; pathwayId: string }>(
  'mdt.decision-recorded',
  'MdtDecision',
  'decisionId',
);
