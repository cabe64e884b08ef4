import { describe, expect, it } from 'vitest';
import { parseStartConfig } from './start-config';

describe('npm start configuration', () => {
  it('uses embedded defaults when nothing is set', () => {
    const config = parseStartConfig({}, []);
    expect(config).toMatchObject({ PORT: 3000, FLOODGATE_IN_MEMORY: false, FLOODGATE_WORKERS: 1 });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('lets flags override the environment', () => {
    const config = parseStartConfig({ PORT: '4000' }, ['--port', '5000', '--in-memory']);
    expect(config.PORT).toBe(5000);
    expect(config.FLOODGATE_IN_MEMORY).toBe(true);
  });

  it('names the bad setting in the error', () => {
    expect(() => parseStartConfig({ PORT: 'abc' }, [])).toThrow(/PORT/);
    expect(() => parseStartConfig({ REDIS_URL: 'http://x' }, [])).toThrow(
      /REDIS_URL: must start with redis/,
    );
    expect(() => parseStartConfig({}, ['--bogus'])).toThrow(/unknown flag --bogus/);
  });

  it('refuses several origin workers without real Redis, naming REDIS_URL', () => {
    expect(() => parseStartConfig({}, ['--workers', '2'])).toThrow(
      /FLOODGATE_WORKERS: 2 origin workers need real Redis.*REDIS_URL/,
    );
    const config = parseStartConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }, ['--workers', '2']);
    expect(config.FLOODGATE_WORKERS).toBe(2);
  });
});
