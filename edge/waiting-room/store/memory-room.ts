import {
  type AdmissionConfig,
  creditCarry,
  DEFAULT_ADMISSION_CONFIG,
  planAdvance,
} from '../admission-policy';
import { countInWindow, emptyWindow, type RateWindow, roundRate, windowRate } from '../rate-window';
import { AdmittedLog } from './admitted-log';
import { PURGE_BATCH, SWEEP_BATCH } from './limits';
import { SortedSet } from './sorted-set';
import type { RoomSnapshot } from './types';

/**
 * One room of the memory store and the steps every operation starts with. Each function mirrors
 * a piece of the Lua prelude (store/lua-prelude.ts); the differential test
 * (redis-matches-memory.test.ts) holds them to identical answers.
 */

/** A ticket's record: position (0 = pre-queue) and `until` (-1 waiting, 0 ended, else ms). */
export interface TicketRecord {
  pos: number;
  until: number;
}

export interface MemoryRoom {
  config: AdmissionConfig;
  servingNumber: number;
  carry: number;
  lastAdvanceMs: number;
  queueLength: number;
  admittedTotal: number;
  departures: RateWindow;
  admissions: RateWindow;
  left: RateWindow;
  /** ticketId → session expiry, live sessions. */
  active: SortedSet;
  tickets: Map<string, TicketRecord>;
  /** clientHash → ticketId. */
  clients: Map<string, string>;
  /** Waiting, positioned tickets still in line: ticketId → position. */
  alive: SortedSet;
  /** Waiting tickets: ticketId → last poll ms. */
  seen: SortedSet;
  /**
   * Returning tickets not invited again yet: came back after the serving number passed their
   * position; ticketId → position. Also in `alive`.
   */
  back: SortedSet;
  /** Record expiry: `t:<ticketId>` / `c:<clientHash>` → ms. */
  ttl: SortedSet;
  /** The pre-queue join log, ticket ids in arrival order. */
  log: string[];
  /** First admissions, capped (the Lua store's admitted stream). */
  admitted: AdmittedLog;
  seed: string;
  commitment: string;
  sealed: boolean;
  base: number;
  adjustedAt: number;
}

/** A fresh room; `commitment` is `await commitmentOf(seed)` (prequeue-shuffle.ts). */
export function newRoom(now: number, seed: string, commitment: string): MemoryRoom {
  return {
    config: { ...DEFAULT_ADMISSION_CONFIG },
    servingNumber: 0,
    carry: 0,
    lastAdvanceMs: now,
    queueLength: 0,
    admittedTotal: 0,
    departures: emptyWindow(now),
    admissions: emptyWindow(now),
    left: emptyWindow(now),
    active: new SortedSet(),
    tickets: new Map(),
    clients: new Map(),
    alive: new SortedSet(),
    seen: new SortedSet(),
    back: new SortedSet(),
    ttl: new SortedSet(),
    log: [],
    admitted: new AdmittedLog(),
    seed,
    commitment,
    sealed: false,
    base: 0,
    adjustedAt: 0,
  };
}

/** Before `opensAt` and not yet sealed: joins go to the join log. */
export function inPrequeue(room: MemoryRoom, now: number): boolean {
  return !room.sealed && room.config.opensAt !== null && now < room.config.opensAt;
}

/** True when the pre-queue is due for its shuffle: opened, unsealed, someone in the log. */
export function sealDue(room: MemoryRoom, now: number): boolean {
  const { opensAt } = room.config;
  return !room.sealed && (opensAt === null || now >= opensAt) && room.log.length > 0;
}

/**
 * Assigns the pre-queue's positions by `order` = `await shuffleOrder(room.seed, room.log.length)`
 * (prequeue-shuffle.ts; computed before, since Web Crypto is async).
 */
export function seal(room: MemoryRoom, order: number[]): void {
  const base = room.queueLength;
  order.forEach((joinIndex, k) => {
    const ticketId = room.log[joinIndex] as string;
    const record = room.tickets.get(ticketId);
    if (!record) return;
    record.pos = base + k + 1;
    if (room.seen.score(ticketId) !== undefined) room.alive.add(ticketId, record.pos);
  });
  room.queueLength = base + room.log.length;
  room.base = base;
  room.sealed = true;
}

