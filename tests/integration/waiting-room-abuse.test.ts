import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccessTokenClaims, verifyToken } from '../../edge/token';
import { redisUrl } from '../helpers/redis';
import {
  API,
  cookiesOf,
  KEYS,
  post,
  type RoomFixture,
  startRoomFixture,
  T0,
} from './waiting-room-fixture';

const BROWSER = (ip: string) => ({
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130',
  'x-forwarded-for': ip,
});

describe.skipIf(!redisUrl)('waiting room abuse limits (edge app, real Redis)', () => {
  let fx: RoomFixture;
  beforeAll(async () => {
    fx = await startRoomFixture(redisUrl as string, {
      joinRateLimit: { limit: 30, windowSeconds: 60 },
    });
  });
  afterAll(async () => fx?.close());

  let n = 0;
  const room = async (patch = {}) => {
    const id = `abuse-${++n}`;
    await fx.origin.configure(id, { ratePerMinute: 600, sessionSeconds: 300, ...patch }, T0);
    fx.clock.now = T0;
    return id;
  };

  it('returns the same ticket and place to a client that joins again, by cookie or API body', async () => {
    const id = await room();
    const first = await post(fx, `/wr/${id}/join`, BROWSER('10.0.0.1'));
    const again = await post(fx, `/wr/${id}/join`, {
      ...BROWSER('10.0.0.1'),
      cookie: cookiesOf(first.res),
    });
    expect(again.res.status, again.text).toBe(201);
    expect(again.json).toMatchObject({ position: 1, reused: true });
    const api = await post(fx, `/wr/${id}/join`, API('10.0.0.2'));
    const apiAgain = await post(fx, `/wr/${id}/join`, API('10.0.0.2'), {
      ticket: api.json.ticket,
      clientSecret: api.json.clientSecret,
    });
    expect(apiAgain.json, apiAgain.text).toMatchObject({ position: 2, reused: true });
    expect((await fx.edge.state(id, T0))?.queueLength).toBe(2);
  });

  it('gives a fresh ticket on join once the session of the old one ended (no cookie dropping)', async () => {
    const id = await room();
    const joined = await post(fx, `/wr/${id}/join`, BROWSER('10.0.1.1'));
    const cookie = cookiesOf(joined.res);
    fx.clock.now = T0 + 1_000;
    const admitted = await post(fx, `/wr/${id}/admit`, { ...BROWSER('10.0.1.1'), cookie });
    expect(admitted.res.status, admitted.text).toBe(200);
    const claims = await verifyToken<AccessTokenClaims>(
      admitted.json.accessToken,
      'access',
      KEYS,
      fx.clock.now,
    );
    await fx.origin.release(id, claims.tid, fx.clock.now); // the hold completed (origin)
    const used = await post(fx, `/wr/${id}/admit`, { ...BROWSER('10.0.1.1'), cookie });
    expect(used.res.status, used.text).toBe(403);
    expect(used.json.error.code).toBe('not_admitted');
    const fresh = await post(fx, `/wr/${id}/join`, { ...BROWSER('10.0.1.1'), cookie });
    expect(fresh.res.status, fresh.text).toBe(201);
    expect(fresh.json).toMatchObject({ position: 2, reused: false });
    expect(fresh.json.ticket).not.toBe(joined.json.ticket);
  });

  it('admits a replayed ticket once: the same admission, never a second slot', async () => {
    const id = await room();
    const joined = await post(fx, `/wr/${id}/join`, API('10.0.2.1'));
    fx.clock.now = T0 + 1_000;
    const creds = { ticket: joined.json.ticket, clientSecret: joined.json.clientSecret };
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => post(fx, `/wr/${id}/admit`, API('10.0.2.1'), creds)),
    );
    expect(replies.map((r) => r.res.status)).toEqual(new Array(8).fill(200));
    expect(new Set(replies.map((r) => r.json.expiresAt)).size).toBe(1);
    expect(await fx.origin.state(id, fx.clock.now)).toMatchObject({
      activeBuyers: 1,
      admittedTotal: 1,
    });
  });

  it('refuses a ticket presented without its client secret or with another one', async () => {
    const id = await room();
    const owner = await post(fx, `/wr/${id}/join`, API('10.0.3.1'));
    const thief = await post(fx, `/wr/${id}/join`, API('10.0.3.2'));
    fx.clock.now = T0 + 5_000;
    const bare = await post(fx, `/wr/${id}/admit`, API('10.0.3.2'), { ticket: owner.json.ticket });
    expect(bare.res.status, bare.text).toBe(403);
    const other = await post(fx, `/wr/${id}/admit`, API('10.0.3.2'), {
      ticket: owner.json.ticket,
      clientSecret: thief.json.clientSecret,
    });
    expect(other.res.status, other.text).toBe(403);
    expect(other.json.error.code).toBe('forbidden');
  });

  it('answers a join flood from one address with 429 and Retry-After; others are unaffected', async () => {
    const id = await room();
    const flood = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        // Made-up secrets without a valid ticket do not bypass the limit.
        post(
          fx,
          `/wr/${id}/join`,
          API('198.51.100.9'),
          i % 2 ? { clientSecret: 'x'.repeat(43) } : undefined,
        ),
      ),
    );
    const statuses = flood.map((r) => r.res.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    const limited = flood.filter((r) => r.res.status === 429);
    expect(limited).toHaveLength(15);
    expect(limited[0]?.json.error.code).toBe('rate_limited');
    expect(Number(limited[0]?.res.headers.get('retry-after'))).toBeGreaterThan(0);
    const neighbour = await post(fx, `/wr/${id}/join`, API('198.51.100.10'));
    expect(neighbour.res.status, neighbour.text).toBe(201);
    expect((await fx.edge.state(id, fx.clock.now))?.queueLength).toBeLessThanOrEqual(31);
  });

  it('refuses an oversized body with 413', async () => {
    const id = await room();
    const big = await post(fx, `/wr/${id}/admit`, API('10.0.4.1'), { ticket: 'x'.repeat(20_000) });
    expect(big.res.status, big.text).toBe(413);
    expect(big.json.error.code).toBe('payload_too_large');
  });
});
