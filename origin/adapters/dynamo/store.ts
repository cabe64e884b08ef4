import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { AccountRepo } from './account-repo';
import { AdmittedRepo } from './admitted-repo';
import { BuyerRepo } from './buyer-repo';
import { CheckinRepo } from './checkin-repo';
import { EventRepo } from './event-repo';
import { HoldRepo } from './hold-repo';
import { IdempotencyRepo } from './idempotency-repo';
import { OrderRepo } from './order-repo';
import { OutboxRepo } from './outbox-repo';
import { ProcessedRepo } from './processed-repo';
import { SeatRepo } from './seat-repo';
import { TableOps } from './table-ops';

/** Every repository over the one table, plus a readiness probe. */
export interface DynamoStore {
  events: EventRepo;
  seats: SeatRepo;
  holds: HoldRepo;
  buyers: BuyerRepo;
  orders: OrderRepo;
  idempotency: IdempotencyRepo;
  /** Buyer accounts, sessions, used sign-in links (issue 9). */
  accounts: AccountRepo;
  /** The relay's view of pending outbox events, and consumers' processed-event records. */
  outbox: OutboxRepo;
  processed: ProcessedRepo;
  checkins: CheckinRepo;
  /** Admitted tickets carrying `buyer.admitted`, and the admitted feed's cursors. */
  admitted: AdmittedRepo;
  /** Throws when the table cannot be reached (used by /readyz). */
  ping(): Promise<void>;
}

/**
 * Builds the repositories. `safe: false` is the storm demonstration's unsafe mode: seat writes
 * drop their conditions (never use it for a real sale).
 * @example const store = createDynamoStore({ client, tableName: 'floodgate' });
 */
export function createDynamoStore(options: {
  client: DynamoDBClient;
  tableName: string;
  safe?: boolean;
}): DynamoStore {
  const table = new TableOps(options.client, options.tableName);
  return {
    events: new EventRepo(table),
    seats: new SeatRepo(table, options.safe ?? true),
    holds: new HoldRepo(table),
    buyers: new BuyerRepo(table),
    orders: new OrderRepo(table),
    idempotency: new IdempotencyRepo(table),
    accounts: new AccountRepo(table),
    outbox: new OutboxRepo(table),
    processed: new ProcessedRepo(table),
    checkins: new CheckinRepo(table),
    admitted: new AdmittedRepo(table),
    async ping() {
      await options.client.send(new DescribeTableCommand({ TableName: options.tableName }));
    },
  };
}