/** Drops records whose time is up (a bounded batch per call, like the Lua script). */
function purge(room: MemoryRoom, now: number): void {
  for (const member of room.ttl.upTo(now, PURGE_BATCH)) {
    const id = member.slice(2);
    if (member.startsWith('t:')) {
      room.tickets.delete(id);
      room.alive.remove(id);
      room.seen.remove(id);
      room.back.remove(id);
    } else room.clients.delete(id);
    room.ttl.remove(member);
  }
}

/**
 * Waiting tickets that stopped polling leave the line; invited ones give their budget back
 * (a returning one still owed an invitation had none to give).
 */
function sweep(room: MemoryRoom, now: number): void {
  const cutoff = now - room.config.abandonAfterSeconds * 1000;
  const gone = room.seen.upTo(cutoff, SWEEP_BATCH);
  for (const ticketId of gone) {
    room.seen.remove(ticketId);
    const pos = room.alive.score(ticketId);
    if (pos !== undefined) {
      room.alive.remove(ticketId);
      const owed = room.back.remove(ticketId);
      if (pos <= room.servingNumber && !owed) room.carry = creditCarry(room.carry);
    }
  }
  room.left = countInWindow(room.left, gone.length, now);
}

/**
 * Everything that happens first at `now`: expiries, departures, advance. The caller seals a
 * due pre-queue first (see {@link sealDue}), as the Lua scripts do.
 */
export function advance(room: MemoryRoom, now: number): void {
  room.departures = countInWindow(room.departures, room.active.removeUpTo(now), now);
  purge(room, now);
  sweep(room, now);
  const below = room.alive.countUpTo(room.servingNumber);
  const plan = planAdvance(
    room.config,
    { ...room, activeBuyers: room.active.size },
    room.alive.size - below,
    now,
    room.back.size,
  );
  room.back.popMin(plan.repay);
  room.carry = plan.carry;
  room.lastAdvanceMs = plan.lastAdvanceMs;
  if (plan.toEnd) room.servingNumber = room.queueLength;
  else if (plan.pass > 0) room.servingNumber = room.alive.at(below + plan.pass - 1)?.score ?? 0;
}

/**
 * A poll by a waiting ticket: it is still here. One who had left comes back to their place; if
 * the serving number passed it meanwhile, they wait to be invited again from the rate budget.
 */
export function touch(room: MemoryRoom, ticketId: string, pos: number, now: number): void {
  room.seen.add(ticketId, now);
  if (pos > 0 && room.alive.score(ticketId) === undefined) {
    room.alive.add(ticketId, pos);
    if (pos <= room.servingNumber) room.back.add(ticketId, pos);
  }
}

/** True when the ticket may take a slot now: invited and not a returner still owed. */
export function isInvited(room: MemoryRoom, ticketId: string, pos: number): boolean {
  return pos > 0 && pos <= room.servingNumber && room.back.score(ticketId) === undefined;
}

/**
 * Live buyers the room will admit before this ticket, the ticket itself excluded: those with a
 * position strictly between the serving number and `pos`; for a returner still owed, the
 * returners with lower positions; 0 once invited (docs/contracts.md, `peopleAhead`).
 */
export function peopleAhead(room: MemoryRoom, ticketId: string, pos: number): number {
  if (room.back.score(ticketId) !== undefined) return room.back.countUpTo(pos - 1);
  if (pos <= room.servingNumber) return 0;
  return room.alive.countUpTo(pos - 1) - room.alive.countUpTo(room.servingNumber);
}

/** Keeps a record at least until `at`. */
export function keepUntil(room: MemoryRoom, member: string, at: number): void {
  const current = room.ttl.score(member);
  if (current === undefined || current < at) room.ttl.add(member, at);
}

export function snapshot(eventId: string, room: MemoryRoom, now: number): RoomSnapshot {
  return {
    eventId,
    config: { ...room.config },
    servingNumber: room.servingNumber,
    queueLength: room.queueLength,
    waiting: room.alive.size - room.alive.countUpTo(room.servingNumber) + room.back.size,
    activeBuyers: room.active.size,
    admittedTotal: room.admittedTotal,
    departureRatePerMinute: roundRate(windowRate(room.departures, now)),
    admissionRatePerMinute: roundRate(windowRate(room.admissions, now)),
    abandonRatePerMinute: roundRate(windowRate(room.left, now)),
    prequeue: {
      joined: room.log.length,
      sealed: room.sealed,
      commitment: room.commitment,
      seed: room.sealed ? room.seed : null,
      base: room.base,
    },
  };
}
