import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { eventId } from '../../services/outbox/events';
import { createEventBridgePublisher, EVENT_SOURCE } from './eventbridge';

const event = (n: number) => ({
  id: eventId('hold.expired', `h_${n}`),
  type: 'hold.expired' as const,
  occurredAt: Date.UTC(2030, 0, 1),
  detail: { holdId: `h_${n}`, eventId: 'ev', ticketId: 't', seatIds: [] },
});

function fakeClient(failFirst = 0) {
  const calls: PutEventsCommand['input'][] = [];
  return {
    calls,
    client: {
      async send(command: PutEventsCommand) {
        calls.push(command.input);
        return {
          FailedEntryCount: calls.length === 1 ? failFirst : 0,
          Entries: failFirst ? [{ ErrorCode: 'ThrottlingException' }] : [],
        };
      },
    },
  };
}

describe('EventBridge publisher (no AWS: a stand-in client)', () => {
  it('puts each event on the bus with its type as detail-type and its id in the detail', async () => {
    const fake = fakeClient();
    const publisher = createEventBridgePublisher({
      busName: 'bus-1',
      client: fake.client as never,
    });
    await publisher.publish([event(1)]);
    const entry = fake.calls[0]?.Entries?.[0];
    expect(entry).toMatchObject({
      EventBusName: 'bus-1',
      Source: EVENT_SOURCE,
      DetailType: 'hold.expired',
    });
    expect(JSON.parse(entry?.Detail ?? '{}')).toMatchObject({ id: event(1).id, holdId: 'h_1' });
  });

  it('sends at most 10 entries per call', async () => {
    const fake = fakeClient();
    const publisher = createEventBridgePublisher({
      busName: 'bus-1',
      client: fake.client as never,
    });
    await publisher.publish(Array.from({ length: 23 }, (_, i) => event(i)));
    expect(fake.calls.map((c) => c.Entries?.length)).toEqual([10, 10, 3]);
  });

  it('rejects when EventBridge refuses any entry, so the relay keeps them pending', async () => {
    const fake = fakeClient(1);
    const publisher = createEventBridgePublisher({
      busName: 'bus-1',
      client: fake.client as never,
    });
    await expect(publisher.publish([event(1)])).rejects.toMatchObject({ code: 'unavailable' });
  });
});
