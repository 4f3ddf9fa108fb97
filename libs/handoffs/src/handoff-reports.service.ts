import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertReportPeriod, Clock, londonDayRange } from '@carepath/common';
import { Actor, OrganisationsService } from '@carepath/auth';
import { HandoffReport } from './dto/handoffs.dto';

/** Handoffs the service proposed in a period, per receiving organisation and outcome: counts only, no patient data. */
@Injectable()
export class HandoffReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  async report(actor: Actor, period: { from?: string; to?: string }): Promise<HandoffReport> {
    assertReportPeriod(period);
    const counts: {
      organisation_id: string;
      proposed: number;
      open: number;
      rejected: number;
      cancelled: number;
      engaged: number;
      did_not_engage: number;
    }[] = await this.dataSource.query(
      `SELECT h.organisation_id, count(*)::int AS proposed,
              count(*) FILTER (WHERE h.status IN ('requested', 'accepted', 'in-progress'))::int AS open,
              count(*) FILTER (WHERE h.status = 'rejected')::int AS rejected,
              count(*) FILTER (WHERE h.status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE h.status = 'completed' AND h.outcome = 'engaged')::int AS engaged,
              count(*) FILTER (WHERE h.status = 'completed' AND h.outcome = 'did-not-engage')::int AS did_not_engage
         FROM handoff h
        WHERE h.service_id = $1 AND ($2::timestamptz IS NULL OR h.created_at >= $2) AND ($3::timestamptz IS NULL OR h.created_at < $3)
        GROUP BY h.organisation_id`,
      [actor.organisationId, ...londonDayRange(period)],
    );
    const names = await this.organisations.names(
      this.dataSource.manager,
      counts.map((c) => c.organisation_id),
    );
    const rows = counts
      .map((c) => {
        const completed = c.engaged + c.did_not_engage;
        return {
          organisationId: c.organisation_id,
          organisationName: names.get(c.organisation_id) ?? null,
          proposed: c.proposed,
          open: c.open,
          rejected: c.rejected,
          cancelled: c.cancelled,
          engaged: c.engaged,
          didNotEngage: c.did_not_engage,
          engagedShare: completed === 0 ? null : Math.round((c.engaged / completed) * 100) / 100,
        };
      })
      .sort(
        (a, b) => (a.organisationName ?? '').localeCompare(b.organisationName ?? '') || a.organisationId.localeCompare(b.organisationId),
      );
    return { generatedOn: this.clock.today(), rows };
  }
}
