/**
 * Purges the CDN's cached copies of origin pages after an organizer change, so buyers see a new
 * price or section within seconds instead of after the catalog's `s-maxage`.
 * Paths are CloudFront invalidation paths: exact, or ending in `*`.
 */
export interface CdnInvalidator {
  /** Starts an invalidation; resolves once the CDN accepted it (not when it completes). */
  invalidate(paths: string[]): Promise<void>;
}

/** The catalog paths an organizer change to one event makes stale. */
export function catalogPaths(eventId: string): string[] {
  return ['/api/catalog/events', `/api/catalog/events/${eventId}*`];
}

/** No CDN in front (tests, a bare origin): nothing to purge. */
export const noInvalidator: CdnInvalidator = {
  async invalidate() {},
};
