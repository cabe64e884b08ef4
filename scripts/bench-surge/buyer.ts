/**
 * One virtual buyer's journey, as a person at on-sale time would go through it, with think time
 * between page actions: storefront and catalog, join the queue, poll the state with back-off,
 * admit, availability, hold (most want the same best sections, so holds contend), then check out
 * a share of the holds and release or abandon the rest.
 *
 * `edge` mode goes through the local edge and its waiting room; `baseline` goes straight at one
 * origin with no cache and no waiting room (the buyer mints its own access token, since the
 * origin still checks one).
 */
import type { HttpAnswer, HttpClient } from './http-client';
import { classify, statusLabel } from './outcome';
import type { StepRecorder } from './stats';

export interface BuyerPlan {
  mode: 'edge' | 'baseline';
  thinkMs: number;
  checkoutShare: number;
  /** Sections nearly everyone wants first (the front of the floor). */
  hotSections: string[];
  /** Static files a storefront visit loads besides `/` (edge mode). */
  assets: string[];
}

export interface BuyerContext {
  http: HttpClient;
  /** The current step's recorder (swapped when the next step starts). */
  rec: StepRecorder;
  plan: BuyerPlan;
  /**
   * The event new journeys buy from (the current step's: switched when the next step starts).
   * A journey reads it once at its start and keeps that event to the end, checkout included.
   */
  eventId: string;
  running(): boolean;
  /** Sleeps, cut short when the step ends. */
  sleep(ms: number): Promise<void>;
  /** Baseline only: an access token for a made-up ticket id of `eventId`. */
  mintAccessToken?(eventId: string, ticketId: string): Promise<string>;
}

type Json = Record<string, unknown>;
const CARD = { number: '4242424242424242', expiry: '12/39', cvc: '123' };
const jitter = (ms: number) => ms * (0.5 + Math.random());
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

function parse(answer: HttpAnswer): Json {
  try {
    return JSON.parse(answer.body) as Json;
  } catch {
    return {};
  }
}

/** Sends one request and records it; returns the answer and whether it was ok. */
async function call(
  ctx: BuyerContext,
  endpoint: string,
  method: string,
  path: string,
  init?: { headers?: Record<string, string>; body?: unknown },
): Promise<{ answer: HttpAnswer; ok: boolean; json: () => Json }> {
  const startedAt = Date.now();
  // The step a request starts in owns it, even when it ends after the next step began.
  const rec = ctx.rec;
  rec.sent++;
  const answer = await ctx.http.request(method, path, init);
  const outcome = classify(answer);
  const label = outcome === 'ok' ? answer.status : statusLabel(answer);
  rec.request(endpoint, answer.ms, outcome, label, startedAt);
  return { answer, ok: outcome === 'ok', json: () => parse(answer) };
}

/** Waits in the queue until admitted; returns the access token or undefined (step over/failed). */
async function waitForAdmission(ctx: BuyerContext, id: string): Promise<string | undefined> {
  const join = await call(ctx, 'join', 'POST', `/wr/${id}/join`);
  if (!join.ok) return undefined;
  const { ticket, clientSecret, position } = join.json() as {
    ticket: string;
    clientSecret: string;
    position: number;
  };
  let pollSeconds = Number(join.json().pollAfterSeconds ?? 1);
  let serving = Number(join.json().servingNumber ?? 0);
  while (ctx.running()) {
    if (serving >= position) {
      const admit = await call(ctx, 'admit', 'POST', `/wr/${id}/admit`, {
        body: { ticket, clientSecret },
      });
      if (!admit.ok) return undefined;
      const body = admit.json();
      if (admit.answer.status === 200) return body.accessToken as string;
      pollSeconds = Number(body.pollAfterSeconds ?? 2);
    }
    await ctx.sleep(jitter(Math.min(30, Math.max(1, pollSeconds)) * 1000));
    if (!ctx.running()) return undefined;
    const state = await call(ctx, 'state', 'GET', `/wr/${id}/state`);
    if (!state.ok) continue;
    const room = state.json();
    serving = Number(room.servingNumber ?? 0);
    // Poll less often the further back in line: about a third of the expected wait.
    const perSecond = Math.max(0.1, Number(room.ratePerMinute ?? 60) / 60);
    pollSeconds = Math.max(1, (position - serving) / perSecond / 3);
  }
  return undefined;
}

