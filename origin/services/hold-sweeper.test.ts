import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrigin, type TestOrigin, testEvent } from '../testing/harness';
import { startHoldSweeper } from './hold-sweeper';

let t: TestOrigin;
beforeAll(async () => {
  t = await createTestOrigin();
  await t.services.admin.createEvent(testEvent('sweep-show', t.clock.now));
});
afterAll(() => t?.close());

const hold = (ticketId: string, seats: string[]) =>
  t.services.holds.create({ eventId: 'sweep-show', ticketId, seats });

describe('hold sweeper', () => {
  it('expires due holds once, frees their slots and buyer limit, and leaves live holds alone', async () => {
    const sweeper = startHoldSweeper(t.deps, { intervalMs: 0 });
    const due = await hold('t_sw1', ['main:A:1', 'main:A:2', 'main:A:3', 'main:A:4']);
    t.clock.now += 30_000;
    const live = await hold('t_sw2', ['main:A:5']);
    expect(await sweeper.sweepOnce()).toBe(0);
    expect(t.released).toEqual([]);

    t.clock.now += 31_000; // the first hold is past its minute, the second is not
    expect(await sweeper.sweepOnce()).toBe(1);
    expect(t.released).toEqual([{ eventId: 'sweep-show', ticketId: 't_sw1' }]);
    expect(await t.db.store.holds.get(due.id)).toMatchObject({ status: 'EXPIRED' });
    expect(await t.db.store.holds.get(live.id)).toMatchObject({ status: 'ACTIVE' });
    expect(await sweeper.sweepOnce()).toBe(0);
    expect(t.released).toHaveLength(1);
    // The buyer's 4 seats no longer count against their limit.
    await expect(
      hold('t_sw1', ['main:B:1', 'main:B:2', 'main:B:3', 'main:B:4']),
    ).resolves.toBeTruthy();
    await sweeper.close();
  });

  it('is safe with several processes: each expired hold is released by exactly one sweeper', async () => {
    const before = t.released.length;
    await Promise.all(['t_m1', 't_m2', 't_m3'].map((id, i) => hold(id, [`main:B:${i + 5}`])));
    t.clock.now += 61_000;
    const sweepers = [1, 2, 3].map(() => startHoldSweeper(t.deps, { intervalMs: 0 }));
    const counts = await Promise.all(sweepers.map((s) => s.sweepOnce()));
    // Earlier holds expire too now; each is counted by one sweeper only.
    expect(counts.reduce((a, b) => a + b, 0)).toBe(t.released.length - before);
    const tickets = t.released.slice(before).map((r) => r.ticketId);
    expect(new Set(tickets).size).toBe(tickets.length);
    expect(tickets).toEqual(expect.arrayContaining(['t_m1', 't_m2', 't_m3']));
    await Promise.all(sweepers.map((s) => s.close()));
  });

  it('reports a failed slot release and still counts the expired hold', async () => {
    const due = await hold('t_down', ['main:A:9']);
    t.clock.now += 61_000;
    const degraded: string[] = [];
    const deps = {
      ...t.deps,
      admission: Object.assign(Object.create(t.deps.admission), {
        release: () => Promise.reject(new Error('redis down')),
      }),
      onDegraded: (_error: unknown, context: string) => degraded.push(context),
    };
    const sweeper = startHoldSweeper(deps, { intervalMs: 0 });
    expect(await sweeper.sweepOnce()).toBe(1);
    expect(degraded).toEqual(['slot release']);
    expect(await t.db.store.holds.get(due.id)).toMatchObject({ status: 'EXPIRED' });
    await sweeper.close();
  });

  it('leaves a converted or released hold out of the expiry index', async () => {
    const released = await hold('t_rel', ['main:B:9']);
    await t.services.holds.release(released.id, 't_rel');
    t.clock.now += 61_000;
    expect(await t.db.store.holds.listExpired(t.clock.now, 100)).toEqual([]);
  });

  it('runs on its timer until closed', async () => {
    const swept: number[] = [];
    const deps = {
      ...t.deps,
      store: {
        ...t.deps.store,
        holds: Object.assign(Object.create(t.deps.store.holds), {
          listExpired: async () => {
            swept.push(1);
            return [];
          },
        }),
      },
    };
    const sweeper = startHoldSweeper(deps, { intervalMs: 5 });
    await new Promise((r) => setTimeout(r, 60));
    await sweeper.close();
    const runs = swept.length;
    expect(runs).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 30));
    expect(swept.length).toBe(runs);
  });
});
