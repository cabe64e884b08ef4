import { describe, expect, it } from 'vitest';
import type { Section } from '../../api/types';
import { layoutSection, SEAT_PITCH } from './seat-layout';
import { seatStrips } from './seat-strips';
import {
  ensureVisible,
  frameOf,
  initialView,
  MAX_FRAME,
  MAX_ZOOM,
  minZoom,
  panBy,
  visibleSeats,
  zoomBy,
  zoomOf,
} from './viewport';

const section = (rows: number, seats: number): Section => ({
  id: 'big',
  name: 'Big',
  kind: 'seated',
  tierId: 't',
  capacity: rows * seats,
  rows: Array.from({ length: rows }, (_, i) => ({ label: `R${i + 1}`, seats })),
});
const big = layoutSection(section(100, 200), [{ id: 't', name: 'T', priceCents: 100 }], undefined);
const small = layoutSection(section(3, 10), [], undefined);
const frame = frameOf(big);

describe('viewport', () => {
  it('shows a small section whole and a big one through a frame, front rows first', () => {
    expect(initialView(small, frameOf(small))).toEqual({
      x: 0,
      y: 0,
      width: small.width,
      height: small.height,
    });
    expect(minZoom(small, frameOf(small))).toBe(1);
    expect(frame).toEqual(MAX_FRAME);
    const view = initialView(big, frame);
    expect(view.y).toBe(0);
    expect(view.x + view.width / 2).toBeCloseTo(big.width / 2);
  });

  it('zooms around an anchor that stays put, within the zoom limits', () => {
    const view = initialView(big, frame);
    const anchor = { x: view.x + view.width * 0.25, y: view.y + view.height * 0.75 };
    const closer = zoomBy(view, big, frame, 2, anchor);
    expect(zoomOf(closer, frame)).toBeCloseTo(2);
    expect((anchor.x - closer.x) / closer.width).toBeCloseTo(0.25);
    expect((anchor.y - closer.y) / closer.height).toBeCloseTo(0.75);
    expect(zoomOf(zoomBy(view, big, frame, 100), frame)).toBe(MAX_ZOOM);
    const whole = zoomBy(view, big, frame, 0.001);
    expect(zoomOf(whole, frame)).toBeCloseTo(minZoom(big, frame));
    expect(whole.width).toBeGreaterThanOrEqual(big.width - 1e-6);
  });

  it('pans within the section and scrolls just enough to show a seat', () => {
    const view = initialView(big, frame);
    expect(panBy(view, big, frame, -1e6, -1e6)).toMatchObject({ x: 0, y: 0 });
    const far = panBy(view, big, frame, 1e6, 1e6);
    expect(far.x + far.width).toBeCloseTo(big.width);
    expect(far.y + far.height).toBeCloseTo(big.height);
    const seat = { x: view.x + view.width + 100, y: view.y + 10 };
    const shown = ensureVisible(view, big, frame, seat);
    expect(shown.x + shown.width).toBeCloseTo(seat.x + SEAT_PITCH);
    expect(shown.y).toBe(view.y);
    expect(ensureVisible(shown, big, frame, seat)).toBe(shown);
  });

  it('culls to the seats touching the window, by row and along the row', () => {
    const view = { x: 100, y: 100, width: 180, height: 90 };
    const seen = visibleSeats(big.rows, view);
    const brute = big.seats.filter(
      (s) =>
        s.cx >= view.x - SEAT_PITCH / 2 &&
        s.cx <= view.x + view.width + SEAT_PITCH / 2 &&
        s.cy >= view.y - SEAT_PITCH / 2 &&
        s.cy <= view.y + view.height + SEAT_PITCH / 2,
    );
    expect(seen.map((s) => s.seatId)).toEqual(brute.map((s) => s.seatId));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(100);
  });

  it('draws a zoomed-out view as one dotted path per seat state', () => {
    const seats = small.seats.map((s, i) => ({ ...s, available: i % 2 === 0 }));
    const strips = seatStrips(seats, new Set([seats[0]?.seatId ?? '']));
    expect(strips.map((s) => s.state)).toEqual(['free', 'taken', 'picked']);
    expect(strips.find((s) => s.state === 'picked')?.d).toBe(`M${seats[0]?.cx} ${seats[0]?.cy}h0`);
    expect(strips.reduce((n, s) => n + s.d.split('M').length - 1, 0)).toBe(seats.length);
  });
});
