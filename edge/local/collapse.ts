/**
 * Request collapsing: while one origin request for a cache key is in flight, later misses for
 * the same key wait for it instead of reaching the origin (CloudFront "simultaneous requests
 * for the same object").
 *
 * @example
 * const collapser = new Collapser<EdgeResponse>();
 * const { value, leader } = await collapser.run(key, () => fetchFromOrigin());
 */
export class Collapser<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private waitingCount = 0;

  /** Callers currently waiting on another caller's fetch. */
  get waiting(): number {
    return this.waitingCount;
  }

  /** Number of keys with an origin request in flight. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** True when a request for `key` is already in flight (used to avoid duplicate refreshes). */
  has(key: string): boolean {
    return this.inFlight.has(key);
  }

  /**
   * Runs `fetch` for `key` unless one is already running, in which case its result is shared.
   * `leader` is true for the caller whose `fetch` actually ran.
   */
  async run(key: string, fetch: () => Promise<T>): Promise<{ value: T; leader: boolean }> {
    const existing = this.inFlight.get(key);
    if (existing) {
      this.waitingCount += 1;
      try {
        return { value: await existing, leader: false };
      } finally {
        this.waitingCount -= 1;
      }
    }
    const promise = Promise.resolve()
      .then(fetch)
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return { value: await promise, leader: true };
  }
}
