// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { createQueueModel, queueView } from '../../models/queue-position';
import { testRoot } from '../../testing/render';
import { formatUntil, PrequeueNotice } from './prequeue-notice';
import { WaitingRoomPanel } from './waiting-room-panel';

const root = testRoot();

const joined = () => {
  const model = createQueueModel();
  model.joined({
    ticket: 't',
    position: 150,
    eventId: 'gig',
    servingNumber: 0,
    peopleAhead: 149,
    estimatedWaitSeconds: 150,
    pollAfterSeconds: 10,
  });
  return model;
};

const text = (testId: string) =>
  root.querySelector(`[data-testid="${testId}"]`)?.textContent ?? `(no ${testId})`;

describe('WaitingRoomPanel (happy-dom)', () => {
  it('shows the place, people ahead, an estimate and progress that move as the queue moves', () => {
    const model = joined();
    act(() => render(<WaitingRoomPanel model={model} />, root));
    expect(text('queue-position')).toBe('150');
    expect(text('people-ahead')).toBe('149');
    expect(root.textContent).toContain('about 3 min');
    const bar = root.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('0');

    act(() =>
      model.observed(
        queueView(150, { servingNumber: 120, ratePerMinute: 60, paused: false }),
        false,
      ),
    );
    expect(text('people-ahead')).toBe('29');
    expect(Number(bar?.getAttribute('aria-valuenow'))).toBe(81);
    expect(root.textContent).toContain('under a minute');
  });

  it('says entry is paused and gives no estimate while the organizer holds the door', () => {
    const model = joined();
    act(() => render(<WaitingRoomPanel model={model} />, root));
    act(() =>
      model.observed(queueView(150, { servingNumber: 100, ratePerMinute: 60, paused: true }), true),
    );
    expect(root.textContent).toContain('The organizer has paused entry');
    expect(root.textContent).toContain('unknown');
  });

  it('tells a buyer sent back from an ended session why they are here', () => {
    const model = joined();
    model.notice.value =
      'Your buying session ended, so you are back in the queue. You kept your place.';
    act(() => render(<WaitingRoomPanel model={model} />, root));
    expect(text('queue-notice')).toContain('You kept your place.');
  });

  it('shows the pre-queue countdown and the fairness commitment before opening', () => {
    const model = joined();
    act(() =>
      model.observedRoom({
        opensAt: new Date(Date.now() + 3_725_000).toISOString(),
        commitment: 'ab'.repeat(32),
      }),
    );
    act(() => render(<WaitingRoomPanel model={model} />, root));
    expect(text('prequeue-countdown')).toMatch(/^1:02:0[45]$/);
    expect(text('commitment')).toBe('ab'.repeat(32));
  });
});

describe('PrequeueNotice', () => {
  it('publishes the seed after opening so the order can be checked', () => {
    act(() =>
      render(
        <PrequeueNotice opensAt={1000} commitment="c0ffee" seed="5eed" now={() => 5000} />,
        root,
      ),
    );
    expect(root.textContent).toContain('The sale is opening');
    expect(root.textContent).toContain('5eed');
    expect(root.querySelector('[data-testid="commitment"]')).toBeNull();
  });

  it('formats the time to opening in days, hours, minutes and seconds', () => {
    expect(formatUntil(65)).toBe('1:05');
    expect(formatUntil(3725)).toBe('1:02:05');
    expect(formatUntil(2 * 86_400 + 3725)).toBe('2 d 01:02:05');
  });
});
