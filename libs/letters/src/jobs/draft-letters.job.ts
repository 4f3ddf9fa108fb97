import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, londonMidnight } from '@carepath/common';
import { DeliveredEvent } from '@carepath/database';
import { MdtService } from '@carepath/mdt';
import { ReferralsService } from '@carepath/referrals';
import { LettersService } from '../letters.service';

/** Triage outcomes the GP is written to about; a request for more information goes to them as a notification only. */
const TRIAGE_LETTER_OUTCOMES = new Set(['triaged-accepted', 'rejected', 'redirected']);

/** Drafts the letter an event of another library calls for, once per event (the source key names the event). */
@Injectable()
export class DraftLettersJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly letters: LettersService,
    private readonly referrals: ReferralsService,
    private readonly mdt: MdtService,
    private readonly clock: Clock,
  ) {}

  async referralReceived(event: DeliveredEvent<{ referralId: string; statusChangeId: string }>): Promise<void> {
    const change = await this.referrals.statusChange(this.dataSource.manager, event.statusChangeId);
    if (!change) return;
    await this.letters.draftFromEvent(
      'referral-acknowledgement',
      event.referralId,
      `referral.received:${event.statusChangeId}`,
      change.changedAt,
    );
  }

  async referralTriaged(event: DeliveredEvent<{ referralId: string; statusChangeId: string }>): Promise<void> {
    const change = await this.referrals.statusChange(this.dataSource.manager, event.statusChangeId);
    if (!change || !TRIAGE_LETTER_OUTCOMES.has(change.toStatus)) return;
    await this.letters.draftFromEvent('triage-outcome', event.referralId, `referral.triaged:${event.statusChangeId}`, change.changedAt);
  }

  async pathwayAgreed(event: DeliveredEvent<{ pathwayId: string; referralId: string }>): Promise<void> {
    await this.letters.draftFromEvent('post-assessment', event.referralId, `pathway.agreed:${event.pathwayId}`, this.clock.now());
  }

  async referralDischarged(event: DeliveredEvent<{ referralId: string; statusChangeId: string }>): Promise<void> {
    const change = await this.referrals.statusChange(this.dataSource.manager, event.statusChangeId);
    if (!change) return;
    await this.letters.draftFromEvent(
      'discharge-summary',
      event.referralId,
      `referral.discharged:${event.statusChangeId}`,
      change.changedAt,
    );
  }

  async mdtDecisionRecorded(event: DeliveredEvent<{ decisionId: string; meetingId: string; pathwayId: string }>): Promise<void> {
    const facts = await this.mdt.decisionFacts(this.dataSource.manager, event.decisionId);
    if (!facts) return;
    await this.letters.draftFromEvent(
      'mdt-progress',
      facts.referralId,
      `mdt.decision-recorded:${event.decisionId}`,
      londonMidnight(facts.meetingOn),
      {
        meetingOn: facts.meetingOn,
        decision: facts.decision,
        destination: facts.destination,
      },
    );
  }
}
