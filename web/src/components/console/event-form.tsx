import { useSignal } from '@preact/signals';
import { admin } from '../../api/client';
import { ApiError, friendlyMessage } from '../../api/errors';
import type { EventDetail } from '../../api/types';
import {
  definitionOf,
  draftFromEvent,
  type EventDraft,
  emptyDraft,
  withTiersFor,
} from './event-draft';
import { tierIdsOf } from './venue-import';
import { VenueSource } from './venue-source';

type TextField = 'id' | 'name' | 'venueName' | 'description' | 'currency';
type TimeField = 'startsAt' | 'onSaleAt';
type NumberField = 'holdMinutes' | 'maxPerBuyer';

/** "sections.2.tierId: unknown tier" lines from a `validation_failed` answer. */
function problemsOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as { path?: string; message?: string }[])
    .filter((d) => d && typeof d.message === 'string')
    .map((d) => (d.path ? `${d.path}: ${d.message}` : String(d.message)));
}

/**
 * Create an event, or edit one: details, on-sale time, price tiers and the venue map
 * (`POST`/`PUT /api/admin/events`). The origin's validation problems are listed field by field.
 */
export function EventForm(props: {
  organizerKey: string;
  event?: EventDetail;
  onSaved: (event: EventDetail) => void;
  onCancel: () => void;
}) {
  const editing = props.event !== undefined;
  const draft = useSignal<EventDraft>(props.event ? draftFromEvent(props.event) : emptyDraft());
  const error = useSignal<string | null>(null);
  const problems = useSignal<string[]>([]);
  const busy = useSignal(false);
  const d = draft.value;
  const set = (patch: Partial<EventDraft>) => {
    draft.value = { ...draft.value, ...patch };
  };

  const save = async (e: Event) => {
    e.preventDefault();
    busy.value = true;
    problems.value = [];
    try {
      const body = definitionOf(draft.value);
      const { event } = editing
        ? await admin.updateEvent(props.organizerKey, body.id, body)
        : await admin.createEvent(props.organizerKey, body);
      error.value = null;
      props.onSaved(event);
    } catch (err) {
      error.value = err instanceof ApiError ? friendlyMessage(err) : (err as Error).message;
      if (err instanceof ApiError && err.code === 'conflict') error.value = err.message;
      problems.value = problemsOf(err);
    } finally {
      busy.value = false;
    }
  };

  const text = (key: TextField, label: string, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input
        value={d[key]}
        onInput={(e) => set({ [key]: e.currentTarget.value })}
        required={key !== 'description'}
        {...extra}
      />
    </label>
  );
  const time = (key: TimeField, label: string) => (
    <label>
      {label}
      <input
        type="datetime-local"
        required
        value={d[key]}
        onInput={(e) => set({ [key]: e.currentTarget.value })}
      />
    </label>
  );
  const count = (key: NumberField, label: string, max: number) => (
    <label>
      {label}
      <input
        type="number"
        min={1}
        max={max}
        value={d[key]}
        onInput={(e) => set({ [key]: Number(e.currentTarget.value) })}
      />
    </label>
  );

  return (
    <form class="card event-form" onSubmit={save} aria-labelledby="event-form-title">
      <h2 id="event-form-title">{editing ? `Edit ${props.event?.name}` : 'New event'}</h2>
      {text('id', 'Event id (in the URL)', {
        pattern: '[a-z0-9][a-z0-9\\-]{1,62}',
        readOnly: editing,
      })}
      {text('name', 'Name')}
      {text('venueName', 'Venue')}
      {text('description', 'Description')}
      <div class="row">
        {time('onSaleAt', 'On sale from')}
        {time('startsAt', 'Event starts')}
      </div>
      <div class="row">
        {text('currency', 'Currency', { pattern: '[A-Za-z]{3}', maxLength: 3 })}
        {count('holdMinutes', 'Hold minutes', 60)}
        {count('maxPerBuyer', 'Tickets per buyer', 20)}
      </div>
      <fieldset>
        <legend>Price tiers</legend>
        {d.tiers.map((tier, i) => (
          <div class="row tier" key={i}>
            {(['id', 'name', 'price'] as const).map((field) => (
              <label key={field}>
                {field === 'id'
                  ? 'Tier id'
                  : field === 'name'
                    ? 'Tier name'
                    : `Price (${d.currency})`}
                <input
                  value={tier[field]}
                  required
                  inputMode={field === 'price' ? 'decimal' : undefined}
                  onInput={(e) => {
                    const tiers = [...d.tiers];
                    tiers[i] = { ...tier, [field]: e.currentTarget.value };
                    set({ tiers });
                  }}
                />
              </label>
            ))}
            <button
              type="button"
              aria-label={`Remove tier ${tier.name || i + 1}`}
              disabled={d.tiers.length === 1}
              onClick={() => set({ tiers: d.tiers.filter((_, j) => j !== i) })}
            >
              ✕
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() => set({ tiers: [...d.tiers, { id: '', name: '', price: '' }] })}
        >
          Add tier
        </button>
      </fieldset>
      <VenueSource
        sections={d.sections}
        tierIds={d.tiers.map((t) => t.id).filter(Boolean)}
        onVenue={(venue) =>
          set({
            sections: venue.sections,
            tiers: withTiersFor(d.tiers, tierIdsOf(venue.sections), venue.tiers),
          })
        }
      />
      {error.value && (
        <div class="notice" role="alert">
          <p>{error.value}</p>
          {problems.value.length > 0 && (
            <ul>
              {problems.value.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="row">
        <button type="submit" class="primary" disabled={busy.value}>
          {editing ? 'Save event' : 'Create event'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
