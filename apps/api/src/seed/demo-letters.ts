import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@carepath/common';
import { JobRegistry } from '@carepath/database';
import { LetterResponse, LettersService } from '@carepath/letters';
import { actorFor } from './demo-actor';
import { DEMO } from './demo-seed';

const NARRATIVE = {
  attendanceDetails: 'Seen in clinic at Riverside Clinic for assessment, with the physiotherapist and the psychologist.',
  clinicalSummary:
    'Long-standing low back pain with poor sleep and low mood. Keen to become more active and to return to part-time work. ' +
    'We agreed a pathway of physiotherapy and a pain management group, with a review at the MDT in 12 weeks.',
  diagnoses: 'Chronic primary low back pain (ICD-11 MG30.02). Low mood.',
  actionsForGp: 'Please review the analgesia: consider tapering codeine as activity increases. No other action needed.',
  actionsForPatient: 'Take part in physiotherapy (6 sessions) and the pain management group. Use the pacing plan agreed in clinic.',
  informationGiven: 'Pain management leaflet; pacing plan; how to contact the service.',
};

/**
 * Demo GP letters in every state, made through the letters service as the demo clinician (and the demo GP for the
 * acknowledgement), so Demo Practice A's GP has an inbox: delivered and acknowledged letters, a failed one an admin
 * can resend, one queued for the worker, an approved-but-unsent draft's neighbours, and a withdrawn draft. Runs once.
 */
export async function seedDemoLetters(app: INestApplicationContext, say: (line: string) => void): Promise<void> {
  const ds = app.get(DataSource);
  const [{ count }]: { count: number }[] = await ds.query('SELECT count(*)::int AS count FROM letter WHERE service_id = $1', [
    DEMO.service,
  ]);
  if (count > 0) return;
  const letters = app.get(LettersService);
  const jobs = app.get(JobRegistry);
  const admin = await actorFor(app, 'admin@demo.carepath.test');
  const psych = await actorFor(app, 'clinician@demo.carepath.test');
  const gp = await actorFor(app, 'gp.a@demo.carepath.test');
  await letters.putLetterhead(admin, { address: ['Riverside Clinic', '1 Park Square', 'Leeds', 'LS1 2AB'], telephone: '0113 496 0000' });
  const referrals: { id: string }[] = await ds.query(
    `SELECT id FROM referral WHERE service_id = $1 AND practice_id = $2 AND status <> 'entered-in-error' ORDER BY received_on, id LIMIT 6`,
    [DEMO.service, DEMO.practiceA],
  );
  if (referrals.length < 6) return;
  const draft = async (referralId: string, kind: 'post-assessment' | 'discharge-summary' | 'mdt-progress'): Promise<LetterResponse> => {
    const created = await letters.create(psych, { kind, referralId });
    return letters.update(psych, created.id, { content: NARRATIVE, version: created.version });
  };
  const deliver = async (letter: LetterResponse): Promise<LetterResponse> => {
    const [event]: { id: string; payload: { statusChangeId: string } }[] = await ds.query(
      `SELECT id, payload FROM outbox_event WHERE type = 'letter.queued' AND aggregate_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [letter.id],
    );
    await jobs.dispatch('letters:deliver', { letterId: letter.id, statusChangeId: event.payload.statusChangeId, outboxId: event.id });
    return letters.get(psych, letter.id);
  };

  await draft(referrals[0].id, 'post-assessment');
  const withdrawn = await draft(referrals[1].id, 'mdt-progress');
  await letters.withdraw(psych, withdrawn.id, { reason: 'Written for the wrong meeting', version: withdrawn.version });
  const queued = await draft(referrals[2].id, 'post-assessment');
  await letters.approve(psych, queued.id, { version: queued.version });
  const delivered = await draft(referrals[3].id, 'post-assessment');
  await deliver(await letters.approve(psych, delivered.id, { version: delivered.version }));
  const acknowledged = await draft(referrals[4].id, 'discharge-summary');
  const sent = await deliver(await letters.approve(psych, acknowledged.id, { version: acknowledged.version }));
  await letters.acknowledge(gp, sent.id, { version: sent.version });
  // A delivery that ran out of attempts (the file drop was unreachable), for an admin to resend.
  const failing = await draft(referrals[5].id, 'post-assessment');
  const approved = await letters.approve(psych, failing.id, { version: failing.version });
  const now = app.get(Clock).now();
  await ds.transaction(async (manager) => {
    await manager.query(
      `UPDATE letter SET status = 'failed', failure_reason = 'The letters outbox folder is not available', delivery_attempts = 6,
              version = version + 1, updated_at = $2 WHERE id = $1`,
      [approved.id, now],
    );
    await manager.query(
      `INSERT INTO letter_status_change (letter_id, from_status, to_status, reason, actor_user_id, changed_at)
       VALUES ($1, 'queued', 'failed', 'The letters outbox folder is not available', NULL, $2)`,
      [approved.id, now],
    );
  });
  say('demo GP letters created: draft, withdrawn, queued, delivered, acknowledged and failed (Demo Practice A has an inbox)');
}
