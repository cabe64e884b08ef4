import { AppError } from '../../common/errors';
import type { EventDefinition } from '../domain/event-definition';
import { newId } from '../domain/ids';
import { totalCents } from '../domain/pricing';
import { releaseSlot } from './admission-slot';
import type { ResolvedDeps } from './deps';
import { eventStatus } from './event-view';
import { isCrash, step } from './faults';
import { chooseSeats, explicitSeats, requestedQuantity, type SeatRequest } from './hold-selection';
import { derivedId } from './idempotency';
import { type HeldSeat, type Hold, type HoldRecord, toHold } from './models';
import { claimSeats } from './seat-claim';

/** A buyer's request to hold seats; `ticketId` comes from their verified access token. */
export interface CreateHoldInput extends SeatRequest {
  eventId: string;
  ticketId: string;
  idempotencyKey?: string;
}

/** Best-available and GA re-pick this many times when someone else wins a seat first. */
const PICK_ATTEMPTS = 3;

/**
 * Holds: create (all-or-nothing, fenced, per-buyer limit), read, release. Plain functions over
 * injected deps, so a child process in the storm test can drive it without HTTP.
 *
 * Cost of a hold of n explicit seats: 0 reads (event definition cached in-process), 2 Redis
 * round trips (lock, unlock; the unlock is not awaited), n + 2 conditional writes (seats and
 * the buyer's limit in parallel, then the hold). A hold refused on a lock costs no DynamoDB call.
 */
export function createHoldService(deps: ResolvedDeps) {
  const { store } = deps;

  async function place(input: CreateHoldInput): Promise<Hold> {
    const now = deps.clock();
    const record = await deps.eventCache.require(input.eventId);
    const event = record.definition;
    const status = eventStatus(event, now, record);
    // A cancelled event sells nothing more.
    if (status === 'cancelled')
      throw new AppError('event_cancelled', `"${event.name}" was cancelled`);
    if (status === 'sold_out') throw new AppError('sold_out', `"${event.name}" is sold out`);
    if (status !== 'on_sale') {
      throw new AppError('conflict', `"${event.name}" is not on sale now`);
    }
    // A retried request (same buyer + key) continues the same hold: its id is the fencing token.
    const holdId = input.idempotencyKey
      ? derivedId('h', input.ticketId, input.eventId, input.idempotencyKey)
      : newId('h');
    if (input.idempotencyKey) {
      const existing = await store.holds.get(holdId);
      if (existing) return toHold(existing, now);
    }

    const quantity = requestedQuantity(input);
    if (quantity > event.maxPerBuyer) {
      throw new AppError('limit_exceeded', `At most ${event.maxPerBuyer} seats per buyer`, {
        maxPerBuyer: event.maxPerBuyer,
      });
    }
    const explicit = input.seats ? explicitSeats(event, input.seats) : undefined;
    const expiresAt = now + event.holdMinutes * 60_000;
    let reserved = false;
    const reserve = async () => {
      if (reserved) return;
      const entry = { n: quantity, exp: expiresAt };
      const result = await store.buyers.reserve(
        event.id,
        input.ticketId,
        holdId,
        entry,
        event.maxPerBuyer,
        now,
      );
      if (!result.ok) {
        deps.counters.holdRejected('limit');
        throw new AppError(
          'limit_exceeded',
          `At most ${event.maxPerBuyer} seats per buyer; you already have ${result.current}`,
          { maxPerBuyer: event.maxPerBuyer, current: result.current },
        );
      }
      reserved = true;
      await step(deps.faults, 'hold:limit-reserved');
    };
    try {
      const seats = await claim(event, input, explicit, holdId, expiresAt, now, reserve);
      const hold: HoldRecord = {
        id: holdId,
        eventId: event.id,
        ticketId: input.ticketId,
        status: 'ACTIVE',
        seats,
        totalCents: totalCents(seats),
        currency: event.currency,
        expiresAt,
        createdAt: now,
      };
      if (await store.holds.create(hold)) {
        deps.counters.holdCreated(event.id, seats.length);
        deps.holdTally.add(event.id, 1);
      }
      await step(deps.faults, 'hold:recorded');
      return toHold(hold, now);
    } catch (error) {
      if (!isCrash(error) && reserved) {
        await store.buyers.drop(event.id, input.ticketId, holdId, quantity).catch(() => undefined);
      }
      throw error;
    }
  }

  async function claim(
    event: EventDefinition,
    input: CreateHoldInput,
    explicit: HeldSeat[] | undefined,
    holdId: string,
    expiresAt: number,
    now: number,
    reserve: () => Promise<void>,
  ): Promise<HeldSeat[]> {
    const exclude = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const seats = explicit ?? (await chooseSeats(store, event, input, now, exclude));
      const result = await claimSeats(deps, event, seats, holdId, expiresAt, now, reserve);
      if (result.ok) return seats;
      if (explicit || attempt >= PICK_ATTEMPTS) {
        deps.counters.holdRejected(result.locked ? 'locked' : 'taken');
        throw new AppError(
          'seat_taken',
          result.locked
            ? 'Another buyer is taking these seats right now: pick others or retry in a moment'
            : `Seat(s) no longer available: ${result.lost.slice(0, 5).join(', ')}`,
          { seats: result.lost },
          result.locked ? 1 : undefined,
        );
      }
      for (const id of result.lost) exclude.add(id);
    }
  }

  async function owned(holdId: string, ticketId: string): Promise<HoldRecord> {
    const hold = await store.holds.get(holdId);
    if (!hold) throw new AppError('not_found', `No hold "${holdId}"`);
    if (hold.ticketId !== ticketId)
      throw new AppError('forbidden', 'This hold belongs to another buyer');
    return hold;
  }

  return {
    /** Holds seats for a buyer; 201 body `{ hold }`. */
    create: place,

    /** Reads a buyer's own hold. An expired hold frees the buyer's waiting-room slot. */
    async get(holdId: string, ticketId: string): Promise<Hold> {
      const hold = await owned(holdId, ticketId);
      const view = toHold(hold, deps.clock());
      if (view.status === 'EXPIRED') await releaseSlot(deps, hold);
      return view;
    },

    /**
     * Gives a hold's seats back at once (idempotent). The buyer keeps their waiting-room slot so
     * they can pick other seats; it ends when a hold completes or expires.
     */
    async release(holdId: string, ticketId: string): Promise<void> {
      const hold = await owned(holdId, ticketId);
      if (hold.status === 'CONVERTED')
        throw new AppError('conflict', 'This hold was already bought');
      if (hold.status === 'ACTIVE') await store.holds.markReleased(holdId);
      await Promise.all(
        hold.seats.map((s) =>
          store.seats.release(
            { eventId: hold.eventId, sectionId: s.sectionId, seatId: s.seatId },
            holdId,
          ),
        ),
      );
      await store.buyers.drop(hold.eventId, hold.ticketId, holdId, hold.seats.length);
    },
  };
}

export type HoldService = ReturnType<typeof createHoldService>;
