import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { AppError } from '../../../common/errors';
import { type DomainEvent, EVENT_SOURCE } from '../../services/outbox/events';
import type { Publisher } from './types';

export { EVENT_SOURCE };

/** PutEvents takes at most 10 entries per call. */
const BATCH = 10;

/** How one domain event looks on the bus: `detail-type` is the event type. */
export function toEntry(event: DomainEvent, busName: string): PutEventsRequestEntry {
  return {
    EventBusName: busName,
    Source: EVENT_SOURCE,
    DetailType: event.type,
    Time: new Date(event.occurredAt),
    Detail: JSON.stringify({ id: event.id, ...event.detail }),
  };
}

/**
 * Publishes to an EventBridge bus with PutEvents (10 per call). A partial failure (some entries
 * refused) rejects, so the relay keeps the events pending and retries them: consumers
 * deduplicate by `detail.id`. Used in AWS (`EVENT_BUS_NAME` set); credentials come from the
 * ECS task role, which the CDK app allows `events:PutEvents` on this bus only.
 * @example const publisher = createEventBridgePublisher({ busName: 'floodgate-events', region });
 */
export function createEventBridgePublisher(options: {
  busName: string;
  region?: string;
  client?: Pick<EventBridgeClient, 'send'>;
}): Publisher {
  const client = options.client ?? new EventBridgeClient({ region: options.region });
  return {
    async publish(events) {
      for (let i = 0; i < events.length; i += BATCH) {
        const entries = events.slice(i, i + BATCH).map((e) => toEntry(e, options.busName));
        const out = await client.send(new PutEventsCommand({ Entries: entries }));
        if (out.FailedEntryCount) {
          const first = out.Entries?.find((e) => e.ErrorCode);
          throw new AppError(
            'unavailable',
            `EventBridge refused ${out.FailedEntryCount} events (${first?.ErrorCode ?? 'unknown'})`,
          );
        }
      }
    },
  };
}
