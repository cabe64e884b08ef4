/**
 * The tests for what must never be shared: buying, orders, admin and admit are never
 * cached, and one buyer never receives another buyer's answer. The real access-token CloudFront
 * Function (in the cloudfront-js-2.0 sandbox) and the real waiting-room Lambda@Edge app run here;
 * the origin deliberately answers `public, s-maxage=60` everywhere, so only the edge's own rules
 * (cache policies, cache keys) can keep responses private. Each test names the CloudFront rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudFrontFunctionRunner } from '../../edge/local/cff-sandbox';
import type { LocalEdge } from '../../edge/local/server';
import { DEV_TOKEN_KEYS } from '../../edge/token/dev-keys';
import { signToken } from '../../edge/token/sign-verify';
import { compileViewerRequestFunction } from '../../edge/viewer-request/compile';
import { createWaitingRoomHandler } from '../../edge/waiting-room/handler';
import { createMemoryRoomStore } from '../../edge/waiting-room/store/memory';
import { get, type SeenRequest, startEdge, startTestOrigin, type TestOrigin } from './fixtures';

let origin: TestOrigin;
let edge: LocalEdge;
let tokenA: string;
let tokenB: string;
const say = (r: { status: number; body: string; xcache: string | null }) =>
  `status ${r.status}, x-cache ${r.xcache}, body ${r.body}`;

/** A careless origin: every answer says "cache me", and echoes who asked. */
function carelessOrigin(req: SeenRequest) {
  return {
    headers: { 'cache-control': 'public, s-maxage=60', 'content-type': 'application/json' },
    body: JSON.stringify({
      url: req.url,
      ticket: req.headers['x-floodgate-ticket'] ?? null,
      cookie: req.headers.cookie ?? null,
      authorization: req.headers.authorization ?? null,
    }),
  };
}

const access = (tid: string) =>
  signToken({ typ: 'access', evt: 'private-ev', tid, scp: 'buy' }, DEV_TOKEN_KEYS, 600);

beforeAll(async () => {
  const room = createMemoryRoomStore();
  await room.configure('private-ev', {});
  const checkAccessToken = createCloudFrontFunctionRunner({
    code: compileViewerRequestFunction(),
    kvs: Object.fromEntries(
      Object.entries(DEV_TOKEN_KEYS.keys).map(([kid, secret]) => [`kid:${kid}`, secret]),
    ),
  });
  const waitingRoom = createWaitingRoomHandler({ store: room, keys: DEV_TOKEN_KEYS });
  origin = await startTestOrigin(carelessOrigin);
  edge = await startEdge(origin, {
    viewerFn: (event) => checkAccessToken(event),
    lambda: (event, context, callback) =>
      waitingRoom(event as never, context as never, callback as never),
  });
  [tokenA, tokenB] = await Promise.all([access('t_buyer_a'), access('t_buyer_b')]);
});
afterAll(async () => {
  await edge.close();
  await origin.close();
});

describe('private answers through the local edge', () => {
  it('never caches holds, orders or admin, whatever Cache-Control the origin sends', async () => {
    // Rule ("Use managed cache policies", CachingDisabled): min, default and max TTL are 0, so
    // CloudFront stores nothing and sends every request to the origin.
    const auth = { authorization: `Bearer ${tokenA}` };
    const cases: [string, Record<string, string>][] = [
      ['/api/holds/h_never_cached', auth],
      ['/api/orders/o_never_cached?secret=s1', {}],
      ['/api/admin/events', { authorization: 'Bearer organizer' }],
    ];
    for (const [path, headers] of cases) {
      const first = await get(edge, path, { headers });
      const second = await get(edge, path, { headers });
      expect(first.xcache, `${path}: ${say(first)}`).toBe('Miss from cloudfront');
      expect(second.xcache, `${path}: ${say(second)}`).toBe('Miss from cloudfront');
      expect(origin.hits(path.split('?')[0] as string), path).toBe(2);
    }
  });

  it('gives two buyers on the same hold URL their own answers (token or cookie)', async () => {
    // Rule ("Control the cache key with a policy"): only what the cache policy lists keys the
    // cache; on /api/* the policy is CachingDisabled, so no buyer's answer is stored to share.
    const path = '/api/holds/h_shared_url';
    const a = await get(edge, path, { headers: { authorization: `Bearer ${tokenA}` } });
    const b = await get(edge, path, { headers: { cookie: `fg_access=${tokenB}` } });
    expect(a.status, say(a)).toBe(200);
    expect(b.status, say(b)).toBe(200);
    expect(JSON.parse(a.body).ticket).toBe('t_buyer_a');
    expect(JSON.parse(b.body).ticket).toBe('t_buyer_b');
    const stranger = await get(edge, path);
    expect(stranger.status, say(stranger)).toBe(401);
    expect(stranger.body).not.toContain('t_buyer');
  });

  it('keeps the auth cookie out of the shared catalog key and away from the catalog origin', async () => {
    // Rule ("Cache content based on cookies"): cookies the cache policy does not list are
    // neither part of the cache key nor forwarded, so the origin cannot personalise the answer.
    const path = '/api/catalog/events/private-ev';
    const a = await get(edge, path, {
      headers: { cookie: `fg_access=${tokenA}; fg_ticket=ta`, authorization: `Bearer ${tokenA}` },
    });
    const b = await get(edge, path, { headers: { cookie: `fg_access=${tokenB}` } });
    expect(a.xcache, say(a)).toBe('Miss from cloudfront');
    expect(b.xcache, say(b)).toBe('Hit from cloudfront');
    expect(JSON.parse(a.body)).toMatchObject({ cookie: null, authorization: null, ticket: null });
  });

  it('never caches admit: each buyer gets their own access token, every time', async () => {
    // Rule ("Cache behavior settings", Cached HTTP methods): CloudFront caches responses to GET
    // and HEAD only; POST always reaches the origin (here the origin-request Lambda@Edge).
    const admitted: string[] = [];
    for (const buyer of ['a', 'b']) {
      const join = await get(edge, '/wr/private-ev/join', { method: 'POST' });
      expect(join.status, say(join)).toBe(201);
      const { ticket, clientSecret } = JSON.parse(join.body);
      for (let i = 0; i < 2; i++) {
        const admit = await get(edge, '/wr/private-ev/admit', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ticket, clientSecret }),
        });
        expect(admit.status, `${buyer}: ${say(admit)}`).toBe(200);
        expect(admit.xcache, say(admit)).toBe('Miss from cloudfront');
        admitted.push(JSON.parse(admit.body).accessToken);
      }
    }
    expect(admitted[0]).not.toBe(admitted[2]);
    expect(edge.stats().behaviours['/wr/*']?.hits ?? 0).toBe(0);
  });
});
