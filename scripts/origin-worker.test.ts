import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl, uniquePrefix } from '../tests/helpers/redis';
import { type Stack, startStack } from './stack';

const ORGANIZER_KEY = 'workers-test-key';
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** How many GET /api/admin/events one worker has served, from its own /metrics. */
async function adminListsServed(originUrl: string): Promise<number> {
  const text = await (await fetch(`${originUrl}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.includes('_count{') && l.includes('method="GET"') && /admin\/events"/.test(l))
    .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
}

describe('several origin workers', () => {
  it('refuses to start them without real Redis, naming REDIS_URL', async () => {
    await expect(startStack({ port: 0, inMemory: true, quiet: true, workers: 2 })).rejects.toThrow(
      /several origin workers need real Redis.*REDIS_URL/,
    );
  });
});

describe.skipIf(!redisUrl)('several origin workers on real Redis', () => {
  const prefix = uniquePrefix('origin-workers');
  let stack: Stack;
  const warnings: string[] = [];

  beforeAll(async () => {
    const warn = console.error;
    console.error = (...args: unknown[]) => void warnings.push(args.join(' '));
    afterAll(() => {
      console.error = warn;
    });
    stack = await startStack({
      port: 0,
      inMemory: true,
      quiet: true,
      redisUrl,
      redisPrefix: prefix,
      organizerKey: ORGANIZER_KEY,
      workers: 2,
    });
  });

  afterAll(async () => {
    const pids = stack?.originPids() ?? [];
    await stack?.close();
    expect(pids.filter(alive), 'workers still running after close').toEqual([]);
    const redis = new Redis(redisUrl as string);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('runs two origin processes behind the edge and spreads requests across both', async () => {
    expect(stack.originUrls).toHaveLength(2);
    const pids = stack.originPids();
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(process.pid);
    const catalog = await fetch(`${stack.url}/api/catalog/events`);
    expect(catalog.status, await catalog.clone().text()).toBe(200);
    expect(JSON.stringify(await catalog.json())).toContain('demo-arena');
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${stack.url}/api/admin/events`, {
        headers: { authorization: `Bearer ${ORGANIZER_KEY}` },
      });
      expect(res.status, await res.text()).toBe(200);
    }
    const served = await Promise.all(stack.originUrls.map(adminListsServed));
    expect(
      served.every((n) => n >= 1),
      `per worker: ${served.join(', ')}`,
    ).toBe(true);
  });

  it('gives every worker the same ticket-signing keys, so a code from one verifies on all', async () => {
    const published = await Promise.all(
      stack.originUrls.map(async (url) => {
        const res = await fetch(`${url}/api/catalog/ticket-keys`);
        expect(res.status, await res.clone().text()).toBe(200);
        return JSON.stringify(await res.json());
      }),
    );
    expect(new Set(published).size).toBe(1);
  });

  it('restarts a worker that dies, on the same address, and logs it', async () => {
    const [first] = stack.originPids() as [number];
    process.kill(first, 'SIGKILL');
    let back: number | undefined;
    for (let i = 0; i < 150 && !back; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const pid = stack.originPids()[0];
      const ok = await fetch(`${stack.originUrls[0]}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok && pid && pid !== first) back = pid;
    }
    expect(back, 'worker 0 did not come back within 15 s').toBeDefined();
    expect(warnings.join('\n')).toMatch(
      /origin worker 0 \(pid \d+\) exited \(SIGKILL\); restarting/,
    );
  }, 20_000);
});
