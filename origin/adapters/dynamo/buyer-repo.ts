import { AppError } from '../../../common/errors';
import { keys } from './keys';
import type { TableOps } from './table-ops';

/** One hold counted against a buyer: `exp` 0 means sold (counts forever). */
interface BuyerEntry {
  n: number;
  exp: number;
}

interface BuyerItem {
  holds?: Record<string, BuyerEntry>;
  version?: number;
}

/**
 * The per-buyer limit (seats per access-token ticket per event). One item per buyer holds the
 * seat count of each live hold; changes are optimistic on `version`, so two parallel holds by
 * the same buyer cannot both slip under the limit.
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
    for (let attempt = 0; attempt < 8; attempt++) {
      const item = (await this.table.get<BuyerItem>(key)) ?? {};
      const live: Record<string, BuyerEntry> = {};
      let current = 0;
      for (const [id, e] of Object.entries(item.holds ?? {})) {
        if (id === holdId || (e.exp !== 0 && e.exp <= now)) continue;
        live[id] = e;
        current += e.n;
      }
      if (current + entry.n > max) return { ok: false, current };
      live[holdId] = entry;
      const version = item.version ?? 0;
      const saved = await this.table.put(
        { ...key, holds: live, version: version + 1 },
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

  /** Stops counting a hold (released or failed). */
  async drop(eventId: string, ticketId: string, holdId: string): Promise<void> {
    await this.table.update(
      keys.buyer(eventId, ticketId),
      'REMOVE holds.#h ADD version :one',
      { ':one': 1 },
      { '#h': holdId },
      'attribute_exists(pk)',
    );
  }

  /** Counts a hold's seats forever once they are sold. */
  async markSold(eventId: string, ticketId: string, holdId: string, n: number): Promise<void> {
    await this.table.update(
      keys.buyer(eventId, ticketId),
      'SET holds.#h = :e ADD version :one',
      { ':e': { n, exp: 0 }, ':one': 1 },
      { '#h': holdId },
      'attribute_exists(pk)',
    );
  }
}
