import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { admin } from '../api/client';
import { friendlyMessage } from '../api/errors';
import type { EventSummary } from '../api/types';
import { AdmissionPanel } from '../components/console/admission-panel';
import { StatsPanel } from '../components/console/stats-panel';

const KEY = 'fg_organizer_key';

/**
 * `/console`: the organizer's view. The organizer key stays in sessionStorage (gone when the
 * tab closes) and goes only to `/api/admin/*` as a bearer token.
 */
export default function ConsolePage() {
  const key = useSignal(sessionStorage.getItem(KEY) ?? '');
  const events = useSignal<EventSummary[] | undefined>(undefined);
  const selected = useSignal<string | undefined>(undefined);
  const error = useSignal<string | null>(null);

  const load = async (candidate: string) => {
    try {
      const answer = await admin.listEvents(candidate);
      sessionStorage.setItem(KEY, candidate);
      key.value = candidate;
      events.value = answer.events;
      selected.value ??= answer.events[0]?.id;
      error.value = null;
    } catch (e) {
      sessionStorage.removeItem(KEY);
      events.value = undefined;
      error.value = friendlyMessage(e);
    }
  };

  useEffect(() => {
    if (key.value) void load(key.value);
  }, []);

  if (!events.value) return <SignIn error={error.value} onSubmit={load} />;
  const event = events.value.find((e) => e.id === selected.value);
  return (
    <main class="page console">
      <div class="console-head">
        <h1>Organizer console</h1>
        <button
          type="button"
          onClick={() => {
            sessionStorage.removeItem(KEY);
            key.value = '';
            events.value = undefined;
          }}
        >
          Sign out
        </button>
      </div>
      <label>
        Event
        <select
          value={selected.value}
          onChange={(e) => {
            selected.value = e.currentTarget.value;
          }}
        >
          {events.value.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
      </label>
      {event && (
        <div class="console-grid">
          <AdmissionPanel organizerKey={key.value} eventId={event.id} />
          <StatsPanel organizerKey={key.value} eventId={event.id} currency={event.currency} />
        </div>
      )}
    </main>
  );
}

function SignIn({ error, onSubmit }: { error: string | null; onSubmit: (key: string) => void }) {
  const value = useSignal('');
  return (
    <main class="page">
      <h1>Organizer console</h1>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(value.value.trim());
        }}
      >
        <label>
          Organizer key
          <input
            type="password"
            autoComplete="current-password"
            required
            value={value.value}
            onInput={(e) => {
              value.value = e.currentTarget.value;
            }}
          />
        </label>
        {error && (
          <p class="notice" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
