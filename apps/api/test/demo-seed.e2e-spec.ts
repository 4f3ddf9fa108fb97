import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '@carepath/testing';
import { seedDemoDirectory } from '../src/seed/demo-directory';
import { seedDemoMdt } from '../src/seed/demo-mdt';
import { seedDemoLetters } from '../src/seed/demo-letters';
import { seedDemoPathways } from '../src/seed/demo-pathways';
import { seedDemoReferrals } from '../src/seed/demo-referrals';
import { DEMO, seedDemo } from '../src/seed/demo-seed';

describe('demo seed (e2e)', () => {
  let t: TestApp;
  const lines: string[] = [];
  const say = (line: string) => lines.push(line);
  const outbox = mkdtempSync(join(tmpdir(), 'carepath-demo-letters-'));

  beforeAll(async () => {
    t = await createTestApp({ env: { LETTERS_OUTBOX_DIR: outbox } });
    await seedDemo(t.database.url, 'demo-password-for-tests', say);
    await seedDemoReferrals(t.app, say);
    await seedDemoPathways(t.app, say);
    await seedDemoDirectory(t.app, say);
    await seedDemoMdt(t.app, say);
    await seedDemoLetters(t.app, say);
  });
  afterAll(async () => {
    await t.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('creates a user per role and 20 patients with valid 999-range NHS numbers', async () => {
    const users: { role: string }[] = await t.dataSource.query('SELECT role FROM app_user ORDER BY email');
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(['admin', 'clinician', 'social_prescriber', 'gp', 'service_manager']));
    expect(users).toHaveLength(7);
    const patients: { nhs_number: string }[] = await t.dataSource.query('SELECT nhs_number FROM patient');
    expect(patients).toHaveLength(20);
    expect(patients.every((p) => p.nhs_number.startsWith('999'))).toBe(true);
    expect(lines).toContain('demo password: the value of SEED_PASSWORD');
  });

  it('has referrals in every state and waiting lists near and past 18 weeks', async () => {
    const statuses: { status: string }[] = await t.dataSource.query('SELECT DISTINCT status FROM referral WHERE service_id = $1', [
      DEMO.service,
    ]);
    expect(statuses.map((s) => s.status).sort()).toEqual(
      [
        'discharged',
        'entered-in-error',
        'in-treatment',
        'info-requested',
        'received',
        'redirected',
        'rejected',
        'triaged-accepted',
        'waiting',
      ].sort(),
    );
    const waits: { days: number }[] = await t.dataSource.query(
      `SELECT ($2::date - clock_started_on) AS days FROM waiting_list_entry WHERE service_id = $1 AND NOT awaiting_rebooking`,
      [DEMO.service, t.clock.now().toISOString().slice(0, 10)],
    );
    expect(waits.some((w) => w.days > 126)).toBe(true);
    expect(waits.some((w) => w.days >= 110 && w.days <= 126)).toBe(true);
  });

  it('has active, on-hold and completed pathways with sessions, DNAs and outcome scores', async () => {
    const statuses: { status: string }[] = await t.dataSource.query('SELECT DISTINCT status FROM care_pathway ORDER BY status');
    expect(statuses.map((s) => s.status)).toEqual(['active', 'completed', 'on-hold']);
    const [sessions] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE outcome = 'attended')::int AS attended, count(*) FILTER (WHERE outcome = 'dna')::int AS dna FROM therapy_session`,
    );
    expect(sessions.attended).toBeGreaterThan(10);
    expect(sessions.dna).toBeGreaterThan(2);
    const pairs = await t.dataSource.query(
      `SELECT measure FROM outcome_measure GROUP BY pathway_id, measure HAVING count(DISTINCT timepoint) = 2`,
    );
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    const modalities = await t.dataSource.query('SELECT DISTINCT modality FROM pathway_activity');
    expect(modalities.length).toBeGreaterThanOrEqual(5);
    const dnaTasks = await t.dataSource.query(`SELECT 1 FROM clinical_task WHERE kind = 'dna-review'`);
    expect(dnaTasks.length).toBe(sessions.dna);
  });

  it('has a directory of about 30 services across the demo districts and handoffs in each state', async () => {
    const [{ services }] = await t.dataSource.query('SELECT count(*)::int AS services FROM directory_service');
    expect(services).toBe(30);
    const handoffs: { status: string }[] = await t.dataSource.query('SELECT DISTINCT status FROM handoff ORDER BY status');
    expect(handoffs.map((h) => h.status)).toEqual(['accepted', 'cancelled', 'completed', 'in-progress', 'rejected', 'requested']);
    const located = await t.dataSource.query(`SELECT 1 FROM directory_service WHERE location_approximate`);
    expect(located.length).toBe(30);
  });

  it('has a past MDT meeting with decisions and actions, and an upcoming one whose case list has an overdue review, a flag and a DNA task', async () => {
    const meetings: { id: string; status: string }[] = await t.dataSource.query('SELECT id, status FROM mdt_meeting ORDER BY meeting_on');
    expect(meetings.map((m) => m.status)).toEqual(['closed', 'planned']);
    const decisions: { decision: string; actions: unknown[] }[] = await t.dataSource.query(
      'SELECT decision, actions FROM mdt_decision ORDER BY decision',
    );
    expect(decisions.map((d) => [d.decision, d.actions.length])).toEqual([
      ['change-pathway', 1],
      ['continue', 1],
    ]);
    expect(await t.dataSource.query(`SELECT 1 FROM clinical_task WHERE kind = 'mdt-action'`)).toHaveLength(2);
    const cases: { reasons: string[] }[] = await t.dataSource.query(
      `SELECT reasons FROM mdt_case WHERE meeting_id = $1 AND origin = 'generated'`,
      [meetings[1].id],
    );
    const reasons = cases.flatMap((c) => c.reasons);
    expect(reasons).toEqual(expect.arrayContaining(['scheduled-review', 'flagged', 'dna-review-task']));
    expect(cases.some((c) => c.reasons.length === 1 && c.reasons[0] === 'scheduled-review')).toBe(true);
    expect(cases.some((c) => c.reasons.length === 1 && c.reasons[0] === 'flagged')).toBe(true);
  });

  it('is idempotent: a second run adds nothing', async () => {
    const count = async () =>
      (
        await t.dataSource.query(
          'SELECT (SELECT count(*) FROM referral)::int AS r, (SELECT count(*) FROM patient)::int AS p, (SELECT count(*) FROM app_user)::int AS u, (SELECT count(*) FROM care_pathway)::int AS c, (SELECT count(*) FROM therapy_session)::int AS s, (SELECT count(*) FROM directory_service)::int AS d, (SELECT count(*) FROM handoff)::int AS h, (SELECT count(*) FROM mdt_meeting)::int AS m, (SELECT count(*) FROM mdt_decision)::int AS md',
        )
      )[0];
    const before = await count();
    lines.length = 0;
    await seedDemo(t.database.url, 'demo-password-for-tests', say);
    await seedDemoReferrals(t.app, say);
    await seedDemoPathways(t.app, say);
    await seedDemoDirectory(t.app, say);
    await seedDemoMdt(t.app, say);
    expect(await count()).toEqual(before);
    expect(lines).toEqual([]);
  });

  it('has GP letters in every state, a failed one to resend and an inbox for the demo GP', async () => {
    const statuses: { status: string }[] = await t.dataSource.query('SELECT status FROM letter WHERE service_id = $1 ORDER BY status', [
      DEMO.service,
    ]);
    expect(statuses.map((s) => s.status)).toEqual(['acknowledged', 'delivered', 'draft', 'failed', 'queued', 'withdrawn']);
    const inbox: { status: string }[] = await t.dataSource.query(
      'SELECT status FROM letter WHERE practice_id = $1 AND in_gp_inbox ORDER BY status',
      [DEMO.practiceA],
    );
    expect(inbox.map((s) => s.status)).toEqual(['acknowledged', 'delivered']);
    const documents: { count: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM letter_document d JOIN letter l ON l.id = d.letter_id WHERE l.service_id = $1 AND d.variant = 'gp'`,
      [DEMO.service],
    );
    expect(documents[0].count).toBe(4);
    await seedDemoLetters(t.app, say);
    const again: { count: number }[] = await t.dataSource.query('SELECT count(*)::int AS count FROM letter WHERE service_id = $1', [
      DEMO.service,
    ]);
    expect(again[0].count).toBe(6);
  });
});