/** What this buyer asks for: mostly the best floor sections, some the lower bowl or the pit. */
function holdRequest(plan: BuyerPlan, fallback: boolean): Json {
  const quantity = pick([1, 2, 2, 2, 3, 4]);
  if (fallback) return { bestAvailable: { quantity } };
  const roll = Math.random();
  if (roll < 0.7) return { bestAvailable: { quantity, sectionId: pick(plan.hotSections) } };
  if (roll < 0.9) return { bestAvailable: { quantity, tierId: 'lower' } };
  return { generalAdmission: { sectionId: 'standing', quantity } };
}

/** Runs one buyer from arrival to leaving; every request is recorded in `ctx.rec`. */
export async function runJourney(ctx: BuyerContext): Promise<void> {
  const { plan } = ctx;
  const id = ctx.eventId;
  const think = () => ctx.sleep(jitter(plan.thinkMs));
  if (plan.mode === 'edge') {
    await call(ctx, 'storefront', 'GET', '/');
    for (const asset of plan.assets) await call(ctx, 'asset', 'GET', asset);
  }
  if (!ctx.running()) return;
  await call(ctx, 'catalog', 'GET', '/api/catalog/events');
  await call(ctx, 'event', 'GET', `/api/catalog/events/${id}`);
  await think();
  if (!ctx.running()) return;

  const ticketId = `t_bench${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const token =
    plan.mode === 'edge'
      ? await waitForAdmission(ctx, id)
      : await ctx.mintAccessToken?.(id, ticketId);
  if (!token || !ctx.running()) return;
  ctx.rec.count('admitted', Date.now());
  const auth = { authorization: `Bearer ${token}` };

  await call(ctx, 'availability', 'GET', `/api/catalog/events/${id}/availability`);
  await think();
  let hold: { id: string; seats: unknown[] } | undefined;
  let fallback = false;
  for (let attempt = 0; attempt < 3 && !hold && ctx.running(); attempt++) {
    const res = await call(ctx, 'hold', 'POST', `/api/events/${id}/holds`, {
      headers: { ...auth, 'idempotency-key': crypto.randomUUID() },
      body: holdRequest(plan, fallback),
    });
    if (res.ok) hold = res.json().hold as typeof hold;
    else if (statusLabel(res.answer).includes('sold_out')) fallback = true;
    else if (!/seat_taken|lock_busy/.test(statusLabel(res.answer))) return;
    else await ctx.sleep(300 + Math.random() * 500);
  }
  if (!hold) return;
  ctx.rec.count('holds', Date.now());
  await think();
  if (!ctx.running()) return;

  if (Math.random() < plan.checkoutShare) {
    await checkout(ctx, id, auth, hold);
  } else if (Math.random() < 2 / 3) {
    await call(ctx, 'release', 'DELETE', `/api/events/${id}/holds/${hold.id}`, { headers: auth });
  } // else the buyer walks away and the hold lapses.
}

async function checkout(
  ctx: BuyerContext,
  eventId: string,
  auth: Record<string, string>,
  hold: { id: string; seats: unknown[] },
): Promise<void> {
  const res = await call(ctx, 'checkout', 'POST', `/api/events/${eventId}/checkout`, {
    headers: { ...auth, 'idempotency-key': crypto.randomUUID() },
    body: { holdId: hold.id, email: `surge+${hold.id}@example.com`, card: CARD },
  });
  if (!res.ok) return;
  let order = res.json().order as { id: string; status: string; secret?: string };
  const secret = encodeURIComponent(order.secret ?? '');
  for (let i = 0; i < 10 && order.status === 'PENDING' && ctx.running(); i++) {
    await ctx.sleep(250);
    const read = await call(ctx, 'order', 'GET', `/api/orders/${order.id}?secret=${secret}`);
    if (read.ok) order = { ...order, ...(read.json().order as typeof order) };
  }
  if (order.status === 'CONFIRMED') ctx.rec.count('sales', Date.now(), hold.seats.length);
}
