import { decodeAvailability } from '../../../../origin/domain/availability-codec';
import type { Availability, Section, Tier } from '../../api/types';
import { formatMoney } from '../../lib/money';

/**
 * Seat-map geometry, pure so it is tested without a browser. Two views: the **overview** draws
 * every section at its layout hint (centre `x`/`y`, `width`/`height` in a 1000 × 1000 plan,
 * stage at the top; sections without hints go in a row underneath), and the **section view**
 * draws one section's seats at a comfortable pitch.
 */

export const SEAT_PITCH = 18;
export const SEAT_RADIUS = 7;
export const ROW_LABEL_WIDTH = 28;

export interface SeatShape {
  seatId: string;
  sectionId: string;
  row: string;
  number: number;
  cx: number;
  cy: number;
  available: boolean;
  priceCents: number;
  /** "Section Floor A, row C, seat 12, €85" */
  label: string;
}

export interface SectionBox {
  section: Section;
  x: number;
  y: number;
  width: number;
  height: number;
  available: number;
  capacity: number;
}

export interface Overview {
  viewBox: string;
  boxes: SectionBox[];
}

/** One row of a section: its label, its centre line and its seats in left-to-right order. */
export interface SeatRow {
  label: string;
  y: number;
  seats: SeatShape[];
}

export interface SectionSeats {
  width: number;
  height: number;
  /** Front to back: the viewport culls by row, then along the row. */
  rows: SeatRow[];
  /** Every seat, row by row (the same shapes as in `rows`). */
  seats: SeatShape[];
}

const DEFAULT_W = 140;
const DEFAULT_H = 100;
const MARGIN = 20;

function capacityOf(section: Section): number {
  if (section.kind === 'ga' || !section.rows) return section.capacity;
  return section.rows.reduce((n, r) => n + r.seats, 0);
}

/** Every section as a box in plan units, and a viewBox that frames them all. */
export function layoutOverview(sections: Section[], availability?: Availability): Overview {
  const boxes: SectionBox[] = [];
  const unhinted: Section[] = [];
  for (const section of sections) {
    if (section.x === undefined || section.y === undefined) {
      unhinted.push(section);
      continue;
    }
    const width = section.width ?? DEFAULT_W;
    const height = section.height ?? DEFAULT_H;
    boxes.push(
      box(section, section.x - width / 2, section.y - height / 2, width, height, availability),
    );
  }
  const bottom = Math.max(0, ...boxes.map((b) => b.y + b.height)) + MARGIN;
  unhinted.forEach((section, i) => {
    boxes.push(
      box(section, MARGIN + i * (DEFAULT_W + MARGIN), bottom, DEFAULT_W, DEFAULT_H, availability),
    );
  });
  const minX = Math.min(...boxes.map((b) => b.x)) - MARGIN;
  const minY = Math.min(...boxes.map((b) => b.y)) - MARGIN;
  const maxX = Math.max(...boxes.map((b) => b.x + b.width)) + MARGIN;
  const maxY = Math.max(...boxes.map((b) => b.y + b.height)) + MARGIN;
  const viewBox = boxes.length ? `${minX} ${minY} ${maxX - minX} ${maxY - minY}` : '0 0 100 100';
  return { viewBox, boxes };
}

function box(
  section: Section,
  x: number,
  y: number,
  width: number,
  height: number,
  availability: Availability | undefined,
): SectionBox {
  const capacity = availability?.sections[section.id]?.capacity ?? capacityOf(section);
  const available = availability?.sections[section.id]?.available ?? capacity;
  return { section, x, y, width, height, available, capacity };
}

function safeDecode(encoded: string | undefined, count: number): boolean[] | undefined {
  if (!encoded) return undefined;
  try {
    return decodeAvailability(encoded, count);
  } catch {
    return undefined;
  }
}

