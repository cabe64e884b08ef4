import { describe, expect, it } from 'vitest';
import {
  createQueueModel,
  formatWait,
  mergedView,
  pollDelaySeconds,
  progressOf,
  queueView,
} from './queue-position';

describe('queueView', () => {
  it('counts the positions strictly between the serving number and the buyer as ahead', () => {
    const view = queueView(150, { servingNumber: 100, ratePerMinute: 60, paused: false });
    // 101…149 are ahead; the wait is those 49 and then the buyer: (49 + 1) / 60 per minute.
    expect(view).toEqual({ peopleAhead: 49, estimatedWaitSeconds: 50, canAdmit: false });
  });

  it('puts the buyer right after the serving number at zero ahead, not yet admittable', () => {
    expect(queueView(101, { servingNumber: 100, ratePerMinute: 30, paused: false })).toEqual({
      peopleAhead: 0,
      estimatedWaitSeconds: 2,
      canAdmit: false,
    });
  });

  it('lets a buyer ask for admission once the serving number reaches their position', () => {
    expect(queueView(100, { servingNumber: 100, ratePerMinute: 1, paused: false })).toEqual({
      peopleAhead: 0,
      estimatedWaitSeconds: 0,
      canAdmit: true,
    });
  });

  it('gives no estimate while admission is paused', () => {
    const view = queueView(150, { servingNumber: 100, ratePerMinute: 60, paused: true });
    expect(view.estimatedWaitSeconds).toBeUndefined();
  });
});

describe('mergedView', () => {
  const open = { ratePerMinute: 60, paused: false };

  it("keeps the edge's own count while the serving number has not moved since it answered", () => {
    const edge = { peopleAhead: 20, estimatedWaitSeconds: 21, servingNumber: 100 };
    expect(mergedView(150, { ...open, servingNumber: 100 }, edge)).toEqual({
      peopleAhead: 20,
      estimatedWaitSeconds: 21,
      canAdmit: false,
    });
    // A CDN-cached state older than the edge's answer does not bring the bigger count back.
    expect(mergedView(150, { ...open, servingNumber: 95 }, edge).peopleAhead).toBe(20);
  });

  it("counts from the state once the serving number moved, never above the edge's count", () => {
    const edge = { peopleAhead: 20, estimatedWaitSeconds: 21, servingNumber: 100 };
    expect(mergedView(150, { ...open, servingNumber: 110 }, edge)).toEqual({
      peopleAhead: 20,
      estimatedWaitSeconds: 21,
      canAdmit: false,
    });
    expect(mergedView(150, { ...open, servingNumber: 140 }, edge)).toEqual({
      peopleAhead: 9,
      estimatedWaitSeconds: 10,
      canAdmit: false,
    });
  });

  it('lets the buyer in and drops the estimate while paused whatever the edge said', () => {
    const edge = { peopleAhead: 20, estimatedWaitSeconds: 21, servingNumber: 100 };
    expect(mergedView(150, { ...open, servingNumber: 150 }, edge).canAdmit).toBe(true);
    const paused = mergedView(150, { ratePerMinute: 60, paused: true, servingNumber: 100 }, edge);
    expect(paused.estimatedWaitSeconds).toBeUndefined();
    expect(paused.peopleAhead).toBe(20);
  });

  it('falls back to the state alone without an edge count', () => {
    expect(mergedView(150, { ...open, servingNumber: 100 })).toEqual(
      queueView(150, { ...open, servingNumber: 100 }),
    );
  });
});

describe('pollDelaySeconds', () => {
  it('follows the edge hint far back, polls faster near the front, stays within 1–30 s', () => {
    expect(pollDelaySeconds(20, 3600)).toBe(20);
    expect(pollDelaySeconds(20, 30)).toBe(3);
    expect(pollDelaySeconds(undefined, 5)).toBe(1);
    expect(pollDelaySeconds(120, 100_000)).toBe(30);
    expect(pollDelaySeconds(undefined, undefined)).toBe(5);
  });
});

describe('progress and wait text', () => {
  it('measures progress from the first place to the front', () => {
    expect(progressOf(100, 25)).toBe(0.75);
    expect(progressOf(0, 0)).toBe(1);
    expect(progressOf(10, 20)).toBe(0);
  });

  it('phrases the wait for people', () => {
    expect(formatWait(undefined)).toBe('unknown');
    expect(formatWait(30)).toBe('under a minute');
    expect(formatWait(600)).toBe('about 10 min');
    expect(formatWait(3 * 3600)).toBe('about 3 h');
  });
});

describe('createQueueModel', () => {
  it('tracks a join and later observations as signals', () => {
    const model = createQueueModel();
    model.joined({
      ticket: 't',
      position: 50,
      eventId: 'demo-arena',
      servingNumber: 9,
      peopleAhead: 40,
      estimatedWaitSeconds: 40,
      pollAfterSeconds: 4,
    });
    expect(model.phase.value).toBe('waiting');
    model.observed({ peopleAhead: 10, estimatedWaitSeconds: 10, canAdmit: false }, false);
    expect(model.progress.value).toBe(0.75);
  });

  it("shows the edge's count from admit and does not flicker back to the state's estimate", () => {
    const model = createQueueModel();
    const state = {
      eventId: 'gig',
      servingNumber: 100,
      queueLength: 400,
      ratePerMinute: 60,
      paused: false,
      activeBuyers: 0,
      maxActive: 100,
      departureRatePerMinute: 0,
    };
    model.joined({
      ticket: 't',
      position: 300,
      eventId: 'gig',
      servingNumber: 100,
      peopleAhead: 199,
      estimatedWaitSeconds: 200,
      pollAfterSeconds: 20,
    });
    model.observedState(state);
    expect(model.peopleAhead.value).toBe(199);
    // Many ahead left: the edge's keep-alive answer counts only the live ones.
    model.notYet({
      position: 300,
      peopleAhead: 80,
      estimatedWaitSeconds: 81,
      pollAfterSeconds: 17,
    });
    expect(model.observedState(state).peopleAhead).toBe(80);
    expect(model.peopleAhead.value).toBe(80);
    expect(model.estimatedWaitSeconds.value).toBe(81);
    model.observedState({ ...state, servingNumber: 250 });
    expect(model.peopleAhead.value).toBe(49);
  });
});
