import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { admin } from '../../api/client';
import { friendlyMessage } from '../../api/errors';
import type { AdmissionConfig } from '../../api/types';
import { fromLocalInput, toLocalInput } from './event-draft';

type NumberField =
  | 'ratePerMinute'
  | 'maxActive'
  | 'sessionSeconds'
  | 'targetP95Ms'
  | 'minRatePerMinute'
  | 'maxRatePerMinute';

const FIELDS: { key: NumberField; label: string; min: number }[] = [
  { key: 'ratePerMinute', label: 'Admit per minute', min: 0 },
  { key: 'maxActive', label: 'Max active buyers', min: 0 },
  { key: 'sessionSeconds', label: 'Session seconds', min: 30 },
];

const ADAPTIVE_FIELDS: { key: NumberField; label: string; min: number }[] = [
  { key: 'targetP95Ms', label: 'Target origin p95 (ms)', min: 1 },
  { key: 'minRatePerMinute', label: 'Lowest rate per minute', min: 0 },
  { key: 'maxRatePerMinute', label: 'Highest rate per minute', min: 1 },
];

/** The opening time as the form shows it ('' = no pre-queue). */
function opensAtInput(opensAt: AdmissionConfig['opensAt']): string {
  return opensAt === null || opensAt === undefined ? '' : toLocalInput(opensAt);
}

/**
 * Live admission controls for one event: rate, cap, session length, pause/resume, queue-all,
 * the pre-queue's opening time and, when the backend has it, adaptive mode. Every change takes
 * effect at the next state read at the edge.
 */
export function AdmissionPanel({
  organizerKey,
  eventId,
}: {
  organizerKey: string;
  eventId: string;
}) {
  const config = useSignal<AdmissionConfig | undefined>(undefined);
  const draft = useSignal<Partial<AdmissionConfig>>({});
  const opening = useSignal('');
  const message = useSignal<string | null>(null);
  const busy = useSignal(false);

  useEffect(() => {
    config.value = undefined;
    admin.getAdmission(organizerKey, eventId).then(
      (c) => {
        config.value = c;
        opening.value = opensAtInput(c.opensAt);
        draft.value = {};
      },
      (e) => {
        message.value = friendlyMessage(e);
      },
    );
  }, [organizerKey, eventId]);

  const save = async (changes: Partial<AdmissionConfig>, done: string) => {
    if (!config.value) return;
    busy.value = true;
    try {
      config.value = await admin.putAdmission(organizerKey, eventId, changes);
      opening.value = opensAtInput(config.value.opensAt);
      draft.value = {};
      message.value = done;
    } catch (e) {
      message.value = friendlyMessage(e);
    } finally {
      busy.value = false;
    }
  };

  const c = config.value;
  if (!c) return <section class="card">{message.value ?? 'Loading admission settings…'}</section>;
  const current = { ...c, ...draft.value };
  const numberInput = (f: { key: NumberField; label: string; min: number }) => (
    <label key={f.key}>
      {f.label}
      <input
        type="number"
        min={f.min}
        value={current[f.key]}
        onInput={(e) => {
          draft.value = { ...draft.value, [f.key]: Number(e.currentTarget.value) };
        }}
      />
    </label>
  );
  return (
    <section class="card" aria-labelledby="admission-title">
      <h3 id="admission-title">Admission</h3>
      <p>
        <button
          type="button"
          class={c.paused ? 'primary' : 'danger'}
          disabled={busy.value}
          onClick={() =>
            save({ paused: !c.paused }, c.paused ? 'Admission resumed.' : 'Admission paused.')
          }
        >
          {c.paused ? 'Resume admission' : 'Pause admission'}
        </button>
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft.value, 'Saved.');
        }}
      >
        {c.mode !== undefined && (
          <label>
            Mode
            <select
              value={current.mode}
              onChange={(e) => {
                draft.value = {
                  ...draft.value,
                  mode: e.currentTarget.value as 'fixed' | 'adaptive',
                };
              }}
            >
              <option value="fixed">Fixed rate</option>
              <option value="adaptive">Adaptive (follows origin latency)</option>
            </select>
          </label>
        )}
        {FIELDS.map(numberInput)}
        {current.mode === 'adaptive' && ADAPTIVE_FIELDS.map(numberInput)}
        <label class="check">
          <input
            type="checkbox"
            checked={current.queueAll}
            onChange={(e) => {
              draft.value = { ...draft.value, queueAll: e.currentTarget.checked };
            }}
          />
          Queue everyone (no direct entry)
        </label>
        <button type="submit" disabled={busy.value || Object.keys(draft.value).length === 0}>
          Save settings
        </button>
      </form>
      <form
        class="prequeue"
        onSubmit={(e) => {
          e.preventDefault();
          const iso = fromLocalInput(opening.value);
          void save(
            { opensAt: iso || null },
            iso ? 'Pre-queue set: buyers joining before opening are shuffled fairly.' : 'Open now.',
          );
        }}
      >
        <label>
          Pre-queue opens the sale at
          <input
            type="datetime-local"
            value={opening.value}
            onInput={(e) => {
              opening.value = e.currentTarget.value;
            }}
          />
        </label>
        <div class="row">
          <button type="submit" disabled={busy.value}>
            Set opening time
          </button>
          <button
            type="button"
            disabled={busy.value || c.opensAt == null}
            onClick={() => save({ opensAt: null }, 'Pre-queue cleared: the room is open.')}
          >
            Clear
          </button>
        </div>
      </form>
      {message.value && (
        <p role="status" class="muted">
          {message.value}
        </p>
      )}
    </section>
  );
}
