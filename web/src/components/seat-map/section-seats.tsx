import { useSignal } from '@preact/signals';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { Availability, Section, Tier } from '../../api/types';
import { cartSeats, toggleSeat } from '../../models/cart';
import { RowLabels } from './row-labels';
import { layoutSection, neighbourSeat, SEAT_RADIUS, type SeatShape } from './seat-layout';
import { seatStrips } from './seat-strips';
import { useSeatViewport } from './use-seat-viewport';
import { MAX_RENDERED_SEATS, visibleSeats } from './viewport';
import { ZoomControls } from './zoom-controls';

/**
 * One section's seats. Each seat is a button ("Section Floor A, row C, seat 12, €85", also its
 * tooltip); one seat at a time is in the tab order and the arrow keys move between seats, so a
 * keyboard user tabs into the section once instead of through hundreds of seats.
 * Big sections are seen through a window: wheel, pinch, the buttons or +/− zoom, dragging pans,
 * and only the seats in the window are drawn (zoomed far out, as three dotted paths), so a
 * 20,000-seat section stays smooth. The focused seat is always drawn and kept in view.
 */
export function SectionSeatsView(props: {
  section: Section;
  tiers: Tier[];
  availability: Availability | undefined;
  currency: string;
  maxSeats: number;
  onLimit: () => void;
}) {
  const layout = useMemo(
    () => layoutSection(props.section, props.tiers, props.availability, props.currency),
    [props.section, props.tiers, props.availability, props.currency],
  );
  const byId = useMemo(() => new Map(layout.seats.map((s) => [s.seatId, s])), [layout]);
  const vp = useSeatViewport(layout);
  const picked = new Set(cartSeats.value.map((s) => s.seatId));
  const focusId = useSignal<string | undefined>(undefined);
  const focusPending = useRef(false);
  const tabStop =
    (focusId.value && byId.has(focusId.value) ? focusId.value : undefined) ??
    layout.seats.find((s) => picked.has(s.seatId))?.seatId ??
    layout.seats.find((s) => s.available)?.seatId ??
    layout.seats[0]?.seatId;

  const view = vp.view.value;
  const inView = visibleSeats(layout.rows, view);
  const detailed = inView.length <= MAX_RENDERED_SEATS;
  const drawn = detailed ? inView : [];
  const stop = tabStop ? byId.get(tabStop) : undefined;
  // The tab stop is drawn even outside the window, so the keyboard can always reach the section.
  if (stop && !(detailed && inView.includes(stop))) drawn.push(stop);

  const seatElement = (id: string) =>
    vp.svgRef.current?.querySelector<SVGElement>(`[data-seat-id="${id}"]`);
  // A seat reached by arrow key that was outside the window is drawn by the next render: focus
  // it right after that commit (a layout effect), before the next key press is handled.
  useLayoutEffect(() => {
    if (!focusPending.current || !focusId.value) return;
    focusPending.current = false;
    seatElement(focusId.value)?.focus();
  });

  const seatOf = (target: EventTarget | null) => {
    const id = (target as Element | null)?.getAttribute?.('data-seat-id');
    return id ? byId.get(id) : undefined;
  };
  const focusedSeat = () => (focusId.value ? byId.get(focusId.value) : undefined);
  const centre = (seat: SeatShape | undefined) => seat && { x: seat.cx, y: seat.cy };
  const pick = (seat: SeatShape) => {
    focusId.value = seat.seatId;
    if (!seat.available) return;
    const ok = toggleSeat(
      { seatId: seat.seatId, label: seat.label, priceCents: seat.priceCents },
      props.maxSeats,
    );
    if (!ok) props.onLimit();
  };
  /** +/− and 0 anywhere in the section (buttons included) zoom around the focused seat. */
  const onZoomKey = (event: KeyboardEvent) => {
    const zoomKey = { '+': vp.zoomIn, '=': vp.zoomIn, '-': vp.zoomOut, _: vp.zoomOut }[event.key];
    if (!zoomKey && event.key !== '0') return;
    event.preventDefault();
    const seat = focusedSeat();
    if (zoomKey) zoomKey(centre(seat));
    else vp.reset();
    if (seat) vp.show({ x: seat.cx, y: seat.cy });
  };
  const onSeatKey = (event: KeyboardEvent) => {
    const seat = seatOf(event.target);
    if (!seat) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick(seat);
      return;
    }
    const next = neighbourSeat(layout.seats, seat, event.key);
    if (!next) return;
    event.preventDefault();
    focusId.value = next;
    const shape = byId.get(next) as SeatShape;
    vp.show({ x: shape.cx, y: shape.cy });
    const element = seatElement(next);
    if (element) element.focus();
    else focusPending.current = true;
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: +/− zoom keys for everything inside
    <div class="section-seats" onKeyDown={onZoomKey}>
      <div class="section-seats-head">
        <h3>Section {props.section.name}</h3>
        <ZoomControls viewport={vp} />
      </div>
      <div class="viewport">
        <svg
          ref={vp.svgRef}
          width={vp.frame.width}
          height={vp.frame.height}
          viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`}
          data-seats-drawn={drawn.length}
          {...vp.handlers}
          onKeyDown={onSeatKey}
          onClick={(e) => {
            if (vp.wasDrag()) return;
            const seat = seatOf(e.target);
            if (!seat) {
              if (!detailed) vp.zoomTo(1, vp.toLayout(e.clientX, e.clientY));
              return;
            }
            // SVG shapes do not take focus on click; give it so the arrow keys continue from here.
            (e.target as SVGElement).focus();
            pick(seat);
          }}
          onFocusIn={(e) => {
            const seat = seatOf(e.target);
            if (seat) vp.show({ x: seat.cx, y: seat.cy });
          }}
        >
          <title>{`Seats in section ${props.section.name}`}</title>
          {!detailed &&
            seatStrips(inView, picked).map((strip) => (
              <path key={strip.state} class={`seat-strip ${strip.state}`} d={strip.d} />
            ))}
          {drawn.map((seat) => {
            const isPicked = picked.has(seat.seatId);
            const label = seat.available ? seat.label : `${seat.label}, taken`;
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>
              <circle
                key={seat.seatId}
                class={`seat ${isPicked ? 'picked' : seat.available ? 'free' : 'taken'}`}
                cx={seat.cx}
                cy={seat.cy}
                r={SEAT_RADIUS}
                role="button"
                tabindex={seat.seatId === tabStop ? 0 : -1}
                aria-label={label}
                aria-pressed={isPicked}
                aria-disabled={!seat.available}
                data-seat-id={seat.seatId}
              >
                <title>{label}</title>
              </circle>
            );
          })}
          {detailed && <RowLabels rows={layout.rows} view={view} layoutWidth={layout.width} />}
        </svg>
      </div>
      <p class="muted zoom-hint">Drag to move around; scroll, pinch or use + and − to zoom.</p>
    </div>
  );
}
