import type { EventDefinition } from '../../origin/domain/event-definition';
import { demoEventDefinition } from '../../origin/domain/venue-generator';

/** Waiting-room settings of every surge event in edge mode. */
export interface SurgeAdmission {
  ratePerMinute: number;
  maxActive: number;
  /** An admitted buyer who walks away frees the slot after this long. */
  sessionSeconds: number;
}

/** The two sections every buyer wants first: the front of the floor. */
export const HOT_SECTIONS = ['floor-b', 'floor-a'];

/**
 * Creates a fresh copy of the demo arena (8,110 places) through the organizer API — the
 * benchmark makes one per step of each mode (`surge-edge-1000`), so each step starts a new
 * on-sale with the same contention — and sets its waiting-room admission. `shape` may shrink the
 * venue (the failure drills sell a small one, so seats run out and contend within seconds).
 * Returns the stored definition for the reconciliation scan.
 *
 * @example await createSurgeEvent(stack.originUrl, key, 'surge-edge-1000', admission)
 */
export async function createSurgeEvent(
  originUrl: string,
  organizerKey: string,
  eventId: string,
  admission?: SurgeAdmission,
  shape: (definition: EventDefinition) => EventDefinition = (d) => d,
): Promise<EventDefinition> {
  const definition: EventDefinition = shape({
    ...demoEventDefinition(new Date()),
    id: eventId,
    name: `Surge ${eventId}`,
  });
  const headers = {
    authorization: `Bearer ${organizerKey}`,
    'content-type': 'application/json',
  };
  const created = await fetch(`${originUrl}/api/admin/events`, {
    method: 'POST',
    headers,
    body: JSON.stringify(definition),
  });
  if (created.status !== 201) {
    throw new Error(`creating ${eventId} → ${created.status}: ${await created.text()}`);
  }
  if (admission) {
    const put = await fetch(`${originUrl}/api/admin/events/${eventId}/admission`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(admission),
    });
    if (put.status !== 200) {
      throw new Error(`admission of ${eventId} → ${put.status}: ${await put.text()}`);
    }
  }
  return definition;
}

/** The storefront's own script and style, as a first visit loads them after `/`. */
export async function storefrontAssets(edgeUrl: string): Promise<string[]> {
  const html = await (await fetch(`${edgeUrl}/`)).text();
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
}
