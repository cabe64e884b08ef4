import { AppError } from '../../../common/errors';
import type { DynamoStore } from '../../adapters/dynamo/store';
import type { EventConsumer } from '../../adapters/events/types';
import type { Mailer } from '../../adapters/mail/types';
import { emailFor, mailsBuyer } from './email-templates';
import type { DomainEvent } from './events';

/** The consumer's name in its processed-event records. */
export const EMAIL_CONSUMER = 'email';
/** A claim unfinished this long belongs to a process that died mid-send; it may be retaken. */
const STALE_MS = 30_000;

export interface EmailConsumerDeps {
  store: Pick<DynamoStore, 'processed' | 'events'>;
  /** The event's display name (e.g. through the event cache); default: one read per email. */
  eventName?: (eventId: string) => Promise<string | undefined>;
  mailer: Mailer;
  clock: () => number;
  /** Absolute URL of the buyer's "my tickets" page for the emails, when known. */
  accountUrl?: string;
}

function eventIdOf(event: DomainEvent): string | undefined {
  const detail = event.detail as { eventId?: unknown };
  return typeof detail.eventId === 'string' ? detail.eventId : undefined;
}

/**
 * Sends the buyer emails of domain events, once per event: it claims the event id with a
 * conditional put (a re-delivered event already DONE sends nothing), sends a message whose id
 * derives from the event id (so even a retaken claim leaves one message), then marks it DONE.
 * An event still claimed by another process rejects, so the relay delivers it again later.
 * @example bus.subscribe(createEmailConsumer({ store, mailer, clock: Date.now }));
 */
export function createEmailConsumer(deps: EmailConsumerDeps): EventConsumer {
  async function mailContext(event: DomainEvent) {
    const id = eventIdOf(event);
    let name: string | undefined;
    if (id && deps.eventName) name = await deps.eventName(id);
    else if (id) name = (await deps.store.events.get(id))?.definition.name;
    return { eventName: name ?? id ?? 'your event', accountUrl: deps.accountUrl };
  }

  return {
    name: EMAIL_CONSUMER,
    async handle(event) {
      if (!mailsBuyer(event.type)) return;
      const now = deps.clock();
      const claim = await deps.store.processed.claim(EMAIL_CONSUMER, event.id, now, STALE_MS);
      if (claim === 'done') return;
      if (claim === 'busy') {
        throw new AppError('conflict', `Event ${event.id} is being mailed by another process`);
      }
      try {
        const message = emailFor(event, await mailContext(event));
        if (message) await deps.mailer.send(message);
      } catch (error) {
        await deps.store.processed.release(EMAIL_CONSUMER, event.id).catch(() => undefined);
        throw error;
      }
      await deps.store.processed.complete(EMAIL_CONSUMER, event.id, deps.clock());
    },
  };
}
