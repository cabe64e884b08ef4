/**
 * Holds benchmark (`npm run bench:holds -- --seconds 4 --concurrency 32 [--checkouts N]`): real
 * Redis, dynalite in its own child process, the origin started in-process and driven over HTTP
 * on loopback. Prints holds/s and p50/p99 for uncontended seats and for a hot section, two
 * references from the same run (a plain JSON route on the same server, and the raw rate of
 * conditional UpdateItems through the same SDK client to the same dynalite), DynamoDB writes and
 * Redis round trips per hold and per checkout, and `holds/s × writes per hold ÷ raw rate`.
 *
 * Checkout is timed on its own: N holds (default: as many as the uncontended phase made) are
 * placed before the clock starts, then checked out; an order counts once it is CONFIRMED (the
 * sandbox settles asynchronously, like a webhook), not when checkout answers 201 PENDING, and the
 * CONFIRMED count is read back from the table.
 */
import { fork } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createAdaptorServer } from '@hono/node-server';
import dynalite from 'dynalite';
import type { Redis } from 'ioredis';
import { signToken } from '../edge/token';
import { createDynamoStore } from '../origin/adapters/dynamo/store';
import { connectRedisClient } from '../origin/adapters/redis-client';
import { createOriginApp } from '../origin/app';
import { buildServiceDeps } from '../origin/bootstrap';
import { type OriginConfig, parseOriginConfig } from '../origin/config';
import { newId } from '../origin/domain/ids';
import { createServices } from '../origin/services';
import { type BenchRun, quantile, runEach, runFor } from './bench-loop';

/** The uncontended section: rows × seats; free seats are handed out in order. */
const OPEN_ROWS = 50;
const SEATS_PER_ROW = 200;

