import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@carepath/common';
import { JobRegistry } from '@carepath/database';
import { HEADINGS, LETTERS_OVERDUE_SCAN } from '@carepath/letters';
import {
  bearer,
  createOrganisation,
  createPatient,
  createTestApp,
  createUser,
  createWorld,
  eventually,
  login,
  pdfText,
  TestApp,
  World,
} from '@carepath/testing';

interface Letter {
  id: string;
  kind: string;
  status: string;
  version: number;
  sha256: string | null;
  content: Record<string, unknown> & { patientDetails: { nhsNumber: string }; clinicalSummary: string; distributionList: string[] };
  history: { from: string | null; to: string; reason: string | null; actorUserId: string | null }[];
  deliveries: { transport: string; reference: string | null }[];
  largePrintCopy: boolean;
  failureReason: string | null;
}

describe('GP letters (e2e)', () => {
  let t: TestApp;
  let w: World;
  let registry: JobRegistry;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2026-09-01T09:00:00Z'));
  const outbox = mkdtempSync(join(tmpdir(), 'carepath-letters-'));

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { LETTERS_OUTBOX_DIR: outbox, LETTERS_DELIVERY_ATTEMPTS: '2' } });
    w = await createWorld(t.dataSource);
    registry = t.app.get(JobRegistry);
    for (const key of ['admin', 'clinician', 'manager', 'gpA', 'gpB', 'sp'] as const)
      tokens[key] = (await login(t.http, w[key].email)).accessToken;
    await t.http
      .put('/api/v1/letters/letterhead')
      .set(bearer(tokens.admin))
      .send({ address: ['Riverside Clinic', '1 Park Square', 'Leeds', 'LS1 2AB'], telephone: '0113 496 0000' })
      .expect(200);
    t.worker.start();
  });
  afterAll(async () => {
    await t.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  async function referral(overrides: { communicationFormat?: string; interpreterLanguage?: string } = {}) {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA, overrides);
    const res = await t.http
      .post('/api/v1/referrals')
      .set(bearer(tokens.admin))
      .send({ patientId, priority: 'routine', reason: 'Chronic low back pain', receivedOn: '2026-08-20' })
      .expect(201);
    return { patientId, referralId: res.body.id as string };
  }

  const lettersOf = async (referralId: string, kind?: string): Promise<Letter[]> =>
    (
      await t.http
        .get('/api/v1/letters')
        .query({ referralId, ...(kind ? { kind } : {}) })
        .set(bearer(tokens.clinician))
        .expect(200)
    ).body.items;

  const getLetter = async (id: string, token = tokens.clinician): Promise<Letter> =>
    (await t.http.get(`/api/v1/letters/${id}`).set(bearer(token)).expect(200)).body;

  /** Publishes the outbox and waits for the letter of this kind to be drafted. */
  async function drafted(referralId: string, kind: string): Promise<Letter> {
    await t.relay.relayAll();
    const [letter] = await eventually(async () => {
      const found = await lettersOf(referralId, kind);
      return found.length ? found : undefined;
    });
    return getLetter(letter.id);
  }

  /** Delivers an event to a subscriber again, as a redelivery after a lost acknowledgement would. */
  async function redeliver(type: string, aggregateId: string, subscriber: string): Promise<void> {
    const rows: { id: string; payload: Record<string, string> }[] = await t.dataSource.query(
      'SELECT id, payload FROM outbox_event WHERE type = $1 AND aggregate_id = $2',
      [type, aggregateId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) await registry.dispatch(subscriber, { ...row.payload, outboxId: row.id });
  }

  async function manualDraft(referralId: string, kind = 'mdt-progress'): Promise<Letter> {
    return (await t.http.post('/api/v1/letters').set(bearer(tokens.clinician)).send({ kind, referralId }).expect(201)).body;
  }

  async function approved(letter: Letter): Promise<Letter> {
    return (
      await t.http.post(`/api/v1/letters/${letter.id}/approve`).set(bearer(tokens.clinician)).send({ version: letter.version }).expect(200)
    ).body;
  }

  async function settled(id: string, status: string): Promise<Letter> {
    await t.relay.relayAll();
    return eventually(async () => {
      const letter = await getLetter(id);
      return letter.status === status ? letter : undefined;
    });
  }

  const pdfOf = async (id: string, token = tokens.clinician, variant = 'gp') =>
    (
      await t.http
        .get(`/api/v1/letters/${id}/pdf`)
        .query({ variant })
        .set(bearer(token))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200)
        .expect('Content-Type', 'application/pdf')
    ).body as Buffer;

  describe('automatic drafts, each made once however often its event is delivered', () => {
    it('referral received → a referral acknowledgement, with the patient details and communication needs', async () => {
      const { referralId } = await referral({ interpreterLanguage: 'Polish' });
      const letter = await drafted(referralId, 'referral-acknowledgement');
      await redeliver('referral.received', referralId, 'letters:draft-acknowledgement');
      expect(await lettersOf(referralId, 'referral-acknowledgement')).toHaveLength(1);
      expect(letter).toMatchObject({ status: 'draft', version: 1, history: [{ from: null, to: 'draft', actorUserId: null }] });
      expect(letter.content.patientDetails.nhsNumber).toMatch(/^999 \d{3} \d{4}$/);
      expect(letter.content).toMatchObject({
        patientDetails: { name: 'Test Patient', dateOfBirth: '1970-01-01', postcode: 'LS1 4AP' },
        communicationNeeds: {
          format: 'standard',
          interpreterLanguage: 'Polish',
          statement: expect.stringContaining('Interpreter needed: Polish'),
        },
        personCompletingRecord: null,
      });
    });

    it('triage: a rejection → a triage-outcome letter with the reason; a request for information → no letter', async () => {
      const { referralId } = await referral();
      await t.http
        .post(`/api/v1/referrals/${referralId}/triage`)
        .set(bearer(tokens.clinician))
        .send({ outcome: 'reject', reason: 'Needs an orthopaedic opinion first', version: 1 })
        .expect(200);
      const letter = await drafted(referralId, 'triage-outcome');
      await redeliver('referral.triaged', referralId, 'letters:draft-triage-outcome');
      expect(await lettersOf(referralId, 'triage-outcome')).toHaveLength(1);
      expect(letter.content.clinicalSummary).toContain('Needs an orthopaedic opinion first');

      const other = await referral();
      await t.http
        .post(`/api/v1/referrals/${other.referralId}/triage`)
        .set(bearer(tokens.clinician))
        .send({ outcome: 'request-info', reason: 'Recent imaging?', version: 1 })
        .expect(200);
      await redeliver('referral.triaged', other.referralId, 'letters:draft-triage-outcome');
      expect(await lettersOf(other.referralId, 'triage-outcome')).toHaveLength(0);
    });

    it("pathway agreed → a post-assessment letter with the goals in the patient's words and the planned sessions", async () => {
      const { referralId } = await acceptedWithPathway();
      const letter = await drafted(referralId, 'post-assessment');
      await redeliver('pathway.agreed', (await pathwayOf(referralId)) as string, 'letters:draft-post-assessment');
      expect(await lettersOf(referralId, 'post-assessment')).toHaveLength(1);
      expect(letter.content.clinicalSummary).toContain('"Walk the dog every day"');
      expect(letter.content.actionsForPatient).toContain('Physiotherapy (6 sessions planned)');
    });

    it('referral discharged → a discharge summary with sessions attended, scores and handoffs', async () => {
      const { referralId } = await referral();
      const current = (await t.http.get(`/api/v1/referrals/${referralId}`).set(bearer(tokens.clinician)).expect(200)).body;
      await t.http
        .post(`/api/v1/referrals/${referralId}/discharge`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'Declined treatment', version: current.version })
        .expect(200);
      const letter = await drafted(referralId, 'discharge-summary');
      await redeliver('referral.discharged', referralId, 'letters:draft-discharge-summary');
      expect(await lettersOf(referralId, 'discharge-summary')).toHaveLength(1);
      expect(letter.content.clinicalSummary).toContain('Declined treatment');
      expect(letter.content.clinicalSummary).toContain('No community handoffs made.');
    });
    it('MDT decision recorded → an mdt-progress letter, and the decision is a letter trigger until one is approved', async () => {
      const { referralId } = await acceptedWithPathway();
      const pathwayId = (await pathwayOf(referralId)) as string;
      const created = await t.http
        .post('/api/v1/mdt/meetings')
        .set(bearer(tokens.clinician))
        .send({ date: '2026-09-01', site: 'Riverside Clinic', attendeeIds: [w.clinician.id] })
        .expect(201);
      await t.http
        .post(`/api/v1/mdt/meetings/${created.body.id}/cases`)
        .set(bearer(tokens.clinician))
        .send({ pathwayId, reason: 'Plan review' })
        .expect(201);
      const planned = (await t.http.get(`/api/v1/mdt/meetings/${created.body.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      await t.http
        .post(`/api/v1/mdt/meetings/${created.body.id}/start`)
        .set(bearer(tokens.clinician))
        .send({ version: planned.version })
        .expect(200);
      const started = (await t.http.get(`/api/v1/mdt/meetings/${created.body.id}`).set(bearer(tokens.clinician)).expect(200)).body;
      const item = started.cases.find((c: { pathwayId: string }) => c.pathwayId === pathwayId);
      await t.http
        .post(`/api/v1/mdt/meetings/${created.body.id}/cases/${pathwayId}/decision`)
        .set(bearer(tokens.clinician))
        .send({ summary: 'Progressing well', decision: 'continue', actions: [], version: item.version })
        .expect(201);
      const letter = await drafted(referralId, 'mdt-progress');
      const [event]: { aggregate_id: string }[] = await t.dataSource.query(
        `SELECT aggregate_id FROM outbox_event WHERE type = 'mdt.decision-recorded' AND payload->>'pathwayId' = $1`,
        [pathwayId],
      );
      await redeliver('mdt.decision-recorded', event.aggregate_id, 'letters:draft-mdt-progress');
      expect(await lettersOf(referralId, 'mdt-progress')).toHaveLength(1);
      expect(letter.content.clinicalSummary).toContain('reviewed the care plan on 2026-09-01. Decision: continue.');
      const due = (await t.http.get('/api/v1/letters/due').query({ referralId }).set(bearer(tokens.clinician)).expect(200)).body;
      expect(due.lettersDue).toEqual([{ reason: 'mdt-decision', on: '2026-09-01', dueOn: '2026-09-11', overdue: false, daysOverdue: 0 }]);
      await approved(letter);
      expect(
        (await t.http.get('/api/v1/letters/due').query({ referralId }).set(bearer(tokens.clinician)).expect(200)).body.lettersDue,
      ).toEqual([]);
    });
  });

  async function acceptedWithPathway() {
    const { patientId, referralId } = await referral();
    await t.http
      .post(`/api/v1/referrals/${referralId}/triage`)
      .set(bearer(tokens.clinician))
      .send({ outcome: 'accept', modalities: ['physiotherapy'], version: 1 })
      .expect(200);
    await t.http
      .post(`/api/v1/referrals/${referralId}/pathway`)
      .set(bearer(tokens.clinician))
      .send({
        goals: ['Walk the dog every day'],
        activities: [{ modality: 'physiotherapy', plannedSessions: 6, leadClinicianId: w.clinician.id }],
      })
      .expect(201);
    return { patientId, referralId };
  }

  async function pathwayOf(referralId: string): Promise<string | undefined> {
    const [row]: { aggregate_id: string }[] = await t.dataSource.query(
      `SELECT aggregate_id FROM outbox_event WHERE type = 'pathway.agreed' AND payload->>'referralId' = $1`,
      [referralId],
    );
    return row?.aggregate_id;
  }

  describe('drafting by hand and editing', () => {
    it("a clinician drafts any kind; unknown kind 400; another service's referral 404; other roles 403", async () => {
      const { referralId } = await referral();
      const letter = await manualDraft(referralId);
      expect(letter).toMatchObject({ kind: 'mdt-progress', status: 'draft', history: [{ to: 'draft', actorUserId: w.clinician.id }] });
      expect(letter.content.personCompletingRecord).toEqual({ name: 'Test clinician', discipline: 'psychologist' });
      const bad = await t.http
        .post('/api/v1/letters')
        .set(bearer(tokens.clinician))
        .send({ kind: 'christmas-card', referralId })
        .expect(400);
      expect(bad.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['kind']);

      const otherService = await createOrganisation(t.dataSource, 'pain-service');
      const stranger = await createUser(t.dataSource, otherService, 'clinician');
      const strangerToken = (await login(t.http, stranger.email)).accessToken;
      await t.http.post('/api/v1/letters').set(bearer(strangerToken)).send({ kind: 'mdt-progress', referralId }).expect(404);
      await t.http.get(`/api/v1/letters/${letter.id}`).set(bearer(strangerToken)).expect(404);
      for (const role of ['admin', 'gpA', 'sp', 'manager'])
        await t.http.post('/api/v1/letters').set(bearer(tokens[role])).send({ kind: 'mdt-progress', referralId }).expect(403);
    });

    it('the narrative headings are edited at the current version; a heading over its limit is 400, a stale version 409', async () => {
      const { referralId } = await referral();
      const letter = await manualDraft(referralId);
      const edited = await t.http
        .patch(`/api/v1/letters/${letter.id}`)
        .set(bearer(tokens.clinician))
        .send({ content: { diagnoses: 'Chronic primary pain (MG30.01)', actionsForGp: 'Please review analgesia.' }, version: 1 })
        .expect(200);
      expect(edited.body).toMatchObject({
        version: 2,
        content: { diagnoses: 'Chronic primary pain (MG30.01)', actionsForGp: 'Please review analgesia.' },
      });
      expect(edited.body.content.patientDetails).toEqual(letter.content.patientDetails);
      const stale = await t.http
        .patch(`/api/v1/letters/${letter.id}`)
        .set(bearer(tokens.clinician))
        .send({ content: { diagnoses: 'x' }, version: 1 })
        .expect(409);
      expect(stale.body.code).toBe('STALE_VERSION');
      const long = await t.http
        .patch(`/api/v1/letters/${letter.id}`)
        .set(bearer(tokens.clinician))
        .send({ content: { clinicalSummary: 'x'.repeat(4001) }, version: 2 })
        .expect(400);
      expect(long.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['content.clinicalSummary']);
      await t.http
        .patch(`/api/v1/letters/${letter.id}`)
        .set(bearer(tokens.clinician))
        .send({ content: { patientDetails: { name: 'Someone else' } }, version: 2 })
        .expect(400);
    });

    it('a draft can be withdrawn with a reason, and then nothing more', async () => {
      const { referralId } = await referral();
      const letter = await manualDraft(referralId);
      const withdrawn = await t.http
        .post(`/api/v1/letters/${letter.id}/withdraw`)
        .set(bearer(tokens.clinician))
        .send({ reason: 'Written in error', version: 1 })
        .expect(200);
      expect(withdrawn.body.history.map((h: { to: string }) => h.to)).toEqual(['draft', 'withdrawn']);
      expect(withdrawn.body.history[1]).toMatchObject({ reason: 'Written in error', actorUserId: w.clinician.id });
      const again = await t.http
        .post(`/api/v1/letters/${letter.id}/approve`)
        .set(bearer(tokens.clinician))
        .send({ version: 2 })
        .expect(409);
      expect(again.body.details).toEqual({ current: 'withdrawn', requested: 'approved' });
    });
  });

  describe('approval, the PDF and delivery', () => {
    it('approval freezes the content and renders the PDF once with its SHA-256; the PDF has every heading and the NHS number', async () => {
      const { referralId } = await referral();
      const draft = await manualDraft(referralId, 'post-assessment');
      const letter = await approved(draft);
      expect(letter.status).toBe('queued');
      expect(letter.history.map((h) => [h.to, h.actorUserId])).toEqual([
        ['draft', w.clinician.id],
        ['approved', w.clinician.id],
        ['queued', null],
      ]);
      expect(letter.sha256).toMatch(/^[0-9a-f]{64}$/);
      const pdf = await pdfOf(letter.id);
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(letter.sha256);

      const edit = await t.http
        .patch(`/api/v1/letters/${letter.id}`)
        .set(bearer(tokens.clinician))
        .send({ content: { diagnoses: 'later' }, version: letter.version })
        .expect(409);
      expect(edit.body.code).toBe('LETTER_NOT_A_DRAFT');
      await t.http.post(`/api/v1/letters/${letter.id}/approve`).set(bearer(tokens.clinician)).send({ version: letter.version }).expect(409);
      const after = await getLetter(letter.id);
      expect(after.content).toEqual(letter.content);
      expect(after.sha256).toBe(letter.sha256);
      expect(
        createHash('sha256')
          .update(await pdfOf(letter.id))
          .digest('hex'),
      ).toBe(letter.sha256);

      const { pages } = await pdfText(pdf);
      const text = pages.join('\n');
      for (const heading of HEADINGS) expect(text).toContain(heading);
      expect(text).toContain(letter.content.patientDetails.nhsNumber);
      expect(text).toContain('Riverside Clinic');
      expect(text).toMatch(/Page 1 of \d/);
    });

    it('a queued letter goes to the practice inbox and the file drop exactly once; the approver is told', async () => {
      const { referralId } = await referral();
      const letter = await approved(await manualDraft(referralId));
      const delivered = await settled(letter.id, 'delivered');
      expect(delivered.deliveries.map((d) => d.transport).sort()).toEqual(['gp-inbox', 'mesh-file']);
      const pdf = readFileSync(join(outbox, `${letter.id}.pdf`));
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(letter.sha256);
      const control = JSON.parse(readFileSync(join(outbox, `${letter.id}.ctl.json`), 'utf8'));
      const [practice]: { ods_code: string }[] = await t.dataSource.query('SELECT ods_code FROM organisation WHERE id = $1', [w.practiceA]);
      expect(control).toMatchObject({
        workflowId: 'CAREPATH_GP_LETTER_PDF',
        recipientOdsCode: practice.ods_code,
        nhsNumber: letter.content.patientDetails.nhsNumber.replace(/ /g, ''),
        sha256: letter.sha256,
      });
      expect(
        readdirSync(outbox)
          .filter((f) => f.startsWith(letter.id))
          .sort(),
      ).toEqual([`${letter.id}.ctl.json`, `${letter.id}.pdf`]);
      await redeliver('letter.queued', letter.id, 'letters:deliver');
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM letter_delivery WHERE letter_id = $1', [letter.id]);
      expect(count).toBe(2);
      await t.relay.relayAll();
      await eventually(async () => {
        const [n] = await t.dataSource.query(
          `SELECT 1 FROM notification WHERE user_id = $1 AND entity_id = $2 AND type = 'letter.delivered'`,
          [w.clinician.id, letter.id],
        );
        return n;
      });
    });
  });

  describe('the GP side', () => {
    it("the practice's GP sees it in the inbox, opens the PDF and acknowledges; another practice's GP and the service get 404", async () => {
      const { referralId } = await referral();
      const letter = await settled((await approved(await manualDraft(referralId))).id, 'delivered');
      const inbox = (await t.http.get('/api/v1/inbox/letters').set(bearer(tokens.gpA)).expect(200)).body.items;
      expect(inbox.map((l: Letter) => l.id)).toContain(letter.id);
      expect(
        (await t.http.get('/api/v1/inbox/letters').set(bearer(tokens.gpB)).expect(200)).body.items.map((l: Letter) => l.id),
      ).not.toContain(letter.id);
      expect((await pdfOf(letter.id, tokens.gpA)).subarray(0, 5).toString()).toBe('%PDF-');
      await t.http.get(`/api/v1/letters/${letter.id}`).set(bearer(tokens.gpB)).expect(404);
      await t.http.get(`/api/v1/letters/${letter.id}/pdf`).set(bearer(tokens.gpB)).expect(404);
      for (const token of [tokens.gpB, tokens.clinician, tokens.admin, tokens.sp])
        await t.http.post(`/api/v1/letters/${letter.id}/acknowledge`).set(bearer(token)).send({ version: letter.version }).expect(404);
      await t.http
        .post(`/api/v1/letters/${letter.id}/acknowledge`)
        .set(bearer(tokens.gpA))
        .send({ version: letter.version - 1 })
        .expect(409);
      const acknowledged = await t.http
        .post(`/api/v1/letters/${letter.id}/acknowledge`)
        .set(bearer(tokens.gpA))
        .send({ version: letter.version })
        .expect(200);
      expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedAt: expect.any(String) });
      expect(acknowledged.body.history.at(-1)).toMatchObject({ to: 'acknowledged', actorUserId: w.gpA.id });

      const downloads: { count: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM audit_event WHERE entity_type = 'Letter' AND entity_id = $1 AND action = 'download' AND outcome = 'allowed'`,
        [letter.id],
      );
      expect(downloads[0].count).toBe(1);
      const refused: { count: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS count FROM audit_event WHERE entity_type = 'Letter' AND entity_id = $1 AND outcome = 'denied'`,
        [letter.id],
      );
      expect(refused[0].count).toBeGreaterThanOrEqual(6);

      const unacknowledged = await settled((await approved(await manualDraft(referralId))).id, 'delivered');
      const ordered = (await t.http.get('/api/v1/inbox/letters').set(bearer(tokens.gpA)).expect(200)).body.items.map((l: Letter) => l.id);
      expect(ordered.indexOf(unacknowledged.id)).toBeLessThan(ordered.indexOf(letter.id));
      await t.relay.relayAll();
      await eventually(async () => {
        const [n] = await t.dataSource.query(
          `SELECT 1 FROM notification WHERE user_id = $1 AND entity_id = $2 AND type = 'letter.acknowledged'`,
          [w.clinician.id, letter.id],
        );
        return n;
      });
    });
  });

  describe('failures', () => {
    it('a delivery that keeps failing is retried with backoff, then failed with the reason; an admin sees it and resends it', async () => {
      const { referralId } = await referral();
      const away = `${outbox}-away`;
      renameSync(outbox, away);
      let letter: Letter;
      try {
        letter = await approved(await manualDraft(referralId));
        letter = await settled(letter.id, 'failed');
      } finally {
        renameSync(away, outbox);
      }
      expect(letter.failureReason).toBe('The letters outbox folder is not available');
      expect(letter.deliveries.map((d) => d.transport)).toEqual(['gp-inbox']);
      const [{ delivery_attempts }] = await t.dataSource.query('SELECT delivery_attempts FROM letter WHERE id = $1', [letter.id]);
      expect(delivery_attempts).toBe(2);
      const failed = (await t.http.get('/api/v1/letters').query({ status: 'failed' }).set(bearer(tokens.admin)).expect(200)).body.items;
      expect(failed.map((l: Letter) => l.id)).toContain(letter.id);
      await t.http.post(`/api/v1/letters/${letter.id}/resend`).set(bearer(tokens.clinician)).send({ version: letter.version }).expect(403);
      const resent = await t.http
        .post(`/api/v1/letters/${letter.id}/resend`)
        .set(bearer(tokens.admin))
        .send({ version: letter.version })
        .expect(200);
      expect(resent.body.history.at(-1)).toMatchObject({ from: 'failed', to: 'queued', reason: 'resent', actorUserId: w.admin.id });
      const delivered = await settled(letter.id, 'delivered');
      expect(delivered.deliveries.map((d) => d.transport).sort()).toEqual(['gp-inbox', 'mesh-file']);
      await t.http.post(`/api/v1/letters/${letter.id}/resend`).set(bearer(tokens.admin)).send({ version: delivered.version }).expect(409);
    });

    it('a worker killed between writing the file and recording it leaves, after a restart, one file and one delivery', async () => {
      const { referralId } = await referral();
      const letter = await approved(await manualDraft(referralId));
      const [event]: { id: string; payload: Record<string, string> }[] = await t.dataSource.query(
        `SELECT id, payload FROM outbox_event WHERE type = 'letter.queued' AND aggregate_id = $1`,
        [letter.id],
      );
      const run = (crash: boolean) =>
        new Promise<number | null>((resolve, reject) => {
          const child = fork(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'letter-delivery-worker.cjs'), [], {
            env: {
              ...process.env,
              NODE_ENV: 'test',
              DATABASE_URL: t.database.url,
              REDIS_URL: t.config.redisUrl ?? '',
              QUEUE_PREFIX: t.config.queuePrefix,
              JWT_SECRET: t.config.jwtSecret,
              LOG_LEVEL: 'silent',
              SEED_DEMO: 'false',
              LETTERS_OUTBOX_DIR: outbox,
              LETTER_ID: letter.id,
              STATUS_CHANGE_ID: event.payload.statusChangeId,
              OUTBOX_ID: event.id,
              CRASH_AFTER_FILE_WRITE: crash ? '1' : '0',
            },
            execPath: process.execPath,
            stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          });
          let stderr = '';
          child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
          child.on('message', (message) => {
            if (message === 'file-written') child.kill('SIGKILL');
          });
          child.on('error', reject);
          child.on('exit', (code, signal) =>
            signal === 'SIGKILL' || code === 0 ? resolve(code) : reject(new Error(`worker exited ${code}: ${stderr}`)),
          );
        });

      await run(true);
      expect(existsSync(join(outbox, `${letter.id}.pdf`))).toBe(true);
      const mesh = () =>
        t.dataSource.query(`SELECT count(*)::int AS count FROM letter_delivery WHERE letter_id = $1 AND transport = 'mesh-file'`, [
          letter.id,
        ]);
      expect((await mesh())[0].count).toBe(0);
      expect((await getLetter(letter.id)).status).toBe('queued');

      await run(false);
      expect((await mesh())[0].count).toBe(1);
      expect(
        readdirSync(outbox)
          .filter((f) => f.startsWith(letter.id))
          .sort(),
      ).toEqual([`${letter.id}.ctl.json`, `${letter.id}.pdf`]);
      expect(readdirSync(join(outbox, '.partial')).filter((f) => f.startsWith(letter.id))).toEqual([]);
      const after = await getLetter(letter.id);
      expect(after.status).toBe('delivered');
      expect(
        createHash('sha256')
          .update(readFileSync(join(outbox, `${letter.id}.pdf`)))
          .digest('hex'),
      ).toBe(letter.sha256);
    }, 120_000);
  });

  describe("the patient's copy (Accessible Information Standard)", () => {
    it('large print: a second PDF with body text of at least 16 pt', async () => {
      const { referralId } = await referral({ communicationFormat: 'large-print' });
      const letter = await approved(await manualDraft(referralId));
      expect(letter.largePrintCopy).toBe(true);
      expect(letter.content.distributionList).toContain('Patient (large print copy)');
      const { runs } = await pdfText(await pdfOf(letter.id, tokens.clinician, 'large-print'));
      const body = runs.find((r) => r.text.includes('Preferred format'));
      expect(body?.size).toBeGreaterThanOrEqual(16);
      const gp = (await pdfText(await pdfOf(letter.id))).runs.find((r) => r.text.includes('Preferred format'));
      expect(gp?.size).toBeLessThan(16);
    });

    it('easy read: an admin task to produce the copy; email: nothing is sent and no task', async () => {
      const easy = await referral({ communicationFormat: 'easy-read' });
      const easyLetter = await approved(await manualDraft(easy.referralId));
      const tasks: { kind: string; assignee_user_id: string | null }[] = await t.dataSource.query(
        'SELECT kind, assignee_user_id FROM clinical_task WHERE source_key = $1',
        [`letter-alternative-format:${easyLetter.id}`],
      );
      expect(tasks).toEqual([{ kind: 'letter-alternative-format', assignee_user_id: null }]);
      expect(easyLetter.largePrintCopy).toBe(false);

      const email = await referral({ communicationFormat: 'email' });
      const emailLetter = await approved(await manualDraft(email.referralId));
      expect(emailLetter.content.distributionList).toEqual([expect.stringMatching(/^GP: /)]);
      const none = await t.dataSource.query('SELECT 1 FROM clinical_task WHERE source_key = $1', [
        `letter-alternative-format:${emailLetter.id}`,
      ]);
      expect(none).toEqual([]);
    });
  });

  describe('letters due', () => {
    it('10 days after an attended assessment with no letter approved, the daily scan raises one letter-overdue task', async () => {
      const { referralId } = await referral();
      await t.http
        .post(`/api/v1/referrals/${referralId}/triage`)
        .set(bearer(tokens.clinician))
        .send({ outcome: 'accept', modalities: ['physiotherapy'], version: 1 })
        .expect(200);
      const booked = await t.http
        .post(`/api/v1/referrals/${referralId}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'assessment', startsAt: '2026-09-01T08:00:00Z' })
        .expect(201);
      await t.http
        .post(`/api/v1/appointments/${booked.body.id}/attendance`)
        .set(bearer(tokens.clinician))
        .send({ outcome: 'attended', version: 1 })
        .expect(200);
      const start = clock.now();
      try {
        clock.set(new Date('2026-09-11T09:00:00Z'));
        let clinician = (await login(t.http, w.clinician.email)).accessToken;
        await registry.dispatch(LETTERS_OVERDUE_SCAN, {});
        const due = (await t.http.get('/api/v1/letters/due').query({ referralId }).set(bearer(clinician)).expect(200)).body;
        expect(due.lettersDue).toEqual([
          { reason: 'assessment-attended', on: '2026-09-01', dueOn: '2026-09-11', overdue: false, daysOverdue: 0 },
        ]);
        const taskOf = () =>
          t.dataSource.query('SELECT kind, assignee_user_id, due_on FROM clinical_task WHERE source_key = $1', [
            `letter-overdue:${booked.body.id}`,
          ]);
        expect(await taskOf()).toEqual([]);

        clock.set(new Date('2026-09-12T09:00:00Z'));
        clinician = (await login(t.http, w.clinician.email)).accessToken;
        await registry.dispatch(LETTERS_OVERDUE_SCAN, {});
        await registry.dispatch(LETTERS_OVERDUE_SCAN, {});
        expect(await taskOf()).toEqual([{ kind: 'letter-overdue', assignee_user_id: w.clinician.id, due_on: '2026-09-11' }]);
        await t.http
          .get('/api/v1/letters/due')
          .query({ referralId })
          .set(bearer((await login(t.http, w.gpA.email)).accessToken))
          .expect(404);

        const draft = (
          await t.http.post('/api/v1/letters').set(bearer(clinician)).send({ kind: 'post-assessment', referralId }).expect(201)
        ).body;
        await t.http.post(`/api/v1/letters/${draft.id}/approve`).set(bearer(clinician)).send({ version: draft.version }).expect(200);
        expect((await t.http.get('/api/v1/letters/due').query({ referralId }).set(bearer(clinician)).expect(200)).body.lettersDue).toEqual(
          [],
        );
      } finally {
        clock.set(start);
      }
    });
  });

  describe('the letters report', () => {
    it('per kind: counts by state and turnaround; overdue now; as JSON or CSV, for admins and service managers', async () => {
      // One assessment attended a month ago with no letter since: overdue now (every other trigger above was answered).
      const { referralId } = await referral();
      await t.http
        .post(`/api/v1/referrals/${referralId}/triage`)
        .set(bearer(tokens.clinician))
        .send({ outcome: 'accept', modalities: ['physiotherapy'], version: 1 })
        .expect(200);
      const booked = await t.http
        .post(`/api/v1/referrals/${referralId}/appointments`)
        .set(bearer(tokens.admin))
        .send({ kind: 'assessment', startsAt: '2026-09-01T08:00:00Z' })
        .expect(201);
      await t.http
        .post(`/api/v1/appointments/${booked.body.id}/attendance`)
        .set(bearer(tokens.clinician))
        .send({ outcome: 'attended', version: 1 })
        .expect(200);
      await t.dataSource.query(`UPDATE referral_appointment SET starts_at = '2026-08-01T09:00:00Z' WHERE id = $1`, [booked.body.id]);
      const report = (await t.http.get('/api/v1/reports/letters').set(bearer(tokens.manager)).expect(200)).body;
      expect(report.rows.map((r: { kind: string }) => r.kind)).toEqual([
        'referral-acknowledgement',
        'triage-outcome',
        'post-assessment',
        'mdt-progress',
        'discharge-summary',
      ]);
      const all: { kind: string; status: string }[] = await t.dataSource.query('SELECT kind, status FROM letter WHERE service_id = $1', [
        w.service,
      ]);
      for (const row of report.rows as { kind: string; counts: Record<string, number> }[]) {
        for (const [status, count] of Object.entries(row.counts)) {
          expect(count).toBe(all.filter((l) => l.kind === row.kind && l.status === status).length);
        }
      }
      const mdt = report.rows.find((r: { kind: string }) => r.kind === 'mdt-progress');
      expect(mdt.counts.withdrawn).toBeGreaterThanOrEqual(1);
      expect(mdt.approvalToDeliveryMedian).toBe(0);
      expect(report.overdueNow).toBe(1);
      const csv = await t.http
        .get('/api/v1/reports/letters')
        .query({ format: 'csv', from: '2026-09-01' })
        .set(bearer(tokens.admin))
        .expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.text.trim().split('\n');
      expect(lines[0]).toBe(
        'kind,draft,approved,queued,delivered,acknowledged,failed,withdrawn,event_to_approval_median_days,event_to_approval_p90_days,' +
          'approval_to_delivery_median_days,approval_to_delivery_p90_days,delivery_to_acknowledgement_median_days,delivery_to_acknowledgement_p90_days,overdue_now',
      );
      expect(lines).toHaveLength(6);
      await t.http.get('/api/v1/reports/letters').set(bearer(tokens.clinician)).expect(403);
      await t.http.get('/api/v1/reports/letters').set(bearer(tokens.gpA)).expect(403);
      await t.http.get('/api/v1/reports/letters').query({ from: '2026-02-30' }).set(bearer(tokens.admin)).expect(400);
    });
  });
});
