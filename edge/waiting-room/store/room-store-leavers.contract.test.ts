import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from '../../../tests/helpers/redis';
import { type Fixture, implementations, joinInOrder, MIN, T0 } from './contract-fixtures';
import type { RoomStore } from './types';

describe.each(implementations)(
  'RoomStore contract, people who leave: %s',
  (_n, needsRedis, make) => {
    describe.skipIf(needsRedis && !redisUrl)('', () => {
      let fixture: Fixture;
      let store: RoomStore;
      let n = 0;
      const event = () => `leave-${++n}`;
      beforeAll(async () => {
        fixture = await make();
        store = fixture.store;
      });
      afterAll(async () => fixture?.close());

      it('passes the positions of tickets that stopped polling without spending the rate on them', async () => {
        const id = event();
        await store.configure(id, { ratePerMinute: 60, abandonAfterSeconds: 30 }, T0);
        const tickets = await joinInOrder(store, id, 10);
        // Only the even positions keep polling.
        for (const t of [10_000, 20_000, 30_000, 40_000]) {
          for (let p = 2; p <= 10; p += 2) await store.state(id, T0 + t, tickets[p - 1]);
        }
        const room = await store.state(id, T0 + 40_000);
        // Gone at 30 s: 1,3,5,7,9. By 40 s the rate earned 40 live positions, only 5 are live.
        expect(room).toMatchObject({ servingNumber: 10, waiting: 0 });
        expect(room?.abandonRatePerMinute).toBeGreaterThan(0);
      });

      it('counts only live buyers up to a position, and a buyer who comes back keeps their place', async () => {
        const id = event();
        await store.configure(id, { ratePerMinute: 0, abandonAfterSeconds: 30 }, T0);
        const tickets = await joinInOrder(store, id, 6);
        for (const p of [2, 4, 6]) await store.state(id, T0 + 20_000, tickets[p - 1]);
        const later = await store.admit(id, tickets[5] as string, 6, T0 + 40_000);
        // Live 2 and 4 are ahead of 6 (6 itself is not counted).
        expect(later).toMatchObject({ status: 'waiting', position: 6, peopleAhead: 2 });
        expect(later?.room.waiting).toBe(3);
        const back = await store.admit(id, tickets[0] as string, 1, T0 + 41_000);
        expect(back).toMatchObject({ status: 'waiting', position: 1, peopleAhead: 0 });
        expect(back?.room.waiting).toBe(4);
      });

      it('makes a buyer back at a passed place wait for the rate, behind earlier returners only', async () => {
        const id = event();
        await store.configure(id, { ratePerMinute: 6, abandonAfterSeconds: 30 }, T0);
        const tickets = await joinInOrder(store, id, 20);
        // 1–3 leave at once; the rest keep polling. By 2 min the serving number passed 1–3.
        for (let t = 10_000; t <= 2 * MIN; t += 10_000) {
          for (let p = 4; p <= 20; p++) await store.state(id, T0 + t, tickets[p - 1]);
        }
        const serving = (await store.state(id, T0 + 2 * MIN))?.servingNumber ?? 0;
        expect(serving).toBeGreaterThan(3);
        const now = T0 + 2 * MIN + 1;
        const first = await store.admit(id, tickets[2] as string, 3, now);
        const second = await store.admit(id, tickets[0] as string, 1, now);
        expect(first).toMatchObject({ status: 'waiting', position: 3, peopleAhead: 0 });
        expect(second).toMatchObject({ status: 'waiting', position: 1, peopleAhead: 0 });
        // Position 1 came back too and is invited first: one returner is now ahead of 3.
        const behind = await store.admit(id, tickets[2] as string, 3, now);
        expect(behind).toMatchObject({ status: 'waiting', peopleAhead: 1 });
        expect(second?.room.waiting).toBe(20 - serving + 2);
        // The next invitation (10 s at 6/min) goes to the lowest returning position.
        const later = T0 + 2 * MIN + 10_001;
        expect((await store.admit(id, tickets[0] as string, 1, later))?.status).toBe('admitted');
        expect((await store.admit(id, tickets[2] as string, 3, later))?.status).toBe('waiting');
        expect((await store.state(id, later))?.servingNumber).toBe(serving);
      });

      it('keeps admissions per minute at the target while half the line leaves, and never stalls', async () => {
        const id = event();
        const rate = 12;
        await store.configure(id, { ratePerMinute: rate, abandonAfterSeconds: 60 }, T0);
        const tickets = await joinInOrder(store, id, 240);
        const stays = (p: number) => p % 2 === 0; // the odd half walks away at once
        const admittedAt: number[] = [];
        const admitted = new Set<number>();
        for (let t = 5_000; t <= 10 * MIN; t += 5_000) {
          const now = T0 + t;
          const room = await store.state(id, now);
          const serving = room?.servingNumber ?? 0;
          // Staying buyers poll every 20 s (admit is a poll); invited ones admit at once.
          for (let p = 2; p <= 240; p += 2) {
            if (admitted.has(p) || !stays(p) || (p > serving && t % 20_000 !== 0)) continue;
            const answer = await store.admit(id, tickets[p - 1] as string, p, now);
            if (answer?.status === 'admitted') {
              admitted.add(p);
              admittedAt.push(t);
            }
          }
        }
        const perMinute = Array.from(
          { length: 10 },
          (_, m) => admittedAt.filter((t) => t > m * MIN && t <= (m + 1) * MIN).length,
        );
        const summary = `admitted per minute: ${perMinute.join(', ')}`;
        expect(Math.abs(admittedAt.length - 10 * rate), summary).toBeLessThanOrEqual(3);
        // After the first minute (before anybody can be known gone) every minute tracks the rate.
        for (const count of perMinute.slice(2)) {
          expect(Math.abs(count - rate), summary).toBeLessThanOrEqual(2);
        }
        expect(Math.min(...perMinute), summary).toBeGreaterThan(0);
        expect([...admitted].every(stays)).toBe(true);
      });

      it('admits buyers coming back to passed places within the rate, each keeping their place', async () => {
        const id = event();
        const rate = 12;
        await store.configure(id, { ratePerMinute: rate, abandonAfterSeconds: 30 }, T0);
        const tickets = await joinInOrder(store, id, 160);
        const leavers = 40; // positions 1–40 walk away at once and all come back at 3 min
        const admittedAt = new Map<number, number>();
        const admitAt = async (p: number, t: number) => {
          const answer = await store.admit(id, tickets[p - 1] as string, p, T0 + t);
          if (answer?.status === 'admitted') admittedAt.set(p, t);
          return answer;
        };
        let passedWhileAway = 0;
        for (let t = 5_000; t <= 12 * MIN; t += 5_000) {
          const serving = (await store.state(id, T0 + t))?.servingNumber ?? 0;
          if (t === 3 * MIN) passedWhileAway = serving;
          for (let p = 1; p <= 160; p++) {
            if (admittedAt.has(p)) continue;
            const away = p <= leavers && t < 3 * MIN;
            const polls = t % 10_000 === 0 || (p > leavers && p <= serving);
            if (!away && polls) await admitAt(p, t);
          }
        }
        const perMinute = Array.from(
          { length: 12 },
          (_, m) =>
            [...admittedAt.values()].filter((t) => t > m * MIN && t <= (m + 1) * MIN).length,
        );
        const summary = `admitted per minute: ${perMinute.join(', ')}`;
        expect(passedWhileAway, summary).toBeGreaterThan(leavers);
        for (const count of perMinute) expect(count, summary).toBeLessThanOrEqual(rate + 1);
        expect(admittedAt.size, summary).toBeLessThanOrEqual(12 * rate + 1);
        // Every buyer who came back got in, before anyone behind the serving number of 3 min.
        const returners = Array.from({ length: leavers }, (_, i) => admittedAt.get(i + 1));
        expect(
          returners.every((t) => t !== undefined && t >= 3 * MIN),
          summary,
        ).toBe(true);
        const lastReturner = Math.max(...(returners as number[]));
        for (const [p, t] of admittedAt) {
          if (p > passedWhileAway) expect(t, `position ${p}`).toBeGreaterThanOrEqual(lastReturner);
        }
      });
    });
  },
);
