import type { OriginId } from '../behaviours';
import type { EdgeRequest, EdgeResponse } from './http-types';
import { createOriginPool } from './origin-pool';
import { createStaticOrigin } from './static-origin';

export { createHttpOrigin, OriginUnreachableError } from './http-origin';
export { createOriginPool } from './origin-pool';
export { contentTypeFor, createStaticOrigin } from './static-origin';

/** One origin of the distribution: takes the filtered origin request, returns its answer. */
export type Origin = (req: EdgeRequest) => Promise<EdgeResponse>;

export interface OriginsOptions {
  /**
   * The Hono origin (the ALB in production), e.g. `http://127.0.0.1:8787`, or several instances
   * of it, served round-robin (see {@link createOriginPool}).
   */
  readonly apiOrigin: string | URL | readonly (string | URL)[];
  /** The web build served as the S3 bucket. */
  readonly storefrontDir: string;
  readonly timeoutMs?: number;
}

/** The distribution's origins by id, as the behaviours table names them. */
export function createOrigins(options: OriginsOptions): {
  origins: Record<OriginId, Origin>;
  close(): void;
} {
  const urls = Array.isArray(options.apiOrigin) ? options.apiOrigin : [options.apiOrigin];
  const api = createOriginPool(
    urls.map((u) => new URL(u)),
    { timeoutMs: options.timeoutMs },
  );
  return {
    origins: { api: api.fetch, storefront: createStaticOrigin(options.storefrontDir) },
    close: api.close,
  };
}
