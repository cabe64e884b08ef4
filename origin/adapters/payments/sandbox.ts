import { AppError } from '../../../common/errors';
import { newId } from '../../domain/ids';
import { expiryEnd, isLuhnValid, normalizeCardNumber } from './card-checks';
import type {
  ChargeOutcome,
  ChargeRequest,
  PaymentProvider,
  PaymentSettled,
  RefundOutcome,
} from './types';

/**
 * Test cards of the sandbox provider:
 * - `4242424242424242` approves.
 * - `4000000000000002` declines with `card_declined`.
 * - `4000000000009995` declines with `insufficient_funds`.
 * - `4000000000000077` approves, but only after `slowSettleDelayMs` (default 5 s): for
 *   "payment arrives after the hold expired" flows.
 * - any other Luhn-valid number approves; a non-Luhn number is rejected at once with
 *   `AppError('validation_failed')`; an expiry in the past declines with `expired_card`.
 */
export const SANDBOX_CARDS = {
  approve: '4242424242424242',
  decline: '4000000000000002',
  insufficientFunds: '4000000000009995',
  slowApprove: '4000000000000077',
} as const;

const DECLINES: Record<string, string> = {
  [SANDBOX_CARDS.decline]: 'card_declined',
  [SANDBOX_CARDS.insufficientFunds]: 'insufficient_funds',
};

export interface SandboxPaymentsOptions {
  /** Delay before a charge settles (the "webhook"). Default 20 ms. */
  settleDelayMs?: number;
  /** Delay for the slow test card `4000000000000077`. Default 5000 ms. */
  slowSettleDelayMs?: number;
  /** Epoch milliseconds, for card expiry checks. Default `Date.now`. */
  clock?: () => number;
  /** Called when a settlement listener throws or rejects. Default `console.error`. */
  onListenerError?: (error: unknown) => void;
}

/** One charge as the sandbox recorded it (inspection only). */
export interface SandboxCharge {
  paymentId: string;
  amountCents: number;
  currency: string;
  cardLast4: string;
  description: string;
  status: 'pending' | 'approved' | 'declined';
  reason?: string;
}

/** One refund as the sandbox recorded it (inspection only). */
export interface SandboxRefund extends RefundOutcome {
  reason: string;
}

/** The sandbox provider plus inspection and test controls. */
export interface SandboxPayments extends PaymentProvider {
  /** Every charge, one per paymentId, in the order they were made. */
  charges(): SandboxCharge[];
  /** Every refund, one per paymentId. */
  refunds(): SandboxRefund[];
  /** Settles every pending charge now (tests that must not wait on timers). */
  flush(): Promise<void>;
  /** Cancels pending settlement timers (they never settle); call on shutdown. */
  close(): void;
}

/**
 * A built-in payment provider that behaves like a card processor with webhooks: `charge()`
 * answers `pending` and the outcome arrives later through `onSettled` listeners. Every call is
 * idempotent by `paymentId`: a repeated charge returns the first charge's current outcome
 * (`pending`, then `approved`/`declined`) and never charges twice.
 *
 * @example
 * const payments = createSandboxPayments();
 * payments.onSettled((event) => checkout.settle(event));
 * await payments.charge({ paymentId, amountCents, currency: 'USD', card, description });
 */
