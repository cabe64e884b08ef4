// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testRoot } from '../../testing/render';
import { RetryCountdown } from './retry-countdown';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});
const root = testRoot();

describe('RetryCountdown (happy-dom, fake timers)', () => {
  it("counts the server's Retry-After down each second and calls onDone once at zero", async () => {
    const onDone = vi.fn();
    act(() => render(<RetryCountdown until={Date.now() + 3000} onDone={onDone} />, root));
    const timer = () => root.querySelector('[role="timer"]')?.textContent;
    expect(root.querySelector('[data-testid="rate-limited"]')?.textContent).toContain(
      'Too many tries at once',
    );
    expect(timer()).toBe('3 s');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
    });
    expect(timer()).toBe('2 s');
    expect(onDone).not.toHaveBeenCalled();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(2000);
    });
    expect(timer()).toBe('0 s');
    expect(onDone).toHaveBeenCalledOnce();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(5000);
    });
    expect(onDone).toHaveBeenCalledOnce();
  });
});
