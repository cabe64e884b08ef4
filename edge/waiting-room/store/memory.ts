import {
  type AdmissionConfig,
  advanceServing,
  DEFAULT_ADMISSION_CONFIG,
  type DepartureWindow,
  departureRate,
  rollWindow,
  roundRate,
} from '../admission-policy';
import { parseAdmissionPatch } from '../config-schema';
import type { AdmitResult, RateLimitResult, RoomSnapshot, RoomStore } from './types';

interface Room {
  config: AdmissionConfig;
  servingNumber: number;
  carry: number;
  lastAdvanceMs: number;
  queueLength: number;
  admittedTotal: number;
  departures: DepartureWindow;
  /** ticketId → session expiry (epoch ms) of live sessions. */
  active: Map<string, number>;
  /** ticketId → session expiry, or 0 once released. Makes admission once-per-ticket. */
  admissions: Map<string, number>;
}

function recordDepartures(room: Room, count: number, now: number): void {
  if (count === 0) return;
  const w = rollWindow(room.departures, now);
  room.departures = { ...w, current: w.current + count };
}

/** Drops expired sessions, then advances the serving number to `now`. */
function advance(room: Room, now: number): void {
  let expired = 0;
  for (const [ticketId, expiresAt] of room.active) {
    if (expiresAt <= now) {
      room.active.delete(ticketId);
      expired++;
    }
  }
  recordDepartures(room, expired, now);
  Object.assign(
    room,
    advanceServing(room.config, { ...room, activeBuyers: room.active.size }, now),
  );
}

function snapshot(eventId: string, room: Room, now: number): RoomSnapshot {
  return {
    eventId,
    config: { ...room.config },
    servingNumber: room.servingNumber,
    queueLength: room.queueLength,
    activeBuyers: room.active.size,
    admittedTotal: room.admittedTotal,
    departureRatePerMinute: roundRate(departureRate(room.departures, now)),
  };
}

/**
 * In-process room store for tests and `npm start` without Redis. Single-threaded JavaScript
 * makes every method atomic; the logic is the pure admission policy.
 */
export function createMemoryRoomStore(): RoomStore {
  const rooms = new Map<string, Room>();
  const counters = new Map<string, { window: number; count: number }>();

  const live = (eventId: string, now: number): Room | undefined => {
    const room = rooms.get(eventId);
    if (room) advance(room, now);
    return room;
  };

  return {
    async join(eventId, _clientHash, now) {
      const room = live(eventId, now);
      if (!room) return null;
      room.queueLength += 1;
      return { position: room.queueLength, room: snapshot(eventId, room, now) };
    },

    async state(eventId, now) {
      const room = live(eventId, now);
      return room ? snapshot(eventId, room, now) : null;
    },

    async admit(eventId, ticketId, position, now): Promise<AdmitResult | null> {
      const room = live(eventId, now);
      if (!room) return null;
      const previous = room.admissions.get(ticketId);
      if (previous !== undefined) {
        return previous > now
          ? { status: 'already_admitted', expiresAt: previous, room: snapshot(eventId, room, now) }
          : { status: 'ended', room: snapshot(eventId, room, now) };
      }
      if (position > room.servingNumber) {
        return { status: 'waiting', room: snapshot(eventId, room, now) };
      }
      if (room.active.size >= room.config.maxActive) {
        return { status: 'full', room: snapshot(eventId, room, now) };
      }
      const expiresAt = now + room.config.sessionSeconds * 1000;
      room.active.set(ticketId, expiresAt);
      room.admissions.set(ticketId, expiresAt);
      room.admittedTotal += 1;
      return { status: 'admitted', expiresAt, room: snapshot(eventId, room, now) };
    },

    async release(eventId, ticketId, now = Date.now()) {
      const room = rooms.get(eventId);
      if (!room) return false;
      if (room.admissions.has(ticketId)) room.admissions.set(ticketId, 0);
      if (!room.active.delete(ticketId)) return false;
      recordDepartures(room, 1, now);
      return true;
    },

    async configure(eventId, patch, now = Date.now()) {
      const valid = parseAdmissionPatch(patch);
      let room = live(eventId, now);
      if (!room) {
        room = {
          config: { ...DEFAULT_ADMISSION_CONFIG },
          servingNumber: 0,
          carry: 0,
          lastAdvanceMs: now,
          queueLength: 0,
          admittedTotal: 0,
          departures: { start: now, current: 0, previous: 0 },
          active: new Map(),
          admissions: new Map(),
        };
        rooms.set(eventId, room);
      }
      room.config = { ...room.config, ...valid };
      return { ...room.config };
    },

    async getConfig(eventId) {
      const room = rooms.get(eventId);
      return room ? { ...room.config } : null;
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
