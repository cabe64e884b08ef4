import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from '../../../tests/helpers/redis';
import { type Fixture, implementations, joinInOrder, MIN, T0 } from './contract-fixtures';
import type { RoomStore } from './types';

const STAYS = { abandonAfterSeconds: 86_400 };
/** What a page says, without the ids (Redis and memory mint their own). */
const plain = (page: Awaited<ReturnType<RoomStore['admittedSince']>>) =>
  page.entries.map(({ ticketId, position, at }) => ({ ticketId, position, at }));

describe.each(implementations)('RoomStore admitted stream: %s', (_name, needsRedis, make) => {
  describe.skipIf(needsRedis && !redisUrl)('', () => {
    let fixture: Fixture;
    let store: RoomStore;
    let n = 0;
    const event = () => `adm-${++n}`;

    beforeAll(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterAll(async () => fixture?.close());

    it('records exactly one entry per first admission, none for a repeat, a wait or an ended ticket', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 6000, sessionSeconds: 300, ...STAYS }, T0);
      await joinInOrder(store, id, 4);
      await store.state(id, T0 + MIN);
      const [late] = await joinInOrder(store, id, 1, T0 + MIN, 'late');
      expect((await store.admit(id, late as string, 5, T0 + MIN))?.status).toBe('waiting');
      expect((await store.admit(id, 't_1', 1, T0 + MIN))?.status).toBe('admitted');
      expect((await store.admit(id, 't_1', 1, T0 + MIN + 1))?.status).toBe('already_admitted');
      expect((await store.admit(id, 't_2', 2, T0 + MIN + 2))?.status).toBe('admitted');
      await store.release(id, 't_2', T0 + MIN + 3);
      expect((await store.admit(id, 't_2', 2, T0 + MIN + 4))?.status).toBe('ended');
      const page = await store.admittedSince(id, undefined, 10);
      expect(plain(page)).toEqual([
        { ticketId: 't_1', position: 1, at: T0 + MIN },
        { ticketId: 't_2', position: 2, at: T0 + MIN + 2 },
      ]);
      expect(page.cursor).toBe(page.entries[1]?.id);
    });

    it('reads on from a cursor, a page at a time, and an empty page keeps the cursor', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 6000, ...STAYS }, T0);
      await joinInOrder(store, id, 3);
      await store.state(id, T0 + MIN);
      for (const i of [1, 2, 3]) await store.admit(id, `t_${i}`, i, T0 + MIN);
      const first = await store.admittedSince(id, undefined, 2);
      expect(plain(first).map((e) => e.ticketId)).toEqual(['t_1', 't_2']);
      const rest = await store.admittedSince(id, first.cursor, 2);
      expect(plain(rest).map((e) => e.ticketId)).toEqual(['t_3']);
      expect(await store.admittedSince(id, rest.cursor, 2)).toEqual({
        entries: [],
        cursor: rest.cursor,
      });
    });

    it('has no entries for an unknown event and refuses a malformed cursor', async () => {
      expect(await store.admittedSince('adm-never', undefined, 5)).toEqual({
        entries: [],
        cursor: undefined,
      });
      await expect(store.admittedSince('adm-never', '0) or 1', 5)).rejects.toThrow(/cursor/);
    });
  });
});
