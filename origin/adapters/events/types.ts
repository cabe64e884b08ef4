import type { DomainEvent } from '../../services/outbox/events';

/**
 * Where the outbox relay publishes domain events: EventBridge in AWS, the in-process bus
 * locally. Delivery is at least once: `publish` resolves only when every event was accepted,
 * and a relay that crashes before marking them published sends them again, so consumers
 * deduplicate by `event.id`.
 */
export interface Publisher {
  publish(events: readonly DomainEvent[]): Promise<void>;
}

/** A consumer of domain events (it must tolerate the same event twice). */
export interface EventConsumer {
  /** A name for logs and for its processed-event records, e.g. `email`. */
  readonly name: string;
  handle(event: DomainEvent): Promise<void>;
}
