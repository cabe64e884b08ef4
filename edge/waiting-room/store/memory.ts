import { adjustRate, clampRate } from '../adaptive-rate';
import { type AdmissionConfig, DEFAULT_ADMISSION_CONFIG } from '../admission-policy';
import { parseAdmissionPatch, rateBoundsError } from '../config-schema';
import { commitmentOf, newSeed, shuffleOrder } from '../prequeue-shuffle';
import { countInWindow } from '../rate-window';
import { assertCursor } from './admitted-log';
import { UNKNOWN_TICKET_TTL_MS } from './limits';
import {
  advance,
  inPrequeue,
  isInvited,
  keepUntil,
  type MemoryRoom,
  newRoom,
  peopleAhead,
  seal,
  sealDue,
  snapshot,
  touch,
} from './memory-room';
import type { AdmitResult, RateLimitResult, RoomStore, RoomStoreOptions } from './types';

/**
 * In-process room store for tests and `npm start` without Redis. Single-threaded JavaScript
 * makes every method atomic: each one awaits only the pre-queue shuffle (Web Crypto is async),
 * before its synchronous body; the logic is the pure admission policy (memory-room.ts).
 */
export function createMemoryRoomStore(options: RoomStoreOptions = {}): RoomStore {
  const seedOf = options.newSeed ?? newSeed;
  const rooms = new Map<string, MemoryRoom>();
  const counters = new Map<string, { window: number; count: number }>();

  /** Seals a due pre-queue: the one async step, so it runs before a method's atomic body. */
  const ready = async (eventId: string, now: number): Promise<void> => {
    let room = rooms.get(eventId);
    while (room && sealDue(room, now)) {
      const joined = room.log.length;
      const order = await shuffleOrder(room.seed, joined);
      room = rooms.get(eventId);
      // Another call may have sealed (or a late pre-queue join grown the log) meanwhile.
      if (room && sealDue(room, now) && room.log.length === joined) seal(room, order);
    }
  };

  /** The room advanced to `now` (synchronous: call after `ready`). */
  const live = (eventId: string, now: number): MemoryRoom | undefined => {
    const room = rooms.get(eventId);
    if (room) advance(room, now);
    return room;
  };

  /** configure's synchronous body: creates the room if needed, then merges the valid patch. */
  const configureNow = (
    eventId: string,
    valid: Partial<AdmissionConfig>,
    seed: string,
    commitment: string,
    now: number,
  ): AdmissionConfig => {
    const existing = rooms.get(eventId);
    const merged = { ...(existing?.config ?? DEFAULT_ADMISSION_CONFIG), ...valid };
    if (merged.minRatePerMinute > merged.maxRatePerMinute) throw rateBoundsError();
    let room = live(eventId, now);
    if (!room) {
      room = newRoom(now, seed, commitment);
      rooms.set(eventId, room);
    }
    room.config = { ...room.config, ...valid };
    room.config.ratePerMinute = clampRate(room.config, room.config.ratePerMinute);
    return { ...room.config };
  };

  return {
    async join(eventId, input, now) {
      await ready(eventId, now);
      const room = live(eventId, now);
      if (!room) return null;
      const heldId = room.clients.get(input.clientHash);
      const held = heldId === undefined ? undefined : room.tickets.get(heldId);
      let ticketId = input.ticketId;
      let position: number;
      let reused = false;
      if (heldId !== undefined && held && (held.until === -1 || held.until > now)) {
        ticketId = heldId;
        position = held.pos;
        reused = true;
        if (held.until === -1) touch(room, ticketId, position, now);
      } else {
        if (inPrequeue(room, now)) {
          room.log.push(ticketId);
          position = 0;
        } else {
          room.queueLength += 1;
          position = room.queueLength;
          room.alive.add(ticketId, position);
        }
        room.tickets.set(ticketId, { pos: position, until: -1 });
        room.seen.add(ticketId, now);
        room.clients.set(input.clientHash, ticketId);
      }
      keepUntil(room, `t:${ticketId}`, input.expiresAt);
      keepUntil(room, `c:${input.clientHash}`, input.expiresAt);
      return {
        ticketId,
        position,
        reused,
        peopleAhead: peopleAhead(room, ticketId, position),
        room: snapshot(eventId, room, now),
      };
    },

    async state(eventId, now, ticketId) {
      await ready(eventId, now);
      const room = live(eventId, now);
      if (!room) return null;
      const record = ticketId === undefined ? undefined : room.tickets.get(ticketId);
      if (ticketId !== undefined && record?.until === -1) touch(room, ticketId, record.pos, now);
      return snapshot(eventId, room, now);
    },

    async admit(
      eventId,
      ticketId,
      signedPosition,
      now,
      ticketExpiresAt,
    ): Promise<AdmitResult | null> {
      await ready(eventId, now);
      const room = live(eventId, now);
      if (!room) return null;
      let record = room.tickets.get(ticketId);
      if (record) {
        if (record.until === -1) touch(room, ticketId, record.pos, now);
      } else {
        // A valid ticket the store has no record of (records lost): trust its signed position,
        // as a buyer coming back to it (a passed place is invited again within the rate).
        record = { pos: signedPosition, until: -1 };
        room.tickets.set(ticketId, record);
        keepUntil(room, `t:${ticketId}`, ticketExpiresAt ?? now + UNKNOWN_TICKET_TTL_MS);
        touch(room, ticketId, signedPosition, now);
      }
      const { pos, until } = record;
      const waitingAnswer = (status: 'waiting' | 'full' | 'ended') => ({
        status,
        position: pos,
        peopleAhead: peopleAhead(room, ticketId, pos),
        room: snapshot(eventId, room, now),
      });
      if (until > now) {
        return {
          status: 'already_admitted',
          expiresAt: until,
          position: pos,
          room: snapshot(eventId, room, now),
        };
      }
      if (until !== -1) return waitingAnswer('ended');
      if (!isInvited(room, ticketId, pos)) return waitingAnswer('waiting');
      if (room.active.size >= room.config.maxActive) return waitingAnswer('full');
      const expiresAt = now + room.config.sessionSeconds * 1000;
      room.active.add(ticketId, expiresAt);
      record.until = expiresAt;
      room.alive.remove(ticketId);
      room.seen.remove(ticketId);
      keepUntil(room, `t:${ticketId}`, expiresAt);
      room.admittedTotal += 1;
      room.admissions = countInWindow(room.admissions, 1, now);
      room.admitted.append(ticketId, pos, now);
      return { status: 'admitted', expiresAt, position: pos, room: snapshot(eventId, room, now) };
    },

    async sessionOf(eventId, ticketId, now) {
      const room = rooms.get(eventId);
      const record = room?.tickets.get(ticketId);
      if (!room || !record) return 'unknown';
      if (record.until === -1) return 'waiting';
      return record.until > now && room.active.score(ticketId) !== undefined ? 'active' : 'ended';
    },

    async release(eventId, ticketId, now = Date.now()) {
      const room = rooms.get(eventId);
      if (!room) return false;
      const record = room.tickets.get(ticketId);
      if (record && record.until !== -1) record.until = 0;
      if (!room.active.remove(ticketId)) return false;
      room.departures = countInWindow(room.departures, 1, now);
      return true;
    },

    async configure(eventId, patch, now = Date.now()) {
      const valid = parseAdmissionPatch(patch);
      const seed = seedOf();
      const commitment = await commitmentOf(seed);
      await ready(eventId, now);
      return configureNow(eventId, valid, seed, commitment, now);
    },

    async restoreConfig(eventId, config, now = Date.now()) {
      const valid = parseAdmissionPatch(config);
      if (rooms.has(eventId)) return false;
      const seed = seedOf();
      const commitment = await commitmentOf(seed);
      // Checked again after the last await, so nothing can configure the room in between.
      if (rooms.has(eventId)) return false;
      configureNow(eventId, valid, seed, commitment, now);
      return true;
    },

    async getConfig(eventId) {
      const room = rooms.get(eventId);
      return room ? { ...room.config } : null;
    },

    async reportHealth(eventId, health) {
      await ready(eventId, health.at);
      const room = live(eventId, health.at);
      if (!room) return null;
      const next = adjustRate(room.config, room.adjustedAt, health);
      room.config.ratePerMinute = next.ratePerMinute;
      room.adjustedAt = next.adjustedAt;
      return { ratePerMinute: next.ratePerMinute, changed: next.changed };
    },

    async admittedSince(eventId, cursor, limit) {
      assertCursor(cursor);
      const room = rooms.get(eventId);
      return room
        ? room.admitted.since(cursor, Math.max(1, Math.floor(limit)))
        : { entries: [], cursor };
    },

    async prequeueLog(eventId) {
      const room = rooms.get(eventId);
      if (!room) return null;
      return {
        eventId,
        sealed: room.sealed,
        seed: room.sealed ? room.seed : null,
        commitment: room.commitment,
        base: room.base,
        entries: room.log.map((ticketId, i) => {
          const pos = room.tickets.get(ticketId)?.pos;
          return { ticketId, joinOrder: i + 1, position: room.sealed && pos ? pos : null };
        }),
      };
    },

    async hitRateLimit(key, limit, windowSeconds, now): Promise<RateLimitResult> {
      const windowMs = windowSeconds * 1000;
      const window = Math.floor(now / windowMs);
      if (counters.size > 10_000) {
        for (const [k, c] of counters) if (c.window < window) counters.delete(k);
      }
      const counter = counters.get(key);
      const count = counter && counter.window === window ? counter.count + 1 : 1;
      counters.set(key, { window, count });
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000));
      return { allowed: count <= limit, count, retryAfterSeconds };
    },
  };
}