if (process.argv.includes('--dynalite-child')) {
  const server = dynalite({ createTableMs: 0 });
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

type Op = () => Promise<boolean>;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * The origin as `startOrigin` builds it, except that the store runs on the instrumented SDK
 * client (same endpoint, same table) so every DynamoDB call is counted.
 */
async function serveOrigin(
  config: OriginConfig,
  client: DynamoDBClient,
  redis: Redis,
  lockPrefix: string,
  onConfirmed: (orderId: string) => void,
) {
  const built = await buildServiceDeps(config, { redis, lockPrefix });
  const store = createDynamoStore({ client, tableName: config.dynamoTable });
  // The moment an order becomes CONFIRMED is its conditional write succeeding.
  const confirm = store.orders.confirm.bind(store.orders);
  store.orders.confirm = async (orderId, ...rest) => {
    const out = await confirm(orderId, ...rest);
    if (out) onConfirmed(orderId);
    return out;
  };
  built.deps.store = store;
  const services = createServices(built.deps);
  const app = createOriginApp({
    services,
    organizerKey: config.organizerKey,
    metrics: built.metrics,
  });
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      services.checkout.close();
      await built.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '4' },
      concurrency: { type: 'string', default: '32' },
      checkouts: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  const checkoutsWanted = values.checkouts === undefined ? undefined : Number(values.checkouts);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `bench:${process.pid}:${Date.now().toString(36)}:`;

  const child = fork(new URL(import.meta.url).pathname, ['--dynalite-child'], {
    execArgv: ['--import', 'tsx'],
  });
  const port = await new Promise<number>((resolve) =>
    child.once('message', (m) => resolve(m as number)),
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const config = parseOriginConfig({
    DYNAMODB_ENDPOINT: endpoint,
    DYNAMODB_TABLE: 'bench',
    REDIS_URL: redisUrl,
    PORT: '0',
  });

  // Count round trips: Redis by wrapping sendCommand, DynamoDB with an SDK middleware.
  const redis = await connectRedisClient(redisUrl);
  const counts = { redis: 0, writes: 0, reads: 0 };
  /** Round trips since a snapshot of {@link counts}. */
  const spentSince = (before: typeof counts) => ({
    writes: counts.writes - before.writes,
    reads: counts.reads - before.reads,
    redis: counts.redis - before.redis,
  });
  const sendCommand = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<typeof sendCommand>) => {
    counts.redis++;
    return sendCommand(...args);
  }) as typeof redis.sendCommand;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (/^(Put|Update|Delete|BatchWrite)Item/.test(context.commandName ?? '')) counts.writes++;
      else counts.reads++;
      return next(args);
    },
    { step: 'initialize', name: 'benchCounter' },
  );
  const confirmedAt = new Map<string, number>();
  const origin = await serveOrigin(config, client, redis, prefix, (orderId) => {
    if (!confirmedAt.has(orderId)) confirmedAt.set(orderId, performance.now());
  });

  const admin = {
    authorization: `Bearer ${config.organizerKey}`,
    'content-type': 'application/json',
  };
  const rows = (n: number, seats: number) =>
    Array.from({ length: n }, (_, i) => ({ label: `R${i}`, seats }));
  const eventId = `bench-${Date.now().toString(36)}`;
  const created = await fetch(`${origin.url}/api/admin/events`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({
      id: eventId,
      name: 'Bench',
      venueName: 'Bench hall',
      maxPerBuyer: 8,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      onSaleAt: new Date(Date.now() - 60_000).toISOString(),
      tiers: [{ id: 'std', name: 'Standard', priceCents: 5_000 }],
      sections: [
        {
          id: 'open',
          name: 'Open',
          kind: 'seated',
          tierId: 'std',
          rows: rows(OPEN_ROWS, SEATS_PER_ROW),
        },
        { id: 'hot', name: 'Hot', kind: 'seated', tierId: 'std', rows: rows(2, 20) },
      ],
    }),
  });
  if (created.status !== 201)
    throw new Error(`create event: ${created.status} ${await created.text()}`);

  let nextSeat = 0;
  const freeSeat = () =>
    `open:R${Math.floor(nextSeat / SEATS_PER_ROW)}:${(nextSeat++ % SEATS_PER_ROW) + 1}`;
  const buyer = async () => {
    const token = await signToken(
      { typ: 'access', evt: eventId, tid: newId('t'), scp: 'buy' },
      config.tokenKeys,
      600,
    );
    return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  };
  const hold = async (headers: Record<string, string>, body: unknown) => {
    const res = await fetch(`${origin.url}/api/events/${eventId}/holds`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { hold?: { id: string } };
    return res.status === 201 ? json.hold?.id : undefined;
  };
  const measure = async (op: Op) => {
    const before = { ...counts };
    const run = await runFor(concurrency, seconds, op);
    await sleep(300); // let releases and other follow-ups land
    return { run, ...spentSince(before) };
  };

  /**
   * Checks out every pre-placed hold (timed), waits for the asynchronous settlements, and counts
   * the orders CONFIRMED in the table. The rate to CONFIRMED runs from the phase's start to the
   * last confirmation; its p50/p99 are per order, from the checkout request to CONFIRMED.
   */
  const measureCheckouts = async (held: { headers: Record<string, string>; holdId: string }[]) => {
    const before = { ...counts };
    const orders: { id: string; startedAt: number }[] = [];
    const rejected: Record<string, number> = {};
    const start = performance.now();
    const run = await runEach(held, concurrency, async ({ headers, holdId }) => {
      const startedAt = performance.now();
      const res = await fetch(`${origin.url}/api/events/${eventId}/checkout`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': newId('p') },
        body: JSON.stringify({
          holdId,
          // One buyer (and email) per order: the per-buyer limit never interferes.
          email: `bench+${holdId.slice(2, 14).toLowerCase()}@example.test`,
          card: { number: '4242424242424242', expiry: '12/39', cvc: '123' },
        }),
      });
      const body = (await res.json()) as { order?: { id: string }; error?: { code: string } };
      if (res.status !== 201 || !body.order) {
        const code = body.error?.code ?? String(res.status);
        rejected[code] = (rejected[code] ?? 0) + 1;
        return false;
      }
      orders.push({ id: body.order.id, startedAt });
      return true;
    });
    const deadline = performance.now() + 30_000;
    while (orders.some((o) => !confirmedAt.has(o.id)) && performance.now() < deadline) {
      await sleep(20);
    }
    await sleep(300); // the follow-ups of CONFIRMED (hold converted, slot freed) land
    const spent = spentSince(before);
    const table = createDynamoStore({ client, tableName: config.dynamoTable });
    const statuses = await Promise.all(
      orders.map(async (o) => (await table.orders.get(o.id))?.status),
    );
    const confirmed = statuses.filter((status) => status === 'CONFIRMED').length;
    const toConfirmed = orders
      .map((o) => (confirmedAt.get(o.id) ?? Number.NaN) - o.startedAt)
      .filter((ms) => !Number.isNaN(ms))
      .sort((a, b) => a - b);
    const last = orders.reduce((m, o) => Math.max(m, confirmedAt.get(o.id) ?? 0), start);
    const confirmedRun: BenchRun = {
      ok: confirmed,
      failed: orders.length - confirmed,
      seconds: (last - start) / 1000,
      p50: quantile(toConfirmed, 0.5),
      p99: quantile(toConfirmed, 0.99),
    };
    return { run, confirmed, confirmedRun, rejected, ...spent };
  };

  const plain = await measure(
    async () => (await fetch(`${origin.url}/healthz`).then((r) => r.text())) !== '',
  );
  let raw = 0;
  const rawRun = await runFor(concurrency, seconds, async () => {
    await client.send(
      new UpdateItemCommand({
        TableName: config.dynamoTable,
        Key: { pk: { S: `BENCH#${raw % 64}` }, sk: { S: 'RAW' } },
        UpdateExpression: 'SET v = :v',
        ConditionExpression: 'attribute_not_exists(v) OR v <> :never',
        ExpressionAttributeValues: { ':v': { N: String(raw++) }, ':never': { N: '-1' } },
      }),
    );
    return true;
  });
  const open = await measure(
    async () => (await hold(await buyer(), { seats: [freeSeat()] })) !== undefined,
  );
  const hot = await measure(async () => {
    const headers = await buyer();
    const id = await hold(headers, { bestAvailable: { quantity: 2, sectionId: 'hot' } });
    if (id)
      await fetch(`${origin.url}/api/events/${eventId}/holds/${id}`, { method: 'DELETE', headers });
    return id !== undefined;
  });
  // Checkout on its own: the holds are placed first, outside the timed phase.
  const openSeats = OPEN_ROWS * SEATS_PER_ROW;
  const poolSize = Math.min(checkoutsWanted ?? open.run.ok, openSeats - nextSeat);
  const pool: { headers: Record<string, string>; holdId: string }[] = [];
  await runEach(
    Array.from({ length: poolSize }, () => 0),
    concurrency,
    async () => {
      const headers = await buyer();
      const holdId = await hold(headers, { seats: [freeSeat()] });
      if (holdId) pool.push({ headers, holdId });
      return holdId !== undefined;
    },
  );
  const checkout = await measureCheckouts(pool);

  const perHold = {
    writes: open.writes / Math.max(1, open.run.ok),
    reads: open.reads / Math.max(1, open.run.ok),
    redis: open.redis / Math.max(1, open.run.ok),
  };
  const perCheckout = (total: number) => total / Math.max(1, checkout.confirmed);
  const rate = (r: BenchRun) => r.ok / r.seconds;
  const row = (name: string, r: BenchRun, extra = '') =>
    `${name.padEnd(34)}${rate(r).toFixed(0).padStart(8)}/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms${extra}`;
  const rawRate = rate(rawRun);
  console.log(
    `\nFloodgate holds benchmark: ${seconds}s per phase, concurrency ${concurrency}, Node ${process.version}\n`,
  );
  console.log(row('plain JSON route (GET /healthz)', plain.run));
  console.log(row('raw conditional UpdateItem (SDK)', rawRun));
  console.log(row('holds, uncontended (1 seat)', open.run));
  console.log(
    row('holds, hot section (2 of 40, +release)', hot.run, `  (${hot.run.failed} rejected)`),
  );
  console.log(
    row(
      'checkout requests (held before)',
      checkout.run,
      `  (${checkout.run.ok} of ${pool.length} answered 201 PENDING${
        checkout.run.failed ? `; refused: ${JSON.stringify(checkout.rejected)}` : ''
      })`,
    ),
  );
  console.log(
    row(
      'checkouts to CONFIRMED',
      checkout.confirmedRun,
      `  (${checkout.confirmed} CONFIRMED in the table; p50/p99 request → CONFIRMED)`,
    ),
  );
  console.log(
    `\nper hold:     ${perHold.writes.toFixed(2)} DynamoDB writes (+${perHold.reads.toFixed(2)} reads), ${perHold.redis.toFixed(2)} Redis round trips`,
  );
  console.log(
    `per checkout: ${perCheckout(checkout.writes).toFixed(2)} DynamoDB writes (+${perCheckout(checkout.reads).toFixed(2)} reads), ${perCheckout(checkout.redis).toFixed(2)} Redis round trips (incl. async settlement, per CONFIRMED order)`,
  );
  const ratio = (rate(open.run) * perHold.writes) / rawRate;
  console.log(
    `holds/s × writes per hold ÷ raw conditional-write rate = ${(ratio * 100).toFixed(0)}% (goal ≥ 70%)\n`,
  );

  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await origin.close();
  client.destroy();
  await redis.quit().catch(() => undefined);
  child.disconnect();
  child.kill();
}
