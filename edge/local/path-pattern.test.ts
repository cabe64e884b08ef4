import { describe, expect, it } from 'vitest';
import { allBehaviours, type Behaviour } from '../behaviours';
import { matchesPathPattern, selectBehaviour } from './path-pattern';

describe('matchesPathPattern', () => {
  it('matches * against zero or more characters, slashes included', () => {
    expect(matchesPathPattern('/api/*', '/api/')).toBe(true);
    expect(matchesPathPattern('/api/*', '/api/catalog/events/x')).toBe(true);
    expect(matchesPathPattern('/api/docs*', '/api/docs')).toBe(true);
    expect(matchesPathPattern('/api/*', '/api')).toBe(false);
  });

  it('matches ? against exactly one character', () => {
    expect(matchesPathPattern('/v?/x', '/v1/x')).toBe(true);
    expect(matchesPathPattern('/v?/x', '/v/x')).toBe(false);
    expect(matchesPathPattern('/v?/x', '/v12/x')).toBe(false);
  });

  it('is case-sensitive and treats regex characters literally', () => {
    expect(matchesPathPattern('/api/*', '/API/holds')).toBe(false);
    expect(matchesPathPattern('/a.b/*', '/aXb/c')).toBe(false);
    expect(matchesPathPattern('/a.b/*', '/a.b/c')).toBe(true);
  });

  it('reads a pattern without a leading slash as if it had one', () => {
    expect(matchesPathPattern('images/*', '/images/a.png')).toBe(true);
  });
});

describe('selectBehaviour', () => {
  it('uses the first match in table order, so /api/catalog/* wins over /api/*', () => {
    expect(selectBehaviour('/api/catalog/events').pathPattern).toBe('/api/catalog/*');
    expect(selectBehaviour('/api/admin/events').pathPattern).toBe('/api/admin/*');
    expect(selectBehaviour('/api/holds').pathPattern).toBe('/api/*');
    expect(selectBehaviour('/wr/demo-arena/state').pathPattern).toBe('/wr/*');
    expect(selectBehaviour('/assets/app-abc.js').pathPattern).toBe('/assets/*');
  });

  it('falls back to the default * behaviour last', () => {
    expect(selectBehaviour('/events/demo-arena').pathPattern).toBe('*');
    expect(selectBehaviour('/').pathPattern).toBe('*');
    expect(selectBehaviour('/Api/holds').pathPattern).toBe('*');
  });

  it('respects a custom table order', () => {
    const [admin, catalog] = allBehaviours as Behaviour[];
    const table = [
      { ...(admin as Behaviour), pathPattern: '/api/*' },
      { ...(catalog as Behaviour), pathPattern: '/api/catalog/*' },
      allBehaviours[allBehaviours.length - 1] as Behaviour,
    ];
    expect(selectBehaviour('/api/catalog/x', table)).toBe(table[0]);
  });
});
