/**
 * "Does the system serve again?", asked the way a buyer would: the catalog answers and a fresh
 * hold succeeds, through the local edge. Used by the failure drills right after a disruption.
 */

/** When the probe first saw the system serve, counted from the probe's start. */
export interface ServiceProbe {
  /** Milliseconds until the first full success; undefined when the bound passed first. */
  ms?: number;
  attempts: number;
  /** Why the last failed attempt failed (the answer's status and body). */
  lastError?: string;
}

const TIMEOUT_MS = 5_000;

async function call(
  url: string,
  init: RequestInit & { expect: number[] },
): Promise<Record<string, unknown>> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const text = await res.text();
  if (!init.expect.includes(res.status)) {
    throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} → ${res.status} ${text}`);
  }
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

/**
 * Joins the event's waiting room and waits (a few seconds at most) to be admitted; returns the
 * access token. Throws with the answer when the room refuses.
 */
export async function admitBuyer(edgeUrl: string, eventId: string): Promise<string> {
  const join = await call(`${edgeUrl}/wr/${eventId}/join`, { ...post({}), expect: [201] });
  const credentials = { ticket: join.ticket, clientSecret: join.clientSecret };
  for (let i = 0; i < 20; i++) {
    const admit = await call(`${edgeUrl}/wr/${eventId}/admit`, {
      ...post(credentials),
      expect: [200, 202],
    });
    if (typeof admit.accessToken === 'string') return admit.accessToken;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not admitted to ${eventId} within 5 s`);
}

/** Catalog, then one seat held (and released again) with `token` or a freshly admitted one. */
async function serveOnce(edgeUrl: string, eventId: string, token?: string): Promise<void> {
  await call(`${edgeUrl}/api/catalog/events`, { expect: [200] });
  const accessToken = token ?? (await admitBuyer(edgeUrl, eventId));
  const auth = { authorization: `Bearer ${accessToken}` };
  const { hold } = (await call(`${edgeUrl}/api/events/${eventId}/holds`, {
    ...post(
      { bestAvailable: { quantity: 1 } },
      { ...auth, 'idempotency-key': crypto.randomUUID() },
    ),
    expect: [201],
  })) as { hold: { id: string } };
  await call(`${edgeUrl}/api/events/${eventId}/holds/${hold.id}`, {
    method: 'DELETE',
    headers: auth,
    expect: [200, 204],
  });
}

/** Runs `once` every 250 ms until it succeeds or `boundMs` passes. */
async function retryFor(boundMs: number, once: () => Promise<unknown>): Promise<ServiceProbe> {
  const started = Date.now();
  let attempts = 0;
  let lastError: string | undefined;
  while (Date.now() - started < boundMs) {
    attempts++;
    try {
      await once();
      return { ms: Date.now() - started, attempts, lastError };
    } catch (error) {
      lastError = String(error).slice(0, 300);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return { attempts, lastError };
}

/**
 * Tries {@link serveOnce} every 250 ms until it succeeds or `boundMs` passes. With `token`, the
 * hold uses that access token (a buyer admitted before the disruption) instead of joining anew.
 *
 * @example const probe = await probeService(stack.url, 'demo-arena', 30_000);
 */
export function probeService(
  edgeUrl: string,
  eventId: string,
  boundMs: number,
  token?: string,
): Promise<ServiceProbe> {
  return retryFor(boundMs, () => serveOnce(edgeUrl, eventId, token));
}

/**
 * Tries to join the event's waiting room and be admitted ({@link admitBuyer}) every 250 ms
 * until it works or `boundMs` passes: "does the waiting room serve again?".
 *
 * @example const probe = await probeJoins(stack.url, 'demo-arena', 30_000);
 */
export function probeJoins(
  edgeUrl: string,
  eventId: string,
  boundMs: number,
): Promise<ServiceProbe> {
  return retryFor(boundMs, () => admitBuyer(edgeUrl, eventId));
}
