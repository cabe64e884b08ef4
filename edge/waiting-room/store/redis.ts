import type { AdmissionConfig } from '../admission-policy';
import { parseAdmissionPatch, rateBoundsError } from '../config-schema';
import { commitmentOf, newSeed, shuffleOrder } from '../prequeue-shuffle';
import { assertCursor } from './admitted-log';
import {
  ADMIT_SCRIPT,
  ADMITTED_SINCE_SCRIPT,
  CONFIGURE_SCRIPT,
  GET_CONFIG_SCRIPT,
  HEALTH_SCRIPT,
  JOIN_SCRIPT,
  PREQUEUE_POSITIONS_SCRIPT,
  PREQUEUE_READ_SCRIPT,
  RATE_LIMIT_SCRIPT,
  RELEASE_SCRIPT,
  RESTORE_CONFIG_SCRIPT,
  SEAL_SCRIPT,
  SESSION_SCRIPT,
  STATE_SCRIPT,
} from './lua';
import { SNAPSHOT_LENGTH } from './lua-prelude';
import { asNumber, patchArgs, toAdmittedPage, toConfig, toSnapshot } from './redis-replies';
import type {
  AdmitResult,
  RedisScripting,
  RoomStore,
  RoomStoreOptions,
  SessionStatus,
} from './types';

export interface RedisRoomStoreOptions extends RoomStoreOptions {
  /** Prepended to every key, e.g. `fg:` in production or a unique prefix per test. */
  prefix?: string;
}

/** An event's keys, in the scripts' KEYS order (lua-prelude.ts). */
const KEY_NAMES = [
  ...['room', 'active', 'tickets', 'clients', 'alive', 'seen', 'ttl', 'log', 'back'],
  'admitted',
];
const SEAL_DUE = '2';
const SESSION_STATUSES = new Set<string>(['active', 'ended', 'waiting', 'unknown']);
const ATTEMPTS = 5;

/**
 * Room store on Redis: every operation is one Lua script (lua.ts), so concurrent callers on many
 * machines share one exact serving number and never over-admit. The pre-queue shuffle is the
 * one step computed outside Redis (HMAC-SHA256 is not available in Lua): the first caller that
 * finds it due computes the order from the seed and seals it with a compare-and-set script.
 * Keys of one event share the hash tag `{eventId}`, so the store also works on Redis Cluster.
 * @example createRedisRoomStore(ioredisScripting(new Redis(url)), { prefix: 'fg:' })
 */
