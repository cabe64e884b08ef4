/**
 * Finds syntax that the cloudfront-js-2.0 runtime does not support (or that AWS warns against)
 * in a compiled CloudFront Function. A heuristic scanner, not a parser: strings, template
 * literals and comments are blanked first, so only code is checked. Used by the compile test
 * and by the local sandbox, which refuses code CloudFront would refuse.
 */
const RULES: [RegExp, string][] = [
  [/\?\.(?!\d)/, 'optional chaining (?.)'],
  [/\?\?/, 'nullish coalescing (??)'],
  [/\.\.\./, 'spread or rest (...)'],
  [/\bclass\s+[A-Za-z_$]/, 'class declaration'],
  [/\b(?:const|let|var)\s*[[{]/, 'destructuring declaration'],
  [/\bfunction\s*[A-Za-z_$\d]*\s*\(\s*[[{]/, 'destructuring parameter'],
  [/\(\s*[[{][^()]*\)\s*=>/, 'destructuring arrow parameter'],
  [
    /\basync\s*(?:\(|[A-Za-z_$][\w$]*\s*=>)/,
    'async arrow function (async closures are unsupported)',
  ],
  [/\beval\s*\(/, 'eval'],
  [/\bnew\s+Function\b/, 'Function constructor'],
  [/\b(?:setTimeout|setInterval|setImmediate|queueMicrotask)\s*\(/, 'timers'],
  [/\bfetch\s*\(/, 'network (fetch)'],
  [/\bprocess\./, 'process'],
  [/^\s*export\s/m, 'export (the runtime wants a global handler)'],
];

/** Replaces string, template and regex-free comment contents with spaces (keeps positions). */
function blankLiterals(code: string): string {
  return code
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:])\/\/[^\n]*/g, (m, p: string) => p + ' '.repeat(m.length - p.length))
    .replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, (m) => `'${' '.repeat(m.length - 2)}'`)
    .replace(/`(?:\\.|[^`\\])*`/g, (m) => `\`${m.slice(1, -1).replace(/[^\n]/g, ' ')}\``);
}

/** Names of the unsupported constructs found (empty when the code is fine). */
export function findForbiddenSyntax(code: string): string[] {
  const scanned = blankLiterals(code);
  const found = RULES.filter(([pattern]) => pattern.test(scanned)).map(([, name]) => name);
  for (const match of scanned.matchAll(/\bimport\s[^;]*?from\s*'([^']*)'/g)) {
    const spec = code.slice(match.index ?? 0).match(/from\s*['"]([^'"]*)['"]/)?.[1];
    if (spec !== 'cloudfront') found.push(`import of "${spec}" (only 'cloudfront' exists)`);
  }
  for (const match of code.matchAll(/\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    if (!['crypto', 'querystring', 'buffer'].includes(match[1] ?? '')) {
      found.push(`require("${match[1]}") (only crypto, querystring, buffer)`);
    }
  }
  return found;
}
