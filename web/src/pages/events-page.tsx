import { catalog } from '../api/client';
import type { EventSummary } from '../api/types';
import { useAsync } from '../components/common/use-async';
import { formatDate, formatMoney } from '../lib/money';

const STATUS_TEXT: Record<EventSummary['status'], string> = {
  scheduled: 'Coming soon',
  on_sale: 'On sale',
  sold_out: 'Sold out',
  ended: 'Ended',
  cancelled: 'Cancelled',
};

/** The storefront's front page: every event from the (CDN-cached) catalog. */
export default function EventsPage() {
  const { data, error, loading, reload } = useAsync(() => catalog.listEvents(), []);
  return (
    <main class="page">
      <h1>Events</h1>
      {loading && !data && <p aria-busy="true">Loading events…</p>}
      {error && (
        <p class="notice" role="alert">
          {error}{' '}
          <button type="button" onClick={reload}>
            Try again
          </button>
        </p>
      )}
      {data && data.events.length === 0 && <p>No events yet.</p>}
      <ul class="event-list">
        {data?.events.map((event) => (
          <li key={event.id} class="card event-card">
            <h2>
              <a href={`/events/${encodeURIComponent(event.id)}`}>{event.name}</a>
            </h2>
            <p>
              {event.venueName} · {formatDate(event.startsAt)}
            </p>
            <p>
              <span class={`badge ${event.status}`}>{STATUS_TEXT[event.status]}</span> from{' '}
              {formatMoney(event.priceFromCents, event.currency)}
            </p>
          </li>
        ))}
      </ul>
    </main>
  );
}
