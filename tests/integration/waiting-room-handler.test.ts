import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EdgeRequest, EdgeResponse } from '../../edge/local/http-types';
import {
  buildOriginRequestEvent,
  interpretOriginRequestResult,
} from '../../edge/local/lambda-edge-event';
import { startUpstashBridge, type UpstashBridge } from '../../edge/local/upstash-bridge';
import { type AccessTokenClaims, type QueueTicketClaims, verifyToken } from '../../edge/token';
import { createWaitingRoomHandler } from '../../edge/waiting-room/handler';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { createUpstashRoomStore } from '../../edge/waiting-room/store/upstash';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';
import { KEYS, T0 } from './waiting-room-fixture';

const EVENT = 'handler-show';
type Handler = (event: unknown) => Promise<unknown>;

/**
 * The Lambda@Edge entry as deployed: `handle(app)` called with CloudFront origin-request events
 * (the local edge's event builder), its store `@upstash/redis` through the Upstash-REST bridge
 * over real Redis; the origin's ioredis store reads the same keys.
 */
describe.skipIf(!redisUrl)('Lambda@Edge handler on the Upstash store (real Redis)', () => {
  let bridge: UpstashBridge;
  let redis: IORedis;
  let origin: RoomStore;
  let run: Handler;
  const clock = { now: T0 };
  const prefix = uniquePrefix('wr-handler');

  beforeAll(async () => {
    bridge = await startUpstashBridge({ redisUrl: redisUrl as string, token: 'wr-handler' });
    redis = new IORedis(redisUrl as string);
    origin = createIoredisRoomStore(redis, { prefix });
    const edge = createUpstashRoomStore({ url: bridge.url, token: bridge.token, prefix });
    run = createWaitingRoomHandler({ store: edge, keys: KEYS, clock: () => clock.now }) as Handler;
    await origin.configure(EVENT, { ratePerMinute: 60, maxActive: 10, sessionSeconds: 300 }, T0);
  });

  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
    await bridge?.close();
  });

  /** One viewer request through the handler, as CloudFront would deliver and read it. */
  async function send(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<EdgeResponse & { json: Record<string, unknown> }> {
    const request: EdgeRequest = {
      method,
      path,
      querystring: '',
      headers: {
        host: 'd111111abcdef8.cloudfront.net',
        'user-agent': 'floodgate-handler-test/1.0',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
      clientIp: '198.51.100.23',
    };
    const event = buildOriginRequestEvent(request, {
      distributionDomainName: 'd111111abcdef8.cloudfront.net',
      distributionId: 'EDFDVBD6EXAMPLE',
      requestId: `req-${method}-${path}`,
      origin: new URL('https://waiting-room.invalid'),
    });
    const outcome = interpretOriginRequestResult(await run(event), request);
    if (outcome.kind !== 'response') throw new Error(`forwarded instead of answering ${path}`);
    const text = outcome.response.body.toString('utf8');
    return { ...outcome.response, json: text ? JSON.parse(text) : {} };
  }

  const cookiesOf = (res: EdgeResponse) =>
    [res.headers['set-cookie'] ?? []]
      .flat()
      .map((c) => c.split(';')[0])
      .join('; ');

  it('joins, reports state, then admits once the serving number reaches the ticket', async () => {
    const join = await send('POST', `/wr/${EVENT}/join`);
    expect(join.status, JSON.stringify(join.json)).toBe(201);
    expect(join.json).toMatchObject({ position: 1, peopleAhead: 0, prequeue: false });
    const ticket = await verifyToken<QueueTicketClaims>(String(join.json.ticket), 'ticket', KEYS);
    expect(ticket).toMatchObject({ evt: EVENT, pos: 1 });
    const cookies = cookiesOf(join);
    expect(cookies).toMatch(/fg_client=.*fg_ticket=|fg_ticket=.*fg_client=/);

    const state = await send('GET', `/wr/${EVENT}/state`, { cookie: cookies });
    expect(state.status, JSON.stringify(state.json)).toBe(200);
    expect(state.headers['cache-control']).toBe('public, max-age=0, s-maxage=1');
    expect(state.json).toMatchObject({ eventId: EVENT, queueLength: 1, servingNumber: 0 });

    const credentials = { ticket: join.json.ticket, clientSecret: join.json.clientSecret };
    const early = await send('POST', `/wr/${EVENT}/admit`, {}, credentials);
    expect(early.status, JSON.stringify(early.json)).toBe(202);
    expect(early.json).toMatchObject({ admitted: false, position: 1, peopleAhead: 0 });

    clock.now = T0 + 1_000; // 60 per minute: position 1 is invited after one second
    const admit = await send('POST', `/wr/${EVENT}/admit`, { cookie: cookies });
    expect(admit.status, JSON.stringify(admit.json)).toBe(200);
    expect(admit.json).toMatchObject({
      admitted: true,
      expiresAt: new Date(T0 + 301_000).toISOString(),
    });
    const access = await verifyToken<AccessTokenClaims>(
      String(admit.json.accessToken),
      'access',
      KEYS,
      clock.now,
    );
    expect(access).toMatchObject({ evt: EVENT, tid: ticket.tid, scp: 'buy' });
    expect(cookiesOf(admit)).toMatch(/fg_access=/);

    const again = await send('POST', `/wr/${EVENT}/admit`, {}, credentials);
    expect(again.status).toBe(200);
    expect(again.json.expiresAt).toBe(admit.json.expiresAt);
    // The origin's store, on the same Redis keys, sees one live session for this ticket.
    expect(await origin.sessionOf(EVENT, ticket.tid, clock.now)).toBe('active');
    expect((await origin.state(EVENT, clock.now))?.admittedTotal).toBe(1);
  });

  it('answers a ticket without its secret with 403 in the one error shape', async () => {
    const join = await send('POST', `/wr/${EVENT}/join`, { 'x-request-id': 'handler-req-7' });
    const admit = await send(
      'POST',
      `/wr/${EVENT}/admit`,
      { 'x-request-id': 'handler-req-8' },
      { ticket: join.json.ticket, clientSecret: 'y'.repeat(43) },
    );
    expect(admit.status).toBe(403);
    expect(admit.json).toEqual({
      error: { code: 'forbidden', message: expect.any(String), requestId: 'handler-req-8' },
    });
  });
});
