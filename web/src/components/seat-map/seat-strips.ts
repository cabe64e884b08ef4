import type { SeatShape } from './seat-layout';

/** One path per seat state: every seat a dot (a zero-length stroke with a round cap). */
export interface SeatStrip {
  state: 'free' | 'taken' | 'picked';
  d: string;
}

/**
 * The seats of a zoomed-out view as three paths instead of one element each, so showing a whole
 * 20,000-seat section costs three DOM nodes. Not interactive: a click there zooms in.
 *
 * @example seatStrips(seats, new Set()) // [{ state: 'free', d: 'M37 13h0M55 13h0…' }, …]
 */
export function seatStrips(seats: SeatShape[], picked: ReadonlySet<string>): SeatStrip[] {
  const parts: Record<SeatStrip['state'], string[]> = { free: [], taken: [], picked: [] };
  for (const seat of seats) {
    const state = picked.has(seat.seatId) ? 'picked' : seat.available ? 'free' : 'taken';
    parts[state].push(`M${seat.cx} ${seat.cy}h0`);
  }
  return (Object.keys(parts) as SeatStrip['state'][])
    .filter((state) => parts[state].length > 0)
    .map((state) => ({ state, d: parts[state].join('') }));
}
