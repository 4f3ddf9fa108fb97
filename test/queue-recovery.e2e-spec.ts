import { ChildProcess, spawn } from 'node:child_process';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { JobRegistry, JobSchedulers, QUEUE_NAME } from '@carepath/database';
import { DELAY_REVIEW_SCAN } from '@carepath/referrals';
import { bearer, createPatient, createTestApp, createWorld, eventually, freePort, login, TestApp } from '@carepath/testing';

// Issue 13, Deliver 4: after a queue outage, events waited up to 47 s because the relay's backoff grew to 300 s.
// An urgent PHQ-9 alert must not wait for a backoff timer: once the queue answers, every waiting event goes within 10 s.
describe('the outbox after a queue outage (e2e)', () => {
  let t: TestApp;
  let redis: ChildProcess | undefined;

  afterAll(async () => {
    await t?.relay.stop();
    await t?.close();
    redis?.kill('SIGKILL');
  });

  it('publishes every waiting event within 10 s of the queue coming back, however long the outage was', async () => {
    const port = await freePort();
    t = await createTestApp({ redisUrl: `redis://127.0.0.1:${port}`, env: { OUTBOX_POLL_MS: '200' } });
    const w = await createWorld(t.dataSource);
    const token = (await login(t.http, w.clinician.email)).accessToken;
    const patients = [await createPatient(t.dataSource, w.service, w.practiceA), await createPatient(t.dataSource, w.service, w.practiceA)];
    for (const id of patients) {
      await t.http
        .patch(`/api/v1/patients/${id}`)
        .set(bearer(token))
        .send({ version: 1, communicationNeeds: { format: 'easy-read' } })
        .expect(200);
    }
    // A long outage: many failed tries already behind each row.
    await t.dataSource.query(`UPDATE outbox_event SET attempts = 20`);
    expect(await t.relay.relayAll()).toBe(0);
    const [waiting] = await t.dataSource.query(
      `SELECT max(extract(epoch FROM available_at - now())) AS wait, min(attempts) AS attempts FROM outbox_event WHERE published_at IS NULL`,
    );
    expect(Number(waiting.attempts)).toBeGreaterThanOrEqual(20);
    expect(Number(waiting.wait)).toBeLessThanOrEqual(5);

    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(async () => ((await t.http.get('/health/ready')).status === 200 ? true : undefined));
    const back = Date.now();
    t.relay.start();
    await eventually(async () => {
      const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL`);
      return row.n === 0 ? true : undefined;
    }, 15_000);
    expect(Date.now() - back).toBeLessThan(10_000);
  });
});

// Issue 13, Deliver 4: after Redis restarted empty, the recurring delay-review scan was gone until the app restarted.
describe('job schedulers after Redis restarts empty (e2e)', () => {
  let t: TestApp;
  let redis: ChildProcess | undefined;
  const startRedis = (port: number) =>
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });

  afterAll(async () => {
    await t?.close();
    redis?.kill('SIGKILL');
  });

  it('puts every recurring scan back once the queue answers again', async () => {
    const port = await freePort();
    redis = startRedis(port);
    t = await createTestApp({ redisUrl: `redis://127.0.0.1:${port}` });
    const queue = t.app.get<Queue>(getQueueToken(QUEUE_NAME));
    const schedulers = t.app.get(JobSchedulers);
    const names = t.app.get(JobRegistry).schedules.map((s) => s.name);
    expect(names).toContain(DELAY_REVIEW_SCAN);
    await eventually(async () => ((await t.http.get('/health/ready')).status === 200 ? true : undefined));
    expect((await schedulers.ensureAll()).sort()).toEqual([...names].sort());
    expect(await queue.getJobScheduler(DELAY_REVIEW_SCAN)).toBeTruthy();
    expect(await schedulers.ensureAll()).toEqual([]);

    redis.kill('SIGKILL');
    await new Promise((resolve) => redis!.once('exit', resolve));
    redis = startRedis(port);
    await eventually(async () => ((await t.http.get('/health/ready')).status === 200 ? true : undefined));
    expect(await queue.getJobScheduler(DELAY_REVIEW_SCAN)).toBeFalsy();

    expect((await schedulers.ensureAll()).sort()).toEqual([...names].sort());
    expect(await queue.getJobScheduler(DELAY_REVIEW_SCAN)).toBeTruthy();
  });
});
