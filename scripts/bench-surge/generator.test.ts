import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeneratorMessage, runRamp } from './generator';

/** A stand-in origin that remembers which event each hold and each checkout named. */
function fakeOrigin() {
  const holdEvent = new Map<string, string>();
  const checkouts: { eventId: string; holdId: string }[] = [];
  let holds = 0;
  const body = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk) => {
        text += chunk;
      });
      req.on('end', () => resolve(text));
    });
  const server: Server = createServer(async (req, res) => {
    const text = await body(req);
    const url = req.url ?? '';
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    const hold = url.match(/^\/api\/events\/([^/]+)\/holds$/);
    const checkout = url.match(/^\/api\/events\/([^/]+)\/checkout$/);
    if (hold && req.method === 'POST') {
      const id = `h${++holds}`;
      holdEvent.set(id, hold[1] as string);
      return send(201, { hold: { id, seats: [{ seatId: 'a:A:1' }] } });
    }
    if (checkout) {
      checkouts.push({ eventId: checkout[1] as string, holdId: JSON.parse(text).holdId });
      return send(201, { order: { id: 'o1', status: 'CONFIRMED' } });
    }
    return send(200, {});
  });
  return { server, holdEvent, checkouts };
}

describe('surge load generator', () => {
  const origin = fakeOrigin();
  let baseUrl = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => origin.server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${(origin.server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => origin.server.close(() => resolve())));

  it('sells each step its own event, and a journey checks out on the event it held from', async () => {
    const messages: GeneratorMessage[] = [];
    await runRamp(
      {
        mode: 'baseline',
        baseUrl,
        steps: [3, 6],
        eventIds: ['surge-baseline-3', 'surge-baseline-6'],
        seconds: 2,
        rampSeconds: 0,
        timeoutMs: 300,
        thinkMs: 250,
        checkoutShare: 1,
        hotSections: ['floor-a'],
        assets: [],
      },
      (m) => messages.push(m),
    );
    const heldFrom = new Set(origin.holdEvent.values());
    expect([...heldFrom].sort()).toEqual(['surge-baseline-3', 'surge-baseline-6']);
    expect(origin.checkouts.length).toBeGreaterThan(0);
    for (const { eventId, holdId } of origin.checkouts) {
      expect(eventId, `checkout of ${holdId}`).toBe(origin.holdEvent.get(holdId));
    }
    expect(messages.filter((m) => m.type === 'result')).toHaveLength(2);
    expect(messages.at(-1)).toEqual({ type: 'done' });
  }, 15_000);

  it('refuses a plan without one event per step', async () => {
    const plan = {
      mode: 'baseline' as const,
      baseUrl,
      steps: [1, 2],
      eventIds: ['only-one'],
      seconds: 2,
      rampSeconds: 0,
      timeoutMs: 300,
      thinkMs: 0,
      checkoutShare: 0,
      hotSections: [],
      assets: [],
    };
    await expect(runRamp(plan, () => undefined)).rejects.toThrow(/2 steps need as many events/);
  });
});
