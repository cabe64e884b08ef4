import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  EVENT_DIMENSION,
  METRIC,
  SERVICE_DIMENSION,
  SERVICE_NAME,
} from '../../common/metric-names';
import { createActivityRecorder } from '../services/activity';
import { type AdmissionPort, noopAdmission, type RoomCounts } from '../services/deps';
import { GAUGE_LEAD_MS, startRoomGauges } from '../services/room-gauges';
import { createEmfMetrics, emfLine, MAX_VALUES_PER_LINE } from './emf';
import type { AppEnv } from './env';

const NOW = Date.parse('2030-03-01T18:00:00Z');
const KNOWN_NAMES = new Set<string>(Object.values(METRIC).map((m) => m.name));

interface EmfDoc {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: {
      Namespace: string;
      Dimensions: string[][];
      Metrics: { Name: string; Unit: string }[];
    }[];
  };
  [key: string]: unknown;
}

/**
 * Parses a line and checks the embedded-metric-format rules CloudWatch enforces (a line that
 * breaks one is stored as a plain log line and no metric appears): `_aws` with a millisecond
 * Timestamp and one directive naming Namespace, Dimensions, Metrics; every dimension and metric
 * named there present at the top level; metric values numbers or arrays of at most 100 numbers.
 */
function parseEmf(line: string): EmfDoc {
  const doc = JSON.parse(line) as EmfDoc;
  expect(Number.isInteger(doc._aws.Timestamp), line).toBe(true);
  expect(doc._aws.CloudWatchMetrics, line).toHaveLength(1);
  const [directive] = doc._aws.CloudWatchMetrics;
  expect(directive?.Namespace, line).toBe('Floodgate');
  for (const set of directive?.Dimensions ?? []) {
    expect(set.length, line).toBeLessThanOrEqual(30);
    for (const name of set) expect(typeof doc[name], `${name} in ${line}`).toBe('string');
  }
  for (const metric of directive?.Metrics ?? []) {
    expect(KNOWN_NAMES.has(metric.Name), `${metric.Name} is in metric-names.ts`).toBe(true);
    const value = doc[metric.Name];
    const values = Array.isArray(value) ? value : [value];
    expect(values.length, line).toBeLessThanOrEqual(MAX_VALUES_PER_LINE);
    for (const v of values) expect(typeof v, `${metric.Name} in ${line}`).toBe('number');
  }
  return doc;
}

function capture() {
  const lines: string[] = [];
  const emf = createEmfMetrics({
    namespace: 'Floodgate',
    write: (line) => lines.push(line),
    clock: () => NOW,
    flushIntervalMs: 0,
  });
  return { emf, lines, docs: () => lines.map(parseEmf) };
}

describe('emfLine', () => {
  it('writes _aws.CloudWatchMetrics with Namespace, Dimensions and Metrics, values at the top level', () => {
    const doc = parseEmf(
      emfLine('Floodgate', NOW, {
        dimensions: [[SERVICE_DIMENSION], [SERVICE_DIMENSION, EVENT_DIMENSION]],
        metrics: [
          { spec: METRIC.seatsSold, value: 2 },
          { spec: METRIC.ordersConfirmed, value: 1 },
        ],
        properties: { [EVENT_DIMENSION]: 'demo-arena' },
      }),
    );
    expect(doc).toEqual({
      _aws: {
        Timestamp: NOW,
        CloudWatchMetrics: [
          {
            Namespace: 'Floodgate',
            Dimensions: [['Service'], ['Service', 'EventId']],
            Metrics: [
              { Name: 'SeatsSold', Unit: 'Count' },
              { Name: 'OrdersConfirmed', Unit: 'Count' },
            ],
          },
        ],
      },
      Service: SERVICE_NAME,
      EventId: 'demo-arena',
      SeatsSold: 2,
      OrdersConfirmed: 1,
    });
  });
});

describe('EMF service counters', () => {
  it('writes holds created, seats sold with orders confirmed, per service and per event', () => {
    const { emf, docs } = capture();
    emf.counters.holdCreated('show-1', 3);
    emf.counters.seatsSold('show-1', 2);
    const [hold, order] = docs();
    expect(hold).toMatchObject({ EventId: 'show-1', [METRIC.holdsCreated.name]: 1 });
    expect(hold?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([
      ['Service'],
      ['Service', 'EventId'],
    ]);
    expect(order).toMatchObject({
      EventId: 'show-1',
      [METRIC.seatsSold.name]: 2,
      [METRIC.ordersConfirmed.name]: 1,
    });
  });

  it('writes refusals and failures per service only, the reason as a plain field', () => {
    const { emf, docs } = capture();
    emf.counters.holdRejected('taken');
    emf.counters.orderFailed('declined', 'show-1');
    const [rejected, failed] = docs();
    expect(rejected).toMatchObject({ reason: 'taken', [METRIC.holdsRejected.name]: 1 });
    expect(failed).toMatchObject({ reason: 'declined', [METRIC.ordersFailed.name]: 1 });
    expect(failed?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['Service']]);
  });
});

