import { demoEventDefinition } from '../../origin/domain/venue-generator';

/**
 * Makes sure the stack sells the demo event with its waiting room open, through the organizer
 * API (the path an organizer uses): create the event (409 = already seeded, fine), then set the
 * contract's wide-open demo admission.
 */
export async function ensureDemoEvent(baseUrl: string, organizerKey: string): Promise<void> {
  const res = await fetch(`${baseUrl}/api/admin/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${organizerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(demoEventDefinition(new Date())),
  });
  if (res.status !== 201 && res.status !== 409) {
    throw new Error(`creating the demo event answered ${res.status}: ${await res.text()}`);
  }
  const admission = await fetch(`${baseUrl}/api/admin/events/demo-arena/admission`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${organizerKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ratePerMinute: 100_000, maxActive: 100_000, sessionSeconds: 900 }),
  });
  if (admission.status !== 200) {
    throw new Error(
      `configuring admission answered ${admission.status}: ${await admission.text()}`,
    );
  }
}
