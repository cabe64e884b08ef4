import { keys, ttlAttribute } from './keys';
import type { TableOps } from './table-ops';

const DAY_MS = 86_400_000;
/** Processed-event records are kept this long: far beyond any relay retry. */
const KEEP_MS = 30 * DAY_MS;

/** Where a consumer stands with one event. */
export type ClaimResult = 'claimed' | 'done' | 'busy';

/**
 * Consumer-side deduplication by event id: a record per (consumer, event) written with a
 * conditional put. `claim` wins once; a claim left unfinished longer than `staleMs` (its process
 * died mid-way) can be taken over, so a crash delays an effect but never drops it. With an
 * effect that is itself idempotent by event id (the mailer), this gives exactly one effect.
 */
export class ProcessedRepo {
  constructor(private readonly table: TableOps) {}

  async claim(
    consumer: string,
    eventId: string,
    now: number,
    staleMs: number,
  ): Promise<ClaimResult> {
    const claimed = await this.table.put(
      {
        ...keys.processed(consumer, eventId),
        state: 'IN_PROGRESS',
        startedAt: now,
        ...ttlAttribute(now + KEEP_MS),
      },
      {
        expression: 'attribute_not_exists(pk) OR #st = :progress AND startedAt < :stale',
        names: { '#st': 'state' },
        values: { ':progress': 'IN_PROGRESS', ':stale': now - staleMs },
      },
    );
    if (claimed) return 'claimed';
    const record = await this.table.get<{ state: string }>(keys.processed(consumer, eventId));
    return record?.state === 'DONE' ? 'done' : 'busy';
  }

  async complete(consumer: string, eventId: string, now: number): Promise<void> {
    await this.table.update(
      keys.processed(consumer, eventId),
      'SET #st = :done, doneAt = :now',
      { ':done': 'DONE', ':now': now },
      { '#st': 'state' },
    );
  }

  /** Gives a claim back after a failed effect, so the next delivery retries at once. */
  async release(consumer: string, eventId: string): Promise<void> {
    await this.table.update(
      keys.processed(consumer, eventId),
      'SET startedAt = :zero',
      { ':zero': 0, ':progress': 'IN_PROGRESS' },
      { '#st': 'state' },
      '#st = :progress',
    );
  }
}
