import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { assertReportPeriod, Clock, londonDayRange } from '@carepath/common';
import { Actor, UsersService } from '@carepath/auth';
import { DnaReport, DnaReportRow, OutcomeReport, OutcomeReportRow } from './dto/pathways.dto';
import { comparableValue, Measure, meaningfulChange, MEASURES } from './outcome-measures.rules';

interface Period {
  from?: string;
  to?: string;
}

/** Clinicians in name order (code point order, as the database's C collation sorts), unknown names last. */
const byName = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const round = (n: number) => Math.round(n * 100) / 100;
const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null);

/** Outcome change and DNA rates for the actor's service: aggregates only, no patient data. */
@Injectable()
export class PathwayReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /**
   * Per modality and measure: pathways with a baseline and a discharge score of
   * the measure (the first baseline and the last discharge), the mean change and
   * the share with meaningful change.
   */
  async outcomes(actor: Actor, period: Period): Promise<OutcomeReport> {
    assertReportPeriod(period);
    const rows: {
      pathway_id: string;
      measure: Measure;
      timepoint: string;
      total: number | null;
      vas: number | null;
      profile: string | null;
    }[] = await this.dataSource.query(
      `SELECT om.pathway_id, om.measure, om.timepoint, om.total, om.vas, om.profile
           FROM outcome_measure om JOIN care_pathway cp ON cp.id = om.pathway_id
          WHERE cp.service_id = $1 AND cp.status <> 'entered-in-error' AND om.timepoint IN ('baseline', 'discharge')
            AND ($2::timestamptz IS NULL OR om.recorded_at >= $2) AND ($3::timestamptz IS NULL OR om.recorded_at < $3)
          ORDER BY om.recorded_at, om.id`,
      [actor.organisationId, ...londonDayRange(period)],
    );
    const modalities: { pathway_id: string; modality: string }[] = await this.dataSource.query(
      `SELECT DISTINCT a.pathway_id, a.modality FROM pathway_activity a JOIN care_pathway cp ON cp.id = a.pathway_id WHERE cp.service_id = $1`,
      [actor.organisationId],
    );
    const pairs = new Map<string, { baseline?: number; discharge?: number }>();
    for (const r of rows) {
      const value = comparableValue(r.measure, { total: r.total, vas: r.vas, band: null, profile: r.profile });
      if (value === null) continue;
      const key = `${r.pathway_id}|${r.measure}`;
      const pair = pairs.get(key) ?? {};
      if (r.timepoint === 'baseline' && pair.baseline === undefined) pair.baseline = value;
      if (r.timepoint === 'discharge') pair.discharge = value;
      pairs.set(key, pair);
    }
    const report: OutcomeReportRow[] = [];
    const modalityNames = [...new Set(modalities.map((m) => m.modality))].sort();
    for (const modality of modalityNames) {
      const pathwayIds = new Set(modalities.filter((m) => m.modality === modality).map((m) => m.pathway_id));
      for (const measure of MEASURES) {
        const complete = [...pathwayIds]
          .map((id) => pairs.get(`${id}|${measure}`))
          .filter((p): p is { baseline: number; discharge: number } => p?.baseline !== undefined && p.discharge !== undefined);
        if (complete.length === 0) continue;
        const verdicts = complete.map((p) => meaningfulChange(measure, p.baseline, p.discharge));
        report.push({
          modality,
          measure,
          patients: complete.length,
          meanBaseline: mean(complete.map((p) => p.baseline)),
          meanDischarge: mean(complete.map((p) => p.discharge)),
          meanChange: mean(complete.map((p) => p.discharge - p.baseline)),
          meaningfulChangeShare: verdicts[0] === null ? null : round(verdicts.filter(Boolean).length / complete.length),
        });
      }
    }
    return { generatedOn: this.clock.today(), rows: report };
  }

  /** DNA rate = DNAs / (attended + DNAs), by modality and by lead clinician. */
  async dna(actor: Actor, period: Period): Promise<DnaReport> {
    assertReportPeriod(period);
    const base = `FROM therapy_session s JOIN pathway_activity a ON a.id = s.activity_id JOIN care_pathway cp ON cp.id = s.pathway_id
                  WHERE cp.service_id = $1 AND s.outcome IN ('attended', 'dna')
                    AND ($2::timestamptz IS NULL OR s.starts_at >= $2) AND ($3::timestamptz IS NULL OR s.starts_at < $3)`;
    const params = [actor.organisationId, ...londonDayRange(period)];
    const [byModality, byClinician]: [{ key: string; attended: number; dna: number }[], { key: string; attended: number; dna: number }[]] =
      await Promise.all([
        this.dataSource.query(
          `SELECT a.modality AS key, count(*) FILTER (WHERE s.outcome = 'attended')::int AS attended,
                count(*) FILTER (WHERE s.outcome = 'dna')::int AS dna ${base} GROUP BY a.modality ORDER BY a.modality`,
          params,
        ),
        this.dataSource.query(
          `SELECT a.lead_clinician_id::text AS key, count(*) FILTER (WHERE s.outcome = 'attended')::int AS attended,
                count(*) FILTER (WHERE s.outcome = 'dna')::int AS dna
           ${base} GROUP BY a.lead_clinician_id`,
          params,
        ),
      ]);
    const names = await this.users.names(
      this.dataSource.manager,
      byClinician.map((r) => r.key),
    );
    const clinicians = byClinician.map((r) => ({ ...r, name: names.get(r.key) ?? null })).sort((a, b) => byName(a.name, b.name));
    const row = (by: 'modality' | 'clinician', r: { key: string; name?: string | null; attended: number; dna: number }): DnaReportRow => ({
      by,
      key: r.key,
      name: r.name ?? null,
      attended: r.attended,
      dna: r.dna,
      dnaRate: r.attended + r.dna === 0 ? null : round(r.dna / (r.attended + r.dna)),
    });
    return {
      generatedOn: this.clock.today(),
      rows: [...byModality.map((r) => row('modality', r)), ...clinicians.map((r) => row('clinician', r))],
    };
  }
}
