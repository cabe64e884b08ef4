import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIoredisRoomStore } from '../../edge/waiting-room/store/ioredis';
import type { RoomStore } from '../../edge/waiting-room/store/types';
import { createLocalBus } from '../../origin/adapters/events/local-bus';
import type { EventConsumer } from '../../origin/adapters/events/types';
import { createMemoryMailbox } from '../../origin/adapters/mail/memory';
import { crashOnce, SimulatedCrash } from '../../origin/services/faults';
import { startAdmittedFeed } from '../../origin/services/outbox/admitted-feed';
import { createEmailConsumer } from '../../origin/services/outbox/email-consumer';
import { buyerAdmitted, type DomainEvent } from '../../origin/services/outbox/events';
import { startOutboxRelay } from '../../origin/services/outbox/relay';
import { createTestOrigin, type TestOrigin, testEvent } from '../../origin/testing/harness';
import { dropPrefix, redisUrl, uniquePrefix } from '../helpers/redis';

const EVENT = 'admitted-night';

/**
 * "Admitted from the queue" (issue 9) over real Redis and dynalite: the admit script appends to
 * the room's admitted stream, the admitted feed turns each entry into one `buyer.admitted`
 * outbox event, and the relay publishes it once, however often the feed reads the stream again.
 */
describe.skipIf(!redisUrl)('admitted feed: room stream → outbox → bus', () => {
  let t: TestOrigin;
  let redis: Redis;
  let room: RoomStore;
  const prefix = uniquePrefix('admitted-feed');
  const faults = crashOnce();
  const delivered: DomainEvent[] = [];
  const mailbox = createMemoryMailbox();

  beforeAll(async () => {
    redis = new Redis(redisUrl as string);
    room = createIoredisRoomStore(redis, { prefix });
    t = await createTestOrigin({ admission: room });
    await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
    await room.configure(EVENT, { ratePerMinute: 60_000, abandonAfterSeconds: 3_600 });
  });
  afterAll(async () => {
    await t?.close();
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  /** A fresh "process": its own feed, relay and bus over the same table and Redis. */
  function freshProcess() {
    const bus = createLocalBus();
    const spy: EventConsumer = { name: 'spy', handle: async (e) => void delivered.push(e) };
    bus.subscribe(spy);
    bus.subscribe(createEmailConsumer({ store: t.db.store, mailer: mailbox, clock: Date.now }));
    return {
      feed: startAdmittedFeed(
        { store: t.db.store, admission: room, clock: Date.now, faults },
        { intervalMs: 0 },
      ),
      relay: startOutboxRelay({ store: t.db.store, publisher: bus }, { intervalMs: 0 }),
    };
  }

  const admittedEvents = () => delivered.filter((e) => e.type === 'buyer.admitted');

  it('publishes one buyer.admitted per admitted ticket, even after a crash before the cursor was saved', async () => {
    const now = Date.now();
    for (const i of [1, 2, 3]) {
      const ticket = { clientHash: `c_${i}`, ticketId: `t_${i}`, expiresAt: now + 3_600_000 };
      expect((await room.join(EVENT, ticket, now))?.position).toBe(i);
    }
    await room.state(EVENT, now + 60_000);
    for (const i of [1, 2, 3]) {
      const admitted = await room.admit(EVENT, `t_${i}`, i, now + 60_000);
      expect(admitted?.status, JSON.stringify(admitted)).toBe('admitted');
      // A repeat admission adds nothing to the stream.
      expect((await room.admit(EVENT, `t_${i}`, i, now + 60_001))?.status).toBe('already_admitted');
    }

    const first = freshProcess();
    faults.arm('admitted-feed:recorded');
    await expect(first.feed.feedOnce()).rejects.toThrow(SimulatedCrash);
    expect(await t.db.store.admitted.cursor(EVENT)).toBeUndefined();

    const second = freshProcess();
    expect(await second.feed.feedOnce()).toBe(0);
    expect(await t.db.store.admitted.cursor(EVENT)).toMatch(/^\d+-\d+$/);
    for (let i = 0; i < 3; i++) await second.relay.relayOnce();

    const events = admittedEvents();
    expect(events.map((e) => (e as DomainEvent<'buyer.admitted'>).detail.ticketId).sort()).toEqual([
      't_1',
      't_2',
      't_3',
    ]);
    expect(events.map((e) => e.id).sort()).toEqual(
      ['t_1', 't_2', 't_3'].map((id) => buyerAdmitted(EVENT, id, 0, 0).id).sort(),
    );
    expect(events[0]?.detail).toMatchObject({ eventId: EVENT, position: expect.any(Number) });
  });

  it('reads the stream again without writing or publishing a second event, and mails no one', async () => {
    const third = freshProcess();
    expect(await third.feed.feedOnce()).toBe(0);
    // Even a lost cursor (the whole stream read again) writes nothing new.
    await t.db.store.admitted.saveCursor(EVENT, '0-0', Date.now());
    expect(await third.feed.feedOnce()).toBe(0);
    for (let i = 0; i < 3; i++) await third.relay.relayOnce();
    expect(admittedEvents()).toHaveLength(3);
    expect(await mailbox.list(50)).toEqual([]);
  });
});
