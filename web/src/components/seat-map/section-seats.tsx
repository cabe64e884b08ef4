import { useSignal } from '@preact/signals';
import { useMemo, useRef } from 'preact/hooks';
import type { Availability, Section, Tier } from '../../api/types';
import { cartSeats, toggleSeat } from '../../models/cart';
import {
  layoutSection,
  neighbourSeat,
  ROW_LABEL_WIDTH,
  SEAT_RADIUS,
  type SeatShape,
} from './seat-layout';

/**
 * One section's seats. Each seat is a button ("Section Floor A, row C, seat 12, €85"); one
 * seat at a time is in the tab order and the arrow keys move between seats, so a keyboard
 * user tabs into the section once instead of through hundreds of seats.
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
  const picked = new Set(cartSeats.value.map((s) => s.seatId));
  const focusId = useSignal<string | undefined>(undefined);
  const svgRef = useRef<SVGSVGElement>(null);
  const tabStop =
    (focusId.value && byId.has(focusId.value) ? focusId.value : undefined) ??
    layout.seats.find((s) => picked.has(s.seatId))?.seatId ??
    layout.seats.find((s) => s.available)?.seatId ??
    layout.seats[0]?.seatId;

  const seatOf = (target: EventTarget | null) => {
    const id = (target as Element | null)?.getAttribute?.('data-seat-id');
    return id ? byId.get(id) : undefined;
  };
  const pick = (seat: SeatShape) => {
    focusId.value = seat.seatId;
    if (!seat.available) return;
    const ok = toggleSeat(
      { seatId: seat.seatId, label: seat.label, priceCents: seat.priceCents },
      props.maxSeats,
    );
    if (!ok) props.onLimit();
  };
  const onKeyDown = (event: KeyboardEvent) => {
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
    svgRef.current?.querySelector<SVGElement>(`[data-seat-id="${next}"]`)?.focus();
  };

  return (
    <div class="section-seats">
      <h3>Section {props.section.name}</h3>
      <div class="scroll">
        <svg
          ref={svgRef}
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          onClick={(e) => {
            const seat = seatOf(e.target);
            if (!seat) return;
            // SVG shapes do not take focus on click; give it so the arrow keys continue from here.
            (e.target as SVGElement).focus();
            pick(seat);
          }}
          onKeyDown={onKeyDown}
        >
          <title>{`Seats in section ${props.section.name}`}</title>
          {layout.rows.map((row) => (
            <g key={row.label} class="row-label">
              <text x={ROW_LABEL_WIDTH / 2} y={row.y + 4}>
                {row.label}
              </text>
              <text x={layout.width - ROW_LABEL_WIDTH / 2} y={row.y + 4}>
                {row.label}
              </text>
            </g>
          ))}
          {layout.seats.map((seat) => {
            const isPicked = picked.has(seat.seatId);
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
                aria-label={seat.available ? seat.label : `${seat.label}, taken`}
                aria-pressed={isPicked}
                aria-disabled={!seat.available}
                data-seat-id={seat.seatId}
              />
            );
          })}
        </svg>
      </div>
    </div>
  );
}
