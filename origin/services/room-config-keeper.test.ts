import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRoomStore } from '../../edge/waiting-room/store/memory';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { parseEventDefinition } from '../domain/event-definition';
import { createTestOrigin, type TestOrigin, testEvent } from '../testing/harness';
import { startRoomConfigKeeper } from './room-config-keeper';

const ORGANIZER = { ratePerMinute: 120, maxActive: 7, sessionSeconds: 300 };
let t: TestOrigin;

/** Redis restarting empty: the origin's room store is a fresh one from now on. */
function restartRoomStore(): RoomStore {
  const fresh = createMemoryRoomStore();
  t.deps.admission = fresh;
  return fresh;
}

beforeAll(async () => {
  t = await createTestOrigin({ admission: createMemoryRoomStore() });
  await t.services.admin.createEvent(testEvent('keep-show', t.clock.now));
  await t.services.admin.configureAdmission('keep-show', ORGANIZER);
});
afterAll(() => t?.close());

describe('room-config keeper', () => {
  it('restores the organizer’s admission config once the room store lost it, so joins work again', async () => {
    const room = restartRoomStore();
    const join = () =>
      room.join(
        'keep-show',
        { clientHash: 'c1', ticketId: 'tk1', expiresAt: t.clock.now + 60_000 },
        t.clock.now,
      );
    expect(await join(), 'the emptied store has no room').toBeNull();
    const keeper = startRoomConfigKeeper(t.deps, { intervalMs: 0 });
    expect(await keeper.keepOnce()).toEqual(['keep-show']);
    expect(await room.getConfig('keep-show')).toMatchObject(ORGANIZER);
    expect(await join()).toMatchObject({ ticketId: 'tk1', position: 1 });
    expect(await keeper.keepOnce(), 'a restored room is left alone').toEqual([]);
    await keeper.close();
  });

  it('never overwrites a live config', async () => {
    const room = restartRoomStore();
    await room.configure('keep-show', { ratePerMinute: 9 }, t.clock.now);
    const keeper = startRoomConfigKeeper(t.deps, { intervalMs: 0 });
    expect(await keeper.keepOnce()).toEqual([]);
    expect((await room.getConfig('keep-show'))?.ratePerMinute).toBe(9);
  });

  it('keeps the durable copy in step with admin changes (event update, admission change)', async () => {
    await t.services.admin.configureAdmission('keep-show', { maxActive: 11 });
    const moved = new Date(t.clock.now + 3_600_000).toISOString();
    await t.services.admin.updateEvent('keep-show', {
      ...testEvent('keep-show', t.clock.now),
      onSaleAt: moved,
    });
    const room = restartRoomStore();
    await startRoomConfigKeeper(t.deps, { intervalMs: 0 }).keepOnce();
    expect(await room.getConfig('keep-show')).toMatchObject({
      ratePerMinute: 9,
      maxActive: 11,
      opensAt: Date.parse(moved),
    });
  });

  it('skips cancelled events, events that started, and events with no durable copy', async () => {
    await t.services.admin.createEvent(testEvent('keep-cancelled', t.clock.now));
    await t.db.store.events.markCancelled('keep-cancelled', t.clock.now);
    // Starts a minute from now (its sale opened a day ago).
    await t.services.admin.createEvent(testEvent('keep-started', t.clock.now - 86_340_000));
    // Stored without the admin service: no admission copy, as for events from before it.
    const bare = parseEventDefinition(testEvent('keep-bare', t.clock.now));
    expect(await t.db.store.events.save(bare, 0, t.clock.now)).toBe(true);
    t.clock.now += 120_000;
    const room = restartRoomStore();
    expect(await startRoomConfigKeeper(t.deps, { intervalMs: 0 }).keepOnce()).toEqual([
      'keep-show',
    ]);
    expect(await room.getConfig('keep-started')).toBeNull();
    expect(await room.getConfig('keep-bare')).toBeNull();
    expect(await room.getConfig('keep-cancelled')).toBeNull();
  });

  it('never overwrites a config that lands after its read: the check and the restore are one step', async () => {
    const room = restartRoomStore();
    // The organizer's change lands after the keeper would have read "no config".
    const staleRead = { ...room, getConfig: async () => null };
    await room.configure('keep-show', { ratePerMinute: 5 }, t.clock.now);
    const keeper = startRoomConfigKeeper({ ...t.deps, admission: staleRead }, { intervalMs: 0 });
    expect(await keeper.keepOnce()).toEqual([]);
    expect((await room.getConfig('keep-show'))?.ratePerMinute).toBe(5);
  });

  it('falls back to read-then-configure when the room store has no atomic restore', async () => {
    const room = restartRoomStore();
    const { release, getConfig, configure } = room;
    const keeper = startRoomConfigKeeper(
      { ...t.deps, admission: { release, getConfig, configure } },
      { intervalMs: 0 },
    );
    expect(await keeper.keepOnce()).toEqual(['keep-show']);
    expect(await room.getConfig('keep-show')).toMatchObject({ maxActive: 11 });
    expect(await keeper.keepOnce()).toEqual([]);
  });

  it('reports a round that fails (room store unreachable) and keeps trying', async () => {
    const failures: string[] = [];
    const down = new Error('Connection is closed.');
    const keeper = startRoomConfigKeeper(
      {
        ...t.deps,
        admission: {
          ...t.deps.admission,
          getConfig: () => Promise.reject(down),
          restoreConfig: () => Promise.reject(down),
        },
        onDegraded: (error, context) => failures.push(`${context}: ${String(error)}`),
      },
      { intervalMs: 5 },
    );
    for (let i = 0; i < 200 && failures.length < 2; i++) await new Promise((r) => setTimeout(r, 5));
    await keeper.close();
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures[0]).toBe('room config keeper: Error: Connection is closed.');
  });
});
