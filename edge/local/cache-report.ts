import type { BehaviourStats, StatsSnapshot } from './stats';

/** What {@link formatCacheReport} reads: the edge's stats, with the cache's size when known. */
export type CacheReportInput = StatsSnapshot & {
  readonly cache?: { readonly objects: number; readonly bytes: number };
};

/**
 * The cache report as text for a terminal: hit ratio, origin requests and bytes per behaviour,
 * bytes served from cache vs origin, and the most requested keys. `npm run edge` prints it on
 * exit; `GET /_edge/stats` returns the same numbers as JSON.
 *
 * @example console.log(formatCacheReport(edge.stats()));
 */
export function formatCacheReport(stats: CacheReportInput): string {
  const rows: string[][] = [
    [
      'behaviour',
      'requests',
      'hits',
      'refresh',
      'misses',
      'hit %',
      'origin',
      'from cache',
      'from origin',
    ],
  ];
  const line = (name: string, s: BehaviourStats) => [
    name,
    String(s.requests),
    String(s.hits),
    String(s.refreshHits),
    String(s.misses),
    percent(s.hitRatio),
    String(s.originRequests),
    formatBytes(s.bytesFromCache),
    formatBytes(s.bytesFromOrigin),
  ];
  for (const [pattern, s] of Object.entries(stats.behaviours)) rows.push(line(pattern, s));
  rows.push(line('total', stats.total));

  const t = stats.total;
  const servedBytes = t.bytesFromCache + t.bytesFromOrigin;
  const out = [
    'Cache report (local edge)',
    table(rows),
    '',
    `Bytes to viewers: ${formatBytes(t.bytesFromCache)} from cache, ` +
      `${formatBytes(t.bytesFromOrigin)} from origin ` +
      `(${percent(servedBytes === 0 ? 0 : t.bytesFromCache / servedBytes)} from cache)`,
  ];
  if (stats.cache) {
    out.push(`Cache now: ${stats.cache.objects} objects, ${formatBytes(stats.cache.bytes)}`);
  }
  if (stats.topKeys.length > 0) {
    out.push('', 'Top keys');
    const keyRows = [['requests', 'hits', 'misses', 'bytes', 'behaviour', 'key']];
    for (const k of stats.topKeys) {
      keyRows.push([
        String(k.requests),
        String(k.hits),
        String(k.misses),
        formatBytes(k.bytes),
        k.behaviour,
        k.key,
      ]);
    }
    out.push(table(keyRows));
  }
  if (stats.untrackedKeyRequests > 0) {
    out.push(`(${stats.untrackedKeyRequests} requests for keys beyond the tracked limit)`);
  }
  return out.join('\n');
}

/** `12.5 KB`, `3.1 MB`: bytes for humans (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Left-aligns the first and last columns' text, right-aligns numbers. */
function table(rows: string[][]): string {
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => {
          const numeric = /^[\d.]+( ?[%A-Z]+)?$/.test(cell);
          return numeric ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
