import { noInvalidator } from '../adapters/cdn/types';
import { createActivityRecorder, teeCounters } from './activity';
import { createAdminService } from './admin';
import { createCatalogService } from './catalog';
import { createCheckoutService } from './checkout';
import type { ResolvedDeps, ServiceDeps } from './deps';
import { createEventCache } from './event-cache';
import { createHoldTally } from './hold-tally';
import { createHoldService } from './holds';

/**
 * Every origin service built over one set of deps: what routes receive through the context.
 * Builds the shared in-process parts the deps leave out (event cache, hold tally, activity
 * recorder; no CDN invalidator) and tees the service counters into the activity recorder.
 */
export function createServices(input: ServiceDeps) {
  const activity = input.activity ?? createActivityRecorder(input.clock);
  const deps: ResolvedDeps = {
    ...input,
    counters: teeCounters(input.counters, activity.counters),
    activity,
    invalidator: input.invalidator ?? noInvalidator,
    eventCache: input.eventCache ?? createEventCache(input.store, input.clock),
    holdTally:
      input.holdTally ??
      createHoldTally(input.store, (error) => input.onBackgroundError?.(error, 'hold tally')),
  };
  const checkout = createCheckoutService(deps);
  return {
    deps,
    catalog: createCatalogService(deps),
    holds: createHoldService(deps),
    checkout,
    admin: createAdminService(deps),
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
