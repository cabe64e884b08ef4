import { AppError } from '../../common/errors';
import type { DynamoStore } from '../adapters/dynamo/store';
import { pickAcrossSections, sectionsForTier } from '../domain/best-available';
import type { EventDefinition } from '../domain/event-definition';
import { seatId as makeSeatId, parseSeatId } from '../domain/seat-ids';
import { hasSeat, type VenueSection } from '../domain/venue';
import { readSection } from './catalog';
import type { HeldSeat } from './models';

/** What a buyer asks to hold: exactly one of the three ways. */
export interface SeatRequest {
  seats?: string[];
  bestAvailable?: { quantity: number; sectionId?: string; tierId?: string };
  generalAdmission?: { sectionId: string; quantity: number };
}

/** Prices one seat id of the event, or null when the event has no such seat. */
export function heldSeat(event: EventDefinition, id: string): HeldSeat | null {
  const parts = parseSeatId(id);
  if (!parts) return null;
  const section = event.sections.find((s) => s.id === parts.sectionId);
  if (!section || !hasSeat(section, parts.row, parts.number)) return null;
  const tier = event.tiers.find((t) => t.id === section.tierId);
  if (!tier) return null;
  return { seatId: id, ...parts, tierId: tier.id, priceCents: tier.priceCents };
}

/** How many seats the request asks for (checked against the limit before any read). */
export function requestedQuantity(request: SeatRequest): number {
  return (
    request.seats?.length ??
    request.bestAvailable?.quantity ??
    request.generalAdmission?.quantity ??
    0
  );
}

/** Validates explicit seat ids: every one must exist, none twice. Throws 400 naming the bad ones. */
export function explicitSeats(event: EventDefinition, ids: string[]): HeldSeat[] {
  const unknown = ids.filter((id) => heldSeat(event, id) === null);
  if (unknown.length > 0) {
    throw new AppError('validation_failed', `Unknown seat(s): ${unknown.slice(0, 5).join(', ')}`, {
      unknownSeats: unknown,
    });
  }
  if (new Set(ids).size !== ids.length) {
    throw new AppError('validation_failed', 'A seat is listed twice');
  }
  return ids.map((id) => heldSeat(event, id) as HeldSeat);
}

function requireSection(event: EventDefinition, sectionId: string, kind: VenueSection['kind']) {
  const section = event.sections.find((s) => s.id === sectionId);
  if (!section || section.kind !== kind) {
    throw new AppError(
      'validation_failed',
      `No ${kind === 'ga' ? 'general-admission' : 'seated'} section "${sectionId}"`,
    );
  }
  return section;
}

/**
 * Chooses seats for best-available or GA from a fresh read, skipping `exclude` (seats that just
 * failed). GA units are chosen at random among the free ones so parallel buyers rarely collide.
 */
export async function chooseSeats(
  store: DynamoStore,
  event: EventDefinition,
  request: SeatRequest,
  now: number,
  exclude: ReadonlySet<string>,
): Promise<HeldSeat[]> {
  if (request.generalAdmission) {
    const { sectionId, quantity } = request.generalAdmission;
    const section = requireSection(event, sectionId, 'ga');
    const free = [...(await readSection(store, event.id, section, now, true))]
      .filter(([id, ok]) => ok && !exclude.has(id))
      .map(([id]) => id);
    if (free.length < quantity)
      throw new AppError('sold_out', `Fewer than ${quantity} places left in ${section.name}`);
    for (let i = free.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [free[i], free[j]] = [free[j] as string, free[i] as string];
    }
    return free.slice(0, quantity).map((id) => heldSeat(event, id) as HeldSeat);
  }
  const best = request.bestAvailable;
  if (!best)
    throw new AppError('validation_failed', 'Give one of seats, bestAvailable or generalAdmission');
  const sections = best.sectionId
    ? [requireSection(event, best.sectionId, 'seated')]
    : sectionsForTier(event.sections, best.tierId);
  if (sections.length === 0)
    throw new AppError('validation_failed', `No seated section in tier "${best.tierId}"`);
  const views = new Map(
    await Promise.all(
      sections.map(async (s) => [s.id, await readSection(store, event.id, s, now, true)] as const),
    ),
  );
  const picked = pickAcrossSections(
    sections.filter((s) => s.kind === 'seated'),
    (sectionId, row, n) => {
      const id = makeSeatId(sectionId, row, n);
      return !exclude.has(id) && views.get(sectionId)?.get(id) === true;
    },
    best.quantity,
  );
  if (!picked) throw new AppError('sold_out', `No ${best.quantity} adjacent seats left`);
  return picked.map((id) => heldSeat(event, id) as HeldSeat);
}
