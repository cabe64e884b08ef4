import { startBackgroundTask } from '../background-task';
import type { ResolvedDeps } from '../deps';
import { isCrash, step } from '../faults';
import { buyerAdmitted } from './events';

/** How often the feed reads the rooms' admitted streams. */
export const ADMITTED_FEED_INTERVAL_MS = 2_000;
/** Stream entries read per page. */
export const ADMITTED_FEED_BATCH = 200;
/** Pages one pass reads per event before it leaves the rest to the next pass. */
const MAX_PAGES_PER_EVENT = 10;
/** Records written at once. */
const PARALLEL = 16;
/** A room's stream is still read this long after its event started (late entries reach the bus). */
const AFTER_START_MS = 86_400_000;

export interface AdmittedFeed {
  /** One pass over every room: returns how many `buyer.admitted` events it wrote. */
  feedOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  close(): Promise<void>;
}

type FeedDeps = Pick<ResolvedDeps, 'store' | 'admission' | 'clock'> &
  Partial<Pick<ResolvedDeps, 'faults' | 'onBackgroundError'>>;

/**
 * Carries the edge's admissions into the outbox (issue 9: "admitted from the queue"). The edge
 * has no DynamoDB, so the room store is its outbox: the admit script appends each first
 * admission to the event's capped admitted stream in the same atomic script. Every
 * `intervalMs` this reads, for each event with a room, the entries after its cursor (kept in
 * DynamoDB, read once per room and then kept in memory), writes one `buyer.admitted` event per
 * entry through `store.admitted.record` (a conditional put keyed by event and ticket, with a
 * derived event id), then saves the cursor. Another process advancing the same room only makes
 * this one read entries again, which `record` ignores.
 * A crash between the writes and the cursor only means the entries are read again, and
 * recording them again writes nothing: each admission reaches the bus once through the relay.
 * Without `admission.admittedSince` (no waiting room) a pass does nothing.
 * Fault step: `admitted-feed:recorded` (after the writes, before the cursor is saved).
 * @example const feed = startAdmittedFeed(services.deps); …; await feed.close();
 */
export function startAdmittedFeed(
  deps: FeedDeps,
  options: { intervalMs?: number; batch?: number } = {},
): AdmittedFeed {
  const batch = options.batch ?? ADMITTED_FEED_BATCH;
  /** Each room's cursor once read or saved: DynamoDB is read once per room, not every pass. */
  const cursors = new Map<string, string | undefined>();

  async function feedEvent(eventId: string): Promise<number> {
    const read = deps.admission.admittedSince?.bind(deps.admission);
    if (!read) return 0;
    let cursor = cursors.has(eventId)
      ? cursors.get(eventId)
      : await deps.store.admitted.cursor(eventId);
    cursors.set(eventId, cursor);
    let written = 0;
    for (let page = 0; page < MAX_PAGES_PER_EVENT; page++) {
      const next = await read(eventId, cursor, batch);
      if (next.entries.length === 0) break;
      for (let k = 0; k < next.entries.length; k += PARALLEL) {
        const done = await Promise.all(
          next.entries
            .slice(k, k + PARALLEL)
            .map((e) =>
              deps.store.admitted.record(buyerAdmitted(eventId, e.ticketId, e.position, e.at)),
            ),
        );
        written += done.filter(Boolean).length;
      }
      await step(deps.faults, 'admitted-feed:recorded');
      if (next.cursor !== undefined) {
        await deps.store.admitted.saveCursor(eventId, next.cursor, deps.clock());
        cursors.set(eventId, next.cursor);
      }
      cursor = next.cursor;
      if (next.entries.length < batch) break;
    }
    return written;
  }

  async function pass(): Promise<number> {
    if (!deps.admission.admittedSince) return 0;
    const now = deps.clock();
    let written = 0;
    for (const event of await deps.store.events.listAdmissions()) {
      if (event.admission === undefined) continue;
      if (Date.parse(event.startsAt) + AFTER_START_MS <= now) continue;
      try {
        written += await feedEvent(event.eventId);
      } catch (error) {
        if (isCrash(error)) throw error;
        // One room's failure must not hold up the others; its cursor stays for the next pass.
        deps.onBackgroundError?.(error, `admitted feed (${event.eventId})`);
      }
    }
    return written;
  }

  const task = startBackgroundTask({
    name: 'admitted feed',
    run: pass,
    intervalMs: options.intervalMs ?? ADMITTED_FEED_INTERVAL_MS,
    onError: (error, name) => deps.onBackgroundError?.(error, name),
  });
  return { feedOnce: task.runOnce, close: task.close };
}
