import type { HoldRecord } from '../../services/models';
import { keys } from './keys';
import type { TableOps } from './table-ops';

const DAY_MS = 86_400_000;
const names = { '#s': 'status' };

/** Hold items. Status moves only from ACTIVE, each move one conditional write. */
export class HoldRepo {
  constructor(private readonly table: TableOps) {}

  /** Writes a new hold; false if a hold with this id already exists (a retried request). */
  async create(hold: HoldRecord): Promise<boolean> {
    return this.table.put(
      // `ttl` lets DynamoDB TTL delete old holds; reads never rely on it (TTL lags up to days).
      { ...keys.hold(hold.id), ...hold, ttl: Math.ceil((hold.expiresAt + DAY_MS) / 1000) },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async get(holdId: string): Promise<HoldRecord | undefined> {
    const item = await this.table.get<HoldRecord & { pk?: string; sk?: string; ttl?: number }>(
      keys.hold(holdId),
    );
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ttl: _ttl, ...hold } = item;
    return hold;
  }

  /** `ACTIVE → RELEASED`; false when the hold is no longer ACTIVE. */
  async markReleased(holdId: string): Promise<boolean> {
    const out = await this.table.update(
      keys.hold(holdId),
      'SET #s = :to',
      { ':to': 'RELEASED', ':active': 'ACTIVE' },
      names,
      '#s = :active',
    );
    return out !== undefined;
  }

  /** `ACTIVE → CONVERTED(orderId)`; idempotent for the same order. */
  async markConverted(holdId: string, orderId: string): Promise<boolean> {
    const out = await this.table.update(
      keys.hold(holdId),
      'SET #s = :to, orderId = :o',
      { ':to': 'CONVERTED', ':active': 'ACTIVE', ':o': orderId },
      names,
      '#s = :active OR (#s = :to AND orderId = :o)',
    );
    return out !== undefined;
  }
}
