import type { DynamoStore } from '../adapters/dynamo/store';

/** How long hold counts gather in-process before one write adds them to the event item. */
export const TALLY_FLUSH_MS = 1_000;

/** Counts holds per event in memory and adds them to the event item in batches. */
export interface HoldTally {
  add(eventId: string, holds: number): void;
  /** Writes what has gathered (all events, or one). */
  flush(eventId?: string): Promise<void>;
}

/**
 * The organizer's "holds made" counter without a write per hold: every hold updating the one
 * event item would be a hot key on DynamoDB (one partition, ~1,000 writes/s). Counts gather for
 * {@link TALLY_FLUSH_MS} and go out as one `ADD` per event; a crash loses at most that window of
 * a statistic, never a seat. `flush()` on shutdown and before stats are read.
 */
export function createHoldTally(
  store: Pick<DynamoStore, 'events'>,
  onError: (error: unknown) => void = () => undefined,
  flushMs = TALLY_FLUSH_MS,
): HoldTally {
  const pending = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function flush(eventId?: string): Promise<void> {
    const ids = eventId === undefined ? [...pending.keys()] : [eventId];
    await Promise.all(
      ids.map(async (id) => {
        const holds = pending.get(id) ?? 0;
        if (holds === 0) return;
        pending.delete(id);
        try {
          await store.events.count(id, { holds });
        } catch (error) {
          pending.set(id, (pending.get(id) ?? 0) + holds);
          onError(error);
        }
      }),
    );
  }

  return {
    add(eventId, holds) {
      pending.set(eventId, (pending.get(eventId) ?? 0) + holds);
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        void flush();
      }, flushMs);
      timer.unref?.();
    },
    flush,
  };
}
