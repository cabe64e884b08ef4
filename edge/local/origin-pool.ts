import {
  createHttpOrigin,
  type HttpOrigin,
  type HttpOriginOptions,
  OriginUnreachableError,
} from './http-origin';
import type { EdgeRequest, EdgeResponse } from './http-types';

/** Methods safe to send twice (RFC 9110 §9.2.2): retried on another origin after a failure. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

export interface OriginPoolOptions extends HttpOriginOptions {
  /** How long an origin that refused a connection is skipped, in ms (default 1000). */
  readonly skipRefusedMs?: number;
  /** Clock in ms (default `Date.now`). */
  readonly now?: () => number;
}

interface Member {
  readonly base: URL;
  readonly origin: HttpOrigin;
  skipUntil: number;
}

/**
 * Several instances of one custom origin behind the local edge, like the ALB's targets: requests
 * go round-robin. An instance that refuses a connection is skipped for a moment, and the request
 * goes to the next one once; any method may be retried then, since nothing was sent. After
 * other failures (reset, hang-up) only idempotent methods are retried, never a POST that may
 * already have run. Timeouts are not retried (the instance may still be working on it).
 *
 * @example
 * const api = createOriginPool([new URL('http://127.0.0.1:8081'), new URL('http://127.0.0.1:8082')]);
 * const res = await api.fetch(request);
 */
export function createOriginPool(
  bases: readonly URL[],
  options: OriginPoolOptions = {},
): HttpOrigin {
  if (bases.length === 0) throw new Error('The api origin needs at least one URL');
  const members: Member[] = bases.map((base) => ({
    base,
    origin: createHttpOrigin(base, options),
    skipUntil: 0,
  }));
  const now = options.now ?? Date.now;
  const skipMs = options.skipRefusedMs ?? 1000;
  let next = 0;

  const pick = (exclude?: Member): Member => {
    const t = now();
    const candidates = members.filter((m) => m !== exclude);
    const pool = candidates.length > 0 ? candidates : members;
    for (let i = 0; i < members.length; i++) {
      const member = members[(next + i) % members.length] as Member;
      if (pool.includes(member) && member.skipUntil <= t) {
        next = (members.indexOf(member) + 1) % members.length;
        return member;
      }
    }
    // Every candidate is being skipped: try them in turn anyway rather than fail outright.
    const member = pool[next % pool.length] as Member;
    next = (next + 1) % members.length;
    return member;
  };

  const fetch = async (req: EdgeRequest): Promise<EdgeResponse> => {
    const first = pick();
    try {
      return await first.origin.fetch(req);
    } catch (err) {
      if (!(err instanceof OriginUnreachableError) || members.length < 2) throw err;
      if (err.refused) first.skipUntil = now() + skipMs;
      const retry = err.refused || (!err.timedOut && IDEMPOTENT.has(req.method));
      if (!retry) throw err;
      return pick(first).origin.fetch(req);
    }
  };

  return {
    fetch,
    close: () => {
      for (const m of members) m.origin.close();
    },
  };
}
