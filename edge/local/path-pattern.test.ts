import { describe, expect, it } from 'vitest';
import { allBehaviours, type Behaviour } from '../behaviours';
import { matchesPathPattern, selectBehaviour } from './path-pattern';

describe('matchesPathPattern', () => {
  it('matches * against zero or more characters, slashes included', () => {
    // Rule ("Cache behavior settings", Path pattern): * matches 0 or more characters, / too.
    expect(matchesPathPattern('/api/*', '/api/')).toBe(true);
    expect(matchesPathPattern('/api/*', '/api/catalog/events/x')).toBe(true);
    expect(matchesPathPattern('/api/docs*', '/api/docs')).toBe(true);
    expect(matchesPathPattern('/api/*', '/api')).toBe(false);
  });

  it('matches ? against exactly one character', () => {
    // Rule ("Cache behavior settings", Path pattern): ? matches exactly one character.
    expect(matchesPathPattern('/v?/x', '/v1/x')).toBe(true);
    expect(matchesPathPattern('/v?/x', '/v/x')).toBe(false);
    expect(matchesPathPattern('/v?/x', '/v12/x')).toBe(false);
  });

  it('is case-sensitive and treats regex characters literally', () => {
    // Rule ("Cache behavior settings", Path pattern): path patterns are case-sensitive; only *
    // and ? are wildcards.
    expect(matchesPathPattern('/api/*', '/API/holds')).toBe(false);
    expect(matchesPathPattern('/a.b/*', '/aXb/c')).toBe(false);
    expect(matchesPathPattern('/a.b/*', '/a.b/c')).toBe(true);
  });

  it('reads a pattern without a leading slash as if it had one', () => {
    // Rule ("Cache behavior settings", Path pattern): behaviour is the same with or without
    // the leading /.
    expect(matchesPathPattern('images/*', '/images/a.png')).toBe(true);
  });
});

describe('selectBehaviour', () => {
  it('uses the first match in table order, so /api/catalog/* wins over /api/*', () => {
    // Rule ("Cache behavior settings", Path pattern): behaviours are evaluated in the order
    // listed, and the first match wins.
    expect(selectBehaviour('/api/catalog/events').pathPattern).toBe('/api/catalog/*');
    expect(selectBehaviour('/api/admin/events').pathPattern).toBe('/api/admin/*');
    expect(selectBehaviour('/api/holds').pathPattern).toBe('/api/*');
    expect(selectBehaviour('/wr/demo-arena/state').pathPattern).toBe('/wr/*');
    expect(selectBehaviour('/assets/app-abc.js').pathPattern).toBe('/assets/*');
  });

  it('falls back to the default * behaviour last', () => {
    // Rule ("Cache behavior settings"): the default behaviour (*) is always processed last.
    expect(selectBehaviour('/events/demo-arena').pathPattern).toBe('*');
    expect(selectBehaviour('/').pathPattern).toBe('*');
    expect(selectBehaviour('/Api/holds').pathPattern).toBe('*');
  });

  it('respects a custom table order', () => {
    // Rule ("Cache behavior settings", Path pattern): the order of the list decides, not how
    // specific a pattern is.
    const [admin, catalog] = allBehaviours as Behaviour[];
    const table = [
      { ...(admin as Behaviour), pathPattern: '/api/*' },
      { ...(catalog as Behaviour), pathPattern: '/api/catalog/*' },
      allBehaviours[allBehaviours.length - 1] as Behaviour,
    ];
    expect(selectBehaviour('/api/catalog/x', table)).toBe(table[0]);
  });
});
