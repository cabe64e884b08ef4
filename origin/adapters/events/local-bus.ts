import type { DomainEvent } from '../../services/outbox/events';
import type { EventConsumer, Publisher } from './types';

/** The in-process bus: a publisher that delivers to the consumers subscribed to it. */
export interface LocalBus extends Publisher {
  /** Adds a consumer; returns a function that removes it. */
  subscribe(consumer: EventConsumer): () => void;
}

/**
 * The local stand-in for EventBridge: `publish` hands each event to every consumer in turn and
 * resolves once all have handled it; if one throws, `publish` rejects, so the relay leaves the
 * event pending and delivers it again later (consumers that already handled it deduplicate).
 * @example const bus = createLocalBus(); bus.subscribe(emailConsumer); await bus.publish(events);
 */
export function createLocalBus(): LocalBus {
  const consumers = new Set<EventConsumer>();
  return {
    subscribe(consumer) {
      consumers.add(consumer);
      return () => consumers.delete(consumer);
    },
    async publish(events: readonly DomainEvent[]) {
      const failures: unknown[] = [];
      for (const event of events) {
        for (const consumer of consumers) {
          try {
            await consumer.handle(event);
          } catch (error) {
            failures.push(error);
          }
        }
      }
      if (failures.length > 0) {
        throw new AggregateError(failures, `${failures.length} event deliveries failed`);
      }
    },
  };
}
