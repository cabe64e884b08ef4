import type { AdmissionConfig } from '../admission-policy';
import { roundRate, windowRate } from '../rate-window';
import { CONFIG_FIELDS } from './lua-prelude';
import type { AdmittedPage, RoomSnapshot } from './types';

/** Parsing of the Lua scripts' replies (strings) into the store's types. */

export function asNumber(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`room store: expected a number, got ${String(value)}`);
  return n;
}

/** ADMITTED_SINCE_SCRIPT's flat reply (id, ticket, position, at per entry) → a page. */
export function toAdmittedPage(reply: unknown, cursor: string | undefined): AdmittedPage {
  const flat = Array.isArray(reply) ? reply : [];
  const entries: AdmittedPage['entries'] = [];
  for (let i = 0; i + 3 < flat.length; i += 4) {
    entries.push({
      id: String(flat[i]),
      ticketId: String(flat[i + 1]),
      position: asNumber(flat[i + 2]),
      at: asNumber(flat[i + 3]),
    });
  }
  return { entries, cursor: entries.at(-1)?.id ?? cursor };
}

/** Config fields in CONFIG_FIELDS order → AdmissionConfig. */
export function toConfig(values: unknown[]): AdmissionConfig {
  const [rate, maxActive, session, paused, queueAll, opensAt, mode, target, min, max, abandon] =
    values;
  return {
    ratePerMinute: asNumber(rate),
    maxActive: asNumber(maxActive),
    sessionSeconds: asNumber(session),
    paused: asNumber(paused) === 1,
    queueAll: asNumber(queueAll) === 1,
    opensAt: opensAt === '' || opensAt === null || opensAt === undefined ? null : asNumber(opensAt),
    mode: mode === 'adaptive' ? 'adaptive' : 'fixed',
    targetP95Ms: asNumber(target),
    minRatePerMinute: asNumber(min),
    maxRatePerMinute: asNumber(max),
    abandonAfterSeconds: asNumber(abandon),
  };
}

/** The field names of the room hash for each config key. */
export const FIELD_OF: Record<keyof AdmissionConfig, string> = {
  ratePerMinute: 'rate',
  maxActive: 'maxActive',
  sessionSeconds: 'session',
  paused: 'paused',
  queueAll: 'queueAll',
  opensAt: 'opensAt',
  mode: 'mode',
  targetP95Ms: 'target',
  minRatePerMinute: 'minRate',
  maxRatePerMinute: 'maxRate',
  abandonAfterSeconds: 'abandon',
};

/** A validated patch as field/value pairs for CONFIGURE_SCRIPT. */
export function patchArgs(patch: Partial<AdmissionConfig>): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const field = FIELD_OF[key as keyof AdmissionConfig];
    args.push(
      field,
      value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value),
    );
  }
  return args;
}

const N = CONFIG_FIELDS.length;

/** A snapshot reply (see `snap` in lua-prelude.ts) → RoomSnapshot; null for `{'0'}`. */
export function toSnapshot(eventId: string, reply: unknown, now: number): RoomSnapshot | null {
  if (!Array.isArray(reply) || String(reply[0]) !== '1') return null;
  const config = toConfig(reply.slice(1, 1 + N));
  const v = reply.slice(1 + N).map((x) => String(x));
  const n = (i: number) => asNumber(v[i]);
  const rate = (i: number) =>
    roundRate(windowRate({ start: n(i), current: n(i + 1), previous: n(i + 2) }, now));
  const sealed = n(15) === 1;
  return {
    eventId,
    config,
    servingNumber: n(0),
    queueLength: n(1),
    waiting: n(2),
    activeBuyers: n(3),
    admittedTotal: n(4),
    departureRatePerMinute: rate(5),
    admissionRatePerMinute: rate(8),
    abandonRatePerMinute: rate(11),
    prequeue: {
      joined: n(14),
      sealed,
      base: n(16),
      commitment: v[17] ?? '',
      seed: sealed ? (v[18] ?? null) : null,
    },
  };
}
