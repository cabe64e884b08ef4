/**
 * A buyer's whole journey as an API client, through the edge:
 * catalog → join the queue → admitted → hold → checkout → confirmed order.
 *
 * `npm run demo:flow` (against http://localhost:3000, or pass a base URL).
 * The end-to-end tests call {@link runDemoFlow} against a fresh stack.
 */

export interface DemoFlowResult {
  eventId: string;
  position: number;
  holdId: string;
  seats: string[];
  orderId: string;
  status: string;
  tickets: { id: string; seatId: string; code: string }[];
}

type Log = (step: string, detail: unknown) => void;

async function call(
  base: string,
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (response.status >= 400) {
    throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  }
  return { status: response.status, body };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the journey; throws with the response body on the first unexpected answer. */
export async function runDemoFlow(
  base: string,
  log: Log = () => undefined,
): Promise<DemoFlowResult> {
  const catalog = await call(base, 'GET', '/api/catalog/events');
  const events = catalog.body.events as { id: string; name: string }[];
  const event = events[0];
  if (!event) throw new Error('the catalog lists no event');
  log('catalog', `${events.length} event(s); buying for "${event.name}" (${event.id})`);

  const join = await call(base, 'POST', `/wr/${event.id}/join`);
  const { ticket, clientSecret, position } = join.body as {
    ticket: string;
    clientSecret: string;
    position: number;
  };
  log('join', `position ${position}, ${String(join.body.peopleAhead)} ahead`);

  let accessToken: string | undefined;
  for (let attempt = 0; attempt < 30 && !accessToken; attempt++) {
    const admit = await call(base, 'POST', `/wr/${event.id}/admit`, {
      body: { ticket, clientSecret },
    });
    if (admit.status === 200) accessToken = admit.body.accessToken as string;
    else await sleep(Math.min(2000, Number(admit.body.pollAfterSeconds ?? 1) * 1000));
  }
  if (!accessToken) throw new Error('not admitted after 30 attempts');
  log('admit', 'admitted: access token issued');
  const auth = { authorization: `Bearer ${accessToken}` };

  const hold = await call(base, 'POST', `/api/events/${event.id}/holds`, {
    headers: { ...auth, 'idempotency-key': crypto.randomUUID() },
    body: { bestAvailable: { quantity: 2 } },
  });
  const heldHold = hold.body.hold as {
    id: string;
    seats: { seatId: string }[];
    totalCents: number;
  };
  const seats = heldHold.seats.map((seat) => seat.seatId);
  log('hold', `${heldHold.id}: ${seats.join(', ')} for ${(heldHold.totalCents / 100).toFixed(2)}`);

  const checkout = await call(base, 'POST', `/api/events/${event.id}/checkout`, {
    headers: { ...auth, 'idempotency-key': crypto.randomUUID() },
    body: {
      holdId: heldHold.id,
      email: 'buyer@example.com',
      card: { number: '4242424242424242', expiry: '12/39', cvc: '123' },
    },
  });
  let order = checkout.body.order as {
    id: string;
    status: string;
    secret: string;
    tickets: DemoFlowResult['tickets'];
  };
  const secret = order.secret;
  log('checkout', `${order.id}: ${order.status}`);

  for (let attempt = 0; attempt < 50 && order.status === 'PENDING'; attempt++) {
    await sleep(100);
    const read = await call(
      base,
      'GET',
      `/api/orders/${order.id}?secret=${encodeURIComponent(secret)}`,
    );
    order = read.body.order as typeof order;
  }
  log('order', `${order.id}: ${order.status}, ${order.tickets.length} ticket(s)`);

  return {
    eventId: event.id,
    position,
    holdId: heldHold.id,
    seats,
    orderId: order.id,
    status: order.status,
    tickets: order.tickets,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = process.argv[2] ?? 'http://localhost:3000';
  runDemoFlow(base, (step, detail) => console.log(`${step.padEnd(9)} ${String(detail)}`)).catch(
    (error: unknown) => {
      console.error(String(error instanceof Error ? error.message : error));
      process.exit(1);
    },
  );
}
