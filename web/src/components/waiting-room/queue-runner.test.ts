// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueueModel } from '../../models/queue-position';
import { keepAliveSeconds, runQueue } from './queue-runner';

const EVENT = 'runner-gig';
let visibility: DocumentVisibilityState = 'visible';
let serving = 0;
let admitAnswer: Record<string, unknown>;
let calls: { path: string; at: number }[] = [];

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fake edge: join puts the buyer at 500, state reports `serving`, admit says `admitAnswer`. */
function fakeEdge(input: string | URL | Request): Promise<Response> {
  const path = String(input instanceof Request ? input.url : input).replace(
    /^https?:\/\/[^/]+/,
    '',
  );
  calls.push({ path, at: Date.now() });
  if (path === `/wr/${EVENT}/join`) {
    return Promise.resolve(
      json(201, {
        ticket: 'ticket-1',
        position: 500,
        eventId: EVENT,
        servingNumber: 0,
        peopleAhead: 499,
        estimatedWaitSeconds: 500,
        pollAfterSeconds: 10,
      }),
    );
  }
  if (path === `/wr/${EVENT}/state`) {
    return Promise.resolve(
      json(200, {
        eventId: EVENT,
        servingNumber: serving,
        queueLength: 500,
        ratePerMinute: 60,
        paused: false,
        opensAt: null,
        activeBuyers: 0,
        maxActive: 100,
        departureRatePerMinute: 0,
      }),
    );
  }
  if (path === `/wr/${EVENT}/admit`) return Promise.resolve(json(202, admitAnswer));
  return Promise.resolve(json(404, { error: { code: 'not_found', message: path } }));
}

const count = (suffix: string) => calls.filter((c) => c.path.endsWith(suffix)).length;

function setVisibility(state: DocumentVisibilityState): void {
  visibility = state;
  document.dispatchEvent(new Event('visibilitychange'));
}

let stop: (() => void) | undefined;
beforeEach(() => {
  vi.useFakeTimers();
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => visibility,
  });
  vi.stubGlobal('fetch', vi.fn(fakeEdge));
  visibility = 'visible';
  serving = 0;
  calls = [];
  admitAnswer = {
    admitted: false,
    position: 500,
    peopleAhead: 120,
    estimatedWaitSeconds: 121,
    pollAfterSeconds: 10,
  };
  sessionStorage.clear();
});
afterEach(() => {
  stop?.();
  stop = undefined;
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('runQueue (happy-dom, fake timers)', () => {
  it('calls admit every pollAfterSeconds to keep its place even far back in line', async () => {
    const model = createQueueModel();
    stop = runQueue(model, EVENT, () => undefined);
    await vi.advanceTimersByTimeAsync(35_000);
    expect(count('/join')).toBe(1);
    const admits = calls.filter((c) => c.path.endsWith('/admit')).map((c) => c.at);
    expect(admits).toHaveLength(3);
    const gaps = admits.slice(1).map((at, i) => at - (admits[i] as number));
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(10_000);
    expect(model.phase.value).toBe('waiting');
  });

  it("shows the edge's count of people ahead and keeps it across state polls", async () => {
    const model = createQueueModel();
    stop = runQueue(model, EVENT, () => undefined);
    await vi.advanceTimersByTimeAsync(10_500);
    expect(count('/admit')).toBe(1);
    expect(model.peopleAhead.value).toBe(120);
    admitAnswer = { ...admitAnswer, pollAfterSeconds: 30 };
    await vi.advanceTimersByTimeAsync(10_000);
    expect(count('/state')).toBeGreaterThan(1);
    expect(model.peopleAhead.value).toBe(120);
  });

  it('fetches nothing while the tab is hidden and polls at once when it is shown again', async () => {
    const model = createQueueModel();
    stop = runQueue(model, EVENT, () => undefined);
    await vi.advanceTimersByTimeAsync(1000);
    expect(count('/join')).toBe(1);
    setVisibility('hidden');
    const before = calls.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls.length).toBe(before);
    setVisibility('visible');
    await vi.advanceTimersByTimeAsync(0);
    expect(count('/state')).toBe(1);
    // The edge has not heard from this ticket for two minutes: the first poll also keeps it alive.
    expect(count('/admit')).toBe(1);
  });

  it('asks for admission as soon as the serving number reaches the position', async () => {
    const model = createQueueModel();
    const onAdmitted = vi.fn();
    stop = runQueue(model, EVENT, onAdmitted);
    await vi.advanceTimersByTimeAsync(100);
    serving = 500;
    admitAnswer = {
      admitted: true,
      accessToken: 'access-1',
      expiresAt: new Date(Date.now() + 600_000).toISOString(),
    };
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onAdmitted).toHaveBeenCalledOnce();
    expect(model.phase.value).toBe('admitted');
    const after = calls.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.length).toBe(after);
  });
});

describe('keepAliveSeconds', () => {
  it("follows the edge's hint within 1–30 s", () => {
    expect(keepAliveSeconds(10)).toBe(10);
    expect(keepAliveSeconds(undefined)).toBe(15);
    expect(keepAliveSeconds(90)).toBe(30);
    expect(keepAliveSeconds(0.2)).toBe(1);
  });
});
