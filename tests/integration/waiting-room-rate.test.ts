import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis as IORedis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import { createMemoryRoomStore } from '../../edge/waiting-room/store/memory';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';

const T0 = Date.UTC(2030, 0, 1, 12);
const WORKER = fileURLToPath(new URL('./waiting-room-admit-worker.ts', import.meta.url));

const redis = redisUrl ? new IORedis(redisUrl) : undefined;
const prefix = uniquePrefix('wr-rate');
afterAll(async () => {
  if (!redis) return;
  await dropPrefix(redis, prefix);
  await redis.quit();
});

async function joinAll(store: RoomStore, eventId: string, count: number) {
  const ids: string[] = [];
  for (let from = 0; from < count; from += 500) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(500, count - from) }, (_, i) =>
        store.join(
          eventId,
          { clientHash: `c${from + i}`, ticketId: `t${from + i}`, expiresAt: T0 + 86_400_000 },
          T0,
        ),
      ),
    );
    for (const j of batch) if (j) ids[j.position] = j.ticketId;
  }
  return ids;
}

const stores: [string, boolean, () => RoomStore][] = [
  ['memory', false, () => createMemoryRoomStore()],
  ['Redis (ioredis)', true, () => createIoredisRoomStore(redis as IORedis, { prefix })],
];

describe.each(stores)('rate accuracy: %s', (_name, needsRedis, make) => {
  it.skipIf(needsRedis && !redisUrl)(
    'admits 6,000 ± 1 in a simulated 10 minutes at 600 per minute',
    async () => {
      const store = make();
      const id = 'rate-600';
      await store.configure(id, { ratePerMinute: 600, abandonAfterSeconds: 86_400 }, T0);
      const tickets = await joinAll(store, id, 6_100);
      let next = 1;
      // Polls at uneven intervals (1–1.7 s), as many edges would; buyers admit once invited.
      for (let now = T0, step = 0; now < T0 + 600_000; step++) {
        now = Math.min(T0 + 600_000, now + 1_000 + ((step * 337) % 700));
        const room = await store.state(id, now);
        const invited = room?.servingNumber ?? 0;
        const admits = [];
        for (; next <= invited; next++)
          admits.push(store.admit(id, tickets[next] as string, next, now));
        for (const a of await Promise.all(admits)) expect(a?.status).toBe('admitted');
      }
      const end = await store.state(id, T0 + 600_000);
      expect(Math.abs((end?.admittedTotal ?? 0) - 6_000)).toBeLessThanOrEqual(1);
      expect(end?.admissionRatePerMinute).toBeCloseTo(600, -1);
    },
  );
});

/** Forks a worker and resolves once it is connected and waiting for `go`. */
function startWorker(job: unknown): Promise<ChildProcess> {
  const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
    child.once('message', () => resolve(child));
    child.send({ type: 'job', job });
  });
}

describe.skipIf(!redisUrl)('active cap across processes', () => {
  it('never exceeds maxActive under hundreds of concurrent admits from four processes', async () => {
    const store = createIoredisRoomStore(redis as IORedis, { prefix });
    const id = 'cap-procs';
    const maxActive = 37;
    await store.configure(
      id,
      { ratePerMinute: 600_000, maxActive, abandonAfterSeconds: 86_400 },
      T0,
    );
    const tickets = await joinAll(store, id, 800);
    const now = T0 + 1_000; // 10,000 positions earned: everybody is invited, slots decide
    const jobs = Array.from({ length: 4 }, (_, w) => ({
      redisUrl,
      prefix,
      eventId: id,
      now,
      // Each process gets its 200 tickets plus 50 of the next one's: the same ticket raced twice.
      tickets: Array.from({ length: 250 }, (_, i) => {
        const position = ((w * 200 + i) % 800) + 1;
        return { id: tickets[position] as string, position };
      }),
    }));
    const children = await Promise.all(jobs.map(startWorker));
    const results = await Promise.all(
      children.map(
        (child) =>
          new Promise<{ admitted: string[]; statuses: Record<string, number> }>((resolve) => {
            child.removeAllListeners('exit');
            child.once('message', (m) => resolve(m as never));
            child.send({ type: 'go' });
          }),
      ),
    );
    const admitted = results.flatMap((r) => r.admitted);
    const detail = JSON.stringify(results.map((r) => r.statuses));
    expect(admitted.length, detail).toBe(maxActive);
    expect(new Set(admitted).size).toBe(maxActive);
    const room = await store.state(id, now + 10);
    expect(room).toMatchObject({ activeBuyers: maxActive, admittedTotal: maxActive });
  });
});
