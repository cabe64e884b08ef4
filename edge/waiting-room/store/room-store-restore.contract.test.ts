import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from '../../../tests/helpers/redis';
import { type Fixture, implementations, joinAs, T0 } from './contract-fixtures';
import type { RoomStore } from './types';

const DURABLE = { ratePerMinute: 120, maxActive: 7, sessionSeconds: 300 };

describe.each(implementations)(
  'RoomStore restoreConfig contract: %s',
  (_name, needsRedis, make) => {
    describe.skipIf(needsRedis && !redisUrl)('', () => {
      let fixture: Fixture;
      let store: RoomStore;
      let n = 0;
      const event = () => `restore-${++n}`;

      beforeAll(async () => {
        fixture = await make();
        store = fixture.store;
      });
      afterAll(async () => fixture?.close());

      it('configures an empty room from the given config and says it restored it', async () => {
        const id = event();
        expect(await store.restoreConfig(id, DURABLE, T0)).toBe(true);
        expect(await store.getConfig(id)).toMatchObject({
          ...DURABLE,
          paused: false,
          mode: 'fixed',
        });
        expect(await joinAs(store, id, 1)).toMatchObject({ ticketId: 't_1', position: 1 });
      });

      it('leaves an existing config and the room untouched, and says it did nothing', async () => {
        const id = event();
        const live = await store.configure(id, { ratePerMinute: 9, paused: true }, T0);
        await joinAs(store, id, 1);
        expect(await store.restoreConfig(id, DURABLE, T0 + 1_000)).toBe(false);
        expect(await store.getConfig(id)).toEqual(live);
        expect((await store.state(id, T0 + 1_000))?.queueLength).toBe(1);
      });

      it('restores a room only once when two restores race', async () => {
        const id = event();
        const answers = await Promise.all([
          store.restoreConfig(id, DURABLE, T0),
          store.restoreConfig(id, { ...DURABLE, maxActive: 8 }, T0),
        ]);
        expect(answers.filter(Boolean)).toHaveLength(1);
      });

      it('rejects an invalid config with validation_failed', async () => {
        await expect(store.restoreConfig(event(), { ratePerMinute: -1 }, T0)).rejects.toMatchObject(
          {
            code: 'validation_failed',
          },
        );
      });
    });
  },
);
