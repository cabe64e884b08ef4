/** Anything with a price in cents (a held seat, a GA unit). */
export interface Priced {
  priceCents: number;
}

/**
 * The total of a hold or order, in integer cents (never floats, so totals are exact).
 * Throws a RangeError on a price that is not a non-negative integer.
 *
 * @example totalCents([{ priceCents: 14_900 }, { priceCents: 14_900 }]) === 29_800
 */
export function totalCents(seats: readonly Priced[]): number {
  return seats.reduce((sum, seat) => {
    if (!Number.isSafeInteger(seat.priceCents) || seat.priceCents < 0) {
      throw new RangeError(`price must be whole cents ≥ 0, got ${seat.priceCents}`);
    }
    return sum + seat.priceCents;
  }, 0);
}

/** The lowest tier price, for "from $X" in the catalog; null when there are no tiers. */
export function priceFromCents(tiers: readonly Priced[]): number | null {
  return tiers.length === 0 ? null : Math.min(...tiers.map((t) => t.priceCents));
}
