import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from '../../../tests/helpers/redis';
import { commitmentOf } from '../prequeue-shuffle';
import { verifyPrequeueLog } from '../prequeue-verify';
import { type Fixture, implementations, joinAs, joinInOrder, MIN, T0 } from './contract-fixtures';
import type { RoomStore } from './types';

const OPENS = T0 + 10 * MIN;

describe.each(implementations)('RoomStore contract, pre-queue: %s', (_n, needsRedis, make) => {
  describe.skipIf(needsRedis && !redisUrl)('', () => {
    let fixture: Fixture;
    let store: RoomStore;
    let n = 0;
    const event = () => `preq-${++n}`;
    beforeAll(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterAll(async () => fixture?.close());

    async function prequeued(count: number) {
      const id = event();
      await store.configure(
        id,
        { ratePerMinute: 600, opensAt: OPENS, abandonAfterSeconds: 86_400 },
        T0,
      );
      const tickets = await joinInOrder(store, id, count, T0 + MIN, 'pre');
      return { id, tickets };
    }

    it('publishes only the commitment before opening and gives pre-queue joins position 0', async () => {
      const { id } = await prequeued(3);
      const joined = await joinAs(store, id, 'late', OPENS - 1);
      expect(joined).toMatchObject({ position: 0, reused: false });
      const room = await store.state(id, OPENS - 1);
      expect(room?.prequeue).toMatchObject({ joined: 4, sealed: false, seed: null });
      expect(room?.prequeue.commitment).toMatch(/^[0-9a-f]{64}$/);
      expect(room?.queueLength).toBe(0);
      expect((await store.prequeueLog(id))?.seed).toBeNull();
    });

    it('assigns the shuffled positions at opening, equal to the verifier recomputation', async () => {
      const { id, tickets } = await prequeued(25);
      const before = (await store.state(id, OPENS - 1))?.prequeue.commitment;
      const room = await store.state(id, OPENS);
      expect(room?.prequeue).toMatchObject({ joined: 25, sealed: true, base: 0 });
      expect(await commitmentOf(room?.prequeue.seed ?? '')).toBe(before);
      expect(room?.queueLength).toBe(25);
      const log = await store.prequeueLog(id);
      expect(log?.entries.map((e) => e.ticketId)).toEqual(tickets);
      const positions = log?.entries.map((e) => e.position) ?? [];
      expect([...positions].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: 25 }, (_, i) => i + 1),
      );
      expect(positions).not.toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      const verdict = await verifyPrequeueLog(log as NonNullable<typeof log>, before);
      expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true, checked: 25 });
      // The store admits by the assigned position, not the ticket's signed 0.
      const first = log?.entries.find((e) => e.position === 1);
      const last = log?.entries.find((e) => e.position === 25);
      expect(await store.admit(id, first?.ticketId ?? '', 0, OPENS + 100)).toMatchObject({
        status: 'admitted',
        position: 1,
      });
      expect(await store.admit(id, last?.ticketId ?? '', 0, OPENS + 100)).toMatchObject({
        status: 'waiting',
        position: 25,
      });
    });

    it('detects a changed seed or a moved position', async () => {
      const { id } = await prequeued(12);
      await store.state(id, OPENS);
      const log = (await store.prequeueLog(id)) as NonNullable<
        Awaited<ReturnType<RoomStore['prequeueLog']>>
      >;
      const forged = { ...log, seed: 'cd'.repeat(32) };
      const verdict = await verifyPrequeueLog(forged);
      expect(verdict.ok).toBe(false);
      expect(verdict.problems.join()).toMatch(/commitment/);
      expect(verdict.mismatches.length).toBeGreaterThan(0);
      // Even with a matching commitment, a different seed reorders the log.
      const resigned = { ...forged, commitment: await commitmentOf(forged.seed) };
      expect((await verifyPrequeueLog(resigned, log.commitment)).ok).toBe(false);
      const swapped = log.entries.map((e, i) =>
        i === 0 ? { ...e, position: log.entries[1]?.position ?? null } : e,
      );
      expect((await verifyPrequeueLog({ ...log, entries: swapped })).mismatches).toHaveLength(1);
    });

    it('is strictly FIFO after opening: admission order equals join order', async () => {
      const { id } = await prequeued(5);
      await store.state(id, OPENS);
      const after = await joinInOrder(store, id, 20, OPENS + 1, 'fifo');
      const positions: number[] = [];
      for (const t of after) {
        const answer = await store.admit(id, t, 0, OPENS + 1);
        positions.push(answer?.position ?? -1);
        expect(answer?.status).toBe('waiting');
      }
      expect(positions).toEqual(Array.from({ length: 20 }, (_, i) => i + 6));
      const order: string[] = [];
      for (let t = 1; t <= 30 && order.length < 20; t++) {
        const now = OPENS + t * 1_000;
        for (const ticket of after) {
          if (order.includes(ticket)) continue;
          if ((await store.admit(id, ticket, 0, now))?.status === 'admitted') order.push(ticket);
        }
      }
      expect(order).toEqual(after);
    });
  });
});
