import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertReportPeriod, Clock } from '@carepath/common';
import { Actor, OrganisationsService } from '@carepath/auth';
import { ReferralReport, ReferralReportRow } from './dto/referral-reports.dto';

/**
 * The steps a referral's triage outcome is read from (the latest counts), and the column each counts in: back to
 * `received` (information came in) is awaiting triage again.
 */
const OUTCOME_COLUMN = {
  received: 'awaitingTriage',
  'triaged-accepted': 'accepted',
  rejected: 'rejected',
  redirected: 'redirected',
  'info-requested': 'infoRequested',
} as const;

/** Referrals received per month and referring practice, by their latest triage outcome: counts only, no patient data. */
@Injectable()
export class ReferralReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, period: { from?: string; to?: string }): Promise<ReferralReport> {
    assertReportPeriod(period);
    const counts: { month: string; practice_id: string; outcome: keyof typeof OUTCOME_COLUMN | null; n: number }[] =
      await this.dataSource.query(
        `SELECT to_char(r.received_on, 'YYYY-MM') AS month, r.practice_id,
                (SELECT sc.to_status FROM referral_status_change sc
                  WHERE sc.referral_id = r.id AND sc.to_status = ANY($4)
                  ORDER BY sc.seq DESC LIMIT 1) AS outcome,
                count(*)::int AS n
           FROM referral r
          WHERE r.service_id = $1 AND r.status <> 'entered-in-error'
            AND ($2::date IS NULL OR r.received_on >= $2) AND ($3::date IS NULL OR r.received_on <= $3)
          GROUP BY 1, 2, 3`,
        [actor.organisationId, period.from ?? null, period.to ?? null, Object.keys(OUTCOME_COLUMN)],
      );
    const names = await this.organisations.names(this.dataSource.manager, [...new Set(counts.map((c) => c.practice_id))]);
    const rows = new Map<string, ReferralReportRow>();
    for (const c of counts) {
      const key = `${c.month}|${c.practice_id}`;
      const row = rows.get(key) ?? {
        month: c.month,
        practiceId: c.practice_id,
        practiceName: names.get(c.practice_id) ?? null,
        received: 0,
        accepted: 0,
        rejected: 0,
        redirected: 0,
        infoRequested: 0,
        awaitingTriage: 0,
      };
      row.received += c.n;
      row[c.outcome ? OUTCOME_COLUMN[c.outcome] : 'awaitingTriage'] += c.n;
      rows.set(key, row);
    }
    const ordered = [...rows.values()].sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        (a.practiceName ?? '').localeCompare(b.practiceName ?? '') ||
        a.practiceId.localeCompare(b.practiceId),
    );
    return { generatedOn: this.clock.today(), rows: ordered };
  }
}
