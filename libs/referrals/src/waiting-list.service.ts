import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, decodeCursor, encodeCursor, isIsoDate, isUuid, londonMidnight, StaleVersion, toCsv } from '@carepath/common';
import { Actor, asSubject, ListScope } from '@carepath/auth';
import { AuditService } from '@carepath/audit';
import { formatNhsNumber, PatientsService, PatientSummary } from '@carepath/patients';
import {
  CapacityResponse,
  CapacitySummary,
  UpdateCapacityRequest,
  WaitingListEntry,
  WaitingListPage,
  WaitingListQuery,
  WaitingListReport,
  WaitingListReportRow,
} from './dto/waiting-list.dto';
import { addDays, BREACH_DAYS, breachOn, daysBetween, estimatedWeeksToTreatment, weekBand, WEEK_BANDS } from './referral-clock.rules';
import { hasPositiveRedFlag, Priority, PRIORITY_RANK, WAITING_LISTS, WaitingListName } from './referral.rules';
import { ReferralError, ReferralErrorCode } from './referrals.errors';

interface EntryRow {
  referral_id: string;
  priority_rank: number;
  clock_started_on: string;
  awaiting_rebooking: boolean;
  patient_id: string;
  priority: Priority;
  practice_id: string;
  received_on: string;
  red_flags: Record<string, boolean>;
  has_delay: boolean;
  position?: number;
}

const isRank = (v: string) => v === '0' || v === '1';
const isCount = (v: string) => /^\d{1,9}$/.test(v);
const OVER_52_WEEKS_DAYS = 364;

