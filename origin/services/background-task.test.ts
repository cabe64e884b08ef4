import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBackgroundTask } from './background-task';

/** A pass the test finishes by hand. */
function gate<T>() {
  let open!: (value: T) => void;
  const done = new Promise<T>((resolve) => {
    open = resolve;
  });
  return { done, open };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('background task', () => {
  it('joins the pass already running instead of starting another', async () => {
    const pass = gate<number>();
    const run = vi.fn(() => pass.done);
    const task = startBackgroundTask({ name: 'test task', run, intervalMs: 10 });

    const first = task.runOnce();
    const second = task.runOnce();
    await vi.advanceTimersByTimeAsync(50); // timed ticks while the pass is still running
    expect(run).toHaveBeenCalledTimes(1);

    pass.open(3);
    expect(await first).toBe(3);
    expect(await second).toBe(3);
    await task.close();
  });

  it('runs again once the previous pass has finished', async () => {
    let passes = 0;
    const task = startBackgroundTask({
      name: 'test task',
      run: async () => ++passes,
      intervalMs: 0,
    });
    expect(await task.runOnce()).toBe(1);
    expect(await task.runOnce()).toBe(2);
    await task.close();
  });

  it('close waits for the pass in progress', async () => {
    const pass = gate<string>();
    const task = startBackgroundTask({ name: 'test task', run: () => pass.done, intervalMs: 0 });
    void task.runOnce();

    let closed = false;
    const closing = task.close().then(() => {
      closed = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(closed, 'close returned while the pass was running').toBe(false);

    pass.open('done');
    await closing;
    expect(closed).toBe(true);
  });

  it('close does not throw the failure of the pass it waits for', async () => {
    const task = startBackgroundTask({
      name: 'test task',
      run: () => Promise.reject(new Error('boom')),
      intervalMs: 0,
    });
    await expect(task.runOnce()).rejects.toThrow('boom');
    void task.runOnce().catch(() => undefined);
    await expect(task.close()).resolves.toBeUndefined();
  });

  it('reports each failed timed pass with the task name and keeps ticking', async () => {
    const errors: string[] = [];
    const task = startBackgroundTask({
      name: 'test task',
      run: () => Promise.reject(new Error('store down')),
      intervalMs: 10,
      onError: (error, name) => errors.push(`${name}: ${String(error)}`),
    });
    await vi.advanceTimersByTimeAsync(25);
    expect(errors).toEqual(['test task: Error: store down', 'test task: Error: store down']);
    await task.close();
  });

  it('tells onResult what each timed pass returned, and stops ticking once closed', async () => {
    let passes = 0;
    const results: number[] = [];
    const task = startBackgroundTask({
      name: 'test task',
      run: async () => ++passes,
      intervalMs: 10,
      onResult: (result) => results.push(result),
    });
    await vi.advanceTimersByTimeAsync(25);
    expect(results).toEqual([1, 2]);

    await task.close();
    await vi.advanceTimersByTimeAsync(50);
    expect(passes).toBe(2);
  });

  it('kick runs a pass without a timer and reports its result and failure like a timed pass', async () => {
    let fail = false;
    const results: number[] = [];
    const errors: string[] = [];
    const task = startBackgroundTask({
      name: 'test task',
      run: async () => {
        if (fail) throw new Error('store down');
        return 7;
      },
      intervalMs: 0,
      onResult: (result) => results.push(result),
      onError: (error, name) => errors.push(`${name}: ${String(error)}`),
    });
    task.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toEqual([7]);

    fail = true;
    task.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual(['test task: Error: store down']);
    await task.close();
  });

  it('starts no timer when intervalMs is 0', async () => {
    const run = vi.fn(async () => 1);
    const task = startBackgroundTask({ name: 'test task', run, intervalMs: 0 });
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).not.toHaveBeenCalled();
    await task.close();
  });
});
