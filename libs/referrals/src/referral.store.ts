import { EntityManager } from 'typeorm';
import { applyClockEvent, ClockEvent, ClockPeriod } from './referral-clock.rules';
import { PRIORITY_RANK, waitingListsFor } from './referral.rules';
import { Referral } from './referral.entity';

export interface StoredPeriod extends ClockPeriod {
  id: string;
}

/** The referral's clock periods, oldest first. */
export async function loadPeriods(manager: EntityManager, referralId: string): Promise<StoredPeriod[]> {
  const rows: { id: string; started_on: string; stopped_on: string | null; stop_reason: ClockPeriod['stopReason']; nullified: boolean }[] =
    await manager.query('SELECT id, started_on, stopped_on, stop_reason, nullified FROM clock_period WHERE referral_id = $1 ORDER BY seq', [
      referralId,
    ]);
  return rows.map((r) => ({
    id: r.id,
    startedOn: r.started_on,
    stoppedOn: r.stopped_on,
    stopReason: r.stop_reason,
    nullified: r.nullified,
  }));
}

/** Clock periods of several referrals at once, by referral id. */
export async function loadPeriodsFor(manager: EntityManager, referralIds: string[]): Promise<Map<string, ClockPeriod[]>> {
  const rows: {
    referral_id: string;
    started_on: string;
    stopped_on: string | null;
    stop_reason: ClockPeriod['stopReason'];
    nullified: boolean;
  }[] =
    referralIds.length === 0
      ? []
      : await manager.query(
          'SELECT referral_id, started_on, stopped_on, stop_reason, nullified FROM clock_period WHERE referral_id = ANY($1) ORDER BY referral_id, seq',
          [referralIds],
        );
  const byReferral = new Map<string, ClockPeriod[]>();
  for (const r of rows) {
    const list = byReferral.get(r.referral_id) ?? [];
    list.push({ startedOn: r.started_on, stoppedOn: r.stopped_on, stopReason: r.stop_reason, nullified: r.nullified });
    byReferral.set(r.referral_id, list);
  }
  return byReferral;
}

/**
 * Applies a clock event and persists the result: periods are only ever closed
 * or appended, so history stays visible. Pass the periods already loaded to
 * save a read.
 */
export async function applyClock(
  manager: EntityManager,
  referralId: string,
  event: ClockEvent,
  loaded?: StoredPeriod[],
): Promise<ClockPeriod[]> {
  const before = loaded ?? (await loadPeriods(manager, referralId));
  const after = applyClockEvent(before, event);
  for (let i = 0; i < after.length; i += 1) {
    const period = after[i];
    if (i < before.length) {
      const old = before[i];
      if (old.stoppedOn !== period.stoppedOn || old.stopReason !== period.stopReason || old.nullified !== period.nullified) {
        await manager.query('UPDATE clock_period SET stopped_on = $2, stop_reason = $3, nullified = $4 WHERE id = $1', [
          old.id,
          period.stoppedOn,
          period.stopReason,
          period.nullified,
        ]);
      }
    } else {
      await manager.query(
        'INSERT INTO clock_period (referral_id, seq, started_on, stopped_on, stop_reason, nullified) VALUES ($1, $2, $3, $4, $5, $6)',
        [referralId, i + 1, period.startedOn, period.stoppedOn, period.stopReason, period.nullified],
      );
    }
  }
  return after;
}

/**
 * Keeps the referral's waiting-list rows in step with its status and clock: it
 * waits on the assessment list until assessed, then on each triaged therapy,
 * ordered by its current clock start. A stopped clock takes it off every list;
 * a nullified one keeps it there, flagged for rebooking.
 */
export async function syncWaitingList(
  manager: EntityManager,
  referral: Pick<Referral, 'id' | 'serviceId' | 'practiceId' | 'priority' | 'status' | 'modalities'>,
  periods: readonly ClockPeriod[],
): Promise<void> {
  await manager.query('DELETE FROM waiting_list_entry WHERE referral_id = $1', [referral.id]);
  const last = periods[periods.length - 1];
  if (!last || (last.stoppedOn !== null && !last.nullified)) return;
  const lists = waitingListsFor(referral.status, referral.modalities);
  if (lists.length === 0) return;
  const clockStartedOn = last.nullified ? (last.stoppedOn as string) : last.startedOn;
  await manager.query(
    `INSERT INTO waiting_list_entry (referral_id, modality, service_id, practice_id, priority_rank, clock_started_on, awaiting_rebooking)
     SELECT $1, m, $2, $3, $4, $5, $6 FROM unnest($7::text[]) AS m`,
    [referral.id, referral.serviceId, referral.practiceId, PRIORITY_RANK[referral.priority], clockStartedOn, last.nullified, lists],
  );
}
