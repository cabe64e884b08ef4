import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../edge/token';
import {
  ADJUST_INTERVAL_MS,
  DECREASE_DENOMINATOR,
  DECREASE_NUMERATOR,
} from '../../edge/waiting-room/adaptive-rate';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { DEV_ORGANIZER_KEY, DEV_TOKEN_KEYS, parseOriginConfig } from '../../origin/config';
import { type RunningOrigin, startOrigin } from '../../origin/server';
import type { Faults } from '../../origin/services/faults';
import { startTestDynamo, type TestDynamo } from '../../origin/testing/dynalite';
import { testEvent } from '../../origin/testing/harness';
import { expectStatus, jsonInit } from '../../origin/testing/http';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';

const EVENT = `adaptive-origin-${Math.random().toString(36).slice(2, 8)}`;
const organizer = { authorization: `Bearer ${DEV_ORGANIZER_KEY}` };
/** The organizer's bounds: the additive step is ceil((120 - 12) / 20) = 6 a healthy interval. */
const BOUNDS = { targetP95Ms: 1_000, minRatePerMinute: 12, maxRatePerMinute: 120 };
const STEP_UP = 6;
/**
 * Injected into every hold while the origin is slow: well above the 1 s target, which is itself
 * well above a fast hold's latency even on a busy test machine (seen up to ~400 ms).
 */
