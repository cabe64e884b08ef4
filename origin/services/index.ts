import { noInvalidator } from '../adapters/cdn/types';
import { createLocalBus, type LocalBus } from '../adapters/events/local-bus';
import { createMemoryMailbox } from '../adapters/mail/memory';
import { verifyTicketCode } from '../domain/ticket-code';
import { generateTicketKeyRing } from '../domain/ticket-code-keys';
import { createAccountService } from './accounts/account-service';
import { defaultAccountSettings, linkBase } from './accounts/settings';
import { createActivityRecorder, teeCounters } from './activity';
import { createAdminService } from './admin';
import { createCatalogService } from './catalog';
import { checkIn } from './checkin/check-in';
import { createCheckoutService } from './checkout';
import type { ResolvedDeps, ServiceDeps } from './deps';
import { createEventCache } from './event-cache';
import { createHoldTally } from './hold-tally';
import { createHoldService } from './holds';
import { createOrderAdminService } from './order-admin/order-admin-service';
import { createEmailConsumer } from './outbox/email-consumer';

/**
 * Every origin service built over one set of deps: what routes receive through the context.
 * Builds the shared in-process parts the deps leave out (event cache, hold tally, activity
 * recorder; no CDN invalidator) and tees the service counters into the activity recorder.
 * Without a publisher, domain events go to an in-process bus whose email consumer writes to the
 * mailbox (memory unless one is given).
 */
export function createServices(input: ServiceDeps) {
  const activity = input.activity ?? createActivityRecorder(input.clock);
  const accounts = input.accounts ?? defaultAccountSettings(input.tokenKeys);
  const mailbox = input.mailbox ?? createMemoryMailbox();
  // No publisher given: the in-process bus, delivering to the email consumer (issue 9).
  const bus: LocalBus | undefined = input.publisher ? undefined : createLocalBus();
  const deps: ResolvedDeps = {
    ...input,
    accounts,
    mailbox,
    publisher: input.publisher ?? (bus as LocalBus),
    counters: teeCounters(input.counters, activity.counters),
    activity,
    invalidator: input.invalidator ?? noInvalidator,
    eventCache: input.eventCache ?? createEventCache(input.store, input.clock),
    ticketKeys: input.ticketKeys ?? generateTicketKeyRing(),
    holdTally:
      input.holdTally ??
      createHoldTally(input.store, (error) => input.onBackgroundError?.(error, 'hold tally')),
  };
  const checkout = createCheckoutService(deps);
  const base = linkBase(accounts);
  bus?.subscribe(
    createEmailConsumer({
      store: deps.store,
      mailer: mailbox,
      clock: deps.clock,
      eventName: (id) =>
        deps.eventCache.require(id).then(
          (record) => record.definition.name,
          () => undefined,
        ),
      accountUrl: accounts.publicUrl && base ? `${base}/account` : undefined,
    }),
  );
  return {
    deps,
    catalog: createCatalogService(deps),
    holds: createHoldService(deps),
    checkout,
    admin: createAdminService(deps),
    accounts: createAccountService(deps),
    orderAdmin: createOrderAdminService(deps),
    /** Door check-in of a ticket code (verified with the public ticket keys). */
    checkIn: (input: { code: string; eventId?: string; by: string }) =>
      checkIn(
        {
          store: deps.store,
          clock: deps.clock,
          verifyTicket: (code) => verifyTicketCode(code, deps.ticketKeys.publicKeys),
        },
        input,
      ),
    /** The in-process event bus, when no publisher was given (tests subscribe to it). */
    bus,
    /** Stops background listeners and writes pending counters. */
    async close(): Promise<void> {
      await checkout.close();
      await deps.holdTally.flush();
    },
  };
}

export type Services = ReturnType<typeof createServices>;
export * from './deps';
export * from './faults';
