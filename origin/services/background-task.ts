/** What {@link startBackgroundTask} runs, how often, and whom it tells. */
export interface BackgroundTaskOptions<T> {
  /** Names the task in error reports (`onError`'s second argument). */
  name: string;
  /** One pass of the task. */
  run: () => Promise<T>;
  /** Time between timed passes; 0 starts no timer (the caller drives it with `runOnce`). */
  intervalMs: number;
  /** Told of every timed or kicked pass that fails, with the task's name; the timer keeps going. */
  onError?: (error: unknown, name: string) => void;
  /** Told the result of every timed or kicked pass that succeeds. */
  onResult?: (result: T) => void;
}

/** A running background task. */
export interface BackgroundTask<T> {
  /** Runs one pass now, or joins the pass already running: passes never overlap. */
  runOnce(): Promise<T>;
  /**
   * Starts a pass now without waiting for it (or joins the one running), reporting like a timed
   * pass: its result to `onResult`, its failure to `onError`.
   */
  kick(): void;
  /** Stops the timer and waits for a pass in progress (its failure is not thrown again). */
  close(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` in the background of an origin process (sweepers, relays,
 * feeds): one pass at a time, so a slow pass delays the next instead of piling up; the timer is
 * unref'd, so it never keeps the process alive; a failed pass is reported, not thrown, and the
 * next tick tries again.
 * @example
 * const task = startBackgroundTask({ name: 'hold sweeper', run: pass, intervalMs: 5_000, onError });
 * await task.runOnce();
 * await task.close();
 */
export function startBackgroundTask<T>(options: BackgroundTaskOptions<T>): BackgroundTask<T> {
  let running: Promise<T> | undefined;

  function runOnce(): Promise<T> {
    running ??= options.run().finally(() => {
      running = undefined;
    });
    return running;
  }

  function kick(): void {
    runOnce()
      .then((result) => options.onResult?.(result))
      .catch((error) => options.onError?.(error, options.name));
  }

  const timer = options.intervalMs > 0 ? setInterval(kick, options.intervalMs) : undefined;
  timer?.unref?.();

  return {
    runOnce,
    kick,
    async close() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
