import { demoEventDefinition } from './domain/venue-generator';
import { createAdminService } from './services/admin';
import type { ServiceDeps } from './services/deps';

/**
 * Creates the demo event (`demo-arena`, on sale now) when the store has no events, so a fresh
 * local start has something to sell. Returns the id created, or null when events existed.
 */
export async function seedDemoEvent(
  deps: Pick<ServiceDeps, 'store' | 'admission' | 'clock'>,
): Promise<string | null> {
  if ((await deps.store.events.list()).length > 0) return null;
  const definition = demoEventDefinition(new Date(deps.clock()));
  await createAdminService(deps).createEvent(definition);
  return definition.id;
}