/** One seated section's seats, rows front to back, each row centred. */
export function layoutSection(
  section: Section,
  tiers: Tier[],
  availability: Availability | undefined,
  currency = 'EUR',
): SectionSeats {
  const rows = section.kind === 'seated' ? (section.rows ?? []) : [];
  const priceCents = tiers.find((t) => t.id === section.tierId)?.priceCents ?? 0;
  // Once per section, not per seat: Intl formatting 20,000 times takes most of a second.
  const price = formatMoney(priceCents, currency);
  const info = availability?.sections[section.id];
  const bits = safeDecode(info?.seats, capacityOf(section));
  const fallback = info ? info.available > 0 : true;
  const widest = Math.max(0, ...rows.map((r) => r.seats));
  const width = ROW_LABEL_WIDTH * 2 + widest * SEAT_PITCH;
  const seats: SeatShape[] = [];
  let i = 0;
  const rowShapes = rows.map((row, r): SeatRow => {
    const y = (r + 0.5) * SEAT_PITCH + 4;
    const left = ROW_LABEL_WIDTH + ((widest - row.seats) * SEAT_PITCH) / 2;
    const rowSeats: SeatShape[] = [];
    for (let n = 1; n <= row.seats; n++, i++) {
      rowSeats.push({
        seatId: `${section.id}:${row.label}:${n}`,
        sectionId: section.id,
        row: row.label,
        number: n,
        cx: left + (n - 0.5) * SEAT_PITCH,
        cy: y,
        available: bits ? Boolean(bits[i]) : fallback,
        priceCents,
        label: `Section ${section.name}, row ${row.label}, seat ${n}, ${price}`,
      });
    }
    seats.push(...rowSeats);
    return { label: row.label, y, seats: rowSeats };
  });
  return { width, height: rows.length * SEAT_PITCH + 8, rows: rowShapes, seats };
}

/**
 * The `count` available seats closest to the ones the buyer wanted (same section first, then
 * by distance from their centre), excluding those: "here are the nearest seats" after
 * `seat_taken`.
 */
export function nearestAvailable(
  seats: SeatShape[],
  wantedIds: string[],
  count: number,
): SeatShape[] {
  const wanted = seats.filter((s) => wantedIds.includes(s.seatId));
  if (!wanted.length) return [];
  const sections = new Set(wanted.map((s) => s.sectionId));
  const cx = wanted.reduce((sum, s) => sum + s.cx, 0) / wanted.length;
  const cy = wanted.reduce((sum, s) => sum + s.cy, 0) / wanted.length;
  const cost = (s: SeatShape) =>
    (sections.has(s.sectionId) ? 0 : 1e9) + Math.hypot(s.cx - cx, s.cy - cy);
  return seats
    .filter((s) => s.available && !wantedIds.includes(s.seatId))
    .sort((a, b) => cost(a) - cost(b))
    .slice(0, count);
}

/**
 * Where arrow keys move focus inside a section: left/right along the row, up/down to the
 * nearest seat in the neighbouring row. Returns the seat id, or undefined at an edge.
 */
export function neighbourSeat(
  seats: SeatShape[],
  from: SeatShape,
  key: string,
): string | undefined {
  if (key === 'ArrowLeft' || key === 'ArrowRight') {
    const n = from.number + (key === 'ArrowLeft' ? -1 : 1);
    return seats.find((s) => s.row === from.row && s.number === n)?.seatId;
  }
  if (key !== 'ArrowUp' && key !== 'ArrowDown') return undefined;
  const rows = [...new Set(seats.map((s) => s.row))];
  const target = rows[rows.indexOf(from.row) + (key === 'ArrowUp' ? -1 : 1)];
  if (target === undefined) return undefined;
  let best: SeatShape | undefined;
  for (const s of seats) {
    if (s.row !== target) continue;
    if (!best || Math.abs(s.cx - from.cx) < Math.abs(best.cx - from.cx)) best = s;
  }
  return best?.seatId;
}

/**
 * The alternative offered after `seat_taken`: the wanted seats that are still free, plus for each
 * lost one the nearest free seat **in the same section** (closest to where the lost seats were).
 * Fewer seats than wanted when the section has too few left; empty when none are.
 */
export function alternativesFor(
  seats: SeatShape[],
  wantedIds: string[],
  lostIds: string[],
): SeatShape[] {
  const byId = new Map(seats.map((s) => [s.seatId, s]));
  const wanted = wantedIds.map((id) => byId.get(id)).filter((s): s is SeatShape => !!s);
  const lostSet = new Set(lostIds.length ? lostIds : wantedIds);
  const kept = wanted.filter((s) => !lostSet.has(s.seatId) && s.available);
  const lost = wanted.filter((s) => !kept.includes(s));
  const used = new Set(wantedIds);
  const offer = [...kept];
  for (const sectionId of new Set(lost.map((s) => s.sectionId))) {
    const gone = lost.filter((s) => s.sectionId === sectionId);
    const cx = gone.reduce((sum, s) => sum + s.cx, 0) / gone.length;
    const cy = gone.reduce((sum, s) => sum + s.cy, 0) / gone.length;
    const picks = seats
      .filter((s) => s.sectionId === sectionId && s.available && !used.has(s.seatId))
      .sort((a, b) => Math.hypot(a.cx - cx, a.cy - cy) - Math.hypot(b.cx - cx, b.cy - cy))
      .slice(0, gone.length);
    for (const s of picks) used.add(s.seatId);
    offer.push(...picks);
  }
  return offer.length === kept.length ? [] : offer;
}
