import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBus } from '../../origin/adapters/events/local-bus';
import type { EventConsumer } from '../../origin/adapters/events/types';
import { createMemoryMailbox } from '../../origin/adapters/mail/memory';
import type { Mailbox } from '../../origin/adapters/mail/types';
import { SANDBOX_CARDS } from '../../origin/adapters/payments/sandbox';
import { crashOnce, type Faults, SimulatedCrash } from '../../origin/services/faults';
import { startHoldSweeper } from '../../origin/services/hold-sweeper';
import { createEmailConsumer } from '../../origin/services/outbox/email-consumer';
import type { DomainEvent } from '../../origin/services/outbox/events';
import { startOutboxRelay } from '../../origin/services/outbox/relay';
import { createTestOrigin, type TestOrigin, testEvent } from '../../origin/testing/harness';
import { buyTickets } from '../../origin/testing/purchase';

/**
 * The outbox over real dynalite: events ride in the state change's own write, the relay
 * publishes them at least once, and the deduplicating email consumer sends each email once.
 */
let t: TestOrigin;
const faults = crashOnce();
const EVENT = 'outbox-night';

beforeAll(async () => {
  t = await createTestOrigin({ faults });
  await t.services.admin.createEvent(testEvent(EVENT, t.clock.now));
});
afterAll(() => t?.close());

/** A fresh "process": its own bus, email consumer and mailbox over the same table. */
function freshProcess(options: { faults?: Faults } = {}) {
  const sends: string[] = [];
  const mailbox = createMemoryMailbox();
  const counting: Mailbox = {
    ...mailbox,
    async send(message) {
      sends.push(message.id);
      await mailbox.send(message);
    },
  };
  const delivered: DomainEvent[] = [];
  const bus = createLocalBus();
  const spy: EventConsumer = { name: 'spy', handle: async (e) => void delivered.push(e) };
  bus.subscribe(spy);
  bus.subscribe(
    createEmailConsumer({ store: t.db.store, mailer: counting, clock: () => t.clock.now }),
  );
  const relay = startOutboxRelay(
    { store: t.db.store, publisher: bus, faults: options.faults },
    { intervalMs: 0 },
  );
  return { relay, mailbox, sends, delivered };
}

async function drain(p: ReturnType<typeof freshProcess>) {
  for (let i = 0; i < 5; i++) await p.relay.relayOnce();
}

/**
 * Lets a fresh hold lapse and sweeps it: a hold.expired event, which mails nobody.
 * Answers the sweep's count.
 */
async function lapseHold(ticketId: string) {
  await t.services.holds.create({
    eventId: EVENT,
    ticketId,
    generalAdmission: { sectionId: 'pit', quantity: 2 },
  });
  t.clock.now += 2 * 60_000;
  const sweeper = startHoldSweeper(t.deps, { intervalMs: 0 });
  const swept = await sweeper.sweepOnce();
  await sweeper.close();
  return swept;
}