describe('EMF request metrics', () => {
  const appFor = (emf: ReturnType<typeof capture>['emf']) =>
    new Hono<AppEnv>()
      .use(emf.middleware)
      .get('/ok', (c) => c.text('ok'))
      .get('/down', (c) => c.text('down', 503));

  it('batches request latencies and the 5xx count into one line per flush', async () => {
    const { emf, lines, docs } = capture();
    const app = appFor(emf);
    await app.request('/ok');
    await app.request('/ok');
    await app.request('/down');
    expect(lines).toEqual([]);
    emf.flush();
    const [doc] = docs();
    expect(lines).toHaveLength(1);
    expect(doc?._aws.CloudWatchMetrics[0]?.Metrics).toEqual([
      { Name: METRIC.requestLatency.name, Unit: 'Milliseconds' },
      { Name: METRIC.serverErrors.name, Unit: 'Count' },
    ]);
    expect(doc?.[METRIC.requestLatency.name]).toHaveLength(3);
    expect(doc?.[METRIC.serverErrors.name]).toBe(1);
    emf.flush();
    expect(lines, 'no requests, no line').toHaveLength(1);
  });

  it('writes a line as soon as 100 latencies wait, never more values than CloudWatch takes', async () => {
    const { emf, docs } = capture();
    const app = appFor(emf);
    for (let i = 0; i < MAX_VALUES_PER_LINE + 5; i++) await app.request('/ok');
    emf.close();
    expect(docs().map((d) => (d[METRIC.requestLatency.name] as number[]).length)).toEqual([
      MAX_VALUES_PER_LINE,
      5,
    ]);
  });
});

describe('waiting-room gauges', () => {
  const event = (id: string, onSaleAt: number, startsAt: number) => ({
    definition: {
      id,
      onSaleAt: new Date(onSaleAt).toISOString(),
      startsAt: new Date(startsAt).toISOString(),
    },
  });
  const store = {
    events: {
      list: async () => [
        event('open-now', NOW - 60_000, NOW + 86_400_000),
        event('pre-queue', NOW + GAUGE_LEAD_MS / 2, NOW + 86_400_000),
        event('next-month', NOW + 30 * 86_400_000, NOW + 31 * 86_400_000),
        event('over', NOW - 2 * 86_400_000, NOW - 86_400_000),
      ],
    },
  };
  const rooms: Record<string, RoomCounts> = {
    'open-now': { waiting: 1200, activeBuyers: 150 },
    'pre-queue': { waiting: 40, activeBuyers: 0 },
    'next-month': { waiting: 0, activeBuyers: 0 },
  };
  const admission: AdmissionPort = {
    ...noopAdmission,
    async state(eventId) {
      return rooms[eventId] ?? null;
    },
  };
  const deps = (port: AdmissionPort) =>
    ({
      store,
      admission: port,
      activity: createActivityRecorder(() => NOW),
      clock: () => NOW,
    }) as unknown as Parameters<typeof startRoomGauges>[0];

  it('writes QueueLength (waiting, not yet admitted) and ActiveBuyers for each open room', async () => {
    const { emf, docs } = capture();
    const gauges = startRoomGauges(deps(admission), emf, 0);
    expect(await gauges.reportOnce()).toBe(2);
    expect(
      docs().map((d) => [
        d.EventId,
        d[METRIC.queueLength.name],
        d[METRIC.activeBuyers.name],
        d._aws.CloudWatchMetrics[0]?.Dimensions,
      ]),
    ).toEqual([
      ['open-now', 1200, 150, [['Service', 'EventId']]],
      ['pre-queue', 40, 0, [['Service', 'EventId']]],
    ]);
  });

  it('writes nothing when the room store cannot report room state', async () => {
    const { emf, lines } = capture();
    expect(await startRoomGauges(deps(noopAdmission), emf, 0).reportOnce()).toBe(0);
    expect(lines).toEqual([]);
  });
});
