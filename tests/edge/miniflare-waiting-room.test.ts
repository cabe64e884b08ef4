/**
 * Portability: the waiting-room Hono app, bundled for the workers platform (no Node polyfills
 * from esbuild), runs inside workerd through miniflare. Anything Node-only it reaches for shows
 * up here: as an import of a `node:` module the bundle must leave to the runtime, or as a
 * failure at run time.
 *
 * The bundle may import no Node built-in at all and the worker runs without workerd's
 * `nodejs_compat` flag: Hono, jose, zod, the memory store, the pre-queue shuffle and the client
 * secret (Web Crypto) and the Upstash room store Lambda@Edge uses are all Web-standard.
 */
import { build, type Metafile } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccessTokenClaims,
  type QueueTicketClaims,
  type TokenKeys,
  verifyToken,
} from '../../edge/token';
import { verifyPrequeueLog } from '../../edge/waiting-room/prequeue-verify';

const ROOT = new URL('../../', import.meta.url).pathname;
const KEYS: TokenKeys = {
  activeKid: 'mf1',
  keys: { mf1: 'miniflare-test-secret-0123456789abcdefgh' },
};
/** Node built-ins the app may import (each would need a workerd compatibility flag): none. */
const ALLOWED_NODE_MODULES: string[] = [];
const BASE = 'https://edge.test';
const API_CLIENT = { 'user-agent': 'floodgate-miniflare-test', 'content-type': 'application/json' };

/**
 * A module worker around the app. Workers forbid random values at global scope, and creating a
 * room draws its pre-queue seed, so the room is configured on the first request. The app's
 * clock is `Date.now()` plus an offset the test moves (`POST /_clock`), so nothing sleeps.
 * `POST /_prequeue` opens a room with a pre-queue one minute ahead. The entry re-exports the
 * Upstash store Lambda@Edge uses, so it is bundled and loaded and its imports count too.
 */
const ENTRY = `
import { createWaitingRoomApp } from './edge/waiting-room/app';
import { createMemoryRoomStore } from './edge/waiting-room/store/memory';
export { createUpstashRoomStore } from './edge/waiting-room/store/upstash';
const store = createMemoryRoomStore();
let offset = 0;
const clock = () => Date.now() + offset;
const app = createWaitingRoomApp({ store, keys: ${JSON.stringify(KEYS)}, clock });
let ready;
export default {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path === '/_clock') {
      offset += (await request.json()).advanceMs;
      return Response.json({ now: clock() });
    }
    if (path === '/_prequeue') {
      await store.configure('mf-prequeue', { opensAt: clock() + 60000 }, clock());
      const room = await store.state('mf-prequeue', clock());
      return Response.json({ commitment: room.prequeue.commitment });
    }
    ready = ready || store.configure('demo-arena', { ratePerMinute: 100000, maxActive: 100000 });
    await ready;
    return app.fetch(request, env, ctx);
  },
};
`;

/** `node:x ← file` for every Node built-in the bundle imports. */
function nodeImportsOf(metafile: Metafile): string[] {
  const found = new Set<string>();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imported of input.imports) {
      if (imported.path.startsWith('node:')) found.add(`${imported.path} ← ${file}`);
    }
  }
  return [...found].sort();
}

let mf: Miniflare;
let nodeImports: string[];

