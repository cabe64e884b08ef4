import { commitmentOf, prequeuePositions } from './prequeue-shuffle';

/** Names the shuffle of prequeue-shuffle.ts, so a verifier knows which one to run. */
export const PREQUEUE_ALGORITHM = 'fisher-yates-hmac-sha256-v1';

/** What `GET /wr/{eventId}/prequeue-log` publishes (the parts a verifier needs). */
export interface PublishedPrequeueLog {
  algorithm?: string;
  seed: string | null;
  commitment: string;
  base: number;
  entries: { ticketId: string; joinOrder: number; position: number | null }[];
}

export interface PrequeueMismatch {
  ticketId: string;
  joinOrder: number;
  published: number | null;
  expected: number;
}

export interface PrequeueVerification {
  ok: boolean;
  /** Problems with the log as a whole (seed, commitment, join order, algorithm). */
  problems: string[];
  /** Entries whose published position differs from the recomputation. */
  mismatches: PrequeueMismatch[];
  /** Entries checked (those with a published position). */
  checked: number;
}

/**
 * Recomputes every pre-queue position from the published seed and join log and compares:
 * the seed must hash to the commitment (and to `expectedCommitment`, the one you saw in `state`
 * before opening, when given), join orders must be 1…n, and each published position must equal
 * the shuffle's. Pure: the CLI (scripts/verify-prequeue.ts) and tests call it.
 * @example (await verifyPrequeueLog(await (await fetch(url)).json(), savedCommitment)).ok
 */
export async function verifyPrequeueLog(
  log: PublishedPrequeueLog,
  expectedCommitment?: string,
): Promise<PrequeueVerification> {
  const problems: string[] = [];
  if (log.algorithm !== undefined && log.algorithm !== PREQUEUE_ALGORITHM) {
    problems.push(`unknown algorithm ${log.algorithm} (this verifier runs ${PREQUEUE_ALGORITHM})`);
  }
  if (!log.seed || !/^[0-9a-f]{64}$/.test(log.seed)) {
    return {
      ok: false,
      problems: [...problems, 'no valid seed published'],
      mismatches: [],
      checked: 0,
    };
  }
  const commitment = await commitmentOf(log.seed);
  if (commitment !== log.commitment) {
    problems.push(`seed does not hash to the published commitment ${log.commitment}`);
  }
  if (expectedCommitment !== undefined && commitment !== expectedCommitment) {
    problems.push(`seed does not hash to the commitment seen before opening ${expectedCommitment}`);
  }
  const entries = [...log.entries].sort((a, b) => a.joinOrder - b.joinOrder);
  if (entries.some((e, i) => e.joinOrder !== i + 1)) {
    problems.push('join orders are not 1…n without gaps');
  }
  const expected = await prequeuePositions(log.seed, entries.length, log.base);
  const mismatches: PrequeueMismatch[] = [];
  let checked = 0;
  entries.forEach((entry, i) => {
    if (entry.position === null) return;
    checked++;
    if (entry.position !== expected[i]) {
      mismatches.push({
        ticketId: entry.ticketId,
        joinOrder: entry.joinOrder,
        published: entry.position,
        expected: expected[i] as number,
      });
    }
  });
  return { ok: problems.length === 0 && mismatches.length === 0, problems, mismatches, checked };
}
