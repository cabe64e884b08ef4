import { AppError } from '../../common/errors';
import type { EventRecord } from '../adapters/dynamo/event-repo';
import type { DynamoStore } from '../adapters/dynamo/store';

/** How long an event definition is trusted in-process; another process's update shows after it. */
export const EVENT_CACHE_TTL_MS = 5_000;
/** Most events kept; the oldest entry goes first beyond it. */
const MAX_ENTRIES = 1_000;

/** In-process cache of event records for the hot paths (holds, catalog). */
export interface EventCache {
  /** The event record (fresh within the TTL), or undefined when there is no such event. */
  get(eventId: string): Promise<EventRecord | undefined>;
  /** The event record or 404. */
  require(eventId: string): Promise<EventRecord>;
  /** Forgets an event (after an organizer change in this process). */
  invalidate(eventId: string): void;
}

/**
 * Caches event records by id with a bounded TTL, so a hold costs no event read. Concurrent
 * misses share one read; failed reads and unknown events are not cached. Several origin
 * processes each keep their own cache: an update made elsewhere is seen within the TTL.
 * @example const events = createEventCache(store, Date.now); await events.require('demo-arena');
 */
export function createEventCache(
  store: Pick<DynamoStore, 'events'>,
  clock: () => number,
  ttlMs = EVENT_CACHE_TTL_MS,
): EventCache {
  const entries = new Map<string, { at: number; record: Promise<EventRecord | undefined> }>();

  async function get(eventId: string): Promise<EventRecord | undefined> {
    const now = clock();
    const hit = entries.get(eventId);
    if (hit && now - hit.at < ttlMs && now >= hit.at) return hit.record;
    const record = store.events.get(eventId);
    entries.delete(eventId);
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    const entry = { at: now, record };
    entries.set(eventId, entry);
    const found = await record.catch((error: unknown) => {
      if (entries.get(eventId) === entry) entries.delete(eventId);
      throw error;
    });
    if (!found && entries.get(eventId) === entry) entries.delete(eventId);
    return found;
  }

  return {
    get,
    async require(eventId) {
      const record = await get(eventId);
      if (!record) throw new AppError('not_found', `No event "${eventId}"`);
      return record;
    },
    invalidate(eventId) {
      entries.delete(eventId);
    },
  };
}
