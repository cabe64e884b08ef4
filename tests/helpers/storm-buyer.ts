import { AppError } from '../../common/errors';
import { SANDBOX_CARDS } from '../../origin/adapters/payments/sandbox';
import type { CheckoutService } from '../../origin/services/checkout';
import type { HoldService } from '../../origin/services/holds';
import type { Hold } from '../../origin/services/models';

/** What one storm worker is told to do (sent by the harness as JSON in `STORM_CONFIG`). */
export interface StormConfig {
  endpoint: string;
  tableName: string;
  redisUrl: string;
  /** Redis key prefix shared by every worker of one storm (and only by them). */
  redisPrefix: string;
  eventId: string;
  sectionId: string;
  /** Every seat of the section, in availability-bitmap order. */
  sectionSeats: string[];
  /** Seats buyers pick explicitly from; best-available requests compete for the same seats. */
  hotSeats: string[];
  holdMs: number;
  buyers: number;
  /** Rounds (hold → checkout / release / walk away) per buyer at most. */
  rounds: number;
  /** Hold attempts per round at most (retries on contention). */
  attempts: number;
  /** No new hold starts after this epoch ms, so everything stops by itself. */
  deadline: number;
  /** Buyers arrive spread over this many ms after the start (an admitted batch, not one tick). */
  arrivalMs: number;
  /** Order polling gives up this long after the deadline. */
  graceMs: number;
  bookingMode: 'safe' | 'unsafe';
}

/** Counts one worker reports back. `unexpected` lists errors no buyer should ever see. */
export interface StormTally {
  holds: number;
  rejected: Record<string, number>;
  released: number;
  abandoned: number;
  checkouts: number;
  orders: Record<string, number>;
  checkoutRejected: Record<string, number>;
  unexpected: string[];
}

export const emptyTally = (): StormTally => ({
  holds: 0,
  rejected: {},
  released: 0,
  abandoned: 0,
  checkouts: 0,
  orders: {},
  checkoutRejected: {},
  unexpected: [],
});

/** Codes a buyer answers by waiting a moment and trying again. */
const RETRYABLE = new Set(['seat_taken', 'lock_busy', 'unavailable', 'conflict', 'sold_out']);

const CARD = { number: SANDBOX_CARDS.approve, expiry: '12/39', cvc: '123' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

function sample(seats: readonly string[], n: number): string[] {
  const copy = [...seats];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as string, copy[i] as string];
  }
  return copy.slice(0, n);
}

function codeOf(error: unknown, tally: StormTally): string | undefined {
  if (error instanceof AppError) return error.code;
  if (tally.unexpected.length < 20) tally.unexpected.push(String((error as Error)?.stack ?? error));
  return undefined;
}

/**
 * One simulated buyer: arrives within `arrivalMs`, then up to `rounds` times holds 1–4 seats
 * (explicit picks among the hot seats its page shows free, or best-available), retrying on
 * contention until the deadline, then checks out (~45%, a share of them late, after
 * the hold may have lapsed), release (~25%) or walk away and let the hold expire (~30%).
 */
export async function runBuyer(
  config: StormConfig,
  services: { holds: HoldService; checkout: CheckoutService },
  view: SeatView,
  ticketId: string,
  tally: StormTally,
): Promise<void> {
  const { holds, checkout } = services;
  await sleep(Math.random() * config.arrivalMs);
  for (let round = 0; round < config.rounds && Date.now() < config.deadline; round++) {
    const hold = await tryHold(config, holds, view, ticketId, tally);
    if (!hold) return;
    const fate = Math.random();
    if (fate < 0.45) {
      // One late checkout in five lands around expiry: exercises hold_expired and lost seats.
      if (Math.random() < 0.2) await sleep(config.holdMs * (0.8 + Math.random() * 0.4));
      await buy(config, checkout, hold, ticketId, tally);
    } else if (fate < 0.7) {
      await sleep(Math.random() * 200);
      try {
        await holds.release(hold.id, ticketId);
        tally.released++;
      } catch (error) {
        bump(tally.rejected, `release:${codeOf(error, tally) ?? 'unexpected'}`);
      }
    } else {
      tally.abandoned++;
      return; // the hold still counts against this buyer until it expires
    }
  }
}

/** The seats a buyer's page shows free: a view at most ~1 s old, as the CDN serves it. */
export type SeatView = () => Promise<ReadonlySet<string>>;

async function tryHold(
  config: StormConfig,
  holds: HoldService,
  view: SeatView,
  ticketId: string,
  tally: StormTally,
): Promise<Hold | undefined> {
  let attempt = 0;
  while (attempt < config.attempts && Date.now() < config.deadline) {
    const quantity = 1 + Math.floor(Math.random() * 4);
    const free = await view();
    const hotFree = config.hotSeats.filter((id) => free.has(id));
    const explicit = Math.random() < 0.7;
    if ((explicit ? hotFree.length : free.size) < quantity) {
      // Nothing this buyer wants looks free: look again in a moment (seats come back).
      await sleep(Math.min(500 + Math.random() * 1000, config.deadline - Date.now()));
      continue;
    }
    attempt++;
    const request = explicit
      ? { seats: sample(hotFree, quantity) }
      : { bestAvailable: { quantity, sectionId: config.sectionId } };
    try {
      const hold = await holds.create({ eventId: config.eventId, ticketId, ...request });
      tally.holds++;
      return hold;
    } catch (error) {
      const code = codeOf(error, tally);
      bump(tally.rejected, code ?? 'unexpected');
      if (!code || !RETRYABLE.has(code)) return undefined;
      // Honour Retry-After like a well-behaved client, with jitter so retries do not align.
      const retryAfterMs = ((error as AppError).retryAfter ?? 0.2) * 1000;
      await sleep(Math.min(retryAfterMs * (0.5 + Math.random()), config.deadline - Date.now()));
    }
  }
  return undefined;
}

async function buy(
  config: StormConfig,
  checkout: CheckoutService,
  hold: Hold,
  ticketId: string,
  tally: StormTally,
): Promise<void> {
  tally.checkouts++;
  try {
    let order = await checkout.checkout({
      holdId: hold.id,
      ticketId,
      email: `storm+${ticketId}@example.test`, // one buyer, one email (per-buyer limit)
      card: CARD,
      idempotencyKey: `storm-${hold.id}`,
    });
    const secret = order.secret;
    // The sandbox settles ~20 ms later; poll (bounded) until the order leaves PENDING.
    const giveUp = config.deadline + config.graceMs;
    while (order.status === 'PENDING' && Date.now() < giveUp) {
      await sleep(400);
      order = await checkout.getOrder(order.id, secret);
    }
    bump(tally.orders, order.status === 'FAILED' ? `FAILED:${order.failureReason}` : order.status);
  } catch (error) {
    bump(tally.checkoutRejected, codeOf(error, tally) ?? 'unexpected');
  }
}
