import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, readInfraConfig } from './config';

const from = (values: Record<string, string>) =>
  readInfraConfig((key, env) => values[key] ?? (env ? values[env] : undefined));

describe('readInfraConfig', () => {
  it('synthesizes offline with placeholders when nothing is set', () => {
    const config = from({});
    expect(config.account).toBe(PLACEHOLDER.account);
    expect(config.region).toBe('eu-west-1');
    expect(config.onSaleTimes).toEqual([]);
    expect(config.edgeUsesPlaceholders).toBe(true);
  });

  it('reads on-sale times as a comma-separated list of ISO times', () => {
    const config = from({ onSaleTimes: '2030-03-01T18:00:00Z, 2030-04-01T18:00:00+02:00' });
    expect(config.onSaleTimes.map((d) => d.toISOString())).toEqual([
      '2030-03-01T18:00:00.000Z',
      '2030-04-01T16:00:00.000Z',
    ]);
  });

  it('gives the origin its public address from publicUrl, else from the custom domain', () => {
    expect(from({}).publicUrl).toBeUndefined();
    expect(from({ domain: 'tickets.example.com' }).publicUrl).toBe('https://tickets.example.com');
    expect(
      from({ domain: 'tickets.example.com', publicUrl: 'https://d1234.cloudfront.net' }).publicUrl,
    ).toBe('https://d1234.cloudfront.net');
    expect(() => from({ publicUrl: 'not a url' })).toThrow(/publicUrl/);
  });

  it('takes the edge secrets from the environment and stops using placeholders', () => {
    const keys = { activeKid: 'k1', keys: { k1: 'x'.repeat(43) } };
    const config = from({
      UPSTASH_REDIS_REST_URL: 'https://eu1-fine-cat.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 'token',
      FLOODGATE_TOKEN_KEYS: JSON.stringify(keys),
    });
    expect(config.edgeUsesPlaceholders).toBe(false);
    expect(config.edge).toMatchObject({
      upstash: { url: 'https://eu1-fine-cat.upstash.io', token: 'token' },
      keys,
    });
  });

  it.each([
    ['account', { account: '12345' }],
    ['onSaleTimes', { onSaleTimes: 'next friday' }],
    ['alarmEmail', { alarmEmail: 'not-an-email' }],
    ['repository', { repository: 'no-slash' }],
    ['FLOODGATE_TOKEN_KEYS', { FLOODGATE_TOKEN_KEYS: '{"activeKid":"k1","keys":{"k1":"short"}}' }],
  ])('fails with a message naming the bad setting %s', (name, values) => {
    expect(() => from(values)).toThrow(`infra setting "${name}" is invalid`);
  });
});
