import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl, uniquePrefix } from '../../tests/helpers/redis';
import { startUpstashBridge, type UpstashBridge } from './upstash-bridge';

describe.skipIf(!redisUrl)('Upstash REST bridge (real @upstash/redis against real Redis)', () => {
  let bridge: UpstashBridge;
  let redis: Redis;
  const p = uniquePrefix('upstash-bridge');

  beforeAll(async () => {
    bridge = await startUpstashBridge({ redisUrl: redisUrl as string, token: 'test-token' });
    redis = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false });
  });

  afterAll(async () => {
    await redis.del(`${p}a`, `${p}n`, `${p}json`, `${p}x`, `${p}y`, `${p}bin`);
    await bridge.close();
  });

  it('runs SET and GET, including unicode values', async () => {
    // Rule (not CloudFront: Upstash "REST API" docs): a command is
    // a JSON array POSTed to /, its result comes back base64-encoded.
    expect(await redis.set(`${p}a`, 'héllo wörld ✓')).toBe('OK');
    expect(await redis.get(`${p}a`)).toBe('héllo wörld ✓');
    expect(await redis.get(`${p}missing`)).toBeNull();
  });

  it('runs INCR and returns numbers as numbers', async () => {
    // Rule (not CloudFront: Upstash "REST API" docs): integer replies
    // stay numbers.
    expect(await redis.incr(`${p}n`)).toBe(1);
    expect(await redis.incrby(`${p}n`, 41)).toBe(42);
  });

  it('round-trips objects through the client serializer', async () => {
    // Rule (not CloudFront: Upstash "REST API" docs): values
    // written by @upstash/redis read back as the same objects.
    await redis.set(`${p}json`, { seats: ['a:1', 'a:2'] });
    expect(await redis.get(`${p}json`)).toEqual({ seats: ['a:1', 'a:2'] });
  });

  it('runs EVAL and EVALSHA with keys and args, and reports NOSCRIPT for unknown scripts', async () => {
    // Rule (not CloudFront: Upstash "REST API" docs):
    // scripting commands pass through; Redis errors keep their codes.
    const script = "redis.call('SET', KEYS[1], ARGV[1]); return {redis.call('GET', KEYS[1]), 7}";
    expect(await redis.eval(script, [`${p}x`], ['v1'])).toEqual(['v1', 7]);
    await expect(redis.evalsha('0'.repeat(40), [`${p}x`], [])).rejects.toThrow(/NOSCRIPT/);
    const sha = await redis.scriptLoad(script);
    expect(await redis.evalsha(sha, [`${p}x`], ['v2'])).toEqual(['v2', 7]);
  });

  it('runs a pipeline in order and a multi-exec transaction', async () => {
    // Rule (not CloudFront: Upstash "REST API" docs): /pipeline
    // runs commands in order, /multi-exec as one transaction.
    const pipe = redis.pipeline();
    pipe.set(`${p}y`, 1).incr(`${p}y`).get(`${p}y`);
    expect(await pipe.exec()).toEqual(['OK', 2, 2]);
    const tx = redis.multi();
    tx.incr(`${p}y`).incr(`${p}y`);
    expect(await tx.exec()).toEqual([3, 4]);
  });

  it('surfaces Redis errors as client errors', async () => {
    // Rule (not CloudFront: Upstash "REST API" docs): a Redis
    // error is an error entry, which the client throws.
    await redis.set(`${p}a`, 'not a number');
    await expect(redis.incr(`${p}a`)).rejects.toThrow(/not an integer/);
  });

  it('rejects a wrong token with 401', async () => {
    // Rule (not CloudFront: Upstash "REST API" docs): requests
    // carry Authorization: Bearer <token>; a wrong one is 401.
    const res = await fetch(bridge.url, {
      method: 'POST',
      headers: { authorization: 'Bearer wrong' },
      body: JSON.stringify(['PING']),
    });
    expect(res.status, await res.text()).toBe(401);
  });

  it('answers plain JSON without the base64 header', async () => {
    // Rule (not CloudFront: Upstash "REST API" docs): without
    // Upstash-Encoding: base64 results come back as plain JSON.
    const res = await fetch(bridge.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${bridge.token}` },
      body: JSON.stringify(['ECHO', 'plain']),
    });
    expect(await res.json()).toEqual({ result: 'plain' });
  });
});
