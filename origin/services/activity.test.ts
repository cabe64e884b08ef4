import { describe, expect, it } from 'vitest';
import { createActivityRecorder, HEALTH_WINDOW_SECONDS, p95 } from './activity';
import { noopAdmission, type OriginHealth } from './deps';
import { startHealthFeed } from './health-feed';

const T0 = Date.parse('2030-01-01T10:00:00Z');

describe('activity recorder', () => {
  it('computes p95 by nearest rank', () => {
    expect(p95([])).toBe(0);
    expect(p95(Array.from({ length: 100 }, (_, i) => i + 1))).toBe(95);
    expect(p95([7])).toBe(7);
  });

  it('keeps per-minute series of the last 30 minutes, oldest first', () => {
    const clock = { now: T0 };
    const a = createActivityRecorder(() => clock.now);
    a.counters.holdCreated('ev', 2);
    a.recordRequest('ev', 10, 201, clock.now);
    a.recordRequest('ev', 30, 500, clock.now);
    clock.now += 60_000;
    a.counters.seatsSold('ev', 3);
    a.counters.orderFailed('declined', 'ev');
    const series = a.series('ev', clock.now);
    expect(series).toHaveLength(30);
    expect(series.at(-2)).toMatchObject({
      at: '2030-01-01T10:00:00.000Z',
      holdsCreated: 1,
      requests: 2,
      p95Ms: 30,
      errorRate: 0.5,
    });
    expect(series.at(-1)).toMatchObject({ ordersConfirmed: 1, seatsSold: 3, ordersFailed: 1 });
    clock.now += 31 * 60_000; // everything falls out of the window
    expect(a.series('ev', clock.now).every((m) => m.holdsCreated === 0 && m.requests === 0)).toBe(
      true,
    );
    expect(a.series('other', clock.now)).toHaveLength(30);
  });

  it('reports the last few seconds of buying requests as health, and events active in the last minute', () => {
    const a = createActivityRecorder(() => T0);
    for (let i = 1; i <= 20; i++) a.recordRequest('ev', i * 10, i === 20 ? 503 : 201, T0);
    expect(a.health('ev', T0 + 1_000)).toEqual({ p95Ms: 190, errorRate: 0.05, at: T0 + 1_000 });
    expect(a.activeEvents(T0 + 1_000)).toEqual(['ev']);
    // A slow spell ages out of the figure within seconds, so a recovered origin reads healthy.
    const later = T0 + HEALTH_WINDOW_SECONDS * 1_000;
    a.recordRequest('ev', 5, 201, later);
    expect(a.health('ev', later)).toEqual({ p95Ms: 5, errorRate: 0, at: later });
    expect(a.health('ev', later + HEALTH_WINDOW_SECONDS * 1_000)).toBeNull();
    expect(a.activeEvents(later + HEALTH_WINDOW_SECONDS * 1_000)).toEqual(['ev']);
    expect(a.activeEvents(later + 61_000)).toEqual([]);
  });
});

describe('health feed', () => {
  it('sends each active event’s health to reportHealth, and nothing when the port lacks it', async () => {
    const clock = { now: T0 };
    const activity = createActivityRecorder(() => clock.now);
    activity.recordRequest('ev-a', 40, 201, T0);
    activity.recordRequest('ev-b', 80, 500, T0);
    const reports: [string, OriginHealth][] = [];
    const admission = {
      ...noopAdmission,
      async reportHealth(eventId: string, health: OriginHealth) {
        reports.push([eventId, health]);
      },
    };
    const feed = startHealthFeed({ activity, admission, clock: () => clock.now }, 0);
    expect(await feed.reportOnce()).toBe(2);
    expect(reports).toEqual([
      ['ev-a', { p95Ms: 40, errorRate: 0, at: T0 }],
      ['ev-b', { p95Ms: 80, errorRate: 1, at: T0 }],
    ]);
    const without = startHealthFeed({ activity, admission: noopAdmission, clock: () => T0 }, 0);
    expect(await without.reportOnce()).toBe(0);
    feed.close();
    without.close();
  });
});
