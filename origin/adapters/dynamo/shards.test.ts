import { describe, expect, it } from 'vitest';
import { holdExpiryShard, stableShard } from './keys';
import { eventOrderShard } from './order-repo';
import { outboxShard } from './outbox-repo';

/**
 * Shards are part of stored keys: an item written under one shard must be found there by the
 * next release. The expected values are those of the hash each shard used before they shared
 * `stableShard`.
 */
describe('stable shards', () => {
  it('puts a hold in the same expiry shard as before', () => {
    expect(['h_1', 'h_3', 'h_6', ''].map(holdExpiryShard)).toEqual([2, 4, 7, 0]);
  });

  it('puts an order link in the same event-order shard as before', () => {
    expect(['ord_1', 'ord_2', 'ord_5'].map(eventOrderShard)).toEqual([3, 4, 7]);
  });

  it('puts an item in the same outbox shard as before', () => {
    expect(['ORDER#ord_1', 'HOLD#h_2', 'ADMITTED#ev-1#tkt_1'].map(outboxShard)).toEqual([2, 3, 2]);
  });

  it('keeps the hash unsigned 32-bit on long texts', () => {
    expect(stableShard('a-much-longer-identifier-that-wraps-the-32-bit-hash', 1000)).toBe(450);
  });
});
