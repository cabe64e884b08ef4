import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { catalog } from '../api/client';
import { useAsync } from '../components/common/use-async';
import { SeatPicker } from '../components/seat-map/seat-picker';
import { runQueue } from '../components/waiting-room/queue-runner';
import { WaitingRoomPanel } from '../components/waiting-room/waiting-room-panel';
import { formatDate } from '../lib/money';
import { accessFor, endSession, SESSION_ENDED_NOTICE, takeSessionEnded } from '../models/access';
import { createQueueModel } from '../models/queue-position';

/**
 * `/events/:id`: the event, then the waiting room (unless this tab already holds an access
 * token), then the seat map. A refused token sends the buyer back to the queue.
 */
export default function EventPage({ eventId }: { eventId: string }) {
  const { data, error } = useAsync(() => catalog.getEvent(eventId), [eventId]);
  const event = data?.event;
  // Nothing left to queue for: the page says why instead of holding a place in line.
  const closed = event?.status === 'cancelled' || event?.status === 'ended';
  const admitted = useSignal(Boolean(accessFor(eventId)));
  const queue = useMemo(() => {
    const model = createQueueModel();
    if (takeSessionEnded(eventId)) model.notice.value = SESSION_ENDED_NOTICE;
    return model;
  }, [eventId]);

  useEffect(() => {
    if (admitted.value || closed) return;
    return runQueue(queue, eventId, () => {
      admitted.value = true;
    });
  }, [eventId, admitted.value, queue, closed]);

  const backToQueue = () => {
    endSession(eventId);
    takeSessionEnded(eventId);
    queue.notice.value = SESSION_ENDED_NOTICE;
    queue.phase.value = 'idle';
    queue.position.value = 0;
    admitted.value = false;
  };

  return (
    <main class="page">
      {error && (
        <p class="notice" role="alert">
          {error}
        </p>
      )}
      {event ? (
        <header class="event-head">
          <h1>{event.name}</h1>
          <p>
            {event.venueName} · {formatDate(event.startsAt)}
          </p>
          {event.description && <p class="muted">{event.description}</p>}
        </header>
      ) : (
        !error && <p aria-busy="true">Loading event…</p>
      )}
      {closed && (
        <p class="notice" role="status">
          {event.status === 'cancelled'
            ? 'This event was cancelled. Orders are refunded to the card that paid them.'
            : 'This event has already taken place.'}
        </p>
      )}
      {!admitted.value && !closed && <WaitingRoomPanel model={queue} />}
      {admitted.value && event && !closed && (
        <SeatPicker event={event} onTokenRefused={backToQueue} />
      )}
    </main>
  );
}
