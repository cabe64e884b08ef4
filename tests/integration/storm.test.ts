/**
 * The double-booking storm: 4 OS processes × 200 concurrent buyers fight over the 40 seats of
 * one section, through the real services, real Redis locks and one shared dynalite. Then a
 * reconciliation scan of the table proves no seat was sold or held twice. The same storm in
 * `unsafe` mode must be caught double-booking, which proves the scan can fail.
 *
 * Why services in child processes rather than HTTP: every worker builds the origin's services
 * the way an origin task does (own SDK client, own Redis connection), so the race happens where
 * double-booking is decided (locks + conditional writes) across processes, and two cores spend
 * their time on that race instead of on HTTP parsing and JWT checks (covered by route tests).
 */
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../origin/adapters/dynamo/client';
import { createDynamoStore, type DynamoStore } from '../../origin/adapters/dynamo/store';
import { ensureTable } from '../../origin/adapters/dynamo/table';
import { reconcileEvent } from '../helpers/reconcile';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';
import type { StormConfig } from '../helpers/storm-buyer';
import { runStorm, sectionSeats, seedStormEvent } from '../helpers/storm-harness';

const PROCESSES = 4;
const BUYERS_PER_PROCESS = 200;
const HOLD_MS = 10_000;
const WINDOW_MS = 12_000;
const GRACE_MS = 8_000;

describe.skipIf(!redisUrl)(
  'double-booking storm (4 processes × 200 buyers, real Redis + dynalite)',
  () => {
    const server = dynalite({ createTableMs: 0 });
    const tableName = `storm-${Math.random().toString(36).slice(2, 8)}`;
    let endpoint = '';
    let client: ReturnType<typeof createDynamoClient>;
    let store: DynamoStore;
    const prefixes: string[] = [];

    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      client = createDynamoClient({ endpoint, region: 'local' });
      await ensureTable(client, tableName);
      store = createDynamoStore({ client, tableName });
    });

    afterAll(async () => {
      const redis = new Redis(redisUrl as string);
      for (const prefix of prefixes) {
        await dropPrefix(redis, prefix);
      }
      await redis.quit();
      client?.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    async function storm(bookingMode: 'safe' | 'unsafe') {
      const eventId = `storm-${bookingMode}-${Math.random().toString(36).slice(2, 8)}`;
      const event = await seedStormEvent(store, eventId, {
        rows: 4,
        seatsPerRow: 10,
        holdMs: HOLD_MS,
      });
      const seats = sectionSeats(event);
      const redisPrefix = uniquePrefix(`storm-${bookingMode}`);
      prefixes.push(redisPrefix);
      const config: Omit<StormConfig, 'deadline'> = {
        endpoint,
        tableName,
        redisUrl: redisUrl as string,
        redisPrefix,
        eventId,
        sectionId: 'hot',
        sectionSeats: seats,
        // The front 16 seats: explicit picks and best-available requests all land here first.
        hotSeats: seats.slice(0, 16),
        holdMs: HOLD_MS,
        buyers: BUYERS_PER_PROCESS,
        rounds: 2,
        attempts: 3,
        arrivalMs: 3_000,
        graceMs: GRACE_MS,
        bookingMode,
      };
      const started = Date.now();
      const tally = await runStorm(config, {
        processes: PROCESSES,
        windowMs: WINDOW_MS,
        graceMs: GRACE_MS + 10_000,
      });
      const report = await reconcileEvent(client, tableName, event, Date.now());
      const summary = JSON.stringify(
        { seconds: (Date.now() - started) / 1000, tally, report },
        null,
        1,
      );
      if (process.env.STORM_VERBOSE) console.info(`${bookingMode} storm`, summary);
      return { tally, report, summary: summary.slice(0, 4_000) };
    }

    it('safe mode: no seat is ever held or sold twice, and every count adds up', async () => {
      const { tally, report, summary } = await storm('safe');
      expect(tally.unexpected, summary).toEqual([]);
      expect(report.violations, summary).toEqual([]);
      // The storm really was one: contention, sales, releases and lapsed holds all happened.
      expect(tally.holds, summary).toBeGreaterThan(0);
      expect(tally.rejected.seat_taken ?? 0, summary).toBeGreaterThan(0);
      expect(tally.orders.CONFIRMED ?? 0, summary).toBeGreaterThan(0);
      expect(tally.released, summary).toBeGreaterThan(0);
      expect(report.holds.EXPIRED ?? 0, summary).toBeGreaterThan(0);
      expect(report.seats.sold, summary).toBe(report.records.confirmedTickets);
    }, 90_000);

    it('unsafe mode (no locks, no conditions): the same storm is caught double-booking', async () => {
      const { tally, report, summary } = await storm('unsafe');
      expect(tally.unexpected, summary).toEqual([]);
      const doubleBooked = report.violations.filter(
        (v) => v.kind === 'seat_sold_twice' || v.kind === 'seat_claimed_twice',
      );
      expect(doubleBooked.length, summary).toBeGreaterThan(0);
    }, 90_000);
  },
);
