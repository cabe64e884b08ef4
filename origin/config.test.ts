import { describe, expect, it } from 'vitest';
import { DEV_ORGANIZER_KEY, DEV_TOKEN_KEYS, parseOriginConfig } from './config';

describe('parseOriginConfig', () => {
  it('uses local defaults when nothing is set', () => {
    const config = parseOriginConfig({});
    expect(config).toMatchObject({
      port: 8080,
      dynamoTable: 'floodgate',
      awsRegion: 'local',
      organizerKey: DEV_ORGANIZER_KEY,
      tokenKeys: DEV_TOKEN_KEYS,
      bookingMode: 'safe',
      holdLockTtlMs: 5000,
    });
    expect(config.redisUrl).toBeUndefined();
  });

  it('parses TOKEN_KEYS JSON and numeric settings', () => {
    const keys = { activeKid: 'k2', keys: { k2: 'x'.repeat(40), k1: 'y'.repeat(40) } };
    const config = parseOriginConfig({ TOKEN_KEYS: JSON.stringify(keys), PORT: '9000' });
    expect(config.tokenKeys).toEqual(keys);
    expect(config.port).toBe(9000);
  });

  it('names the bad setting in the error', () => {
    expect(() => parseOriginConfig({ PORT: 'abc' })).toThrow(/^PORT:/);
    expect(() => parseOriginConfig({ TOKEN_KEYS: '{' })).toThrow(/^TOKEN_KEYS: not valid JSON/);
    expect(() =>
      parseOriginConfig({
        TOKEN_KEYS: JSON.stringify({ activeKid: 'a', keys: { b: 'x'.repeat(40) } }),
      }),
    ).toThrow(/^TOKEN_KEYS: activeKid/);
    expect(() => parseOriginConfig({ REDIS_URL: 'not a url' })).toThrow(/^REDIS_URL:/);
  });

  it('requires ORGANIZER_KEY, TOKEN_KEYS and TICKET_KEYS in production', () => {
    expect(() => parseOriginConfig({ NODE_ENV: 'production' })).toThrow(/^ORGANIZER_KEY/);
    expect(() =>
      parseOriginConfig({ NODE_ENV: 'production', ORGANIZER_KEY: 'a-long-organizer-key' }),
    ).toThrow(/^TOKEN_KEYS/);
    expect(() =>
      parseOriginConfig({
        NODE_ENV: 'production',
        ORGANIZER_KEY: 'a-long-organizer-key',
        TOKEN_KEYS: JSON.stringify({ activeKid: 'k1', keys: { k1: 'x'.repeat(43) } }),
      }),
    ).toThrow(/^TICKET_KEYS/);
  });

  it('refuses unsafe booking mode unless explicitly allowed', () => {
    expect(() => parseOriginConfig({ BOOKING_MODE: 'unsafe' })).toThrow(/^BOOKING_MODE/);
    expect(
      parseOriginConfig({ BOOKING_MODE: 'unsafe', FLOODGATE_ALLOW_UNSAFE: '1' }).bookingMode,
    ).toBe('unsafe');
  });

  it('points the waiting room at ROOM_REDIS_URL, else at REDIS_URL', () => {
    const redis = 'redis://127.0.0.1:6379';
    expect(parseOriginConfig({ REDIS_URL: redis })).toMatchObject({
      roomRedisUrl: redis,
      roomKeyPrefix: 'fg:',
    });
    expect(
      parseOriginConfig({ REDIS_URL: redis, ROOM_REDIS_URL: 'redis://room:6380' }).roomRedisUrl,
    ).toBe('redis://room:6380');
    expect(parseOriginConfig({}).roomRedisUrl).toBeUndefined();
    expect(() => parseOriginConfig({ ROOM_REDIS_URL: 'nope' })).toThrow(/^ROOM_REDIS_URL:/);
  });

  it('reads the CDN settings and the log level (silent under tests by default)', () => {
    expect(
      parseOriginConfig({
        CLOUDFRONT_DISTRIBUTION_ID: 'E2ABCDEF123456',
        EDGE_URL: 'http://x:3000',
      }),
    ).toMatchObject({ cloudfrontDistributionId: 'E2ABCDEF123456', edgeUrl: 'http://x:3000' });
    expect(() => parseOriginConfig({ CLOUDFRONT_DISTRIBUTION_ID: 'lower' })).toThrow(
      /^CLOUDFRONT_DISTRIBUTION_ID:/,
    );
    expect(parseOriginConfig({}).logLevel).toBe('info');
    expect(parseOriginConfig({ NODE_ENV: 'test' }).logLevel).toBe('silent');
    expect(parseOriginConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });
});
