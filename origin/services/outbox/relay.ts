import type { PendingItem } from '../../adapters/dynamo/outbox-repo';
import type { DynamoStore } from '../../adapters/dynamo/store';
import type { Publisher } from '../../adapters/events/types';
import { startBackgroundTask } from '../background-task';
import { type Faults, isCrash, step } from '../faults';

/** How often the relay looks for pending events. */
export const RELAY_INTERVAL_MS = 1_000;
/** Most items taken from each shard of the pending index per page. */
export const RELAY_BATCH = 50;
/** Pages one pass may take before it leaves the rest to the next pass. */
const MAX_PAGES_PER_PASS = 20;
/** Items relayed at once. */
const PARALLEL = 8;

export interface OutboxRelay {
  /** One pass: publishes what is pending now; returns how many events this pass marked published. */
  relayOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  close(): Promise<void>;
}

export interface RelayDeps {
  store: Pick<DynamoStore, 'outbox'>;
  publisher: Publisher;
  faults?: Faults;
  onBackgroundError?: (error: unknown, context: string) => void;
}

/**
 * The outbox relay: every `intervalMs` it queries the sparse pending index (never a scan),
 * publishes each item's events, then marks each published (conditional: with several origin
 * processes relaying, each mark happens once) and takes the item out of the index when none is
 * left. Publishing comes before marking, so a crash in between publishes again on the next pass:
 * at least once, never lost; consumers deduplicate by event id. A failed publish leaves the
 * events pending for the next pass. `intervalMs: 0` starts no timer (tests call `relayOnce`).
 * Fault steps: `outbox:published` (after publish, before the mark).
 * @example const relay = startOutboxRelay(services.deps); …; await relay.close();
 */
export function startOutboxRelay(
  deps: RelayDeps,
  options: { intervalMs?: number; batch?: number } = {},
): OutboxRelay {
  const intervalMs = options.intervalMs ?? RELAY_INTERVAL_MS;
  const batch = options.batch ?? RELAY_BATCH;

  /** Relays one item's events: how many this call marked published, or -1 when it failed. */
  async function relayItem(item: PendingItem): Promise<number> {
    let marked = 0;
    try {
      if (item.events.length > 0) {
        await deps.publisher.publish(item.events);
        await step(deps.faults, 'outbox:published');
        for (const event of item.events) {
          if (await deps.store.outbox.markPublished(item.key, event.id)) marked++;
        }
      }
      await deps.store.outbox.unindexIfDone(item.key);
    } catch (error) {
      if (isCrash(error)) throw error;
      // One item's failure must not hold up the others; it stays pending for the next pass.
      deps.onBackgroundError?.(error, `outbox relay (${item.key.pk})`);
      return -1;
    }
    return marked;
  }

  async function pass(): Promise<number> {
    let marked = 0;
    const failed = new Set<string>();
    // Keep going while pages come back busy (a sale confirms faster than one page a second),
    // up to a bound; items that failed in this pass wait for the next one.
    for (let page = 0; page < MAX_PAGES_PER_PASS; page++) {
      const pending = (await deps.store.outbox.listPending(batch)).filter(
        (item) => !failed.has(item.key.pk),
      );
      let progressed = 0;
      for (let k = 0; k < pending.length; k += PARALLEL) {
        const slice = pending.slice(k, k + PARALLEL);
        const done = await Promise.all(slice.map(relayItem));
        done.forEach((n, index) => {
          if (n < 0) failed.add(slice[index]?.key.pk ?? '');
          else progressed += n;
        });
      }
      marked += progressed;
      if (pending.length < batch || progressed === 0) break;
    }
    return marked;
  }

  const task = startBackgroundTask({
    name: 'outbox relay',
    run: pass,
    intervalMs,
    onError: (error, name) => deps.onBackgroundError?.(error, name),
  });
  return { relayOnce: task.runOnce, close: task.close };
}
