import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import type { Availability, EventDetail } from '../../api/types';
import { formatMoney } from '../../lib/money';
import { layoutOverview } from './seat-layout';
import { SectionSeatsView } from './section-seats';

/** Tier colours cycle through this many classes (`tier-0` … `tier-5` in styles.css). */
const TIER_COLOURS = 6;

/**
 * The venue as SVG: an overview of every section placed by its layout hints, shaded by how
 * many seats are left and marked with its price tier (name and price in the box, a coloured
 * band matching the tier legend), and below it the seats of the chosen section. Standing areas
 * pick the area for the standing form instead.
 */
export function SeatMap(props: {
  event: EventDetail;
  availability: Availability | undefined;
  maxSeats: number;
  onPickGa: (sectionId: string) => void;
  onLimit: () => void;
}) {
  const { event, availability } = props;
  const overview = useMemo(
    () => layoutOverview(event.sections, availability),
    [event, availability],
  );
  const firstSeated = event.sections.find((s) => s.kind === 'seated')?.id;
  const active = useSignal<string | undefined>(firstSeated);
  const section = event.sections.find((s) => s.id === active.value);
  const tierIndex = (tierId: string) => event.tiers.findIndex((t) => t.id === tierId);
  const price = (tierId: string) => event.tiers.find((t) => t.id === tierId)?.priceCents ?? 0;
  const priceText = (tierId: string) => {
    const tier = event.tiers.find((t) => t.id === tierId);
    const amount = formatMoney(price(tierId), event.currency);
    return tier ? `${tier.name} · ${amount}` : amount;
  };
  const tierClass = (tierId: string) => `tier-${Math.max(0, tierIndex(tierId)) % TIER_COLOURS}`;

  const choose = (id: string) => {
    const chosen = event.sections.find((s) => s.id === id);
    if (chosen?.kind === 'ga') props.onPickGa(id);
    else active.value = id;
  };

  return (
    <div class="seat-map">
      <svg class="overview" viewBox={overview.viewBox}>
        <title>Venue overview: choose a section</title>
        {overview.boxes.map((b) => {
          const share = b.capacity ? b.available / b.capacity : 0;
          const tone = b.available === 0 ? 'none' : share < 0.2 ? 'few' : 'many';
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>
            <g
              key={b.section.id}
              class={`section-box ${tone}${b.section.id === active.value ? ' active' : ''}`}
              role="button"
              tabindex={0}
              aria-pressed={b.section.id === active.value}
              aria-label={`Section ${b.section.name}${b.section.kind === 'ga' ? ', standing' : ''}, ${b.available} left, ${formatMoney(price(b.section.tierId), event.currency)}`}
              onClick={() => choose(b.section.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  choose(b.section.id);
                }
              }}
            >
              <rect x={b.x} y={b.y} width={b.width} height={b.height} rx={6} />
              <rect
                class={`tier-band ${tierClass(b.section.tierId)}`}
                x={b.x + 4}
                y={b.y + 4}
                width={Math.max(0, b.width - 8)}
                height={6}
                rx={3}
              />
              <text x={b.x + b.width / 2} y={b.y + b.height / 2 - 12}>
                {b.section.name}
              </text>
              <text class="left" x={b.x + b.width / 2} y={b.y + b.height / 2 + 6}>
                {b.available} left
              </text>
              <text class="price" x={b.x + b.width / 2} y={b.y + b.height / 2 + 24}>
                {priceText(b.section.tierId)}
              </text>
            </g>
          );
        })}
      </svg>
      {section?.kind === 'seated' && (
        <SectionSeatsView
          key={section.id}
          section={section}
          tiers={event.tiers}
          availability={availability}
          currency={event.currency}
          maxSeats={props.maxSeats}
          onLimit={props.onLimit}
        />
      )}
      <ul class="tier-legend" aria-label="Price tiers">
        {event.tiers.map((tier, i) => (
          <li key={tier.id}>
            <span class={`swatch tier-${i % TIER_COLOURS}`} aria-hidden="true" /> {tier.name}{' '}
            <strong>{formatMoney(tier.priceCents, event.currency)}</strong>
          </li>
        ))}
      </ul>
      <p class="legend" aria-hidden="true">
        <span class="dot free" /> available <span class="dot picked" /> your pick{' '}
        <span class="dot taken" /> taken
      </p>
    </div>
  );
}
