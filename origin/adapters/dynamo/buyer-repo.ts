import { AppError } from '../../../common/errors';
import { keys } from './keys';
import type { TableOps } from './table-ops';

/** One hold counted against a buyer: `exp` 0 means sold (counts forever). */
export interface BuyerEntry {
  n: number;
  exp: number;
}

/** Entries live as top-level attributes `h#{holdId}`, so one UpdateItem can add one. */
const ENTRY = 'h#';

interface BuyerItem {
  /** Seats counted over every entry (live, sold, or expired but not yet dropped). */
  held?: number;
  version?: number;
  /** The earlier layout (one map); read and rewritten by the slow path. */
  holds?: Record<string, BuyerEntry>;
  [attribute: string]: unknown;
}

function entriesOf(item: BuyerItem): Record<string, BuyerEntry> {
  const out: Record<string, BuyerEntry> = { ...(item.holds ?? {}) };
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(ENTRY)) out[name.slice(ENTRY.length)] = value as BuyerEntry;
  }
  return out;
}

/**
 * The per-buyer limit (seats per access-token ticket per event). One item per buyer: an entry
 * per hold plus `held`, the sum of the entries. The fast path is one conditional UpdateItem
 * (`held + n ≤ max`) with no read. `held` may still count holds that expired but were not
 * dropped yet (the sweeper drops them), so it only errs on the strict side; when the fast path
 * refuses, the slow path reads the item, prunes expired entries and writes it back, optimistic
 * on `version` (every write bumps it), so two parallel holds can never both slip under the limit.
 */
export class BuyerRepo {
  constructor(private readonly table: TableOps) {}

  /**
   * Counts `n` seats for `holdId` if the buyer stays within `max`.
   * @returns the seats the buyer already had when refused, or `{ ok: true }`.
   */
  async reserve(
    eventId: string,
    ticketId: string,
    holdId: string,
    entry: BuyerEntry,
    max: number,
    now: number,
  ): Promise<{ ok: true } | { ok: false; current: number }> {
    const key = keys.buyer(eventId, ticketId);
    const fast = await this.table.update(
      key,
      'SET #h = :e ADD held :n, version :one',
      { ':e': entry, ':n': entry.n, ':one': 1, ':room': max - entry.n },
      { '#h': ENTRY + holdId },
      // No item (so no entry) or: no entry for this hold and room left. Flat: see SeatRepo.hold.
      'attribute_not_exists(pk) OR attribute_not_exists(#h) AND held <= :room',
    );
    if (fast) return { ok: true };
    return this.reserveSlow(key, holdId, entry, max, now);
  }

  private async reserveSlow(
    key: ReturnType<typeof keys.buyer>,
    holdId: string,
    entry: BuyerEntry,
    max: number,
    now: number,
  ): Promise<{ ok: true } | { ok: false; current: number }> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const item = (await this.table.get<BuyerItem>(key)) ?? {};
      const live: Record<string, BuyerEntry> = {};
      let current = 0;
      for (const [id, e] of Object.entries(entriesOf(item))) {
        if (id === holdId || (e.exp !== 0 && e.exp <= now)) continue;
        live[ENTRY + id] = e;
        current += e.n;
      }
      if (current + entry.n > max) return { ok: false, current };
      live[ENTRY + holdId] = entry;
      const version = item.version ?? 0;
      const saved = await this.table.put(
        { ...key, ...live, held: current + entry.n, version: version + 1 },
        version === 0
          ? { expression: 'attribute_not_exists(pk)' }
          : { expression: 'version = :v', values: { ':v': version } },
      );
      if (saved) return { ok: true };
    }
    throw new AppError(
      'conflict',
      'Too many parallel requests for this buyer: try again',
      undefined,
      1,
    );
  }

  /** Stops counting a hold of `n` seats (released, failed or expired); idempotent. */
  async drop(eventId: string, ticketId: string, holdId: string, n: number): Promise<void> {
    await this.table.update(
      keys.buyer(eventId, ticketId),
      'REMOVE #h ADD held :minus, version :one',
      { ':minus': -n, ':one': 1, ':n': n },
      { '#h': ENTRY + holdId },
      '#h.n = :n',
    );
  }

  /** Counts a hold's seats forever once they are sold (re-adds them if the hold was dropped). */
  async markSold(eventId: string, ticketId: string, holdId: string, n: number): Promise<void> {
    const key = keys.buyer(eventId, ticketId);
    const names = { '#h': ENTRY + holdId };
    const sold = { n, exp: 0 };
    const kept = await this.table.update(
      key,
      'SET #h = :e ADD version :one',
      { ':e': sold, ':one': 1, ':n': n },
      names,
      '#h.n = :n',
    );
    if (kept) return;
    await this.table.update(
      key,
      'SET #h = :e ADD held :n, version :one',
      { ':e': sold, ':n': n, ':one': 1 },
      names,
      'attribute_not_exists(#h)',
    );
  }
}
