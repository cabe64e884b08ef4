import { adjustRate, clampRate } from '../adaptive-rate';
import { DEFAULT_ADMISSION_CONFIG } from '../admission-policy';
import { parseAdmissionPatch, rateBoundsError } from '../config-schema';
import { newSeed } from '../prequeue-shuffle';
import { countInWindow } from '../rate-window';
import { UNKNOWN_TICKET_TTL_MS } from './limits';
import {
  advance,
  inPrequeue,
  keepUntil,
  type MemoryRoom,
  newRoom,
  peopleAhead,
  snapshot,
  touch,
} from './memory-room';
import type { AdmitResult, RateLimitResult, RoomStore, RoomStoreOptions } from './types';

/**
 * In-process room store for tests and `npm start` without Redis. Single-threaded JavaScript
 * makes every method atomic; the logic is the pure admission policy (memory-room.ts).
 */
export function createMemoryRoomStore(options: RoomStoreOptions = {}): RoomStore {
  const seedOf = options.newSeed ?? newSeed;
  const rooms = new Map<string, MemoryRoom>();
  const counters = new Map<string, { window: number; count: number }>();

  const live = (eventId: string, now: number): MemoryRoom | undefined => {
    const room = rooms.get(eventId);
    if (room) advance(room, now);
    return room;
  };

  return {
    async join(eventId, input, now) {
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
        peopleAhead: peopleAhead(room, position),
        room: snapshot(eventId, room, now),
      };
    },

    async state(eventId, now, ticketId) {
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
      const room = live(eventId, now);
      if (!room) return null;
      let record = room.tickets.get(ticketId);
      if (record) {
        if (record.until === -1) touch(room, ticketId, record.pos, now);
      } else {
        // A valid ticket the store has no record of (records lost): trust its signed position.
        record = { pos: signedPosition, until: -1 };
        room.tickets.set(ticketId, record);
        keepUntil(room, `t:${ticketId}`, ticketExpiresAt ?? now + UNKNOWN_TICKET_TTL_MS);
        room.seen.add(ticketId, now);
        if (signedPosition > room.servingNumber) room.alive.add(ticketId, signedPosition);
      }
      const { pos, until } = record;
      const waitingAnswer = (status: 'waiting' | 'full' | 'ended') => ({
        status,
        position: pos,
        peopleAhead: peopleAhead(room, pos),
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
      if (pos === 0 || pos > room.servingNumber) return waitingAnswer('waiting');
      if (room.active.size >= room.config.maxActive) return waitingAnswer('full');
      const expiresAt = now + room.config.sessionSeconds * 1000;
      room.active.add(ticketId, expiresAt);
      record.until = expiresAt;
      room.alive.remove(ticketId);
      room.seen.remove(ticketId);
      keepUntil(room, `t:${ticketId}`, expiresAt);
      room.admittedTotal += 1;
      room.admissions = countInWindow(room.admissions, 1, now);
      return { status: 'admitted', expiresAt, position: pos, room: snapshot(eventId, room, now) };
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
      const existing = rooms.get(eventId);
      const merged = { ...(existing?.config ?? DEFAULT_ADMISSION_CONFIG), ...valid };
      if (merged.minRatePerMinute > merged.maxRatePerMinute) throw rateBoundsError();
      let room = live(eventId, now);
      if (!room) {
        room = newRoom(now, seedOf());
        rooms.set(eventId, room);
      }
      room.config = { ...room.config, ...valid };
      room.config.ratePerMinute = clampRate(room.config, room.config.ratePerMinute);
      return { ...room.config };
    },

    async getConfig(eventId) {
      const room = rooms.get(eventId);
      return room ? { ...room.config } : null;
    },

    async reportHealth(eventId, health) {
      const room = live(eventId, health.at);
      if (!room) return null;
      const next = adjustRate(room.config, room.adjustedAt, health);
      room.config.ratePerMinute = next.ratePerMinute;
      room.adjustedAt = next.adjustedAt;
      return { ratePerMinute: next.ratePerMinute, changed: next.changed };
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
