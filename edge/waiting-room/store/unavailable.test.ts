import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from './unavailable';

const withName = (name: string, message: string) => Object.assign(new Error(message), { name });

describe('isStoreUnavailable', () => {
  it.each([
    [
      'fail-fast ioredis, no connection',
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    ],
    ['connection dropped under a command', new Error('Connection is closed.')],
    [
      'retries exhausted',
      withName(
        'MaxRetriesPerRequestError',
        'Reached the max retries per request limit (which is 2).',
      ),
    ],
    [
      'socket refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' }),
    ],
    [
      'fetch to Upstash refused',
      new TypeError('fetch failed', {
        cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      }),
    ],
    [
      'bridge relaying ioredis',
      withName(
        'UpstashError',
        'Reached the max retries per request limit (which is 2)., command was: ["evalsha"]',
      ),
    ],
    ['Redis still loading', new Error('LOADING Redis is loading the dataset in memory')],
  ])('recognises %s as an outage', (_label, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
  });

  it.each([
    ['a script bug', new Error('ERR user_script:12: attempt to compare nil with number')],
    ['a bad reply', new Error('room store: unexpected admit status nope')],
    [
      'a script whose text mentions LOADING',
      withName('UpstashError', 'ERR wrong number of args, command was: ["eval","-- LOADING"]'),
    ],
    ['not an error', 'ECONNREFUSED'],
  ])('leaves %s alone', (_label, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
  });
});
