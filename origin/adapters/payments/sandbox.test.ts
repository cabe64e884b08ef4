import { afterEach, describe, expect, it } from 'vitest';
import { isLuhnValid } from './card-checks';
import { createSandboxPayments, SANDBOX_CARDS, type SandboxPayments } from './sandbox';
import type { PaymentSettled } from './types';

const card = (number: string, expiry = '12/99') => ({ number, expiry, cvc: '123' });
const request = (paymentId: string, number: string = SANDBOX_CARDS.approve, expiry?: string) => ({
  paymentId,
  amountCents: 2_500,
  currency: 'USD',
  card: card(number, expiry),
  description: 'test order',
});

function nextSettlement(payments: SandboxPayments): Promise<PaymentSettled> {
  return new Promise((resolve) => {
    const off = payments.onSettled((event) => {
      off();
      resolve(event);
    });
  });
}

describe('sandbox payments', () => {
  let payments: SandboxPayments;
  afterEach(() => payments.close());

  it('answers pending, then settles approved for the approving test card', async () => {
    payments = createSandboxPayments();
    const settled = nextSettlement(payments);
    expect(await payments.charge(request('p_1'))).toEqual({ status: 'pending', paymentId: 'p_1' });
    expect(await settled).toEqual({ paymentId: 'p_1', status: 'approved' });
    expect(payments.charges()[0]).toMatchObject({ status: 'approved', cardLast4: '4242' });
  });

  it.each([
    [SANDBOX_CARDS.decline, 'card_declined'],
    [SANDBOX_CARDS.insufficientFunds, 'insufficient_funds'],
  ])('declines card %s with reason %s', async (number, reason) => {
    payments = createSandboxPayments({ settleDelayMs: 1 });
    const settled = nextSettlement(payments);
    await payments.charge(request('p_2', number));
    expect(await settled).toEqual({ paymentId: 'p_2', status: 'declined', reason });
  });

  it('declines an expired card with expired_card', async () => {
    payments = createSandboxPayments({ clock: () => Date.UTC(2030, 5, 15) });
    const settled = nextSettlement(payments);
    await payments.charge(request('p_3', SANDBOX_CARDS.approve, '05/30'));
    expect(await settled).toMatchObject({ status: 'declined', reason: 'expired_card' });
  });

  it('accepts a card through the last day of its expiry month', async () => {
    payments = createSandboxPayments({ clock: () => Date.UTC(2030, 5, 30, 23) });
    const settled = nextSettlement(payments);
    await payments.charge(request('p_4', SANDBOX_CARDS.approve, '06/30'));
    expect(await settled).toMatchObject({ status: 'approved' });
  });

  it('approves any other Luhn-valid number', async () => {
    payments = createSandboxPayments({ settleDelayMs: 1 });
    const settled = nextSettlement(payments);
    await payments.charge(request('p_5', '5555 5555 5555 4444'));
    expect(await settled).toMatchObject({ status: 'approved' });
  });

  it('rejects a non-Luhn number at once, without recording a charge', async () => {
    payments = createSandboxPayments();
    await expect(payments.charge(request('p_6', '4242424242424241'))).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(payments.charges()).toEqual([]);
  });

  it('rejects a malformed expiry as a validation failure', async () => {
    payments = createSandboxPayments();
    await expect(
      payments.charge(request('p_7', SANDBOX_CARDS.approve, '13/30')),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('settles the slow test card only after the slow delay', async () => {
    payments = createSandboxPayments({ settleDelayMs: 1, slowSettleDelayMs: 60_000 });
    const events: PaymentSettled[] = [];
    payments.onSettled((event) => {
      events.push(event);
    });
    const fastSettled = nextSettlement(payments);
    await payments.charge(request('p_slow', SANDBOX_CARDS.slowApprove));
    await payments.charge(request('p_fast'));
    await fastSettled;
    expect(events.map((e) => e.paymentId)).toEqual(['p_fast']);
    await payments.flush();
    expect(events.map((e) => e.paymentId)).toEqual(['p_fast', 'p_slow']);
  });

  it('never charges twice for one paymentId and returns the first outcome again', async () => {
    payments = createSandboxPayments({ settleDelayMs: 60_000 });
    const events: PaymentSettled[] = [];
    payments.onSettled((event) => {
      events.push(event);
    });
    await payments.charge(request('p_8'));
    expect(await payments.charge(request('p_8'))).toEqual({ status: 'pending', paymentId: 'p_8' });
    await payments.flush();
    expect(await payments.charge(request('p_8'))).toEqual({ status: 'approved', paymentId: 'p_8' });
    expect(payments.charges()).toHaveLength(1);
    expect(events).toHaveLength(1);
  });

  it('refuses to reuse a paymentId for a different amount', async () => {
    payments = createSandboxPayments();
    await payments.charge(request('p_9'));
    await expect(payments.charge({ ...request('p_9'), amountCents: 1 })).rejects.toMatchObject({
      code: 'idempotency_conflict',
    });
  });

  it('refunds an approved charge once, idempotent by paymentId', async () => {
    payments = createSandboxPayments();
    await payments.charge(request('p_10'));
    await payments.flush();
    const first = await payments.refund('p_10', 2_500, 'hold_expired');
    expect(first).toMatchObject({ paymentId: 'p_10', amountCents: 2_500 });
    expect(await payments.refund('p_10', 2_500, 'hold_expired')).toEqual(first);
    expect(payments.refunds()).toEqual([{ ...first, reason: 'hold_expired' }]);
  });

  it('refuses to refund a payment that is unknown, pending or declined', async () => {
    payments = createSandboxPayments({ settleDelayMs: 60_000 });
    await expect(payments.refund('p_none', 1, 'x')).rejects.toMatchObject({ code: 'not_found' });
    await payments.charge(request('p_11'));
    await expect(payments.refund('p_11', 1, 'x')).rejects.toMatchObject({ code: 'conflict' });
    await payments.charge(request('p_12', SANDBOX_CARDS.decline));
    await payments.flush();
    await expect(payments.refund('p_12', 1, 'x')).rejects.toMatchObject({ code: 'conflict' });
  });

  it('keeps settling for other listeners when one listener throws', async () => {
    const errors: unknown[] = [];
    payments = createSandboxPayments({ onListenerError: (e) => errors.push(e) });
    payments.onSettled(() => {
      throw new Error('boom');
    });
    const settled = nextSettlement(payments);
    await payments.charge(request('p_13'));
    expect(await settled).toMatchObject({ status: 'approved' });
    expect(errors).toHaveLength(1);
  });
});

describe('isLuhnValid', () => {
  it('accepts the sandbox cards and rejects a wrong check digit or non-digits', () => {
    for (const number of Object.values(SANDBOX_CARDS)) expect(isLuhnValid(number)).toBe(true);
    expect(isLuhnValid('4242424242424241')).toBe(false);
    expect(isLuhnValid('4242-4242-4242-4242')).toBe(true);
    expect(isLuhnValid('42424242abcd4242')).toBe(false);
  });
});
