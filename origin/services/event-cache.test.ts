import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../adapters/dynamo/event-repo';
import { createEventCache } from './event-cache';

function fakeStore() {
  const reads: string[] = [];
  const records = new Map<string, EventRecord>();
  return {
    reads,
    records,
    store: {
      events: {
        async get(id: string) {
          reads.push(id);
          return records.get(id);
        },
      },
    } as never,
  };
}

const record = (name: string) => ({ definition: { name } }) as unknown as EventRecord;

describe('event cache', () => {
  it('reads an event once within the TTL, again after it, and at once after invalidate', async () => {
    const f = fakeStore();
    f.records.set('ev', record('First'));
    const clock = { now: 0 };
    const cache = createEventCache(f.store, () => clock.now, 5_000);
    const [a, b] = await Promise.all([cache.get('ev'), cache.get('ev')]);
    expect(a).toBe(b);
    expect(f.reads).toEqual(['ev']);
    f.records.set('ev', record('Second'));
    clock.now = 4_999;
    expect((await cache.require('ev')).definition.name).toBe('First');
    clock.now = 5_000;
    expect((await cache.require('ev')).definition.name).toBe('Second');
    f.records.set('ev', record('Third'));
    cache.invalidate('ev');
    expect((await cache.require('ev')).definition.name).toBe('Third');
    expect(f.reads).toHaveLength(3);
  });

  it('does not cache unknown events, and answers 404 for them', async () => {
    const f = fakeStore();
    const cache = createEventCache(f.store, () => 0);
    await expect(cache.require('nope')).rejects.toMatchObject({ code: 'not_found' });
    f.records.set('nope', record('Now here'));
    expect((await cache.require('nope')).definition.name).toBe('Now here');
  });
});
