/**
 * The local edge's cache counters (`/_edge/stats`), read at a step's start and end so the step's
 * own hit ratio can be computed.
 */
import type { Stack } from '../stack';

/** Cumulative cache outcomes since the edge started. */
export interface EdgeTotals {
  hits: number;
  refreshHits: number;
  misses: number;
}

/** Reads the edge's cumulative cache counters. */
export async function edgeTotals(stack: Stack): Promise<EdgeTotals> {
  const res = await fetch(`${stack.url}/_edge/stats`);
  const body = (await res.json()) as { total?: Partial<EdgeTotals> };
  return {
    hits: body.total?.hits ?? 0,
    refreshHits: body.total?.refreshHits ?? 0,
    misses: body.total?.misses ?? 0,
  };
}

/** Hits (stale-while-revalidate refreshes included) over all lookups between two readings. */
export function hitRatio(before: EdgeTotals, after: EdgeTotals): number | null {
  const hits = after.hits + after.refreshHits - before.hits - before.refreshHits;
  const misses = after.misses - before.misses;
  return hits + misses === 0 ? null : hits / (hits + misses);
}
