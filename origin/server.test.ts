import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC } from '../common/metric-names';
import { DEV_ORGANIZER_KEY, parseOriginConfig } from './config';
import { seedDemoEvent } from './seed';
import {
  HEADERS_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  type RunningOrigin,
  type StartOriginOptions,
  startOrigin,
} from './server';
import { startTestDynamo, type TestDynamo } from './testing/dynalite';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

let db: TestDynamo;
let origin: RunningOrigin;
const config = () =>
  parseOriginConfig({
    DYNAMODB_ENDPOINT: db.endpoint,
    DYNAMODB_TABLE: db.tableName,
    LOG_LEVEL: 'silent',
  });
const start = (extra: Partial<StartOriginOptions> = {}) =>
  startOrigin({ config: config(), port: 0, host: '127.0.0.1', ...extra });

beforeAll(async () => {
  db = await startTestDynamo();
  origin = await start();
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

  it('writes no EMF without METRICS_NAMESPACE', () => {
    expect(origin.emf).toBeUndefined();
  });

  it('writes EMF lines for requests and service counters when METRICS_NAMESPACE is set', async () => {
    const lines: string[] = [];
    const withEmf = await startOrigin({
      config: parseOriginConfig({
        DYNAMODB_ENDPOINT: db.endpoint,
        DYNAMODB_TABLE: db.tableName,
        LOG_LEVEL: 'silent',
        METRICS_NAMESPACE: 'Floodgate',
      }),
      port: 0,
      host: '127.0.0.1',
      emfWrite: (line) => lines.push(line),
      gaugeIntervalMs: 0,
    });
    try {
      expect((await fetch(`${withEmf.url}/healthz`)).status).toBe(200);
      // The services' counters are the ones the hold and checkout services call.
      withEmf.deps.counters.holdCreated('emf-show', 2);
    } finally {
      await withEmf.close();
    }
    const docs = lines.map((line) => JSON.parse(line));
    expect(docs.every((d) => d._aws.CloudWatchMetrics[0].Namespace === 'Floodgate')).toBe(true);
    expect(docs.find((d) => d.EventId === 'emf-show')).toMatchObject({
      [METRIC.holdsCreated.name]: 1,
    });
    expect(docs.find((d) => METRIC.requestLatency.name in d)).toMatchObject({
      [METRIC.requestLatency.name]: [expect.any(Number)],
      [METRIC.serverErrors.name]: 0,
    });
  });
});

/** A POST whose body is held back: the server has the request (100 Continue) but cannot answer yet. */
function heldRequest(url: string) {
  const body = '{}';
  const { hostname, port } = new URL(url);
  const req = http.request({
    hostname,
    port,
    method: 'POST',
    path: '/api/admin/events',
    agent: new http.Agent({ keepAlive: true }),
    headers: {
      authorization: `Bearer ${DEV_ORGANIZER_KEY}`,
      'content-type': 'application/json',
      'content-length': String(body.length),
      expect: '100-continue',
    },
  });
  const continued = new Promise<void>((resolve) => req.once('continue', () => resolve()));
  const answered = new Promise<{ status: number; connection?: string; text: string }>(
    (resolve, reject) => {
      req.once('error', reject);
      req.once('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, text }),
        );
      });
    },
  );
  req.flushHeaders();
  return { continued, answered, finish: () => req.end(body) };
}

/** Resolves with the connection error code of a fresh request (or `served` if it was answered). */
function tryConnect(url: string): Promise<string> {
  return new Promise((resolve) => {
    http
      .get(`${url}/healthz`, { agent: false }, (res) => {
        res.resume();
        resolve('served');
      })
      .once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('draining on close (what SIGTERM runs)', () => {
  it('finishes the in-flight request with Connection: close and refuses new connections', async () => {
    const draining = await start();
    const held = heldRequest(draining.url);
    await held.continued;
    const closed = draining.close();
    expect(await tryConnect(draining.url)).toBe('ECONNREFUSED');
    held.finish();
    const res = await held.answered;
    expect(res.status, res.text).toBe(400);
    expect(JSON.parse(res.text).error.code).toBe('validation_failed');
    expect(res.connection).toBe('close');
    await closed;
  });

  it('cuts connections still open at the drain deadline, so shutdown always ends', async () => {
    const stuck = await start({ drainDeadlineMs: 50 });
    const held = heldRequest(stuck.url);
    await held.continued;
    // The body never comes: without the deadline, close() would wait for it forever.
    await stuck.close();
    await expect(held.answered).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});

/** Starts origin/main.ts as ECS does (a process of its own) and resolves with its URL. */
function startMain(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: '0',
    DYNAMODB_ENDPOINT: db.endpoint,
    DYNAMODB_TABLE: db.tableName,
    LOG_LEVEL: 'info',
  };
  // Never the shared Redis: the child would seed its waiting room under the default prefix.
  for (const key of ['REDIS_URL', 'ROOM_REDIS_URL', 'METRICS_NAMESPACE', 'NODE_ENV']) {
    delete env[key];
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'origin/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const onData = () => {
      const url = out.match(/"url":"(http:\/\/[^"]+)"/)?.[1];
      if (!url) return;
      child.stdout?.off('data', onData);
      resolve({ child, url, output: () => out });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`origin exited early (${code}):\n${out}`)));
  });
}

describe('SIGTERM on the container entry point (origin/main.ts)', () => {
  it('keeps serving the in-flight request, refuses new connections, then exits 0', async () => {
    const { child, url, output } = await startMain();
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const held = heldRequest(url);
    await held.continued;
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const check = () => (output().includes('"msg":"draining"') ? resolve() : undefined);
      child.stdout?.on('data', check);
      check();
    });
    expect(await tryConnect(url), output()).toBe('ECONNREFUSED');
    held.finish();
    const res = await held.answered;
    expect(res.status, res.text).toBe(400);
    expect(await exited, output()).toBe(0);
    expect(output()).toContain('"msg":"drained"');
  }, 60_000);
});
