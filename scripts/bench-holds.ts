import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { createDynamoClient } from '../origin/adapters/dynamo/client';
import { createDynamoStore } from '../origin/adapters/dynamo/store';
import { ensureTable } from '../origin/adapters/dynamo/table';
import { runStorm, sectionSeats, seedStormEvent } from '../tests/helpers/storm-harness';

const server = dynalite({ createTableMs: 0 });
let reqs = 0;
server.on('request', () => reqs++);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = createDynamoClient({ endpoint, region: 'local' });
await ensureTable(client, 'storm');
const store = createDynamoStore({ client, tableName: 'storm' });
const mode = (process.argv[2] ?? 'safe') as 'safe' | 'unsafe';
const event = await seedStormEvent(store, `storm-${mode}`, {
  rows: 4,
  seatsPerRow: 10,
  holdMs: 12000,
});
const t0 = Date.now();
const iv = setInterval(() => {
  console.log(((Date.now() - t0) / 1000).toFixed(1), 'reqs', reqs);
  reqs = 0;
}, 2000);
const tally = await runStorm(
  {
    endpoint,
    tableName: 'storm',
    redisUrl: 'redis://127.0.0.1:6379',
    redisPrefix: `x${Date.now()}:`,
    eventId: event.id,
    sectionId: 'hot',
    hotSeats: sectionSeats(event).slice(0, 16),
    holdMs: 12000,
    buyers: Number(process.argv[3] ?? 200),
    rounds: 2,
    attempts: 3,
    arrivalMs: 4000,
    graceMs: 6000,
    bookingMode: mode,
  },
  { processes: 4, windowMs: 14000, graceMs: 16000 },
);
clearInterval(iv);
console.log(JSON.stringify(tally), (Date.now() - t0) / 1000);
client.destroy();
server.close();
