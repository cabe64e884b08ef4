import { describe, expect, it } from 'vitest';
import { Collapser } from './collapse';

describe('Collapser', () => {
  it('runs one fetch for simultaneous calls with the same key and shares the result', async () => {
    // Rule ("Request and response behavior for custom origins", Simultaneous requests for the
    // same object (request collapsing)): simultaneous misses for one key become one origin
    // request, and every waiting viewer gets its response.
    const collapser = new Collapser<number>();
    let calls = 0;
    let release: (v: number) => void = () => {};
    const fetch = () => {
      calls += 1;
      return new Promise<number>((resolve) => {
        release = resolve;
      });
    };
    const all = Promise.all([1, 2, 3].map(() => collapser.run('k', fetch)));
    await Promise.resolve();
    expect(collapser.has('k')).toBe(true);
    release(42);
    const results = await all;
    expect(calls).toBe(1);
    expect(results.map((r) => r.value)).toEqual([42, 42, 42]);
    expect(results.filter((r) => r.leader)).toHaveLength(1);
    expect(collapser.pending).toBe(0);
  });

  it('does not collapse different keys and forgets a key after failure', async () => {
    // Rule ("Request and response behavior for custom origins", request collapsing): only
    // requests for the same cache key are collapsed; a failed fetch is not reused.
    const collapser = new Collapser<string>();
    const [a, b] = await Promise.all([
      collapser.run('a', async () => 'A'),
      collapser.run('b', async () => 'B'),
    ]);
    expect([a.value, b.value]).toEqual(['A', 'B']);
    await expect(collapser.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    expect((await collapser.run('a', async () => 'again')).value).toBe('again');
  });
});