@Injectable()
export class WaitingListService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * One list: urgent first, then longest wait (clock start), read as one index
   * range from the cursor, so a deep page costs what the first page costs.
   */
  async list(actor: Actor, query: WaitingListQuery): Promise<WaitingListPage> {
    const modality = query.modality ?? 'assessment';
    const limit = query.limit ?? 25;
    const today = this.clock.today();
    const scope = ListScope.of(actor.ability, 'read', 'WaitingList', { serviceId: 'e.service_id' });
    scope.and('e.modality = ?', modality);
    if (query.priority) scope.and('e.priority_rank = ?', PRIORITY_RANK[query.priority]);
    if (query.practiceId) scope.and('e.practice_id = ?', query.practiceId);
    const breachCutoff = addDays(today, -BREACH_DAYS);
    if (query.breached === true) scope.and('e.clock_started_on < ? AND NOT e.awaiting_rebooking', breachCutoff);
    if (query.breached === false) scope.and('(e.clock_started_on >= ? OR e.awaiting_rebooking)', breachCutoff);
    const filtered = Boolean(query.priority || query.practiceId || query.breached !== undefined);
    let startPosition = 0;
    if (query.cursor) {
      const [rank, started, id, position] = decodeCursor(query.cursor, [isRank, isIsoDate, isUuid, isCount]);
      scope.and('(e.priority_rank, e.clock_started_on, e.referral_id) > (?, ?, ?)', Number(rank), started, id);
      startPosition = Number(position);
    }
    const positionColumn = filtered
      ? `, (SELECT count(*)::int FROM waiting_list_entry x
             WHERE x.service_id = e.service_id AND x.modality = e.modality
               AND (x.priority_rank, x.clock_started_on, x.referral_id) <= (e.priority_rank, e.clock_started_on, e.referral_id)) AS position`
      : '';
    return this.dataSource.transaction(async (manager) => {
      const rows: EntryRow[] = await manager.query(
        `SELECT e.referral_id, e.priority_rank, e.clock_started_on, e.awaiting_rebooking,
                r.patient_id, r.priority, r.practice_id, r.received_on, r.red_flags,
                EXISTS (SELECT 1 FROM patient_delay d WHERE d.referral_id = e.referral_id) AS has_delay
                ${positionColumn}
           FROM waiting_list_entry e
           JOIN referral r ON r.id = e.referral_id
          WHERE ${scope.where}
          ORDER BY e.priority_rank, e.clock_started_on, e.referral_id
          LIMIT ${limit + 1}`,
        scope.params,
      );
      const [capacity]: { slots_per_week: number }[] = await manager.query(
        'SELECT slots_per_week FROM modality_capacity WHERE service_id = $1 AND modality = $2',
        [actor.organisationId, modality],
      );
      const slots = capacity?.slots_per_week ?? 0;
      const pageRows = rows.slice(0, limit);
      const patients = await this.patients.summaries(manager, [...new Set(pageRows.map((r) => r.patient_id))]);
      const items = pageRows.map((row, i) =>
        toEntry(row, patients.get(row.patient_id) as PatientSummary, row.position ?? startPosition + i + 1, slots, today),
      );
      await this.audit.allowedMany(
        manager,
        actor,
        items.map((item) => ({ entityType: 'Referral', entityId: item.referralId, patientId: item.patientId, action: 'waiting-list' })),
      );
      const last = items[items.length - 1];
      const lastRow = pageRows[pageRows.length - 1];
      return {
        modality,
        slotsPerWeek: slots,
        items,
        nextCursor:
          rows.length > limit
            ? encodeCursor([String(lastRow.priority_rank), lastRow.clock_started_on, lastRow.referral_id, String(last.position)])
            : null,
      };
    });
  }

  /** Capacity against demand for every list of the actor's service. */
  async capacity(actor: Actor): Promise<CapacitySummary> {
    const serviceId = actor.organisationId;
    const today = this.clock.today();
    const [capacityRows, waitingRows, demandRows]: [
      { modality: string; slots_per_week: number; version: number }[],
      { modality: string; waiting: number; urgent: number; breached: number; earliest_start: string | null }[],
      { modality: string; added: number }[],
    ] = await Promise.all([
      this.dataSource.query('SELECT modality, slots_per_week, version FROM modality_capacity WHERE service_id = $1', [serviceId]),
      this.dataSource.query(
        `SELECT modality, count(*)::int AS waiting, count(*) FILTER (WHERE priority_rank = 0)::int AS urgent,
                count(*) FILTER (WHERE clock_started_on < $2 AND NOT awaiting_rebooking)::int AS breached,
                min(clock_started_on) FILTER (WHERE NOT awaiting_rebooking)::text AS earliest_start
           FROM waiting_list_entry WHERE service_id = $1 GROUP BY modality`,
        [serviceId, addDays(today, -BREACH_DAYS)],
      ),
      // Demand: referrals accepted onto each list in the last 8 weeks, counted from London midnight.
      this.dataSource.query(
        `SELECT m AS modality, count(*)::int AS added
           FROM referral_status_change c
           JOIN referral r ON r.id = c.referral_id
           CROSS JOIN LATERAL unnest(array_prepend('assessment', r.modalities)) AS m
          WHERE r.service_id = $1 AND c.to_status = 'triaged-accepted' AND c.changed_at >= $2
          GROUP BY m`,
        [serviceId, londonMidnight(addDays(today, -56))],
      ),
    ]);
    const capacityOf = new Map(capacityRows.map((r) => [r.modality, r]));
    const waitingOf = new Map(waitingRows.map((r) => [r.modality, r]));
    const demandOf = new Map(demandRows.map((r) => [r.modality, r.added]));
    return {
      items: WAITING_LISTS.map((modality): CapacityResponse => {
        const cap = capacityOf.get(modality);
        const slots = cap?.slots_per_week ?? 0;
        const waiting = waitingOf.get(modality);
        const demandPerWeek = Math.round(((demandOf.get(modality) ?? 0) / 8) * 10) / 10;
        return {
          modality,
          slotsPerWeek: slots,
          version: cap?.version ?? null,
          waiting: waiting?.waiting ?? 0,
          urgent: waiting?.urgent ?? 0,
          breached: waiting?.breached ?? 0,
          longestWaitDays: waiting?.earliest_start ? daysBetween(waiting.earliest_start, today) : null,
          demandPerWeek,
          weeksToClear: estimatedWeeksToTreatment(waiting?.waiting ?? 0, slots),
          demandExceedsCapacity: demandPerWeek > slots,
        };
      }),
    };
  }

  async setCapacity(actor: Actor, modality: WaitingListName, body: UpdateCapacityRequest): Promise<CapacityResponse> {
    const serviceId = actor.organisationId;
    if (!actor.ability.can('update', asSubject('Capacity', { serviceId })))
      throw new ReferralError(ReferralErrorCode.CapacityNotFound, 'Capacity not found');
    await this.dataSource.transaction(async (manager) => {
      const [existing]: { version: number }[] = await manager.query(
        'SELECT version FROM modality_capacity WHERE service_id = $1 AND modality = $2 FOR UPDATE',
        [serviceId, modality],
      );
      if (existing && body.version !== existing.version) throw new StaleVersion('Capacity', body.version ?? 0);
      if (!existing && body.version !== undefined) throw new StaleVersion('Capacity', body.version);
      await manager.query(
        `INSERT INTO modality_capacity (service_id, modality, slots_per_week, updated_at, updated_by_user_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (service_id, modality) DO UPDATE
           SET slots_per_week = EXCLUDED.slots_per_week, version = modality_capacity.version + 1,
               updated_at = EXCLUDED.updated_at, updated_by_user_id = EXCLUDED.updated_by_user_id`,
        [serviceId, modality, body.slotsPerWeek, this.clock.now(), actor.userId],
      );
    });
    const summary = await this.capacity(actor);
    return summary.items.find((item) => item.modality === modality) as CapacityResponse;
  }

  /** Incomplete pathways by RTT week band: per list, not yet triaged, and all pathways once each. */
  async report(actor: Actor): Promise<WaitingListReport> {
    const serviceId = actor.organisationId;
    const today = this.clock.today();
    const [perList, perPathway]: [
      { modality: string; started_on: string; n: number }[],
      { untriaged: boolean; started_on: string; n: number }[],
    ] = await Promise.all([
      this.dataSource.query(
        `SELECT modality, clock_started_on AS started_on, count(*)::int AS n FROM waiting_list_entry
          WHERE service_id = $1 AND NOT awaiting_rebooking GROUP BY 1, 2`,
        [serviceId],
      ),
      this.dataSource.query(
        `SELECT r.status IN ('received', 'info-requested') AS untriaged, cp.started_on, count(*)::int AS n
           FROM clock_period cp JOIN referral r ON r.id = cp.referral_id
          WHERE r.service_id = $1 AND cp.stopped_on IS NULL
          GROUP BY 1, 2`,
        [serviceId],
      ),
    ]);
    const rows = new Map<string, WaitingListReportRow>(
      [...WAITING_LISTS, 'untriaged', 'all'].map((m) => [
        m,
        { modality: m, total: 0, over18Weeks: 0, over52Weeks: 0, bands: Object.fromEntries(WEEK_BANDS.map((b) => [b, 0])) },
      ]),
    );
    const count = (name: string, startedOn: string, n: number) => {
      const row = rows.get(name) as WaitingListReportRow;
      const days = daysBetween(startedOn, today);
      row.total += n;
      row.bands[weekBand(days)] += n;
      if (days > BREACH_DAYS) row.over18Weeks += n;
      if (days > OVER_52_WEEKS_DAYS) row.over52Weeks += n;
    };
    for (const r of perList) count(r.modality, r.started_on, r.n);
    for (const r of perPathway) {
      count('all', r.started_on, r.n);
      if (r.untriaged) count('untriaged', r.started_on, r.n);
    }
    return { generatedOn: today, rows: [...rows.values()] };
  }
}

