import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisUrl } from '../../../tests/helpers/redis';
import { ADJUST_INTERVAL_MS } from '../adaptive-rate';
import { type Fixture, implementations, T0 } from './contract-fixtures';
import type { RoomStore } from './types';

describe.each(implementations)('RoomStore contract, adaptive rate: %s', (_n, needsRedis, make) => {
  describe.skipIf(needsRedis && !redisUrl)('', () => {
    let fixture: Fixture;
    let store: RoomStore;
    let n = 0;
    const event = () => `adapt-${++n}`;
    beforeAll(async () => {
      fixture = await make();
      store = fixture.store;
    });
    afterAll(async () => fixture?.close());

    const adaptive = {
      mode: 'adaptive' as const,
      targetP95Ms: 500,
      minRatePerMinute: 60,
      maxRatePerMinute: 1_260,
      ratePerMinute: 1_000,
    };

    it('backs off multiplicatively while the origin is slow and recovers additively', async () => {
      const id = event();
      await store.configure(id, adaptive, T0);
      const rates: number[] = [];
      let at = T0;
      const report = async (p95Ms: number, errorRate = 0) => {
        at += ADJUST_INTERVAL_MS;
        rates.push((await store.reportHealth(id, { p95Ms, errorRate, at }))?.ratePerMinute ?? -1);
      };
      for (let i = 0; i < 4; i++) await report(2_000); // slow origin
      await report(100, 0.2); // fast but failing
      expect(rates).toEqual([700, 490, 343, 240, 168]);
      for (let i = 0; i < 3; i++) await report(100);
      expect(rates.slice(5)).toEqual([228, 288, 348]);
      for (let i = 0; i < 30; i++) await report(100);
      expect(rates.at(-1)).toBe(1_260);
      for (let i = 0; i < 30; i++) await report(9_000);
      expect(rates.at(-1)).toBe(60);
      expect((await store.state(id, at))?.config.ratePerMinute).toBe(60);
    });

    it('adjusts at most once per interval however many origin tasks report', async () => {
      const id = event();
      await store.configure(id, adaptive, T0);
      const at = T0 + ADJUST_INTERVAL_MS;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.reportHealth(id, { p95Ms: 5_000, errorRate: 0, at }),
        ),
      );
      expect(answers.filter((a) => a?.changed)).toHaveLength(1);
      expect((await store.getConfig(id))?.ratePerMinute).toBe(700);
    });

    it('leaves a fixed rate alone and clamps an adaptive start rate into its bounds', async () => {
      const id = event();
      await store.configure(id, { ratePerMinute: 300 }, T0);
      const fixed = await store.reportHealth(id, { p95Ms: 9_000, errorRate: 1, at: T0 + 10_000 });
      expect(fixed).toEqual({ ratePerMinute: 300, changed: false });
      expect(await store.configure(id, { ...adaptive, ratePerMinute: 5_000 }, T0)).toMatchObject({
        ratePerMinute: 1_260,
      });
      expect(
        await store.reportHealth('never-configured', { p95Ms: 1, errorRate: 0, at: T0 }),
      ).toBeNull();
    });

    it('rejects crossed bounds with validation_failed, also against the stored bounds', async () => {
      const id = event();
      await store.configure(id, adaptive, T0);
      await expect(store.configure(id, { minRatePerMinute: 2_000 }, T0)).rejects.toMatchObject({
        code: 'validation_failed',
      });
      expect((await store.getConfig(id))?.minRatePerMinute).toBe(60);
    });

    it('applies the new rate from the moment of the report, exactly', async () => {
      const id = event();
      await store.configure(
        id,
        { ...adaptive, ratePerMinute: 600, abandonAfterSeconds: 86_400 },
        T0,
      );
      for (let i = 0; i < 200; i++) {
        await store.join(id, { clientHash: `c${i}`, ticketId: `t${i}`, expiresAt: T0 + 9e6 }, T0);
      }
      await store.reportHealth(id, { p95Ms: 9_000, errorRate: 0, at: T0 + 10_000 }); // → 420
      expect((await store.state(id, T0 + 20_000))?.servingNumber).toBe(100 + 70);
    });
  });
});