describe('outbox and relay', () => {
  it('loses nothing when the process dies right after the state change: a later relay delivers it', async () => {
    faults.arm('checkout:order-confirmed');
    const hold = await t.services.holds.create({
      eventId: EVENT,
      ticketId: 't_crash',
      generalAdmission: { sectionId: 'pit', quantity: 1 },
    });
    const order = await t.services.checkout.checkout({
      holdId: hold.id,
      ticketId: 't_crash',
      email: 'crash@example.com',
      card: { number: SANDBOX_CARDS.approve, expiry: '12/39', cvc: '123' },
    });
    await t.payments.flush();
    expect(t.backgroundErrors.some((e) => e instanceof SimulatedCrash)).toBe(true);
    expect((await t.db.store.orders.get(order.id))?.status).toBe('CONFIRMED');

    const later = freshProcess();
    await drain(later);
    const confirmed = later.delivered.filter((e) => e.type === 'order.confirmed');
    expect(confirmed.map((e) => (e.detail as { orderId: string }).orderId)).toContain(order.id);
    const mail = (await later.mailbox.list()).filter((m) => m.to === 'crash@example.com');
    expect(mail.map((m) => m.kind)).toEqual(['order.confirmed']);
  });

  it('re-delivers after a relay crash between publish and mark, and the email still goes once', async () => {
    const order = await buyTickets(t, {
      eventId: EVENT,
      ticketId: 't_twice',
      email: 'twice@example.com',
    });
    let crashes = 0;
    const crashing = freshProcess({
      faults: {
        before(step) {
          if (step === 'outbox:published' && crashes++ === 0) throw new SimulatedCrash(step);
        },
      },
    });
    await expect(crashing.relay.relayOnce()).rejects.toBeInstanceOf(SimulatedCrash);
    await drain(crashing);
    const deliveries = crashing.delivered.filter(
      (e) => e.type === 'order.confirmed' && (e.detail as { orderId: string }).orderId === order.id,
    );
    expect(deliveries.length).toBe(2); // published, crashed before the mark, published again
    const mails = (await crashing.mailbox.list()).filter((m) => m.to === 'twice@example.com');
    expect(mails).toHaveLength(1);
    expect(crashing.sends.filter((id) => id === mails[0]?.id)).toHaveLength(1);
    expect(await t.db.store.outbox.listPending(50)).toEqual([]);
  });

  it('two relays racing publish each event and mark it once; the consumer mails once', async () => {
    await buyTickets(t, { eventId: EVENT, ticketId: 't_race', email: 'race@example.com' });
    // A hold.expired too: both relays publish it without error (the racing email consumer
    // rejects one relay's order.confirmed), so both reach its mark.
    await lapseHold('t_race_lapse');
    const pending = (await t.db.store.outbox.listPending(50)).flatMap((item) => item.events);
    expect(pending.length).toBeGreaterThanOrEqual(1);
    const a = freshProcess();
    const b = freshProcess();
    const [ma, mb] = await Promise.all([a.relay.relayOnce(), b.relay.relayOnce()]);
    // Each pending event is marked by exactly one of the two relays: a double mark counts twice.
    expect(ma + mb).toBe(pending.length);
    expect(await t.db.store.outbox.listPending(50)).toEqual([]);
    const sent = [...a.sends, ...b.sends];
    const inboxes = [...(await a.mailbox.list()), ...(await b.mailbox.list())];
    expect(inboxes.filter((m) => m.to === 'race@example.com')).toHaveLength(1);
    expect(new Set(sent).size).toBe(sent.length);
  });

  it('publishes hold.expired from the sweeper’s own write and empties the pending index', async () => {
    expect(await lapseHold('t_lapse')).toBeGreaterThanOrEqual(1);
    const p = freshProcess();
    await drain(p);
    const expired = p.delivered.filter((e) => e.type === 'hold.expired');
    expect(expired.map((e) => (e.detail as { ticketId: string }).ticketId)).toContain('t_lapse');
    expect(await t.db.store.outbox.listPending(50)).toEqual([]);
  });

  it('keeps events pending while the bus refuses them, and delivers them once it accepts', async () => {
    await buyTickets(t, { eventId: EVENT, ticketId: 't_down', email: 'down@example.com' });
    const errors: unknown[] = [];
    const down = startOutboxRelay(
      {
        store: t.db.store,
        publisher: {
          async publish() {
            throw new Error('bus unavailable');
          },
        },
        onBackgroundError: (error) => errors.push(error),
      },
      { intervalMs: 0 },
    );
    expect(await down.relayOnce()).toBe(0);
    expect(errors.length).toBeGreaterThan(0);
    expect((await t.db.store.outbox.listPending(50)).length).toBeGreaterThan(0);
    const up = freshProcess();
    await drain(up);
    expect((await up.mailbox.list()).filter((m) => m.to === 'down@example.com')).toHaveLength(1);
    expect(await t.db.store.outbox.listPending(50)).toEqual([]);
  });

  it('mails a declined buyer that the order failed', async () => {
    const hold = await t.services.holds.create({
      eventId: EVENT,
      ticketId: 't_declined',
      generalAdmission: { sectionId: 'pit', quantity: 1 },
    });
    await t.services.checkout.checkout({
      holdId: hold.id,
      ticketId: 't_declined',
      email: 'declined@example.com',
      card: { number: SANDBOX_CARDS.decline, expiry: '12/39', cvc: '123' },
    });
    await t.payments.flush();
    const p = freshProcess();
    await drain(p);
    const mail = (await p.mailbox.list()).filter((m) => m.to === 'declined@example.com');
    expect(mail.map((m) => m.kind)).toEqual(['order.failed']);
  });
});