export function reportToCsv(report: WaitingListReport): string {
  return toCsv(
    ['modality', 'total', 'over_18_weeks', 'over_52_weeks', ...WEEK_BANDS.map((b) => `weeks_${b}`)],
    report.rows.map((r) => [r.modality, r.total, r.over18Weeks, r.over52Weeks, ...WEEK_BANDS.map((b) => r.bands[b])]),
  );
}

function toEntry(row: EntryRow, patient: PatientSummary, position: number, slots: number, today: string): WaitingListEntry {
  const nullified = row.awaiting_rebooking;
  const days = nullified ? 0 : daysBetween(row.clock_started_on, today);
  return {
    referralId: row.referral_id,
    patientId: row.patient_id,
    patientName: `${patient.givenName} ${patient.familyName}`,
    nhsNumber: formatNhsNumber(patient.nhsNumber),
    priority: row.priority,
    practiceId: row.practice_id,
    receivedOn: row.received_on,
    clockStartedOn: nullified ? null : row.clock_started_on,
    daysWaited: days,
    weekBand: nullified ? null : weekBand(days),
    breachOn: nullified ? null : breachOn(row.clock_started_on),
    breached: !nullified && days > BREACH_DAYS,
    position,
    estimatedWeeksToTreatment: estimatedWeeksToTreatment(position, slots),
    flags: {
      interpreterNeeded: patient.interpreterLanguage !== null,
      interpreterLanguage: patient.interpreterLanguage,
      accessibilityNeeds: patient.communicationFormat !== 'standard' || patient.communicationSupport.length > 0,
      patientInitiatedDelay: row.has_delay,
      awaitingRebooking: nullified,
      redFlagPositive: hasPositiveRedFlag(row.red_flags),
    },
  };
}
