/**
 * Community handoff status machine (DOMAIN-RULES.md "Status machines": FHIR
 * Task.status, the SDOH closed-loop referral subset). Pure, no I/O.
 */
import { InvalidTransition, ValidationFailed } from '@carepath/common';
import { HandoffError, HandoffErrorCode } from './handoffs.errors';

export const HANDOFF_STATUSES = ['requested', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
export const HANDOFF_OUTCOMES = ['engaged', 'did-not-engage'] as const;
export type HandoffOutcome = (typeof HANDOFF_OUTCOMES)[number];

/** The requester is the pain service that made the handoff; the receiver is the community organisation it went to. */
export type Side = 'requester' | 'receiver';

export const HANDOFF_TRANSITIONS: Record<HandoffStatus, Partial<Record<HandoffStatus, readonly Side[]>>> = {
  requested: { accepted: ['receiver'], rejected: ['receiver'], cancelled: ['requester', 'receiver'] },
  accepted: { 'in-progress': ['receiver'], cancelled: ['requester', 'receiver'] },
  'in-progress': { completed: ['receiver'], cancelled: ['requester', 'receiver'] },
  rejected: {},
  completed: {},
  cancelled: {},
};

const SIDE_NAME: Record<Side, string> = { requester: 'the requesting service', receiver: 'the receiving organisation' };

/** 409 for a step not in the machine, or for a step the other side must make (saying which side may). */
export function assertHandoffTransition(from: HandoffStatus, to: HandoffStatus, side: Side): void {
  const sides = HANDOFF_TRANSITIONS[from][to];
  if (!sides) throw new InvalidTransition('Handoff', from, to);
  if (!sides.includes(side)) {
    throw new HandoffError(HandoffErrorCode.WrongSide, `Only ${sides.map((s) => SIDE_NAME[s]).join(' or ')} may set a handoff to ${to}`, {
      current: from,
      requested: to,
      allowedSides: sides,
    });
  }
}

/** Reasons are required to reject or cancel, an outcome to complete (400 naming the field). */
export function assertStatusDetails(to: HandoffStatus, details: { reason?: string; outcome?: HandoffOutcome }): void {
  if ((to === 'rejected' || to === 'cancelled') && !details.reason?.trim()) {
    throw new ValidationFailed([{ field: 'reason', messages: [`reason is required to set ${to}`] }]);
  }
  if (to === 'completed' && !details.outcome) {
    throw new ValidationFailed([{ field: 'outcome', messages: ['outcome (engaged or did-not-engage) is required to complete'] }]);
  }
  if (to !== 'completed' && details.outcome) {
    throw new ValidationFailed([{ field: 'outcome', messages: ['outcome is given only when completing'] }]);
  }
}
