import { allBehaviours, type Behaviour } from '../behaviours';

/**
 * CloudFront path-pattern matching: case-sensitive, `*` matches zero or more characters
 * (slashes included), `?` exactly one, everything else literally. A pattern without a leading
 * `/` is treated as if it had one, except the default `*`.
 *
 * @example
 * matchesPathPattern('/api/*', '/api/holds') // true
 * matchesPathPattern('/api/*', '/API/holds') // false
 */
export function matchesPathPattern(pattern: string, path: string): boolean {
  return compilePathPattern(pattern).test(path);
}

const compiled = new Map<string, RegExp>();

/** The anchored RegExp for a CloudFront path pattern (memoised: the table is small and fixed). */
export function compilePathPattern(pattern: string): RegExp {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  const normalised = pattern === '*' || pattern.startsWith('/') ? pattern : `/${pattern}`;
  let source = '';
  for (const ch of normalised) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`, 's');
  compiled.set(pattern, regex);
  return regex;
}

/**
 * The behaviour CloudFront would use for `path`: the first pattern in table order that matches,
 * else the last entry (the default `*`). The path is the URI path only, no query string.
 */
export function selectBehaviour(
  path: string,
  table: readonly Behaviour[] = allBehaviours,
): Behaviour {
  const found = table.find((b) => matchesPathPattern(b.pathPattern, path));
  const fallback = table[table.length - 1];
  if (!found && !fallback) throw new Error('The behaviours table is empty');
  return (found ?? fallback) as Behaviour;
}
