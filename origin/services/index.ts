import { createAdminService } from './admin';
import { createCatalogService } from './catalog';
import { createCheckoutService } from './checkout';
import type { ServiceDeps } from './deps';
import { createHoldService } from './holds';

/** Every origin service built over one set of deps: what routes receive through the context. */
export function createServices(deps: ServiceDeps) {
  return {
    deps,
    catalog: createCatalogService(deps),
    holds: createHoldService(deps),
    checkout: createCheckoutService(deps),
    admin: createAdminService(deps),
  };
}

export type Services = ReturnType<typeof createServices>;
export * from './deps';
export * from './faults';
