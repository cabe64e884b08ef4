import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOriginConfig } from './config';
import { seedDemoEvent } from './seed';
import {
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  type RunningOrigin,
  startOrigin,
} from './server';
import { startTestDynamo, type TestDynamo } from './testing/dynalite';

let db: TestDynamo;
let origin: RunningOrigin;
beforeAll(async () => {
  db = await startTestDynamo();
  const config = parseOriginConfig({
    DYNAMODB_ENDPOINT: db.endpoint,
    DYNAMODB_TABLE: db.tableName,
  });
  origin = await startOrigin({ config, port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await origin?.close();
  await db?.close();
});

describe('startOrigin', () => {
  it('serves over HTTP and seeds the demo event once', async () => {
    expect(HEADERS_TIMEOUT_MS).toBeGreaterThan(KEEP_ALIVE_TIMEOUT_MS);
    expect(KEEP_ALIVE_TIMEOUT_MS).toBeGreaterThan(60_000);
    expect(await seedDemoEvent(origin.deps)).toBe('demo-arena');
    expect(await seedDemoEvent(origin.deps)).toBeNull();
    const res = await fetch(`${origin.url}/api/catalog/events`);
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body.events.map((e: { id: string }) => e.id)).toEqual(['demo-arena']);
    const ready = await fetch(`${origin.url}/readyz`);
    expect(ready.status, await ready.text()).toBe(200);
  });
});
