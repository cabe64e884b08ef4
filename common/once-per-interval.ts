/**
 * A gate that opens at most once per `intervalMs` for each key: for warnings that would otherwise
 * repeat on every request or reconnect attempt (a dead Redis makes ioredis emit an error every
 * few hundred milliseconds, and every buying request would warn about the same outage).
 * Returns how many calls it held back since it last opened (0 the first time), or `false` while
 * it stays shut, so a log line can say how much it summarises.
 *
 * @example
 * const due = oncePerInterval(5_000);
 * redis.on('error', (err) => {
 *   const held = due('redis');
 *   if (held !== false) logger.warn({ err, repeats: held }, 'redis connection error');
 * });
 */
export function oncePerInterval(
  intervalMs: number,
  clock: () => number = Date.now,
): (key?: string) => number | false {
  const gates = new Map<string, { openedAt: number; held: number }>();
  return (key = '') => {
    const now = clock();
    const gate = gates.get(key);
    if (gate && now - gate.openedAt < intervalMs) {
      gate.held++;
      return false;
    }
    gates.set(key, { openedAt: now, held: 0 });
    return gate?.held ?? 0;
  };
}
