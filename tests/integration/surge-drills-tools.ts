/**
 * What the failure drills break things with: a private Redis server that can be killed and
 * started again on the same port (the shared one on 6379 is never touched), and a client that
 * floods `join` from one address.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { freePort } from '../../scripts/free-port';
import { answersPing } from '../helpers/redis';

/** True when a `redis-server` binary is on the PATH (the Redis restart drill needs one). */
export const hasRedisServer =
  spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

export interface PrivateRedis {
  url: string;
  /** Kills the server (SIGKILL: everything in it is gone, nothing is persisted). */
  kill(): Promise<void>;
  /** Starts it again, empty, on the same port; resolves once it answers PING. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A throwaway `redis-server --port <free> --save "" --appendonly no` for one drill.
 * @example const redis = await startPrivateRedis(); await redis.kill(); await redis.start();
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await answersPing(`redis://127.0.0.1:${port}`, 300)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`private redis-server on ${port} did not answer PING`);
  };
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start, close: kill };
}

/** What the flooding client got back. */
export interface FloodResult {
  statuses: Record<string, number>;
  /** `Retry-After` of every 429 answer. */
  retryAfter: string[];
}

/**
 * Sends `total` joins to the event's waiting room from one loopback address, `concurrency` at a
 * time, as a script hammering `join` would.
 */
export async function floodJoins(
  edgeUrl: string,
  eventId: string,
  options: { total: number; concurrency: number; from: string },
): Promise<FloodResult> {
  const url = new URL(edgeUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const result: FloodResult = { statuses: {}, retryAfter: [] };
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const req = http.request(
        {
          hostname: url.hostname,
          port: url.port,
          path: `/wr/${eventId}/join`,
          method: 'POST',
          agent,
          localAddress: options.from,
          headers: { 'content-type': 'application/json', 'content-length': '2' },
          timeout: 10_000,
        },
        (res) => {
          const status = String(res.statusCode);
          result.statuses[status] = (result.statuses[status] ?? 0) + 1;
          const after = res.headers['retry-after'];
          if (res.statusCode === 429) result.retryAfter.push(String(after ?? ''));
          res.resume();
          res.on('end', () => resolve());
        },
      );
      const failed = () => {
        result.statuses.network = (result.statuses.network ?? 0) + 1;
        resolve();
      };
      req.on('error', failed);
      req.on('timeout', () => req.destroy());
      req.end('{}');
    });
  const lane = async () => {
    while (sent < options.total) {
      sent++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  agent.destroy();
  return result;
}
