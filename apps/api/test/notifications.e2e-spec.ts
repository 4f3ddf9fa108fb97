import { ChildProcess, spawn } from 'node:child_process';
import { JobRegistry } from '@carepath/database';
import { bearer, createPatient, createTestApp, createWorld, eventually, freePort, login, TestApp, World } from '@carepath/testing';

async function changeNeeds(t: TestApp, token: string, patientId: string): Promise<void> {
  await t.http
    .patch(`/api/v1/patients/${patientId}`)
    .set(bearer(token))
    .send({ version: 1, communicationNeeds: { format: 'easy-read' } })
    .expect(200);
}

async function adminNotifications(t: TestApp, token: string) {
  const res = await t.http.get('/api/v1/notifications').set(bearer(token)).expect(200);
  return res.body as {
    items: { id: string; type: string; message: string; patientId: string; readAt: string | null }[];
    unreadCount: number;
  };
}

describe.each([
  ['Redis', undefined],
  ['PostgreSQL', null],
] as const)('communication-needs notifications through the %s queue (e2e)', (_, redisUrl) => {
  let t: TestApp;
  let w: World;
  let clinicianToken: string;
  let adminToken: string;

  beforeAll(async () => {
    t = await createTestApp({ redisUrl });
    w = await createWorld(t.dataSource);
    clinicianToken = (await login(t.http, w.clinician.email)).accessToken;
    adminToken = (await login(t.http, w.admin.email)).accessToken;
    t.worker.start();
  });
  afterAll(() => t.close());

  it('notifies the service admins once, without patient details in the message, and lets them mark it read', async () => {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
    await changeNeeds(t, clinicianToken, patientId);
    expect(await t.relay.relayAll()).toBe(1);
    const notification = await eventually(async () =>
      (await adminNotifications(t, adminToken)).items.find((n) => n.patientId === patientId),
    );
    expect(notification).toMatchObject({ type: 'patient.communication-needs-changed', readAt: null });
    expect(notification.message).not.toMatch(/Test|Patient [A-Z]|\d{10}/);
    // the clinician who made the change is not notified; other roles are not either
    const clinicianView = await t.http.get('/api/v1/notifications').set(bearer(clinicianToken)).expect(200);
    expect(clinicianView.body.items).toEqual([]);
    // relaying again publishes nothing new
    expect(await t.relay.relayAll()).toBe(0);
    const read = await t.http.post(`/api/v1/notifications/${notification.id}/read`).set(bearer(adminToken)).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await adminNotifications(t, adminToken)).unreadCount).toBe(0);
    // nobody else can mark it
    await t.http.post(`/api/v1/notifications/${notification.id}/read`).set(bearer(clinicianToken)).expect(404);
  });

  it('a job run twice (retry after a crash) still notifies once', async () => {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
    await changeNeeds(t, clinicianToken, patientId);
    await t.relay.relayAll();
    await eventually(async () => (await adminNotifications(t, adminToken)).items.find((n) => n.patientId === patientId));
    const [event] = await t.dataSource.query('SELECT id FROM outbox_event WHERE aggregate_id = $1', [patientId]);
    // publish the same outbox row again, as a relay that crashed before committing would
    await t.dataSource.query('UPDATE outbox_event SET published_at = NULL WHERE id = $1', [event.id]);
    await t.relay.relayAll();
    await t.app
      .get(JobRegistry)
      .dispatch('notifications:communication-needs-changed', { outboxId: event.id, patientId, changedByUserId: w.clinician.id });
    const rows = await t.dataSource.query('SELECT 1 FROM notification WHERE source_event_id = $1', [event.id]);
    expect(rows).toHaveLength(1);
  });

  it('nothing is sent for a change that was refused', async () => {
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA);
    await t.http
      .patch(`/api/v1/patients/${patientId}`)
      .set(bearer(clinicianToken))
      .send({ version: 7, communicationNeeds: { format: 'braille' } })
      .expect(409);
    expect(await t.relay.relayAll()).toBe(0);
  });
});

describe('a notification survives the queue being unreachable at commit time (e2e)', () => {
  let t: TestApp;
  let w: World;
  let redis: ChildProcess | undefined;

  afterAll(async () => {
    await t?.close();
    redis?.kill('SIGKILL');
  });

  it('is delivered once Redis comes back', async () => {
    const port = await freePort();
    t = await createTestApp({ redisUrl: `redis://127.0.0.1:${port}` });
    w = await createWorld(t.dataSource);
    const clinicianToken = (await login(t.http, w.clinician.email)).accessToken;
    const adminToken = (await login(t.http, w.admin.email)).accessToken;
    const patientId = await createPatient(t.dataSource, w.service, w.practiceA);

    // Redis is down: the change still commits, with its outbox row
    await changeNeeds(t, clinicianToken, patientId);
    expect(await t.relay.relayAll()).toBe(0);
    const [pending] = await t.dataSource.query('SELECT attempts, published_at, last_error FROM outbox_event WHERE aggregate_id = $1', [
      patientId,
    ]);
    expect(pending).toMatchObject({ attempts: 1, published_at: null });
    expect(pending.last_error).toEqual(expect.any(String));
    await t.http.get('/health/ready').expect(503);

    // Redis comes back: the relay retries the row and the worker delivers it
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(async () => ((await t.http.get('/health/ready')).status === 200 ? true : undefined));
    t.worker.start();
    await t.dataSource.query('UPDATE outbox_event SET available_at = now() WHERE aggregate_id = $1', [patientId]);
    expect(await eventually(async () => ((await t.relay.relayAll()) === 1 ? 1 : undefined))).toBe(1);
    const notification = await eventually(async () =>
      (await adminNotifications(t, adminToken)).items.find((n) => n.patientId === patientId),
    );
    expect(notification.type).toBe('patient.communication-needs-changed');
    const [published] = await t.dataSource.query('SELECT published_at FROM outbox_event WHERE aggregate_id = $1', [patientId]);
    expect(published.published_at).not.toBeNull();
  });
});
