import { keys, ttlAttribute } from './keys';
import type { TableOps } from './table-ops';

/** A stored request: in progress, or done with the response to replay. */
export interface IdempotencyRecord {
  bodyHash: string;
  state: 'IN_PROGRESS' | 'DONE';
  startedAt: number;
  status?: number;
  body?: string;
}

const DAY_MS = 86_400_000;

/** Idempotency-Key records, scoped (e.g. per buyer and operation) so keys never clash. */
export class IdempotencyRepo {
  constructor(private readonly table: TableOps) {}

  /**
   * Claims a key. Returns undefined when claimed, else the existing record. A claim left
   * IN_PROGRESS for longer than `staleMs` (its process crashed) can be taken over.
   */
  async claim(
    scope: string,
    key: string,
    bodyHash: string,
    now: number,
    staleMs: number,
  ): Promise<IdempotencyRecord | undefined> {
    const item = {
      ...keys.idempotency(scope, key),
      bodyHash,
      state: 'IN_PROGRESS',
      startedAt: now,
    };
    const claimed = await this.table.put(
      { ...item, ...ttlAttribute(now + DAY_MS) },
      {
        expression:
          'attribute_not_exists(pk) OR #st = :progress AND startedAt < :stale AND bodyHash = :b',
        names: { '#st': 'state' },
        values: { ':progress': 'IN_PROGRESS', ':stale': now - staleMs, ':b': bodyHash },
      },
    );
    if (claimed) return undefined;
    return this.table.get<IdempotencyRecord>(keys.idempotency(scope, key));
  }

  /** Stores the response to replay for this key. */
  async complete(scope: string, key: string, status: number, body: string): Promise<void> {
    await this.table.update(
      keys.idempotency(scope, key),
      'SET #st = :done, #status = :code, body = :body',
      { ':done': 'DONE', ':code': status, ':body': body },
      { '#st': 'state', '#status': 'status' },
    );
  }

  /** Forgets a claim whose request failed in a retryable way, so a retry runs again. */
  async release(scope: string, key: string): Promise<void> {
    await this.table.update(
      keys.idempotency(scope, key),
      'SET startedAt = :zero',
      { ':zero': 0, ':progress': 'IN_PROGRESS' },
      { '#st': 'state' },
      '#st = :progress',
    );
  }
}
