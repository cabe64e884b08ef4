/**
 * A payment provider. The sandbox provider (built in) approves or declines by test card number
 * and confirms asynchronously, like a webhook. Every call is idempotent by `paymentId`.
 */
export interface PaymentProvider {
  /** Starts a charge. Repeating it with the same paymentId returns the first outcome. */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  /** Refunds a captured charge (idempotent by paymentId). */
  refund(paymentId: string, amountCents: number, reason: string): Promise<RefundOutcome>;
  /** Subscribes to asynchronous confirmations (the webhook). Returns an unsubscribe function. */
  onSettled(listener: (event: PaymentSettled) => void | Promise<void>): () => void;
}

export interface ChargeRequest {
  paymentId: string;
  amountCents: number;
  currency: string;
  card: { number: string; expiry: string; cvc: string };
  description: string;
}

export type ChargeOutcome =
  | { status: 'pending'; paymentId: string }
  | { status: 'approved'; paymentId: string }
  | { status: 'declined'; paymentId: string; reason: string };

export interface PaymentSettled {
  paymentId: string;
  status: 'approved' | 'declined';
  reason?: string;
}

export interface RefundOutcome {
  paymentId: string;
  refundId: string;
  amountCents: number;
}
