/**
 * The processes of the multi-process local stack (`npm start -- --workers N`, the surge benchmark).
 *
 * {@link startOriginWorkers} forks this file N times (`--import tsx`), each child an origin like
 * one ECS task, all sharing the embedded DynamoDB (endpoint in the env) and real Redis (locks and
 * the waiting room under one key prefix). Every worker keeps its port for life, so the edge's
 * list of origin URLs stays valid when a worker dies and is restarted.
 * {@link startDynaliteProcess} runs the embedded DynamoDB in a child too, so its CPU work does not
 * queue behind the edge's on one event loop; it keeps its port across `restart()` (a crash drill),
 * so the workers' endpoint stays valid.
 *
 * Protocol: child → `{ type: 'ready', url }` once listening; the parent stops a child with
 * SIGTERM (or by disconnecting), and the child drains and exits.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

const ENTRY = fileURLToPath(import.meta.url);
/** Time a worker gets to load (tsx), connect and listen before start-up fails. */
const READY_LIMIT_MS = 30_000;
/** Time a worker gets to drain on close before it is killed. */
const STOP_LIMIT_MS = 5_000;
const MAX_RESTART_DELAY_MS = 5_000;

export interface OriginWorkersOptions {
  count: number;
  /** Origin settings every worker gets (DYNAMODB_ENDPOINT, REDIS_URL, BOOKING_MODE, …). */
  env: Record<string, string | undefined>;
  /** Redis key prefix for locks and the waiting room (must match the edge's). */
  redisPrefix: string;
  /** Worker 0 creates the demo event when the table has none. */
  seed?: boolean;
  /** Start and stop messages; restarts are always reported through `warn`. */
  log?: (message: string) => void;
  warn?: (message: string) => void;
  /** Write a CPU profile per worker process into `<profileDir>/origin-<index>/` at exit. */
  profileDir?: string;
}

export interface OriginWorkers {
  urls: string[];
  /** Process ids of the live workers, in worker order (for CPU sampling and drills). */
  pids(): number[];
  /** How many times a worker was restarted after dying. */
  restarts(): number;
  close(): Promise<void>;
}

/**
 * Forks `count` origin workers and resolves once all listen. A worker that dies is restarted on
 * its port (logged, with a growing delay when it keeps dying); `close()` stops them all.
 *
 * @example
 * const workers = await startOriginWorkers({ count: 2, env: { DYNAMODB_ENDPOINT, REDIS_URL }, redisPrefix: 'fg:' });
 * await startLocalEdge({ apiOrigin: workers.urls, ... });
 */
export async function startOriginWorkers(options: OriginWorkersOptions): Promise<OriginWorkers> {
  const warn = options.warn ?? ((m: string) => console.error(m));
  const log = options.log ?? (() => undefined);
  const ports = await Promise.all(Array.from({ length: options.count }, freePort));
  const children: (ChildProcess | undefined)[] = [];
  let stopping = false;
  let restarts = 0;

  const spawn = (index: number, failures: number): Promise<void> => {
    const child = fork(ENTRY, [], {
      execArgv: childArgs(options.profileDir, `origin-${index}`),
      env: {
        ...process.env,
        ...options.env,
        PORT: String(ports[index]),
        FLOODGATE_PROCESS: 'origin',
        FLOODGATE_WORKER_ID: String(index),
        FLOODGATE_REDIS_PREFIX: options.redisPrefix,
        FLOODGATE_SEED: options.seed && index === 0 ? '1' : '0',
        // The SDK's Node-version notice, once (from worker 0) rather than once per worker.
        ...(index > 0 ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } : {}),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children[index] = child;
    const startedAt = Date.now();
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`origin worker ${index} did not start within ${READY_LIMIT_MS} ms`)),
        READY_LIMIT_MS,
      );
      child.on('message', (message: { type?: string }) => {
        if (message.type !== 'ready') return;
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`origin worker ${index} exited (${signal ?? `code ${code}`}) at start`));
      });
    });
    child.once('exit', (code, signal) => {
      if (stopping || children[index] !== child) return;
      children[index] = undefined;
      // A worker that keeps dying right after start waits longer each time, up to 5 s.
      const quick = Date.now() - startedAt < 10_000;
      const next = quick ? failures + 1 : 0;
      const delay = Math.min(MAX_RESTART_DELAY_MS, 200 * 2 ** next);
      warn(
        `[floodgate] origin worker ${index} (pid ${child.pid}) exited (${signal ?? `code ${code}`}); restarting in ${delay} ms`,
      );
      setTimeout(() => {
        if (stopping) return;
        restarts++;
        spawn(index, next).then(
          () => warn(`[floodgate] origin worker ${index} is back (pid ${children[index]?.pid})`),
          (error: unknown) => warn(`[floodgate] ${String(error)}`),
        );
      }, delay).unref();
    });
    return ready;
  };

  const stopAll = async () => {
    stopping = true;
    await Promise.all(children.map((child) => (child ? stopChild(child) : undefined)));
  };

  try {
    await Promise.all(ports.map((_, index) => spawn(index, 0)));
  } catch (error) {
    await stopAll();
    throw error;
  }
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  log(`[floodgate] ${options.count} origin workers: ${urls.join(', ')}`);
  return {
    urls,
    pids: () => children.flatMap((child) => (child?.pid ? [child.pid] : [])),
    restarts: () => restarts,
    close: stopAll,
  };
}

