import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { catalog, checkIn } from '../api/client';
import { type CheckinOutcome, outcomeOfError } from '../components/checkin/checkin-outcome';
import { CheckinResult } from '../components/checkin/checkin-result';
import { KeyForm } from '../components/common/key-form';
import { useAsync } from '../components/common/use-async';

const KEY = 'fg_checkin_key';

/**
 * `/checkin`: the door. Staff sign in with a scanner key or the organizer key (sessionStorage,
 * gone when the tab closes), then paste or type each ticket's code (a keyboard-wedge barcode
 * reader types it and presses Enter). Each scan says ✓ with the seat, or ✗ with the reason.
 */
export default function CheckinPage() {
  const key = useSignal(sessionStorage.getItem(KEY) ?? '');
  const keyError = useSignal<string | null>(null);
  /** The door's event choices; a failed load leaves just "Any event". */
  const events = useAsync(() => catalog.listEvents().then((answer) => answer.events), []);
  const eventId = useSignal('');
  const code = useSignal('');
  const busy = useSignal(false);
  const outcome = useSignal<CheckinOutcome | null>(null);
  /** Counts scans, so two alike answers in a row are still two answers (and read out twice). */
  const scans = useSignal(0);
  const input = useRef<HTMLInputElement>(null);

  const signOut = (message: string | null = null) => {
    sessionStorage.removeItem(KEY);
    key.value = '';
    keyError.value = message;
    outcome.value = null;
  };

  const scan = async (e: Event) => {
    e.preventDefault();
    const given = code.value.trim();
    if (!given || busy.value) return;
    busy.value = true;
    try {
      const { ticket } = await checkIn(key.value, given, eventId.value || undefined);
      outcome.value = { kind: 'admitted', ticket };
    } catch (error) {
      const result = outcomeOfError(error);
      if (result.kind === 'key-refused') return signOut(result.message);
      outcome.value = result;
    } finally {
      scans.value += 1;
      busy.value = false;
      code.value = '';
      input.current?.focus();
    }
  };

  if (!key.value) {
    return (
      <KeyForm
        title="Check-in"
        label="Scanner or organizer key"
        submitLabel="Start checking in"
        narrow
        error={keyError.value}
        onSubmit={(candidate) => {
          if (!candidate) return;
          sessionStorage.setItem(KEY, candidate);
          key.value = candidate;
          keyError.value = null;
        }}
      />
    );
  }
  return (
    <main class="page narrow">
      <div class="console-head">
        <h1>Check-in</h1>
        <button type="button" onClick={() => signOut()}>
          Sign out
        </button>
      </div>
      <form class="card" onSubmit={scan}>
        <label>
          Event at this door
          <select
            value={eventId.value}
            onChange={(e) => {
              eventId.value = e.currentTarget.value;
            }}
          >
            <option value="">Any event</option>
            {(events.data ?? []).map((ev) => (
              <option key={ev.id} value={ev.id}>
                {ev.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Ticket code
          <input
            ref={input}
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            required
            value={code.value}
            onInput={(e) => {
              code.value = e.currentTarget.value;
            }}
          />
        </label>
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? 'Checking…' : 'Check ticket'}
        </button>
      </form>
      <div role="status" aria-atomic="true">
        {outcome.value && <CheckinResult key={scans.value} outcome={outcome.value} />}
      </div>
    </main>
  );
}