export function createSandboxPayments(options: SandboxPaymentsOptions = {}): SandboxPayments {
  const settleDelayMs = options.settleDelayMs ?? 20;
  const slowSettleDelayMs = options.slowSettleDelayMs ?? 5_000;
  const clock = options.clock ?? Date.now;
  const onListenerError = options.onListenerError ?? ((error) => console.error(error));
  const charges = new Map<string, SandboxCharge>();
  const refunds = new Map<string, SandboxRefund>();
  const pending = new Map<
    string,
    { timer: ReturnType<typeof setTimeout>; settle: () => Promise<void> }
  >();
  const listeners = new Set<(event: PaymentSettled) => void | Promise<void>>();

  const outcomeOf = (charge: SandboxCharge): ChargeOutcome =>
    charge.status === 'declined'
      ? { status: 'declined', paymentId: charge.paymentId, reason: charge.reason ?? 'declined' }
      : { status: charge.status, paymentId: charge.paymentId };

  const notify = async (event: PaymentSettled) => {
    await Promise.all(
      [...listeners].map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          onListenerError(error);
        }
      }),
    );
  };

  const schedule = (
    charge: SandboxCharge,
    result: Omit<PaymentSettled, 'paymentId'>,
    delayMs: number,
  ) => {
    const settle = async () => {
      clearTimeout(entry.timer);
      pending.delete(charge.paymentId);
      charge.status = result.status;
      if (result.reason) charge.reason = result.reason;
      await notify({ paymentId: charge.paymentId, ...result });
    };
    const entry = { timer: setTimeout(() => void settle(), delayMs), settle };
    pending.set(charge.paymentId, entry);
  };

  return {
    async charge(request: ChargeRequest): Promise<ChargeOutcome> {
      const existing = charges.get(request.paymentId);
      if (existing) {
        if (
          existing.amountCents !== request.amountCents ||
          existing.currency !== request.currency
        ) {
          throw new AppError(
            'idempotency_conflict',
            `Payment ${request.paymentId} was already made with a different amount or currency`,
          );
        }
        return outcomeOf(existing);
      }
      const number = normalizeCardNumber(request.card.number);
      if (!isLuhnValid(number)) {
        throw new AppError('validation_failed', 'The card number is not valid (checksum failed)');
      }
      const expiresBefore = expiryEnd(request.card.expiry);
      if (expiresBefore === null) {
        throw new AppError('validation_failed', 'The card expiry must be MM/YY');
      }
      if (!/^\d{3,4}$/.test(request.card.cvc)) {
        throw new AppError('validation_failed', 'The card security code must be 3 or 4 digits');
      }
      if (!Number.isInteger(request.amountCents) || request.amountCents <= 0) {
        throw new AppError(
          'validation_failed',
          'The amount must be a positive whole number of cents',
        );
      }
      const charge: SandboxCharge = {
        paymentId: request.paymentId,
        amountCents: request.amountCents,
        currency: request.currency,
        cardLast4: number.slice(-4),
        description: request.description,
        status: 'pending',
      };
      charges.set(charge.paymentId, charge);
      const decline = expiresBefore <= clock() ? 'expired_card' : DECLINES[number];
      const delay = number === SANDBOX_CARDS.slowApprove ? slowSettleDelayMs : settleDelayMs;
      schedule(
        charge,
        decline ? { status: 'declined', reason: decline } : { status: 'approved' },
        delay,
      );
      return outcomeOf(charge);
    },

    async refund(paymentId, amountCents, reason): Promise<RefundOutcome> {
      const done = refunds.get(paymentId);
      if (done) return { paymentId, refundId: done.refundId, amountCents: done.amountCents };
      const charge = charges.get(paymentId);
      if (!charge) throw new AppError('not_found', `No payment ${paymentId} to refund`);
      if (charge.status !== 'approved') {
        throw new AppError('conflict', `Payment ${paymentId} is ${charge.status}, not captured`);
      }
      if (!Number.isInteger(amountCents) || amountCents <= 0 || amountCents > charge.amountCents) {
        throw new AppError(
          'validation_failed',
          'The refund must be 1 cent up to the amount charged',
        );
      }
      const refund = { paymentId, refundId: newId('r'), amountCents, reason };
      refunds.set(paymentId, refund);
      return { paymentId, refundId: refund.refundId, amountCents };
    },

    onSettled(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    charges: () => [...charges.values()].map((c) => ({ ...c })),
    refunds: () => [...refunds.values()].map((r) => ({ ...r })),

    async flush() {
      await Promise.all([...pending.values()].map((entry) => entry.settle()));
    },

    close() {
      for (const entry of pending.values()) clearTimeout(entry.timer);
      pending.clear();
    },
  };
}
