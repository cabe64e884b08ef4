import { normalizeEmail } from '../../domain/email-address';
import type { OrderRecord, Refund, Ticket } from '../../services/models';
import type { DomainEvent } from '../../services/outbox/events';
import { EVENT_ORDER_SHARDS, keys, recordOf, stableShard } from './keys';
import { outboxUpdate } from './outbox-repo';
import type { TableOps } from './table-ops';

/** The event → order link shard of an order (a stable hash of its id). */
export function eventOrderShard(orderId: string): number {
  return stableShard(orderId, EVENT_ORDER_SHARDS);
}

/** Reads this many orders at once when following links. */
const READ_PARALLEL = 16;

/** How a payment ended, recorded when the provider's confirmation arrives. */
export interface PaymentRecord {
  paymentId: string;
  orderId: string;
  settled?: 'approved' | 'declined';
  reason?: string;
}

const names = { '#s': 'status' };

/** Order items (tickets inside) and payment → order records. */
export class OrderRepo {
  constructor(private readonly table: TableOps) {}

  /**
   * Writes a PENDING order; false when it already exists (a retried checkout). The email and
   * event links go first (one BatchWriteItem): a crash between leaves a link to no order, which
   * readers skip, never an order its buyer or organizer cannot find.
   */
  async create(order: OrderRecord): Promise<boolean> {
    await this.table.putMany([
      { ...keys.emailOrderLink(normalizeEmail(order.email), order.id), orderId: order.id },
      {
        ...keys.eventOrderLink(order.eventId, eventOrderShard(order.id), order.id),
        orderId: order.id,
      },
    ]);
    return this.table.put(
      { ...keys.order(order.id), ...order },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const item = await this.table.get(keys.order(orderId));
    return item && recordOf<OrderRecord>(item);
  }

  /**
   * `PENDING → CONFIRMED` with its tickets in the same single-item write, and with `event`
   * (`order.confirmed`) in the order's outbox in that very write.
   */
  async confirm(
    orderId: string,
    tickets: Ticket[],
    event?: DomainEvent,
  ): Promise<OrderRecord | undefined> {
    return this.change(
      orderId,
      'SET #s = :to, tickets = :t',
      { ':to': 'CONFIRMED', ':from': 'PENDING', ':t': tickets },
      '#s = :from',
      event,
    );
  }

  /** `PENDING → FAILED`, with the refund made (if money was taken), and `event` in the outbox. */
  async fail(
    orderId: string,
    reason: string,
    refund?: Refund,
    event?: DomainEvent,
  ): Promise<OrderRecord | undefined> {
    return this.change(
      orderId,
      refund
        ? 'SET #s = :to, failureReason = :r, refund = :refund'
        : 'SET #s = :to, failureReason = :r',
      {
        ':to': 'FAILED',
        ':from': 'PENDING',
        ':r': reason,
        ...(refund ? { ':refund': refund } : {}),
      },
      '#s = :from',
      event,
    );
  }

  /** `CONFIRMED → CANCELLED` (organizer); undefined when the order is not CONFIRMED. */
  async markCancelled(
    orderId: string,
    reason: string,
    now: number,
  ): Promise<OrderRecord | undefined> {
    return this.change(
      orderId,
      'SET #s = :to, cancelledAt = :now, cancelReason = :r',
      { ':to': 'CANCELLED', ':from': 'CONFIRMED', ':now': now, ':r': reason },
      '#s = :from',
    );
  }

  /**
   * Records the refund of a CANCELLED order once (with `order.refunded` in the outbox);
   * undefined when it was already recorded: only one caller wins, whoever retries.
   */
  async recordRefund(
    orderId: string,
    refund: Refund,
    event?: DomainEvent,
  ): Promise<OrderRecord | undefined> {
    return this.change(
      orderId,
      'SET refund = :refund',
      { ':refund': refund, ':cancelled': 'CANCELLED' },
      '#s = :cancelled AND attribute_not_exists(refund)',
      event,
    );
  }

  /**
   * Adds `event` to a CONFIRMED order's outbox (a re-sent confirmation). True when added or
   * already pending; false when the order is not CONFIRMED.
   */
  async addEvent(orderId: string, event: DomainEvent): Promise<boolean> {
    const out = await this.change(
      orderId,
      'SET updatedAt = :now',
      { ':now': event.occurredAt, ':confirmed': 'CONFIRMED' },
      '#s = :confirmed',
      event,
    );
    if (out) return true;
    return (await this.get(orderId))?.status === 'CONFIRMED';
  }

  /** Every order bought with this email (any case), newest first. */
  async listByEmail(email: string): Promise<OrderRecord[]> {
    const links = await this.table.queryAll<{ orderId: string }>({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: keys.emailOrdersPk(normalizeEmail(email)) } },
      ProjectionExpression: 'orderId',
    });
    return this.follow(links.map((l) => l.orderId));
  }

  /** Every order of an event (one Query per link shard), newest first. */
  async listByEvent(eventId: string): Promise<OrderRecord[]> {
    const shards = Array.from({ length: EVENT_ORDER_SHARDS }, (_, i) => i);
    const pages = await Promise.all(
      shards.map((shard) =>
        this.table.queryAll<{ orderId: string }>({
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: keys.eventOrdersPk(eventId, shard) } },
          ProjectionExpression: 'orderId',
        }),
      ),
    );
    return this.follow(pages.flat().map((l) => l.orderId));
  }

  /** Reads linked orders (a link without its order, from a crashed create, is skipped). */
  private async follow(orderIds: string[]): Promise<OrderRecord[]> {
    const found: OrderRecord[] = [];
    for (let i = 0; i < orderIds.length; i += READ_PARALLEL) {
      const batch = await Promise.all(
        orderIds.slice(i, i + READ_PARALLEL).map((id) => this.get(id)),
      );
      for (const order of batch) if (order) found.push(order);
    }
    return found.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
  }

  /** One conditional write of the order, with an event in its outbox when given. */
  private async change(
    orderId: string,
    set: string,
    values: Record<string, unknown>,
    condition: string,
    event?: DomainEvent,
  ): Promise<OrderRecord | undefined> {
    const key = keys.order(orderId);
    const ob = event ? outboxUpdate(key, event) : undefined;
    const item = await this.table.update(
      key,
      ob ? `${set}, ${ob.set} ADD ${ob.add}` : set,
      { ...values, ...ob?.values },
      { ...names, ...ob?.names },
      ob ? `${condition} AND ${ob.condition}` : condition,
    );
    return item && recordOf<OrderRecord>(item);
  }

  async putPayment(payment: PaymentRecord): Promise<void> {
    await this.table.put(
      { ...keys.payment(payment.paymentId), ...payment },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async getPayment(paymentId: string): Promise<PaymentRecord | undefined> {
    return this.table.get<PaymentRecord>(keys.payment(paymentId));
  }

  /**
   * Records the provider's verdict once (the first confirmation wins).
   * @returns the payment record when this call recorded it, undefined when it was already
   * settled or is not one of ours (read it with {@link getPayment} then).
   */
  async settlePayment(
    paymentId: string,
    settled: 'approved' | 'declined',
    reason?: string,
  ): Promise<PaymentRecord | undefined> {
    return this.table.update<PaymentRecord>(
      keys.payment(paymentId),
      reason ? 'SET settled = :s, reason = :r' : 'SET settled = :s',
      { ':s': settled, ...(reason ? { ':r': reason } : {}) },
      undefined,
      'attribute_exists(pk) AND attribute_not_exists(settled)',
    );
  }
}
