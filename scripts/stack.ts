import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import dynalite from 'dynalite';
import type { Redis as IORedis } from 'ioredis';
import { createCloudFrontFunctionRunner } from '../edge/local/cff-sandbox';
import { reserveEdgePort } from '../edge/local/port-reservation';
import { startLocalEdge } from '../edge/local/server';
import { startUpstashBridge, type UpstashBridge } from '../edge/local/upstash-bridge';
import { compileViewerRequestFunction } from '../edge/viewer-request/compile';
import { createWaitingRoomHandler } from '../edge/waiting-room/handler';
import { createIoredisRoomStore } from '../edge/waiting-room/store/ioredis';
import { createMemoryRoomStore } from '../edge/waiting-room/store/memory';
import type { RoomStore } from '../edge/waiting-room/store/types';
import { createUpstashRoomStore } from '../edge/waiting-room/store/upstash';
import { createRedisClient } from '../origin/adapters/redis-client';
import { DEV_TOKEN_KEYS, parseOriginConfig } from '../origin/config';
import { generateTicketKeyRing, ticketKeysSetting } from '../origin/domain/ticket-code-keys';
import { seedDemoEvent } from '../origin/seed';
import { startOrigin } from '../origin/server';
import { buildStorefront } from './build-web';
import { startDynaliteProcess, startOriginWorkers } from './origin-worker';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** How to run the whole stack in one process. Everything has an embedded default. */
export interface StackOptions {
  /** Port of the local edge (the only port a buyer sees). 0 picks a free one. */
  port: number;
  host?: string;
  /** Keep DynamoDB data in memory only (a throwaway run). */
  inMemory?: boolean;
  /** Where the embedded DynamoDB keeps its data when not in memory. */
  dataDir?: string;
  /** Real Redis; absent → in-process stand-ins for locks and the waiting room. */
  redisUrl?: string;
  organizerKey?: string;
  /** Key prefix in Redis, so several stacks (tests) can share one server. */
  redisPrefix?: string;
  quiet?: boolean;
  /**
   * Origin processes. 1 (default) runs the origin inside this process; N > 1 forks N workers
   * (`scripts/origin-worker.ts`) behind the edge, which needs real Redis (`redisUrl`).
   */
  workers?: number;
  /** Fork the origin even for one worker (the benchmark's baseline: one origin process). */
  forkOrigin?: boolean;
  /** `unsafe` only for the benchmark's baseline (it can double-book). */
  bookingMode?: 'safe' | 'unsafe';
  /**
   * Joins per client IP per window at the waiting room. Default: practically unlimited, since
   * locally every buyer arrives from 127.0.0.1; the join-flood drill sets a real limit.
   */
  joinRateLimit?: { limit: number; windowSeconds: number };
  /** CPU-profile forked origin workers and the DynamoDB process into this folder (`--cpu-prof`). */
  profileDir?: string;
}

export interface Stack {
  /** The local edge: storefront, waiting room and API, like the CloudFront distribution. */
  url: string;
  /** The origin API behind the edge (no cache, no token check at the edge); the first worker. */
  originUrl: string;
  /** Every origin process the edge spreads requests across. */
  originUrls: string[];
  /** Process ids serving the origin (this process when it runs in-process). */
  originPids(): number[];
  /** Process id of the embedded DynamoDB (this process unless the origin is forked). */
  readonly dynamoPid: number;
  /**
   * Crash-restarts the embedded DynamoDB (SIGKILL, then the same port and data folder); only
   * when it runs in its own process (forked origin). A failure drill's hook.
   */
  restartDynamo?(): Promise<void>;
  dynamoEndpoint: string;
  dynamoTable: string;
  room: RoomStore;
  close(): Promise<void>;
}

