import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { admin } from '../../api/client';
import { friendlyMessage } from '../../api/errors';
import type { AdmissionConfig } from '../../api/types';

type NumberField = 'ratePerMinute' | 'maxActive' | 'sessionSeconds';

const FIELDS: { key: NumberField; label: string; min: number }[] = [
  { key: 'ratePerMinute', label: 'Admit per minute', min: 0 },
  { key: 'maxActive', label: 'Max active buyers', min: 0 },
  { key: 'sessionSeconds', label: 'Session seconds', min: 60 },
];

/**
 * Live admission controls for one event: rate, cap, session length, queue-all, and a
 * pause/resume switch that takes effect at the next state read at the edge.
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
  const message = useSignal<string | null>(null);
  const busy = useSignal(false);

  useEffect(() => {
    config.value = undefined;
    admin.getAdmission(organizerKey, eventId).then(
      (c) => {
        config.value = c;
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
      config.value = await admin.putAdmission(organizerKey, eventId, {
        ...config.value,
        ...changes,
      });
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
        {FIELDS.map((f) => (
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
        ))}
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
      {message.value && (
        <p role="status" class="muted">
          {message.value}
        </p>
      )}
    </section>
  );
}
