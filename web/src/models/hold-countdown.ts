import { computed, signal } from '@preact/signals';

/**
 * A ticking "time left on your hold". `now` advances once a second while a countdown runs,
 * so every component reading `remainingSeconds` re-renders on its own.
 */

export function createCountdown(expiresAt: string | number, clock = () => Date.now()) {
  const deadline = typeof expiresAt === 'number' ? expiresAt : Date.parse(expiresAt);
  const now = signal(clock());
  const remainingSeconds = computed(() => Math.max(0, Math.ceil((deadline - now.value) / 1000)));
  const expired = computed(() => remainingSeconds.value === 0);
  let timer: ReturnType<typeof setInterval> | undefined;

  return {
    remainingSeconds,
    expired,
    /** Starts ticking; returns the stop function (use it as an effect cleanup). */
    start(): () => void {
      timer ??= setInterval(() => {
        now.value = clock();
        if (expired.value) this.stop();
      }, 1000);
      return () => this.stop();
    },
    stop(): void {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
    tick(): void {
      now.value = clock();
    },
  };
}

/** "4:05" from 245 seconds. */
export function formatCountdown(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}
