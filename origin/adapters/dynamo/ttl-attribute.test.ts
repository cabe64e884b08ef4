import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HoldRecord } from '../../services/models';
import { startTestDynamo, type TestDynamo } from '../../testing/dynalite';
import { createDynamoClient } from './client';
import { keys, TTL_ATTRIBUTE } from './keys';

let db: TestDynamo;
let client: ReturnType<typeof createDynamoClient>;
beforeAll(async () => {
  db = await startTestDynamo();
  client = createDynamoClient({ endpoint: db.endpoint, region: 'local' });
});
afterAll(async () => {
  client?.destroy();
  await db?.close();
});

async function rawItem(key: { pk: string; sk: string }): Promise<Record<string, unknown>> {
  const out = await client.send(
    new GetItemCommand({ TableName: db.tableName, Key: marshall(key), ConsistentRead: true }),
  );
  expect(out.Item, `no item at ${JSON.stringify(key)}`).toBeDefined();
  return unmarshall(out.Item ?? {});
}

const DAY_S = 86_400;
const now = 1_700_000_000_000;

describe('TTL attribute written by the repositories', () => {
  it('is set on holds a day after their expiry, and is not part of the hold as read', async () => {
    const hold: HoldRecord = {
      id: 'h_ttl_test_0000000000000000',
      eventId: 'ev-ttl',
      ticketId: 't_ttl',
      status: 'ACTIVE',
      seats: [],
      totalCents: 0,
      currency: 'USD',
      expiresAt: now + 600_000,
      createdAt: now,
    };
    expect(await db.store.holds.create(hold)).toBe(true);
    const item = await rawItem(keys.hold(hold.id));
    expect(item[TTL_ATTRIBUTE], JSON.stringify(item)).toBe((now + 600_000) / 1000 + DAY_S);
    expect(item).not.toHaveProperty('ttl');
    // The attribute is storage plumbing: the hold as read does not carry it.
    expect(await db.store.holds.get(hold.id)).toEqual(hold);
  });

  it('is set on idempotency records too, a day after the claim', async () => {
    expect(await db.store.idempotency.claim('t_ttl:holds', 'ttl-key', 'hash', now, 10_000)).toBe(
      undefined,
    );
    const item = await rawItem(keys.idempotency('t_ttl:holds', 'ttl-key'));
    expect(item[TTL_ATTRIBUTE], JSON.stringify(item)).toBe(now / 1000 + DAY_S);
    expect(item).not.toHaveProperty('ttl');
  });
});
