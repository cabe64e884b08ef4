import { describe, expect, it } from 'vitest';
import {
  createQueueModel,
  formatWait,
  pollDelaySeconds,
  progressOf,
  queueView,
} from './queue-position';

describe('queueView', () => {
  it('counts people ahead from the serving number and estimates the wait from the rate', () => {
    const view = queueView(150, { servingNumber: 100, ratePerMinute: 60, paused: false });
    expect(view).toEqual({ peopleAhead: 49, estimatedWaitSeconds: 50, canAdmit: false });
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
});
