import { type AdmissionConfig, departureRate, roundRate } from '../admission-policy';
import { parseAdmissionPatch } from '../config-schema';
import {
  ADMIT_SCRIPT,
  CONFIGURE_SCRIPT,
  GET_CONFIG_SCRIPT,
  JOIN_SCRIPT,
  RATE_LIMIT_SCRIPT,
  RELEASE_SCRIPT,
  STATE_SCRIPT,
} from './lua';
import type { AdmitResult, RedisScripting, RoomSnapshot, RoomStore } from './types';

export interface RedisRoomStoreOptions {
  /** Prepended to every key, e.g. `fg:` in production or a unique prefix per test. */
  prefix?: string;
}

const SNAPSHOT_LENGTH = 14;

function asNumber(value: unknown): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`room store: expected a number, got ${String(value)}`);
  return n;
}

function toConfig(values: unknown[]): AdmissionConfig {
  const [rate, maxActive, session, paused, queueAll, opensAt] = values;
  return {
    ratePerMinute: asNumber(rate),
    maxActive: asNumber(maxActive),
    sessionSeconds: asNumber(session),
    paused: asNumber(paused) === 1,
    queueAll: asNumber(queueAll) === 1,
    opensAt: opensAt === '' || opensAt === null || opensAt === undefined ? null : asNumber(opensAt),
  };
}

function toSnapshot(eventId: string, reply: unknown, now: number): RoomSnapshot | null {
  if (!Array.isArray(reply) || String(reply[0]) !== '1') return null;
  const v = reply.slice(1, SNAPSHOT_LENGTH);
  return {
    eventId,
    config: toConfig(v.slice(0, 6)),
    servingNumber: asNumber(v[6]),
    queueLength: asNumber(v[7]),
    activeBuyers: asNumber(v[8]),
    admittedTotal: asNumber(v[9]),
    departureRatePerMinute: roundRate(
      departureRate(
        { start: asNumber(v[10]), current: asNumber(v[11]), previous: asNumber(v[12]) },
        now,
      ),
    ),
  };
}

const FIELD_OF: Record<keyof AdmissionConfig, string> = {
  ratePerMinute: 'rate',
  maxActive: 'maxActive',
  sessionSeconds: 'session',
  paused: 'paused',
  queueAll: 'queueAll',
  opensAt: 'opensAt',
};

function patchArgs(patch: Partial<AdmissionConfig>): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const field = FIELD_OF[key as keyof AdmissionConfig];
    if (value === undefined) continue;
    args.push(
      field,
      value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value),
    );
  }
  return args;
}

/**
 * Room store on Redis: every operation is one Lua script (see lua.ts), so concurrent callers
 * on many machines share one exact serving number and never over-admit.
 * Keys of one event share the hash tag `{eventId}`, so the store also works on Redis Cluster.
 * @example createRedisRoomStore(ioredisScripting(new Redis(url)), { prefix: 'fg:' })
 */
export function createRedisRoomStore(
  redis: RedisScripting,
  options: RedisRoomStoreOptions = {},
): RoomStore {
  const prefix = options.prefix ?? 'fg:';
  const keysOf = (eventId: string) => {
    const base = `${prefix}wr:{${eventId}}:`;
    return [`${base}room`, `${base}active`, `${base}admissions`];
  };

  return {
    async join(eventId, clientHash, now) {
      const reply = await redis.eval(JOIN_SCRIPT, keysOf(eventId), [now, clientHash]);
      const room = toSnapshot(eventId, reply, now);
      if (!room || !Array.isArray(reply)) return null;
      return { position: asNumber(reply[SNAPSHOT_LENGTH]), room };
    },

    async state(eventId, now) {
      return toSnapshot(eventId, await redis.eval(STATE_SCRIPT, keysOf(eventId), [now]), now);
    },

    async admit(eventId, ticketId, position, now): Promise<AdmitResult | null> {
      const reply = await redis.eval(ADMIT_SCRIPT, keysOf(eventId), [now, ticketId, position]);
      const room = toSnapshot(eventId, reply, now);
      if (!room || !Array.isArray(reply)) return null;
      const status = String(reply[SNAPSHOT_LENGTH]);
      const expiresAt = asNumber(reply[SNAPSHOT_LENGTH + 1]);
      if (status === 'admitted' || status === 'already_admitted') {
        return { status, expiresAt, room };
      }
      if (status === 'waiting' || status === 'full' || status === 'ended') return { status, room };
      throw new Error(`room store: unexpected admit status ${status}`);
    },

    async release(eventId, ticketId, now = Date.now()) {
      const reply = await redis.eval(RELEASE_SCRIPT, keysOf(eventId), [now, ticketId]);
      return asNumber(reply) === 1;
    },

    async configure(eventId, patch, now = Date.now()) {
      const args = patchArgs(parseAdmissionPatch(patch));
      const reply = await redis.eval(CONFIGURE_SCRIPT, keysOf(eventId), [now, ...args]);
      return toConfig(reply as unknown[]);
    },

    async getConfig(eventId) {
      const [room] = keysOf(eventId);
      const reply = (await redis.eval(GET_CONFIG_SCRIPT, [room as string], [])) as unknown[];
      return reply[0] === null || reply[0] === undefined ? null : toConfig(reply);
    },

    async hitRateLimit(key, limit, windowSeconds, now) {
      const windowMs = windowSeconds * 1000;
      const window = Math.floor(now / windowMs);
      const counterKey = `${prefix}rl:{${key}}:${window}`;
      const count = asNumber(await redis.eval(RATE_LIMIT_SCRIPT, [counterKey], [windowMs]));
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
      return { allowed: count <= limit, count, retryAfterSeconds };
    },
  };
}