/**
 * Starts embedded DynamoDB, the origin, the waiting room and the local edge, wired like the
 * deployed system. Used by `npm start` and by the end-to-end tests.
 *
 * @example
 * const stack = await startStack({ port: 0, inMemory: true, quiet: true });
 * await fetch(`${stack.url}/api/catalog/events`);
 * await stack.close();
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  };
  try {
    const workers = options.workers ?? 1;
    const forked = workers > 1 || options.forkOrigin === true;
    if (forked && !options.redisUrl) throw new Error(WORKERS_NEED_REDIS);
    // The edge's address is fixed before any origin starts: origins (here or forked) purge its
    // cache through EDGE_URL after organizer changes, from the demo seed on.
    const edgePort = await reserveEdgePort({ port: options.port, host: options.host });
    closers.push(() => edgePort.release());
    const dynamo = await startEmbeddedDynamo(options, closers, forked);
    const dynamoEndpoint = dynamo.endpoint;
    const { room, edgeRoom, redis } = await startRoomStores(options, closers);

    const env = {
      DYNAMODB_ENDPOINT: dynamoEndpoint,
      REDIS_URL: options.redisUrl,
      ORGANIZER_KEY: options.organizerKey ?? 'dev-organizer-key',
      TOKEN_KEYS: JSON.stringify(DEV_TOKEN_KEYS),
      // One ticket-signing key for every worker: a code signed by one verifies on all of them.
      TICKET_KEYS: ticketKeysSetting(generateTicketKeyRing()),
      LOG_LEVEL: options.quiet ? 'silent' : (process.env.LOG_LEVEL ?? 'info'),
      NODE_ENV: 'development',
      BOOKING_MODE: options.bookingMode ?? 'safe',
      FLOODGATE_ALLOW_UNSAFE: options.bookingMode === 'unsafe' ? '1' : undefined,
      EDGE_URL: edgePort.url,
      // Links in emails point at the edge; the local mailbox lives beside the data (issue 9).
      PUBLIC_URL: edgePort.url,
      MAILBOX_DIR: options.inMemory
        ? undefined
        : `${options.dataDir ?? `${repoRoot}.data`}/mailbox`,
      // A distribution id in the caller's environment would send local purges to AWS instead.
      CLOUDFRONT_DISTRIBUTION_ID: undefined,
    };
    const config = parseOriginConfig(env);
    const lockPrefix = options.redisPrefix ?? 'fg:';
    let originUrls: string[];
    let originPids: () => number[];
    if (forked) {
      const pool = await startOriginWorkers({
        count: workers,
        env,
        redisPrefix: lockPrefix,
        seed: true,
        profileDir: options.profileDir,
        log: options.quiet ? undefined : (m) => console.log(m),
      });
      closers.push(() => pool.close());
      originUrls = pool.urls;
      originPids = pool.pids;
    } else {
      const origin = await startOrigin({
        config,
        deps: { admission: room, redis, lockPrefix },
        port: 0,
        host: '127.0.0.1',
      });
      closers.push(() => origin.close());
      await seedDemoEvent(origin.deps);
      originUrls = [origin.url];
      originPids = () => [process.pid];
    }

    const storefrontDir = await buildStorefront({ quiet: options.quiet });
    const checkAccessToken = createCloudFrontFunctionRunner({
      code: compileViewerRequestFunction(),
      kvs: Object.fromEntries(
        Object.entries(DEV_TOKEN_KEYS.keys).map(([kid, secret]) => [`kid:${kid}`, secret]),
      ),
    });
    const waitingRoom = createWaitingRoomHandler({
      store: edgeRoom,
      keys: DEV_TOKEN_KEYS,
      // Locally every buyer (and every benchmark user) arrives from 127.0.0.1.
      joinRateLimit: options.joinRateLimit ?? { limit: 1_000_000, windowSeconds: 60 },
    });

    await edgePort.release();
    const edge = await startLocalEdge({
      port: edgePort.port,
      host: options.host ?? '127.0.0.1',
      apiOrigin: originUrls,
      storefrontDir,
      viewerRequestFunctions: { 'check-access-token': checkAccessToken },
      originRequestLambdas: { 'waiting-room': (event: unknown) => waitingRoom(event as never) },
    });
    closers.push(() => edge.close());

    return {
      url: edge.url,
      originUrl: originUrls[0] as string,
      originUrls,
      originPids,
      get dynamoPid() {
        return dynamo.pid();
      },
      restartDynamo: dynamo.restart,
      dynamoEndpoint,
      dynamoTable: config.dynamoTable,
      room,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** Why several origin processes cannot run on the embedded stand-ins. */
export const WORKERS_NEED_REDIS =
  'several origin workers need real Redis, shared by all of them for seat locks and the ' +
  'waiting room: set REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379), or run one worker';

/**
 * The embedded DynamoDB: in this process, or (with forked origin workers) in a child process of
 * its own so its work does not queue behind the edge's on one event loop.
 */
async function startEmbeddedDynamo(
  options: StackOptions,
  closers: (() => Promise<void>)[],
  ownProcess: boolean,
): Promise<{ endpoint: string; pid: () => number; restart?: () => Promise<void> }> {
  let path: string | undefined;
  if (!options.inMemory) {
    path = `${options.dataDir ?? `${repoRoot}.data`}/dynamo`;
    await mkdir(path, { recursive: true });
  }
  if (ownProcess) {
    const child = await startDynaliteProcess({ path, profileDir: options.profileDir });
    closers.push(() => child.close());
    return { endpoint: child.endpoint, pid: child.pid, restart: child.restart };
  }
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, pid: () => process.pid };
}

/**
 * The waiting room's state. With Redis, the origin talks to it over TCP (ioredis) and the
 * Lambda@Edge code over the Upstash REST protocol, exactly as in AWS; without it, both share
 * one in-process store.
 */
async function startRoomStores(
  options: StackOptions,
  closers: (() => Promise<void>)[],
): Promise<{ room: RoomStore; edgeRoom: RoomStore; redis?: IORedis }> {
  if (!options.redisUrl) {
    const room = createMemoryRoomStore();
    return { room, edgeRoom: room };
  }
  const prefix = options.redisPrefix ?? 'fg:';
  const redis: IORedis = createRedisClient(options.redisUrl);
  closers.push(async () => void redis.disconnect());
  const bridge: UpstashBridge = await startUpstashBridge({
    redisUrl: options.redisUrl,
    token: 'local-upstash-token',
  });
  closers.push(() => bridge.close());
  return {
    redis,
    room: createIoredisRoomStore(redis, { prefix }),
    edgeRoom: createUpstashRoomStore({ url: bridge.url, token: bridge.token, prefix }),
  };
}
