import { SEAT_PITCH, type SeatRow, type SeatShape, type SectionSeats } from './seat-layout';

/**
 * Zoom and pan of one section's seats as a window (`viewBox`) onto its layout, and the seats
 * inside that window. Pure, so a 20,000-seat section is tested without a browser. Units are the
 * layout's (one seat = {@link SEAT_PITCH}); at zoom 1 a unit is one CSS pixel of the frame.
 */

/** The visible part of the layout, in layout units. */
export interface Viewport {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The drawing's size on the page at zoom 1 (it shrinks to fit narrow screens). */
export interface Frame {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

type Extent = Pick<SectionSeats, 'width' | 'height'>;

/** Largest frame: bigger sections are seen through it, zoomed and panned. */
export const MAX_FRAME: Frame = { width: 1100, height: 560 };
export const MAX_ZOOM = 4;
/** Above this many seats in view, rows are drawn as strips instead of one element per seat. */
export const MAX_RENDERED_SEATS = 3000;

/** The frame for a section: its own size, up to {@link MAX_FRAME}. */
export function frameOf(layout: Extent): Frame {
  return {
    width: Math.max(1, Math.min(layout.width, MAX_FRAME.width)),
    height: Math.max(1, Math.min(layout.height, MAX_FRAME.height)),
  };
}

/** The zoom that shows the whole section (never above 1: small sections are not blown up). */
export function minZoom(layout: Extent, frame: Frame): number {
  return Math.min(
    1,
    frame.width / Math.max(1, layout.width),
    frame.height / Math.max(1, layout.height),
  );
}

export function zoomOf(view: Viewport, frame: Frame): number {
  return frame.width / view.width;
}

/** Keeps the window on the layout; a window wider (taller) than the layout is centred. */
function clampAxis(start: number, size: number, extent: number): number {
  if (size >= extent) return (extent - size) / 2;
  return Math.min(Math.max(0, start), extent - size);
}

/** The window at `zoom` (clamped to the allowed range) whose top-left is at `x`, `y`. */
export function viewAt(layout: Extent, frame: Frame, zoom: number, x: number, y: number): Viewport {
  const z = Math.min(MAX_ZOOM, Math.max(minZoom(layout, frame), zoom));
  const width = frame.width / z;
  const height = frame.height / z;
  return {
    x: clampAxis(x, width, layout.width),
    y: clampAxis(y, height, layout.height),
    width,
    height,
  };
}

/** Zoom 1, front rows (nearest the stage) first, centred across. */
export function initialView(layout: Extent, frame: Frame): Viewport {
  return viewAt(layout, frame, 1, (layout.width - frame.width) / 2, 0);
}

/**
 * Zooms by `factor` keeping `anchor` (layout units, default the centre) at the same place on
 * screen, as a wheel or pinch under the finger does.
 *
 * @example zoomBy(view, layout, frame, 2) // twice as close, same centre
 */
export function zoomBy(
  view: Viewport,
  layout: Extent,
  frame: Frame,
  factor: number,
  anchor: Point = { x: view.x + view.width / 2, y: view.y + view.height / 2 },
): Viewport {
  const next = viewAt(layout, frame, zoomOf(view, frame) * factor, 0, 0);
  const fx = (anchor.x - view.x) / view.width;
  const fy = (anchor.y - view.y) / view.height;
  return viewAt(
    layout,
    frame,
    zoomOf(next, frame),
    anchor.x - fx * next.width,
    anchor.y - fy * next.height,
  );
}

/** Moves the window by `dx`, `dy` layout units (a drag moves it the opposite way). */
export function panBy(view: Viewport, layout: Extent, frame: Frame, dx: number, dy: number) {
  return viewAt(layout, frame, zoomOf(view, frame), view.x + dx, view.y + dy);
}

/** The least pan that brings `point` (a seat centre) inside the window with a seat's margin. */
export function ensureVisible(view: Viewport, layout: Extent, frame: Frame, point: Point) {
  const m = SEAT_PITCH;
  const slide = (start: number, size: number, at: number) =>
    at - m < start ? at - m : at + m > start + size ? at + m - size : start;
  const x = slide(view.x, view.width, point.x);
  const y = slide(view.y, view.height, point.y);
  const next = panBy(view, layout, frame, x - view.x, y - view.y);
  return next.x === view.x && next.y === view.y ? view : next;
}

/** First index in a row whose centre is at or right of `x`. */
function firstFrom(seats: SeatShape[], x: number): number {
  let lo = 0;
  let hi = seats.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((seats[mid] as SeatShape).cx < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The seats whose circle touches the window (rows outside it are skipped whole, seats outside
 * it in a row by binary search), front row first.
 */
export function visibleSeats(rows: SeatRow[], view: Viewport): SeatShape[] {
  const out: SeatShape[] = [];
  const m = SEAT_PITCH / 2;
  for (const row of rows) {
    if (row.y < view.y - m || row.y > view.y + view.height + m) continue;
    const end = view.x + view.width + m;
    for (let i = firstFrom(row.seats, view.x - m); i < row.seats.length; i++) {
      const seat = row.seats[i] as SeatShape;
      if (seat.cx > end) break;
      out.push(seat);
    }
  }
  return out;
}
