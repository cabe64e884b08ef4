import { Socket } from 'node:net';
import type { Redis } from 'ioredis';

const DEFAULT_URL = 'redis://127.0.0.1:6379';

/** Whether a Redis server at `url` answers PING within `timeoutMs` (false on refusal, silence). */
export function answersPing(url: string, timeoutMs = 500): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port || 6379), hostname || '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/**
 * The Redis URL integration tests should use, or undefined when none answers.
 * Uses REDIS_URL when set, else 127.0.0.1:6379.
 */
export async function redisUrlForTests(): Promise<string | undefined> {
  const url = process.env.REDIS_URL ?? DEFAULT_URL;
  return (await answersPing(url)) ? url : undefined;
}

/**
 * `describe.skipIf(!redisUrl)`-friendly: resolves once per file.
 * Under CI=true the global setup has already failed the run when Redis is missing.
 */
export const redisUrl: string | undefined = await redisUrlForTests();

/** A key prefix unique to one test, so parallel suites never see each other's keys. */
export function uniquePrefix(name: string): string {
  return `test:${name}:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;
}

/** Deletes every key under a prefix (tests own their prefix). */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}
