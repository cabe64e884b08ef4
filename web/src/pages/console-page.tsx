import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { admin, catalog } from '../api/client';
import { friendlyMessage } from '../api/errors';
import type { EventDetail, EventSummary } from '../api/types';
import { KeyForm } from '../components/common/key-form';
import { panelId, Tabs, tabId } from '../components/common/tabs';
import { AdmissionPanel } from '../components/console/admission-panel';
import { DashboardPanel } from '../components/console/dashboard-panel';
import { EventActions } from '../components/console/event-actions';
import { EventForm } from '../components/console/event-form';
import { OrdersPanel } from '../components/console/orders-panel';

const KEY = 'fg_organizer_key';

type ConsoleTab = 'sale' | 'orders';
const TABS: { id: ConsoleTab; label: string }[] = [
  { id: 'sale', label: 'Live sale' },
  { id: 'orders', label: 'Orders' },
];

/**
 * `/console`: the organizer's view. The organizer key stays in sessionStorage (gone when the
 * tab closes) and goes only to `/api/admin/*` as a bearer token.
 */
export default function ConsolePage() {
  const key = useSignal(sessionStorage.getItem(KEY) ?? '');
  const events = useSignal<EventSummary[] | undefined>(undefined);
  const selected = useSignal<string | undefined>(undefined);
  const error = useSignal<string | null>(null);
  /** The event editor: closed, a new event, or an existing one. */
  const editor = useSignal<null | 'new' | EventDetail>(null);
  /** Events saved in this session: the catalog copy may be a few seconds behind the CDN. */
  const saved = useSignal<Record<string, EventDetail>>({});
  const tab = useSignal<ConsoleTab>('sale');

  const edit = async (eventId: string) => {
    try {
      editor.value = saved.value[eventId] ?? (await catalog.getEvent(eventId)).event;
    } catch (e) {
      error.value = friendlyMessage(e);
    }
  };

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

  if (!events.value) {
    return (
      <KeyForm
        title="Organizer console"
        label="Organizer key"
        submitLabel="Sign in"
        error={error.value}
        onSubmit={load}
      />
    );
  }
  const event = events.value.find((e) => e.id === selected.value);
  if (editor.value !== null) {
    const editing = editor.value === 'new' ? undefined : editor.value;
    return (
      <main class="page console">
        <EventForm
          key={editing?.id ?? 'new'}
          organizerKey={key.value}
          event={editing}
          onCancel={() => {
            editor.value = null;
          }}
          onSaved={(savedEvent) => {
            saved.value = { ...saved.value, [savedEvent.id]: savedEvent };
            selected.value = savedEvent.id;
            editor.value = null;
            void load(key.value);
          }}
        />
      </main>
    );
  }
  return (
    <main class="page console">
      <div class="console-head">
        <h1>Organizer console</h1>
        <button
          type="button"
          onClick={() => {
            editor.value = 'new';
          }}
        >
          New event
        </button>
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
        <button type="button" onClick={() => edit(event.id)}>
          Edit event
        </button>
      )}
      {error.value && (
        <p class="notice" role="alert">
          {error.value}
        </p>
      )}
      <Tabs
        label="Console sections"
        tabs={TABS}
        selected={tab.value}
        onSelect={(id) => {
          tab.value = id;
        }}
      />
      <div role="tabpanel" id={panelId(tab.value)} aria-labelledby={tabId(tab.value)}>
        {event && tab.value === 'sale' && (
          <div class="console-grid">
            <AdmissionPanel key={event.id} organizerKey={key.value} eventId={event.id} />
            <DashboardPanel
              key={event.id}
              organizerKey={key.value}
              eventId={event.id}
              currency={event.currency}
            />
          </div>
        )}
        {tab.value === 'orders' && (
          <>
            <OrdersPanel organizerKey={key.value} />
            {event && <EventActions key={event.id} organizerKey={key.value} event={event} />}
          </>
        )}
      </div>
    </main>
  );
}
