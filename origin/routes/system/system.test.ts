import { Hono } from 'hono';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../http/env';
import { requestId } from '../../http/request-id';
import type { Services } from '../../services';
import { type AdmissionPort, noopAdmission } from '../../services/deps';
import { expectError, expectStatus } from '../../testing/http';
import { systemRoutes } from '.';
import { ROOM_PROBE_EVENT } from './readiness';

type Probe = () => Promise<unknown>;
const up: Probe = async () => undefined;
const refused: Probe = async () => {
  throw new Error('connect ECONNREFUSED 10.0.0.5:6379');
};
const hangs: Probe = () => new Promise(() => {});

/** The system routes over stand-in dependencies (no I/O): each probe answers as told. */
function appWith(probes: { locks?: Probe; dynamo?: Probe; room?: Probe | 'none' }) {
  const roomProbe = probes.room ?? up;
  const admission: AdmissionPort =
    roomProbe === 'none' ? noopAdmission : { ...noopAdmission, getConfig: roomProbe };
  const deps = {
    locks: { ping: probes.locks ?? up },
    store: { ping: probes.dynamo ?? up },
    admission,
  };
  return new Hono<AppEnv>()
    .use(requestId)
    .use(async (c, next) => {
      c.set('services', { deps } as unknown as Services);
      await next();
    })
    .route('/', systemRoutes(new Registry(), { readyTimeoutMs: 50 }));
}

describe('/healthz (liveness)', () => {
  it('answers 200 even when every dependency is down: a dead Redis must not restart the task', async () => {
    const app = appWith({ locks: refused, dynamo: refused, room: refused });
    expect(await expectStatus(await app.request('/healthz'), 200)).toEqual({ ok: true });
  });
});

describe('/readyz (readiness, the ALB target health check)', () => {
  it('answers 200 when locks, DynamoDB and the waiting-room store answer', async () => {
    const res = await appWith({}).request('/readyz');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await expectStatus(res, 200)).toEqual({
      ok: true,
      locks: 'ok',
      dynamo: 'ok',
      room: 'ok',
    });
  });

  it('reads an unknown event from the waiting-room store as its probe', async () => {
    const asked: string[] = [];
    const app = appWith({
      room: (async (eventId: string) => {
        asked.push(eventId);
        return null;
      }) as Probe,
    });
    await expectStatus(await app.request('/readyz'), 200);
    expect(asked).toEqual([ROOM_PROBE_EVENT]);
  });

  it('reports the waiting-room store as none when the origin has no room store', async () => {
    const body = await expectStatus(await appWith({ room: 'none' }).request('/readyz'), 200);
    expect(body).toMatchObject({ ok: true, room: 'none' });
  });

  it.each([
    ['Redis (locks)', { locks: refused }, 'locks'],
    ['DynamoDB', { dynamo: refused }, 'dynamo'],
    ['the waiting-room store', { room: refused }, 'room'],
  ] as const)('answers 503 in the one error shape when %s is down', async (_name, probes, key) => {
    const res = await appWith(probes).request('/readyz', { headers: { 'x-request-id': 'rdy-1' } });
    expect(res.headers.get('retry-after')).toBe('2');
    const body = await expectError(res, 503, 'unavailable');
    expect(body.error.requestId).toBe('rdy-1');
    expect(body.error.message).toBe(`Not ready: ${key} down`);
    expect(body.error.details).toMatchObject({ [key]: 'down' });
    expect(Object.values(body.error.details).filter((s) => s === 'down')).toHaveLength(1);
  });

  it('counts a dependency that never answers as down instead of holding the check open', async () => {
    const body = await expectError(
      await appWith({ dynamo: hangs }).request('/readyz'),
      503,
      'unavailable',
    );
    expect(body.error.details).toEqual({ locks: 'ok', dynamo: 'down', room: 'ok' });
  });
});
