import { AppError } from '../../../common/errors';
import type { CdnInvalidator } from './types';

/**
 * The local edge's invalidation endpoint (`POST {edgeUrl}/_edge/invalidations { paths }`,
 * docs/contracts.md "Start-up seams"). `edgeUrl` may be a function, for start-up orders where
 * the origin starts before the edge has a port; while it answers undefined nothing is sent.
 * @example createLocalInvalidator('http://127.0.0.1:3000').invalidate(['/api/catalog/events'])
 */
export function createLocalInvalidator(
  edgeUrl: string | (() => string | undefined),
  fetchImpl: typeof fetch = fetch,
): CdnInvalidator {
  return {
    async invalidate(paths) {
      const base = typeof edgeUrl === 'function' ? edgeUrl() : edgeUrl;
      if (!base) return;
      const res = await fetchImpl(new URL('/_edge/invalidations', base), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ paths }),
      });
      if (!res.ok) {
        throw new AppError(
          'unavailable',
          `Edge invalidation failed: ${res.status} ${await res.text()}`,
        );
      }
      await res.body?.cancel();
    },
  };
}
