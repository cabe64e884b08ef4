import type { OrderRecord, Refund, Ticket } from '../../services/models';
import { keys } from './keys';
import type { TableOps } from './table-ops';

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

  /** Writes a PENDING order; false when it already exists (a retried checkout). */
  async create(order: OrderRecord): Promise<boolean> {
    return this.table.put(
      { ...keys.order(order.id), ...order },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const item = await this.table.get<OrderRecord & { pk?: string; sk?: string }>(
      keys.order(orderId),
    );
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, ...order } = item;
    return order;
  }

  /** `PENDING → CONFIRMED` with its tickets in the same single-item write. */
  async confirm(orderId: string, tickets: Ticket[]): Promise<OrderRecord | undefined> {
    return this.table.update<OrderRecord>(
      keys.order(orderId),
      'SET #s = :to, tickets = :t',
      { ':to': 'CONFIRMED', ':from': 'PENDING', ':t': tickets },
      names,
      '#s = :from',
    );
  }

  /** `PENDING → FAILED`, with the refund made (if money was taken). */
  async fail(orderId: string, reason: string, refund?: Refund): Promise<OrderRecord | undefined> {
    return this.table.update<OrderRecord>(
      keys.order(orderId),
      refund
        ? 'SET #s = :to, failureReason = :r, refund = :refund'
        : 'SET #s = :to, failureReason = :r',
      {
        ':to': 'FAILED',
        ':from': 'PENDING',
        ':r': reason,
        ...(refund ? { ':refund': refund } : {}),
      },
      names,
      '#s = :from',
    );
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
