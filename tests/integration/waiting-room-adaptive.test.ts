import { Redis as IORedis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';

const T0 = Date.UTC(2030, 0, 1, 12);
const MIN = 60_000;

/**
 * A simulated origin: it serves `capacity` buyers a minute comfortably (p95 200–400 ms); past
 * that its p95 grows with the square of the overload. The slow phase is a degraded origin
 * (a third of its capacity), as when a dependency slows down.
 */
function originP95(admittedPerMinute: number, capacity: number): number {
  const load = admittedPerMinute / capacity;
  return load <= 1 ? 200 + 200 * load : 400 * load * load;
}

const capacityAt = (t: number) => (t >= 3 * MIN && t < 6 * MIN ? 150 : 600);

describe.skipIf(!redisUrl)('adaptive admission against a slow origin (real Redis)', () => {
  const redis = new IORedis(redisUrl as string);
  const prefix = uniquePrefix('wr-adaptive');
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  it('backs the rate off while the origin is slow and recovers when it is healthy again', async () => {
    const store = createIoredisRoomStore(redis, { prefix });
    const id = 'adaptive-sale';
    await store.configure(
      id,
      {
        mode: 'adaptive',
        targetP95Ms: 500,
        minRatePerMinute: 30,
        maxRatePerMinute: 900,
        ratePerMinute: 300,
        abandonAfterSeconds: 86_400,
      },
      T0,
    );
    const tickets: string[] = [];
    for (let from = 0; from < 6_000; from += 500) {
      const batch = await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          store.join(
            id,
            { clientHash: `c${from + i}`, ticketId: `t${from + i}`, expiresAt: T0 + 9e6 },
            T0,
          ),
        ),
      );
      for (const j of batch) if (j) tickets[j.position] = j.ticketId;
    }
    let next = 1;
    let admittedInWindow = 0;
    const rateAt = new Map<number, number>();
    for (let t = 1_000; t <= 10 * MIN; t += 1_000) {
      const now = T0 + t;
      const invited = (await store.state(id, now))?.servingNumber ?? 0;
      const admits = [];
      for (; next <= invited; next++)
        admits.push(store.admit(id, tickets[next] as string, next, now));
      admittedInWindow += (await Promise.all(admits)).length;
      if (t % 5_000 === 0) {
        // The origin reports what its buyers felt over the last five seconds.
        const p95Ms = originP95(admittedInWindow * 12, capacityAt(t - 1));
        const answer = await store.reportHealth(id, { p95Ms, errorRate: 0, at: now });
        rateAt.set(t, answer?.ratePerMinute ?? -1);
        admittedInWindow = 0;
      }
    }
    const window = (from: number, to: number) =>
      [...rateAt].filter(([t]) => t > from && t <= to).map(([, r]) => r);
    const trace = `rate every 5 s: ${[...rateAt.values()].join(' ')}`;
    const healthy = window(2 * MIN, 3 * MIN);
    const slow = window(5 * MIN, 6 * MIN);
    const recovered = window(9 * MIN, 10 * MIN);
    // Healthy: the rate climbs to around the origin's capacity (600/min) and holds there.
    expect(Math.min(...healthy), trace).toBeGreaterThan(400);
    // Slow origin: it backs off to around the degraded capacity (150/min) within two minutes.
    expect(Math.max(...slow), trace).toBeLessThan(260);
    expect(Math.min(...slow), trace).toBeGreaterThanOrEqual(30);
    // Healthy again: it recovers.
    expect(Math.min(...recovered), trace).toBeGreaterThan(400);
  });
});