const SLOW_MS = 1_500;
/** Buying requests per health interval. */
const BURST = 3;
/** How long a health report may take to arrive after the clock moves (the feed ticks every 20 ms). */
const REPORT_WAIT_MS = 5_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A real slow origin drives adaptive admission: the origin as `npm start` runs it (startOrigin,
 * dynalite, the waiting room's ioredis room store over real Redis, its health feed on), with a
 * real delay injected into the hold path through the fault seam. The origin measures its own
 * buying latency and its feed reports it; nothing here computes a p95. The test clock moves one
 * adjustment interval at a time (no long sleeps) and the assertions are on the rate's direction.
 */
describe.skipIf(!redisUrl)('adaptive admission driven by a slow origin (real Redis)', () => {
  let db: TestDynamo;
  let origin: RunningOrigin;
  let redis: IORedis;
  const prefix = uniquePrefix('wr-adaptive-origin');
  const clock = { now: Date.now() };
  const slow = { on: false };
  /** Every health report the origin's feed sent: its measured figures and the rate it got back. */
  const reports: { at: number; p95Ms: number; rate: number | undefined }[] = [];
  let ticket = 0;

  const faults: Faults = {
    async before(step) {
      if (slow.on && step === 'hold:recorded') await sleep(SLOW_MS);
    },
  };

  beforeAll(async () => {
    db = await startTestDynamo();
    redis = new IORedis(redisUrl as string);
    const store = createIoredisRoomStore(redis, { prefix });
    // The real room store, watched: the test waits for the feed's report instead of sleeping.
    const admission: RoomStore = {
      ...store,
      async reportHealth(eventId, health) {
        const answer = await store.reportHealth(eventId, health);
        reports.push({ at: health.at, p95Ms: health.p95Ms, rate: answer?.ratePerMinute });
        return answer;
      },
    };
    const config = parseOriginConfig({
      DYNAMODB_ENDPOINT: db.endpoint,
      DYNAMODB_TABLE: db.tableName,
      LOG_LEVEL: 'silent',
    });
    origin = await startOrigin({
      config,
      port: 0,
      host: '127.0.0.1',
      deps: { clock: () => clock.now, faults, admission },
      sweepIntervalMs: 0,
      roomConfigIntervalMs: 0,
      healthIntervalMs: 20,
    });
  });

  afterAll(async () => {
    await origin?.close();
    await db?.close();
    await dropPrefix(redis, prefix);
    await redis?.quit();
  });

  async function admin(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) {
    const init = body === undefined ? { headers: organizer } : jsonInit(method, body, organizer);
    return fetch(`${origin.url}/api/admin${path}`, { ...init, method });
  }

  /** The room's current rate, as the organizer console reads it. */
  async function currentRate(): Promise<number> {
    const body = await expectStatus(await admin('GET', `/events/${EVENT}/admission`), 200);
    return body.admission.ratePerMinute;
  }

  /** A burst of buyers, each with a fresh access token, holding one place in the pit. */
  async function buyingBurst(): Promise<void> {
    const holds = Array.from({ length: BURST }, async () => {
      const token = await signToken(
        { typ: 'access', evt: EVENT, tid: `t_ao_${++ticket}`, scp: 'buy' },
        DEV_TOKEN_KEYS,
        900,
        clock.now,
      );
      const res = await fetch(
        `${origin.url}/api/events/${EVENT}/holds`,
        jsonInit(
          'POST',
          { generalAdmission: { sectionId: 'pit', quantity: 1 } },
          { authorization: `Bearer ${token}` },
        ),
      );
      await expectStatus(res, 201);
    });
    await Promise.all(holds);
  }

  /**
   * One health interval: buying traffic, then the clock moves one adjustment interval on and the
   * feed's next report (measured at the new time) is awaited. Returns the room's rate after it.
   */
  async function healthInterval(): Promise<number> {
    await buyingBurst();
    clock.now += ADJUST_INTERVAL_MS;
    const due = clock.now;
    const deadline = Date.now() + REPORT_WAIT_MS;
    while (!reports.some((r) => r.at >= due && r.rate !== undefined)) {
      if (Date.now() > deadline) throw new Error(`no health report from the origin at ${due}`);
      await sleep(5);
    }
    return currentRate();
  }

  it('backs the rate off multiplicatively while the origin is slow and climbs back to the maximum once it is fast', async () => {
    const event = testEvent(EVENT, clock.now);
    event.sections = event.sections.map((s) => (s.kind === 'ga' ? { ...s, capacity: 1_000 } : s));
    await expectStatus(await admin('POST', '/events', event), 201);
    // Warm-up (first requests are slow while code loads), in fixed mode and then out of the window.
    await buyingBurst();
    clock.now += 2 * ADJUST_INTERVAL_MS;
    const put = await admin('PUT', `/events/${EVENT}/admission`, {
      mode: 'adaptive',
      ...BOUNDS,
      ratePerMinute: BOUNDS.maxRatePerMinute,
    });
    expect((await expectStatus(put, 200)).admission).toMatchObject({ mode: 'adaptive' });

    const trace: string[] = [];
    const record = (phase: string, rate: number) => {
      trace.push(`${phase}:${rate}`);
      return rate;
    };
    const why = () => {
      const perInterval = new Map(reports.map((r) => [r.at, Math.round(r.p95Ms)]));
      return `rates ${trace.join(' ')}; origin p95 per interval ${[...perInterval.values()].join(' ')}`;
    };

    // Healthy: the rate stays at the organizer's maximum.
    for (let i = 0; i < 2; i++) record('fast', await healthInterval());
    expect(trace, why()).toEqual(['fast:120', 'fast:120']);

    // Slow: every report of a breach cuts the rate to 7/10 of what it was.
    slow.on = true;
    let previous = BOUNDS.maxRatePerMinute;
    for (let i = 0; i < 3; i++) {
      const rate = record('slow', await healthInterval());
      expect(rate, why()).toBe(Math.floor((previous * DECREASE_NUMERATOR) / DECREASE_DENOMINATOR));
      previous = rate;
    }
    expect(previous, why()).toBeLessThan(BOUNDS.maxRatePerMinute / 2);
    const floor = previous;

    // Fast again: from the first report after the delay is gone, the rate climbs by a fixed
    // step each interval up to the maximum, and stays there.
    slow.on = false;
    for (let i = 0; i < 30 && previous < BOUNDS.maxRatePerMinute; i++) {
      const rate = record('fast', await healthInterval());
      expect(rate, why()).toBe(Math.min(BOUNDS.maxRatePerMinute, previous + STEP_UP));
      previous = rate;
    }
    expect(previous, why()).toBe(BOUNDS.maxRatePerMinute);
    expect(record('fast', await healthInterval()), why()).toBe(BOUNDS.maxRatePerMinute);

    const rates = trace.map((t) => Number(t.split(':')[1]));
    expect(Math.min(...rates), why()).toBe(floor);
    expect(Math.min(...rates), why()).toBeGreaterThanOrEqual(BOUNDS.minRatePerMinute);
    expect(Math.max(...rates), why()).toBeLessThanOrEqual(BOUNDS.maxRatePerMinute);
  }, 30_000);
});