beforeAll(async () => {
  const bundle = await build({
    stdin: { contents: ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'worker.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    external: ['node:*'],
    metafile: true,
    logLevel: 'silent',
  });
  nodeImports = nodeImportsOf(bundle.metafile);
  mf = new Miniflare({
    modules: [
      { type: 'ESModule', path: 'worker.mjs', contents: bundle.outputFiles[0]?.text ?? '' },
    ],
    compatibilityDate: '2025-09-01',
    // No nodejs_compat: a Node API reached at run time fails the tests below.
    compatibilityFlags: [],
  });
  await mf.ready;
}, 30_000);

afterAll(async () => {
  await mf?.dispose();
});

async function call(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await mf.dispatchFetch(`${BASE}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...API_CLIENT, ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: JSON.parse(text) };
}

describe('the waiting-room app inside workerd (miniflare)', () => {
  it('imports no Node built-in at all', () => {
    const modules = [...new Set(nodeImports.map((line) => line.split(' ')[0]))];
    expect(
      modules.filter((m) => !ALLOWED_NODE_MODULES.includes(m ?? '')),
      nodeImports.join('\n'),
    ).toEqual([]);
  });

  it('joins, reports state, admits once, and signs tokens Node verifies', async () => {
    const join = await call('/wr/demo-arena/join', { method: 'POST' });
    expect(join.status, join.text).toBe(201);
    expect(join.json).toMatchObject({ eventId: 'demo-arena', position: expect.any(Number) });
    expect(join.json.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookies = join.headers.getSetCookie().map((c) => c.split('=')[0]);
    expect(cookies.sort()).toEqual(['fg_client', 'fg_ticket']);
    const ticket = await verifyToken<QueueTicketClaims>(join.json.ticket, 'ticket', KEYS);
    expect(ticket).toMatchObject({ evt: 'demo-arena', pos: join.json.position });

    const state = await call('/wr/demo-arena/state');
    expect(state.status, state.text).toBe(200);
    expect(state.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=1');
    expect(state.json).toMatchObject({
      eventId: 'demo-arena',
      paused: false,
      ratePerMinute: 100000,
    });

    const body = { ticket: join.json.ticket, clientSecret: join.json.clientSecret };
    const admit = await call('/wr/demo-arena/admit', { method: 'POST', body });
    expect(admit.status, admit.text).toBe(200);
    expect(admit.json).toMatchObject({ admitted: true, expiresAt: expect.any(String) });
    const access = await verifyToken<AccessTokenClaims>(admit.json.accessToken, 'access', KEYS);
    expect(access).toMatchObject({ evt: 'demo-arena', scp: 'buy', tid: ticket.tid });
    expect(admit.headers.getSetCookie().some((c) => c.startsWith('fg_access='))).toBe(true);

    const again = await call('/wr/demo-arena/admit', { method: 'POST', body });
    expect(again.status, again.text).toBe(200);
    expect(again.json.expiresAt).toBe(admit.json.expiresAt);
  });

  it('refuses a ticket presented without its client secret', async () => {
    const join = await call('/wr/demo-arena/join', { method: 'POST' });
    const stranger = 'x'.repeat(43);
    const admit = await call('/wr/demo-arena/admit', {
      method: 'POST',
      body: { ticket: join.json.ticket, clientSecret: stranger },
    });
    expect(admit.status, admit.text).toBe(403);
    expect(admit.json.error).toMatchObject({ code: 'forbidden', requestId: expect.any(String) });
  });

  it('seals a pre-queue with the Web Crypto shuffle inside workerd, verifiably', async () => {
    const opened = await call('/_prequeue', { method: 'POST' });
    expect(opened.status, opened.text).toBe(200);
    const positions: number[] = [];
    for (let i = 0; i < 6; i++) {
      const join = await call('/wr/mf-prequeue/join', { method: 'POST' });
      expect(join.status, join.text).toBe(201);
      positions.push(join.json.position);
    }
    expect(positions).toEqual([0, 0, 0, 0, 0, 0]);
    expect((await call('/_clock', { method: 'POST', body: { advanceMs: 61_000 } })).status).toBe(
      200,
    );
    const log = await call('/wr/mf-prequeue/prequeue-log');
    expect(log.status, log.text).toBe(200);
    const assigned = log.json.entries.map((e: { position: number }) => e.position);
    expect([...assigned].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const verdict = await verifyPrequeueLog(log.json, opened.json.commitment);
    expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true, checked: 6 });
  });

  it('answers an unknown event with 404 in the one error shape', async () => {
    const state = await call('/wr/no-such-show/state', { headers: { 'x-request-id': 'mf-req-1' } });
    expect(state.status, state.text).toBe(404);
    expect(state.json).toEqual({
      error: { code: 'not_found', message: expect.any(String), requestId: 'mf-req-1' },
    });
  });
});
