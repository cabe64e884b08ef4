// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Section, Tier } from '../../api/types';
import { cartSeats, clearCart } from '../../models/cart';
import { testRoot } from '../../testing/render';
import { SectionSeatsView } from './section-seats';

const tiers: Tier[] = [{ id: 'upper', name: 'Upper', priceCents: 4500 }];
/** 100 rows of 200: a 20,000-seat section. */
const huge: Section = {
  id: 'huge',
  name: 'Huge',
  kind: 'seated',
  tierId: 'upper',
  capacity: 20_000,
  rows: Array.from({ length: 100 }, (_, i) => ({ label: `R${i + 1}`, seats: 200 })),
};

afterEach(() => {
  clearCart();
});
const root = testRoot();

const mount = () =>
  act(() =>
    render(
      <SectionSeatsView
        section={huge}
        tiers={tiers}
        availability={undefined}
        currency="EUR"
        maxSeats={4}
        onLimit={() => undefined}
      />,
      root,
    ),
  );
const svg = () => root.querySelector('svg') as SVGSVGElement;
const drawnIds = () =>
  new Set([...root.querySelectorAll('circle.seat')].map((c) => c.getAttribute('data-seat-id')));
const viewBox = () => (svg().getAttribute('viewBox') ?? '').split(' ').map(Number);
const button = (name: string) =>
  [...root.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent) === name,
  ) as HTMLButtonElement;
const press = (target: Element, key: string) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });
const pointer = (type: string, x: number, y: number, pointerId = 1) =>
  act(() => {
    svg().dispatchEvent(
      new PointerEvent(type, { clientX: x, clientY: y, pointerId, bubbles: true }),
    );
  });
const timed = (label: string, run: () => void) => {
  const start = performance.now();
  run();
  return `${label} ${(performance.now() - start).toFixed(1)} ms`;
};

describe('SectionSeatsView zoom and pan (happy-dom, 20,000 seats)', () => {
  it('draws only the seats in view at default zoom, and zooming changes which are drawn', () => {
    const log = [timed('first render', mount)];
    const first = drawnIds();
    expect(first.size).toBeGreaterThan(500);
    expect(first.size).toBeLessThan(3000);

    log.push(timed('zoom in', () => act(() => button('Zoom in').click())));
    const closer = drawnIds();
    expect(closer.size).toBeLessThan(first.size / 1.5);
    expect([...closer].every((id) => first.has(id))).toBe(true);

    log.push(
      timed('wheel zoom out', () =>
        act(() => {
          svg().dispatchEvent(
            new WheelEvent('wheel', { deltaY: 600, bubbles: true, cancelable: true }),
          );
        }),
      ),
    );
    // Far out, the seats become three dotted paths and only the keyboard's tab stop is a button.
    expect(root.querySelectorAll('path.seat-strip').length).toBeGreaterThan(0);
    expect(drawnIds().size).toBe(1);

    log.push(timed('reset', () => act(() => button('Reset').click())));
    expect(drawnIds()).toEqual(first);
    console.log(`[bench] 20,000-seat section in happy-dom: ${log.join(', ')}`);
  });

  it('pans by dragging without picking the seat under the pointer', () => {
    mount();
    const [x0, y0] = viewBox();
    pointer('pointerdown', 400, 200);
    pointer('pointermove', 300, 150);
    pointer('pointerup', 300, 150);
    const [x1, y1] = viewBox();
    expect(x1).toBeGreaterThan(x0 as number);
    expect(y1).toBeGreaterThan(y0 as number);
    const seat = root.querySelector('circle.seat.free') as SVGElement;
    act(() => {
      seat.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(cartSeats.value).toHaveLength(0);
    // A click without a drag picks the seat.
    pointer('pointerdown', 10, 10);
    pointer('pointerup', 10, 10);
    act(() => {
      seat.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(cartSeats.value).toHaveLength(1);
  });

  it('keeps the focused seat drawn and in view while moving and zooming by keyboard', () => {
    mount();
    // The tab stop (row 1, seat 1) is outside the centred view but drawn, so Tab reaches it.
    const stop = root.querySelector('circle[tabindex="0"]') as SVGElement;
    expect(stop.getAttribute('data-seat-id')).toBe('huge:R1:1');
    act(() => stop.focus());
    expect(viewBox()[0]).toBeLessThan(Number(stop.getAttribute('cx')));
    for (let i = 0; i < 45; i++) press(document.activeElement as Element, 'ArrowDown');
    const focused = document.activeElement as SVGCircleElement;
    expect(focused.getAttribute('data-seat-id')).toBe('huge:R46:1');
    const [, y, , height] = viewBox();
    const cy = Number(focused.getAttribute('cy'));
    expect(cy).toBeGreaterThan(y as number);
    expect(cy).toBeLessThan((y as number) + (height as number));

    press(focused, '+');
    press(document.activeElement as Element, '+');
    const [zx, zy, zw, zh] = viewBox() as [number, number, number, number];
    expect(zw).toBeLessThan(1100 / 2);
    const seat = root.querySelector('[data-seat-id="huge:R46:1"]') as SVGCircleElement;
    expect(Number(seat.getAttribute('cx'))).toBeGreaterThan(zx);
    expect(Number(seat.getAttribute('cx'))).toBeLessThan(zx + zw);
    expect(Number(seat.getAttribute('cy'))).toBeGreaterThan(zy);
    expect(Number(seat.getAttribute('cy'))).toBeLessThan(zy + zh);
    press(seat, '-');
    expect(viewBox()[2]).toBeGreaterThan(zw);
    press(seat, 'Enter');
    expect(cartSeats.value.map((s) => s.seatId)).toEqual(['huge:R46:1']);
  });
});
