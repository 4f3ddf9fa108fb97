import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { defineEvent, JobRegistry, QUEUE_NAME, writeOutbox } from '@carepath/database';
import { createTestApp, eventually, TestApp } from '@carepath/testing';

const ProbeRaised = defineEvent<{ probeId: string }>('test.probe-raised', 'Probe', 'probeId');
const NobodyListens = defineEvent<{ probeId: string }>('test.nobody-listens', 'Probe', 'probeId');

describe.each([
  ['Redis', undefined],
  ['PostgreSQL', null],
] as const)('an event fans out to each of its subscribers through the %s queue (e2e)', (_, redisUrl) => {
  let t: TestApp;
  let queue: Queue;
  const runs: string[] = [];
  const failOnce = new Set<string>();

  async function raise(event: typeof ProbeRaised, probeId: string): Promise<string> {
    const row = await t.dataSource.transaction((manager) => writeOutbox(manager, event, { probeId }));
    return row.id;
  }
  const runsOf = (subscriber: string, probeId: string) => runs.filter((run) => run === `${subscriber}:${probeId}`).length;

  beforeAll(async () => {
    t = await createTestApp({ redisUrl });
    queue = t.app.get<Queue>(getQueueToken(QUEUE_NAME));
    const registry = t.app.get(JobRegistry);
    registry.subscribe(ProbeRaised, 'probe:first', async ({ probeId }) => {
      runs.push(`first:${probeId}`);
    });
    registry.subscribe(ProbeRaised, 'probe:second', async ({ probeId }) => {
      runs.push(`second:${probeId}`);
      if (failOnce.delete(probeId)) throw new Error('the effect failed this time');
    });
    t.worker.start();
  });
  afterAll(() => t.close());

  it('two subscribers of one event each run once, each in its own job', async () => {
    const probeId = randomUUID();
    const outboxId = await raise(ProbeRaised, probeId);
    expect(await t.relay.relayAll()).toBe(1);
    await eventually(async () => (runsOf('first', probeId) === 1 && runsOf('second', probeId) === 1 ? true : undefined));
    // a relay that crashed before committing publishes the same row again: still one job per subscriber
    await t.dataSource.query('UPDATE outbox_event SET published_at = NULL WHERE id = $1', [outboxId]);
    expect(await t.relay.relayAll()).toBe(1);
    for (const subscriber of ['probe:first', 'probe:second']) {
      const job = await queue.getJob(`${outboxId}:${subscriber}`);
      expect(job?.name).toBe(subscriber);
      // The handler has run; the worker marks the job completed just after.
      expect(await eventually(async () => ((await job?.getState()) === 'completed' ? true : undefined))).toBe(true);
    }
    expect(runsOf('first', probeId)).toBe(1);
    expect(runsOf('second', probeId)).toBe(1);
  });

  it('a failing subscriber is retried on its own without re-running the other', async () => {
    const probeId = randomUUID();
    failOnce.add(probeId);
    const outboxId = await raise(ProbeRaised, probeId);
    await t.relay.relayAll();
    await eventually(async () => (runsOf('second', probeId) === 2 ? true : undefined));
    const retried = await queue.getJob(`${outboxId}:probe:second`);
    expect(await eventually(async () => ((await retried?.getState()) === 'completed' ? true : undefined))).toBe(true);
    expect(runsOf('first', probeId)).toBe(1);
    expect((await queue.getJob(`${outboxId}:probe:first`))?.attemptsMade).toBe(1);
  });

  it('an event nobody subscribes to is marked published and queues nothing', async () => {
    const before = await queue.getJobCounts();
    const outboxId = await raise(NobodyListens, randomUUID());
    expect(await t.relay.relayAll()).toBe(1);
    const [row] = await t.dataSource.query('SELECT published_at FROM outbox_event WHERE id = $1', [outboxId]);
    expect(row.published_at).not.toBeNull();
    expect(await queue.getJobCounts()).toEqual(before);
  });
});
