import type { EdgeResponse } from './http-types';

/** One object in the edge cache, with what is needed to age, refresh and invalidate it. */
export interface CachedObject {
  readonly key: string;
  /** URI path and query string of the request that filled it (invalidation matches these). */
  readonly path: string;
  readonly querystring: string;
  readonly response: EdgeResponse;
  /** When the object was stored or last revalidated (ms since epoch): the `Age` origin. */
  readonly storedAtMs: number;
  readonly ttl: number;
  readonly staleWhileRevalidate: number;
  readonly staleIfError: number;
  /** The origin's own validators (the stored body may be compressed, with a weak ETag). */
  readonly validators: { readonly etag?: string; readonly lastModified?: string };
}

export interface CacheStoreOptions {
  /** Total body bytes kept; least recently used objects go first. Default 64 MiB. */
  readonly maxBytes?: number;
  readonly maxEntries?: number;
}

/**
 * In-memory, size-bounded LRU cache of edge objects, with CloudFront-style invalidation by
 * path pattern. A Map keeps insertion order, so re-inserting on read makes it an LRU.
 */
export class CacheStore {
  private readonly entries = new Map<string, CachedObject>();
  private bytes = 0;
  private epoch = 0;
  private readonly maxBytes: number;
  private readonly maxEntries: number;

  constructor(options: CacheStoreOptions = {}) {
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxEntries = options.maxEntries ?? 50_000;
  }

  /**
   * Bumped by every invalidation. A fetch that started before an invalidation must not store
   * its (possibly outdated) result: pass the epoch read at fetch start to {@link set}.
   */
  get invalidationEpoch(): number {
    return this.epoch;
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): CachedObject | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Stores (or replaces) an object; returns false when skipped (too big or outdated epoch). */
  set(entry: CachedObject, startedAtEpoch = this.epoch): boolean {
    if (startedAtEpoch < this.epoch) return false;
    const size = sizeOf(entry);
    if (size > this.maxBytes) return false;
    this.delete(entry.key);
    this.entries.set(entry.key, entry);
    this.bytes += size;
    for (const [key] of this.entries) {
      if (this.bytes <= this.maxBytes && this.entries.size <= this.maxEntries) break;
      this.delete(key);
    }
    return true;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(entry);
  }

  /**
   * Removes every object matching one of the invalidation paths and returns how many went.
   * `*` matches any characters (so `/api/catalog/*` covers every query-string variant too);
   * a path without `*` is one URI: `/a` removes `/a` but not `/a?page=2`, which needs its own
   * path or `/a*`, as CloudFront requires when query strings are forwarded. Every key variant
   * (encoding, headers) of a matching URI goes. Matching is case-sensitive, like CloudFront.
   */
  invalidate(paths: readonly string[]): number {
    this.epoch += 1;
    const matchers = paths.map(invalidationMatcher);
    let removed = 0;
    for (const entry of [...this.entries.values()]) {
      const uri = entry.querystring ? `${entry.path}?${entry.querystring}` : entry.path;
      if (matchers.some((m) => m(uri))) {
        this.delete(entry.key);
        removed += 1;
      }
    }
    return removed;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.epoch += 1;
  }
}

function invalidationMatcher(pattern: string): (uri: string) => boolean {
  const normalised = pattern.startsWith('/') ? pattern : `/${pattern}`;
  if (!normalised.includes('*')) return (uri) => uri === normalised;
  const source = normalised
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const regex = new RegExp(`^${source}$`, 's');
  return (uri) => regex.test(uri);
}

function sizeOf(entry: CachedObject): number {
  return entry.response.body.length + entry.key.length + 512;
}

/** Seconds since the object was stored or revalidated (the `Age` header value). */
export function ageOf(entry: CachedObject, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - entry.storedAtMs) / 1000));
}

/** True while the object may be served without asking the origin. */
export function isFresh(entry: CachedObject, nowMs: number): boolean {
  return nowMs - entry.storedAtMs < entry.ttl * 1000;
}

/** True while a stale object may be served as the background refresh runs. */
export function withinStaleWhileRevalidate(entry: CachedObject, nowMs: number): boolean {
  return nowMs - entry.storedAtMs < (entry.ttl + entry.staleWhileRevalidate) * 1000;
}

/** True while a stale object may replace an origin error. */
export function withinStaleIfError(entry: CachedObject, nowMs: number): boolean {
  return nowMs - entry.storedAtMs < (entry.ttl + entry.staleIfError) * 1000;
}
