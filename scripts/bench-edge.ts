/**
 * Edge benchmark (`npm run bench:edge -- --seconds 3 --concurrency 16`), every phase bounded by
 * `--seconds`:
 * - the access-token CloudFront Function, compiled as CloudFront runs it, in the
 *   cloudfront-js-2.0 sandbox (edge/local/cff-sandbox.ts): verifications/s of a valid token and
 *   refusals/s of a forged one;
 * - the Lambda@Edge waiting room (`createWaitingRoomHandler`) called with CloudFront
 *   origin-request events: joins/s, then admits/s of the tickets those joins issued, with the
 *   memory store and with real Redis through `@upstash/redis` and the Upstash REST bridge.
 * Each line has p50/p99 per call. Redis: REDIS_URL or 127.0.0.1:6379 (skipped if none answers);
 * keys go under a unique prefix and are deleted at the end.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { buildViewerRequestEvent } from '../edge/local/cff-event';
import { createCloudFrontFunctionRunner } from '../edge/local/cff-sandbox';
import { startUpstashBridge } from '../edge/local/upstash-bridge';
import { DEV_TOKEN_KEYS, signToken } from '../edge/token';
import { compileViewerRequestFunction } from '../edge/viewer-request/compile';
import { createWaitingRoomHandler } from '../edge/waiting-room/handler';
import { createMemoryRoomStore } from '../edge/waiting-room/store/memory';
import type { RoomStore } from '../edge/waiting-room/store/types';
import { createUpstashRoomStore } from '../edge/waiting-room/store/upstash';
import { type BenchRun, runFor } from './bench-loop';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const EVENT = 'bench-arena';

function report(label: string, unit: string, run: BenchRun): void {
  const rate = Math.round(run.ok / run.seconds).toLocaleString('en-US');
  const ms = (v: number) => (v < 1 ? v.toFixed(3) : v.toFixed(2));
  const failed = run.failed > 0 ? `   (${run.failed} failed)` : '';
  console.log(
    `${label.padEnd(44)} ${rate.padStart(9)} ${unit.padEnd(16)} p50 ${ms(run.p50).padStart(6)} ms   p99 ${ms(run.p99).padStart(6)} ms${failed}`,
  );
}

/** The viewer-request event CloudFront gives the function on a buying path (the local edge's builder). */
function viewerRequest(token: string) {
  return buildViewerRequestEvent(
    {
      method: 'POST',
      path: `/api/events/${EVENT}/holds`,
      querystring: '',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      body: Buffer.alloc(0),
      clientIp: '203.0.113.9',
    },
    { distributionDomainName: 'd1.cloudfront.net', distributionId: 'E1', requestId: 'bench' },
  );
}

async function benchFunction(): Promise<void> {
  const kvs: Record<string, string> = {};
  for (const [kid, secret] of Object.entries(DEV_TOKEN_KEYS.keys)) kvs[`kid:${kid}`] = secret;
  const code = compileViewerRequestFunction();
  const token = await signToken(
    { typ: 'access', evt: EVENT, tid: 't_bench', scp: 'buy' },
    DEV_TOKEN_KEYS,
    3600,
  );
  const valid = viewerRequest(token);
  const refused = viewerRequest(`${token.slice(0, -4)}AAAA`);
  const passes = (run: Runner) => async () => !('statusCode' in (await run(valid)));
  const refuses = (run: Runner) => async () => (await run(refused)).statusCode === 401;
  const limited = createCloudFrontFunctionRunner({ code, kvs });
  // Without the per-call time-limit watchdog: the function's own cost in this V8.
  const bare = createCloudFrontFunctionRunner({ code, kvs, timeoutMs: 0 });
  report(
    'CloudFront Function (sandbox), valid token',
    'verifications/s',
    await runFor(1, SECONDS, passes(limited)),
  );
  report(
    'CloudFront Function (sandbox), forged token',
    'refusals/s',
    await runFor(1, SECONDS, refuses(limited)),
  );
  report(
    '  same, no time-limit watchdog, valid token',
    'verifications/s',
    await runFor(1, SECONDS, passes(bare)),
  );
}

type Runner = ReturnType<typeof createCloudFrontFunctionRunner>;
type Handler = (event: unknown) => Promise<{ status: string; body?: string }>;

/** A CloudFront origin-request event as Lambda@Edge receives it. */
function originRequest(method: string, uri: string, clientIp: string, body?: string) {
  const headers: Record<string, { key: string; value: string }[]> = {
    host: [{ key: 'Host', value: 'd1.cloudfront.net' }],
    'user-agent': [{ key: 'User-Agent', value: 'floodgate-bench' }],
  };
  if (body) headers['content-type'] = [{ key: 'Content-Type', value: 'application/json' }];
  const request: Record<string, unknown> = { clientIp, method, uri, querystring: '', headers };
  if (body) {
    request.body = {
      inputTruncated: false,
      action: 'read-only',
      encoding: 'base64',
      data: Buffer.from(body).toString('base64'),
    };
  }
  const config = {
    distributionDomainName: 'd1.cloudfront.net',
    distributionId: 'E1',
    eventType: 'origin-request',
    requestId: 'bench',
  };
  return { Records: [{ cf: { config, request } }] };
}

async function benchHandler(label: string, store: RoomStore): Promise<void> {
  await store.configure(EVENT, {
    ratePerMinute: 10_000_000,
    maxActive: 10_000_000,
    sessionSeconds: 900,
  });
  const run = createWaitingRoomHandler({
    store,
    keys: DEV_TOKEN_KEYS,
    joinRateLimit: { limit: 1_000_000_000, windowSeconds: 60 },
  }) as unknown as Handler;
  const tickets: { ticket: string; clientSecret: string }[] = [];
  let n = 0;
  const joins = await runFor(CONCURRENCY, SECONDS, async () => {
    n++;
    const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const result = await run(originRequest('POST', `/wr/${EVENT}/join`, ip));
    if (result.status !== '201') return false;
    tickets.push(JSON.parse(result.body ?? '{}'));
    return true;
  });
  report(`Lambda@Edge handler, ${label}: join`, 'joins/s', joins);
  const admits = await runFor(CONCURRENCY, SECONDS, async () => {
    const next = tickets.pop();
    if (!next) return 'stop';
    const result = await run(
      originRequest('POST', `/wr/${EVENT}/admit`, '10.0.0.1', JSON.stringify(next)),
    );
    return result.status === '200';
  });
  report(`Lambda@Edge handler, ${label}: admit`, 'admits/s', admits);
}

async function benchRedis(): Promise<void> {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
  } catch {
    console.log(`(no Redis at ${redisUrl}: the Upstash lines are skipped)`);
    redis.disconnect();
    return;
  }
  const prefix = `bench:edge:${process.pid}:${randomBytes(3).toString('hex')}:`;
  const bridge = await startUpstashBridge({ redisUrl, token: randomBytes(16).toString('hex') });
  try {
    const store = createUpstashRoomStore({ url: bridge.url, token: bridge.token, prefix });
    await benchHandler('Redis via Upstash REST', store);
  } finally {
    await bridge.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

console.log(
  `bench:edge — ${SECONDS} s per line, ${CONCURRENCY} in flight for the handler (Node ${process.version})`,
);
await benchFunction();
await benchHandler('memory store', createMemoryRoomStore());
await benchRedis();
