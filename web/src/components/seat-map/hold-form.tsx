import { useSignal } from '@preact/signals';
import type { EventDetail, HoldRequest } from '../../api/types';

/**
 * "Best available" (quantity, optional tier) and standing-area quantity: the two ways to hold
 * seats without picking them one by one.
 */
export function HoldForm(props: {
  event: EventDetail;
  gaSectionId: string | undefined;
  busy: boolean;
  onHold: (request: HoldRequest) => void;
}) {
  const { event } = props;
  const quantity = useSignal(2);
  const tierId = useSignal('');
  const gaQuantity = useSignal(2);
  const hasSeated = event.sections.some((s) => s.kind === 'seated');
  const gaSections = event.sections.filter((s) => s.kind === 'ga');
  const gaSection = useSignal(props.gaSectionId ?? gaSections[0]?.id ?? '');
  if (props.gaSectionId && props.gaSectionId !== gaSection.peek())
    gaSection.value = props.gaSectionId;
  const max = event.maxPerBuyer || 10;

  return (
    <div class="hold-forms">
      {hasSeated && (
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            props.onHold({
              bestAvailable: {
                quantity: quantity.value,
                ...(tierId.value ? { tierId: tierId.value } : {}),
              },
            });
          }}
        >
          <h3>Best available</h3>
          <label>
            Tickets
            <input
              type="number"
              min={1}
              max={max}
              value={quantity.value}
              onInput={(e) => {
                quantity.value = Number(e.currentTarget.value);
              }}
            />
          </label>
          <label>
            Price tier
            <select
              value={tierId.value}
              onChange={(e) => {
                tierId.value = e.currentTarget.value;
              }}
            >
              <option value="">Any</option>
              {event.tiers.map((tier) => (
                <option key={tier.id} value={tier.id}>
                  {tier.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={props.busy}>
            Find seats
          </button>
        </form>
      )}
      {gaSections.length > 0 && (
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            props.onHold({
              generalAdmission: { sectionId: gaSection.value, quantity: gaQuantity.value },
            });
          }}
        >
          <h3>Standing</h3>
          <label>
            Area
            <select
              value={gaSection.value}
              onChange={(e) => {
                gaSection.value = e.currentTarget.value;
              }}
            >
              {gaSections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Tickets
            <input
              type="number"
              min={1}
              max={max}
              value={gaQuantity.value}
              onInput={(e) => {
                gaQuantity.value = Number(e.currentTarget.value);
              }}
            />
          </label>
          <button type="submit" disabled={props.busy}>
            Hold standing tickets
          </button>
        </form>
      )}
    </div>
  );
}
