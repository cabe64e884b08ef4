import { useSignal } from '@preact/signals';
import { admin } from '../../api/client';
import { friendlyMessage } from '../../api/errors';
import type { EventCancellation, EventSummary } from '../../api/types';
import { downloadBlob } from '../../lib/download';
import { formatMoney } from '../../lib/money';
import { ConfirmDialog } from '../common/confirm-dialog';

/** What an event cancellation did, in one sentence for the organizer. */
export function cancellationText(result: EventCancellation, currency: string): string {
  const parts = [
    `Event cancelled: ${result.refunded} orders refunded (${formatMoney(result.refundedCents, currency)})`,
  ];
  if (result.alreadyCancelled > 0) parts.push(`${result.alreadyCancelled} were cancelled before`);
  if (result.skipped > 0) {
    parts.push(`${result.skipped} still being paid for: cancel again in a minute to refund them`);
  }
  return `${parts.join('; ')}.`;
}

/**
 * The selected event's orders as a whole: export them as CSV (fetched with the organizer key,
 * saved as a file) and cancel the event, after typing its name, refunding every order.
 */
export function EventActions({
  organizerKey,
  event,
}: {
  organizerKey: string;
  event: EventSummary;
}) {
  const busy = useSignal(false);
  const message = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const confirming = useSignal(false);
  const dialogError = useSignal<string | null>(null);

  const exportCsv = async () => {
    busy.value = true;
    error.value = null;
    try {
      downloadBlob(await admin.exportOrdersCsv(organizerKey, event.id), `${event.id}-orders.csv`);
    } catch (e) {
      error.value = friendlyMessage(e);
    } finally {
      busy.value = false;
    }
  };

  const cancelEvent = async (reason: string) => {
    busy.value = true;
    dialogError.value = null;
    try {
      const result = await admin.cancelEvent(organizerKey, event.id, reason || undefined);
      message.value = cancellationText(result, event.currency);
      confirming.value = false;
    } catch (e) {
      dialogError.value = friendlyMessage(e);
    } finally {
      busy.value = false;
    }
  };

  return (
    <section class="card" aria-labelledby="event-orders-title">
      <h2 id="event-orders-title">All orders of {event.name}</h2>
      <div class="row">
        <button type="button" onClick={exportCsv} disabled={busy.value}>
          Export orders (CSV)
        </button>
        <button
          type="button"
          class="danger"
          onClick={() => {
            dialogError.value = null;
            confirming.value = true;
          }}
        >
          Cancel event…
        </button>
      </div>
      {message.value && (
        <p role="status" data-testid="event-cancel-result">
          {message.value}
        </p>
      )}
      {error.value && (
        <p class="notice" role="alert">
          {error.value}
        </p>
      )}
      {confirming.value && (
        <ConfirmDialog
          title={`Cancel ${event.name}?`}
          confirmLabel="Cancel the event and refund everyone"
          requireText={event.name}
          busy={busy.value}
          error={dialogError.value}
          onConfirm={cancelEvent}
          onCancel={() => {
            confirming.value = false;
          }}
        >
          <p>
            Sales stop at once, the waiting room pauses, and every confirmed order is cancelled and
            refunded. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