/** `--import tsx`, plus `--cpu-prof` into `<profileDir>/<role>` when profiling. */
function childArgs(profileDir: string | undefined, role: string): string[] {
  const args = ['--import', 'tsx'];
  if (profileDir) args.push('--cpu-prof', '--cpu-prof-dir', `${profileDir}/${role}`);
  return args;
}

/** SIGTERM, then SIGKILL if the worker has not drained within {@link STOP_LIMIT_MS}. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The child: one origin on the port the parent chose, with Redis-backed locks and room. */
async function runWorker(): Promise<void> {
  const [{ connectRedisClient }, { parseOriginConfig }, { startOrigin }, { seedDemoEvent }] =
    await Promise.all([
      import('../origin/adapters/redis-client'),
      import('../origin/config'),
      import('../origin/server'),
      import('../origin/seed'),
    ]);
  const { createIoredisRoomStore } = await import('../edge/waiting-room/store/ioredis');
  const config = parseOriginConfig(process.env);
  if (!config.redisUrl) throw new Error('origin workers need REDIS_URL');
  const prefix = process.env.FLOODGATE_REDIS_PREFIX ?? 'fg:';
  const redis = await connectRedisClient(config.redisUrl);
  const origin = await startOrigin({
    config,
    deps: { admission: createIoredisRoomStore(redis, { prefix }), redis, lockPrefix: prefix },
    host: '127.0.0.1',
  });
  if (process.env.FLOODGATE_SEED === '1') await seedDemoEvent(origin.deps);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    origin
      .close()
      .finally(() => redis.disconnect())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined); // Ctrl-C reaches the whole group; the parent decides.
  process.on('disconnect', stop); // The parent died: do not linger as an orphan.
  process.send?.({ type: 'ready', url: origin.url });
}

/** The child: the one embedded DynamoDB-compatible server, persisted under `path` if given. */
async function runDynalite(): Promise<void> {
  const { default: dynalite } = await import('dynalite');
  const path = process.env.FLOODGATE_DYNALITE_PATH || undefined;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(process.env.FLOODGATE_DYNALITE_PORT ?? 0), '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', () => undefined);
  process.on('disconnect', stop);
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` });
}

/** The embedded DynamoDB in its own process. */
export interface DynaliteProcess {
  endpoint: string;
  /** The current process (a new one after {@link DynaliteProcess.restart}). */
  pid(): number;
  /**
   * Kills the server (SIGKILL, as a crash) and starts it again on the same port and data path:
   * with a path, what was written survives; clients reconnect to the same endpoint.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the embedded DynamoDB in its own process; resolves with its endpoint once it listens.
 * @example const dynamo = await startDynaliteProcess({ path: '.data/dynamo' });
 */
export async function startDynaliteProcess(options: {
  path?: string;
  /** Write a CPU profile into `<profileDir>/dynalite/` at exit. */
  profileDir?: string;
}): Promise<DynaliteProcess> {
  let port = 0;
  const start = async (): Promise<{ child: ChildProcess; url: string }> => {
    const child = fork(ENTRY, [], {
      execArgv: childArgs(options.profileDir, 'dynalite'),
      env: {
        ...process.env,
        FLOODGATE_PROCESS: 'dynalite',
        FLOODGATE_DYNALITE_PATH: options.path,
        FLOODGATE_DYNALITE_PORT: String(port),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('embedded DynamoDB did not start')), 30_000);
      child.once('message', (message: { url: string }) => {
        clearTimeout(timer);
        resolve(message.url);
      });
      child.once('exit', (code) => reject(new Error(`embedded DynamoDB exited (${code})`)));
    }).catch(async (error) => {
      await stopChild(child);
      throw error;
    });
    return { child, url };
  };
  let current = await start();
  port = Number(new URL(current.url).port);
  return {
    endpoint: current.url,
    pid: () => current.child.pid ?? 0,
    async restart() {
      const { child } = current;
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        });
      }
      current = await start();
    },
    close: () => stopChild(current.child),
  };
}

if (process.argv[1] === ENTRY && process.env.FLOODGATE_PROCESS) {
  const role = process.env.FLOODGATE_PROCESS;
  (role === 'dynalite' ? runDynalite() : runWorker()).catch((error: unknown) => {
    console.error(`[floodgate] ${role} process failed: ${String(error)}`);
    process.exit(1);
  });
}
