import { createHash } from 'node:crypto';
import { AppError } from '../../common/errors';
import type { IdempotencyRepo } from '../adapters/dynamo/idempotency-repo';
import { isCrash, type SimulatedCrash } from './faults';

/** A response worth replaying. */
export interface StoredResponse<T> {
  status: number;
  body: T;
}

/**
 * A claim left IN_PROGRESS this long belongs to a crashed process and may be taken over (by a
 * request with the same key and body); until then a retry is told the first is in progress.
 */
export const IDEMPOTENCY_STALE_MS = 10_000;

/** SHA-256 (base64url) of a request body, the fingerprint a key is bound to. */
export function hashBody(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('base64url');
}

/**
 * Runs `work` at most once per Idempotency-Key: the same key with the same body replays the
 * first success; with another body → 409 `idempotency_conflict`; while the first is still
 * running → 409 `conflict` (retryable). Failures are not stored: the operations are idempotent
 * themselves (ids derive from the key), so a retry after an error resumes the work at once.
 * A {@link SimulatedCrash} releases nothing, as a killed process could not: its claim stays
 * IN_PROGRESS (retries get 409 `conflict` + Retry-After) until it is
 * {@link IDEMPOTENCY_STALE_MS} old, then a retry takes it over and completes the work.
 */
export async function runIdempotent<T>(
  repo: IdempotencyRepo,
  request: { scope: string; key?: string; body: unknown; now: number },
  work: () => Promise<StoredResponse<T>>,
): Promise<StoredResponse<T> & { replayed: boolean }> {
  if (!request.key) return { ...(await work()), replayed: false };
  const bodyHash = hashBody(request.body);
  const existing = await repo.claim(
    request.scope,
    request.key,
    bodyHash,
    request.now,
    IDEMPOTENCY_STALE_MS,
  );
  if (existing) {
    if (existing.bodyHash !== bodyHash) {
      throw new AppError(
        'idempotency_conflict',
        'This Idempotency-Key was already used with a different request body',
      );
    }
    if (existing.state === 'DONE' && existing.status !== undefined && existing.body !== undefined) {
      return { status: existing.status, body: JSON.parse(existing.body) as T, replayed: true };
    }
    throw new AppError(
      'conflict',
      'A request with this Idempotency-Key is still in progress: retry shortly',
      undefined,
      1,
    );
  }
  let result: StoredResponse<T>;
  try {
    result = await work();
  } catch (error) {
    if (!isCrash(error)) await repo.release(request.scope, request.key).catch(() => undefined);
    throw error;
  }
  await repo.complete(request.scope, request.key, result.status, JSON.stringify(result.body));
  return { ...result, replayed: false };
}

/**
 * A stable id for a retried operation: the same buyer + key always yields the same id, so a
 * retry after a crash finds (and continues) the work the first attempt started.
 */
export function derivedId(prefix: 'h' | 'o' | 'p', ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 26)}`;
}