export function createRedisRoomStore(
  redis: RedisScripting,
  options: RedisRoomStoreOptions = {},
): RoomStore {
  const prefix = options.prefix ?? 'fg:';
  const seedOf = options.newSeed ?? newSeed;
  const keysOf = (eventId: string) => {
    const base = `${prefix}wr:{${eventId}}:`;
    return KEY_NAMES.map((k) => `${base}${k}`);
  };

  /** Computes the pre-queue order from the seed and seals it (idempotent, safe to race). */
  async function seal(eventId: string, now: number): Promise<void> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const read = (await redis.eval(PREQUEUE_READ_SCRIPT, keysOf(eventId), [now])) as unknown[];
      if (String(read[0]) !== '1' || String(read[3]) === '1') return;
      const n = read.length - 5;
      const order = await shuffleOrder(String(read[1]), n);
      const sealed = asNumber(await redis.eval(SEAL_SCRIPT, keysOf(eventId), [now, n, ...order]));
      if (sealed !== -1) return;
    }
    throw new Error(`room store: could not seal the pre-queue of ${eventId}`);
  }

  /** Runs an advancing script, sealing the pre-queue first when the script says it is due. */
  async function run(eventId: string, script: string, args: (string | number)[]) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const reply = await redis.eval(script, keysOf(eventId), args);
      if (!Array.isArray(reply) || String(reply[0]) !== SEAL_DUE) return reply;
      await seal(eventId, asNumber(args[0]));
    }
    throw new Error(`room store: the pre-queue of ${eventId} stays unsealed`);
  }

  /** Runs CONFIGURE_SCRIPT or RESTORE_CONFIG_SCRIPT (same ARGV) with a fresh pre-queue seed. */
  async function configureWith(
    script: string,
    eventId: string,
    patch: Partial<AdmissionConfig>,
    now: number,
  ): Promise<unknown[]> {
    const args = patchArgs(parseAdmissionPatch(patch));
    const seed = seedOf();
    const reply = (await run(eventId, script, [
      now,
      seed,
      await commitmentOf(seed),
      ...args,
    ])) as unknown[];
    if (reply[0] === 'bad') throw rateBoundsError();
    return reply;
  }

  return {
    async join(eventId, input, now) {
      const args = [now, input.clientHash, input.ticketId, input.expiresAt];
      const reply = (await run(eventId, JOIN_SCRIPT, args)) as unknown[];
      const room = toSnapshot(eventId, reply, now);
      if (!room) return null;
      const [ticketId, position, reused, ahead] = reply.slice(SNAPSHOT_LENGTH);
      return {
        ticketId: String(ticketId),
        position: asNumber(position),
        reused: asNumber(reused) === 1,
        peopleAhead: asNumber(ahead),
        room,
      };
    },

    async state(eventId, now, ticketId) {
      return toSnapshot(eventId, await run(eventId, STATE_SCRIPT, [now, ticketId ?? '']), now);
    },

    async admit(eventId, ticketId, position, now, ticketExpiresAt): Promise<AdmitResult | null> {
      const args = [now, ticketId, position, ticketExpiresAt ?? ''];
      const reply = (await run(eventId, ADMIT_SCRIPT, args)) as unknown[];
      const room = toSnapshot(eventId, reply, now);
      if (!room) return null;
      const [status, expires, pos, ahead] = reply.slice(SNAPSHOT_LENGTH).map(String);
      const stored = asNumber(pos);
      if (status === 'admitted' || status === 'already_admitted') {
        return { status, expiresAt: asNumber(expires), position: stored, room };
      }
      if (status === 'waiting' || status === 'full' || status === 'ended') {
        return { status, position: stored, peopleAhead: asNumber(ahead), room };
      }
      throw new Error(`room store: unexpected admit status ${status}`);
    },

    async sessionOf(eventId, ticketId, now) {
      const keys = keysOf(eventId);
      const reply = String(await redis.eval(SESSION_SCRIPT, keys.slice(0, 3), [now, ticketId]));
      if (!SESSION_STATUSES.has(reply)) throw new Error(`room store: unexpected session ${reply}`);
      return reply as SessionStatus;
    },

    async release(eventId, ticketId, now = Date.now()) {
      const reply = await redis.eval(RELEASE_SCRIPT, keysOf(eventId), [now, ticketId]);
      return asNumber(reply) === 1;
    },

    async configure(eventId, patch, now = Date.now()) {
      const reply = await configureWith(CONFIGURE_SCRIPT, eventId, patch, now);
      return toConfig(reply);
    },

    async restoreConfig(eventId, config, now = Date.now()) {
      const reply = await configureWith(RESTORE_CONFIG_SCRIPT, eventId, config, now);
      return reply[0] !== 'kept';
    },

    async getConfig(eventId) {
      const [room] = keysOf(eventId);
      const reply = (await redis.eval(GET_CONFIG_SCRIPT, [room as string], [])) as unknown[];
      return reply[0] === null || reply[0] === undefined ? null : toConfig(reply);
    },

    async reportHealth(eventId, health) {
      const args = [health.at, health.p95Ms, health.errorRate];
      const reply = (await run(eventId, HEALTH_SCRIPT, args)) as unknown[];
      if (String(reply[0]) !== '1') return null;
      return { ratePerMinute: asNumber(reply[1]), changed: asNumber(reply[2]) === 1 };
    },

    async admittedSince(eventId, cursor, limit) {
      assertCursor(cursor);
      const stream = keysOf(eventId)[9] as string;
      const args = [cursor ?? '', Math.max(1, Math.floor(limit))];
      return toAdmittedPage(await redis.eval(ADMITTED_SINCE_SCRIPT, [stream], args), cursor);
    },

    async prequeueLog(eventId) {
      const keys = keysOf(eventId);
      const read = (await redis.eval(PREQUEUE_READ_SCRIPT, keys, [0])) as unknown[];
      if (String(read[0]) !== '1') return null;
      const sealed = String(read[3]) === '1';
      const ids = read.slice(5).map(String);
      const positions = sealed
        ? ((await redis.eval(PREQUEUE_POSITIONS_SCRIPT, keys, [0])) as unknown[])
        : [];
      return {
        eventId,
        sealed,
        seed: sealed ? String(read[1]) : null,
        commitment: String(read[2]),
        base: asNumber(read[4]),
        entries: ids.map((ticketId, i) => {
          const p = positions[i];
          return {
            ticketId,
            joinOrder: i + 1,
            position: p === undefined || p === '' ? null : asNumber(p),
          };
        }),
      };
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
