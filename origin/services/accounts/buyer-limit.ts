import { AppError } from '../../../common/errors';
import { keys } from '../../adapters/dynamo/keys';
import { normalizeEmail } from '../../domain/email-address';
import type { ServiceDeps } from '../deps';
import type { HoldRecord } from '../models';

/**
 * How long past its hold's expiry a checkout's seats still count for the email without a
 * confirmation: long enough for a slow payment to settle; after it a checkout that crashed or
 * was declined stops counting by itself (the slow path of `BuyerRepo.reserve` prunes it).
 */
export const PENDING_GRACE_MS = 15 * 60_000;

type LimitDeps = Pick<ServiceDeps, 'store' | 'eventCache'>;

/** The per-buyer limit item of an email: `BUYER#{eventId}#EMAIL#{normalized email}`. */
export const emailBuyerId = (email: string): string => keys.buyerEmailId(normalizeEmail(email));

async function maxPerBuyer(deps: LimitDeps, eventId: string): Promise<number | undefined> {
  const record = deps.eventCache
    ? await deps.eventCache.require(eventId)
    : await deps.store.events.get(eventId);
  return record?.definition.maxPerBuyer;
}

/**
 * Counts a checkout's seats against its email before any charge, so the per-buyer limit holds
 * across every order (and access-token ticket) of the same email, guest or signed in. The same
 * hold checked out again counts once. Over the limit → 422 `limit_exceeded`.
 */
export async function reserveEmailSeats(
  deps: LimitDeps,
  hold: HoldRecord,
  email: string,
  now: number,
): Promise<void> {
  const max = await maxPerBuyer(deps, hold.eventId);
  if (max === undefined) return;
  const entry = { n: hold.seats.length, exp: hold.expiresAt + PENDING_GRACE_MS };
  const result = await deps.store.buyers.reserve(
    hold.eventId,
    emailBuyerId(email),
    hold.id,
    entry,
    max,
    now,
  );
  if (!result.ok) {
    throw new AppError(
      'limit_exceeded',
      `At most ${max} seats per buyer; this email already has ${result.current}`,
      { maxPerBuyer: max, current: result.current },
    );
  }
}

/** Counts a confirmed order's seats for its email for good (idempotent). */
export async function markEmailSold(
  deps: Pick<ServiceDeps, 'store'>,
  hold: HoldRecord,
  email: string,
): Promise<void> {
  await deps.store.buyers.markSold(hold.eventId, emailBuyerId(email), hold.id, hold.seats.length);
}

/** Stops counting an order's seats for its email (cancelled and refunded; idempotent). */
export async function dropEmailSeats(
  deps: Pick<ServiceDeps, 'store'>,
  hold: HoldRecord,
  email: string,
): Promise<void> {
  await deps.store.buyers.drop(hold.eventId, emailBuyerId(email), hold.id, hold.seats.length);
}
