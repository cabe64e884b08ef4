/** What happened to one viewer request, as CloudFront's `X-Cache` and reports name it. */
export type EdgeOutcome = 'Hit' | 'RefreshHit' | 'Miss' | 'FunctionGeneratedResponse' | 'Error';

/** Counters for one behaviour. */
export interface BehaviourStats {
  requests: number;
  hits: number;
  refreshHits: number;
  misses: number;
  functionResponses: number;
  errors: number;
  /** Requests that reached the origin (or its origin-request Lambda). */
  originRequests: number;
  /** Misses answered by another request's origin fetch (request collapsing). */
  collapsed: number;
  /** Body bytes sent to viewers from the cache (Hit, RefreshHit). */
  bytesFromCache: number;
  /** Body bytes sent to viewers straight from an origin fetch (Miss). */
  bytesFromOrigin: number;
  /** (hits + refreshHits) / (hits + refreshHits + misses); 0 before any cacheable request. */
  hitRatio: number;
}

/** Counters for one requested object (path and query string after viewer functions). */
export interface KeyStats {
  key: string;
  behaviour: string;
  requests: number;
  hits: number;
  misses: number;
  bytes: number;
}

/** Everything the cache report shows: per behaviour, totals, and the most requested keys. */
export interface StatsSnapshot {
  behaviours: Record<string, BehaviourStats>;
  total: BehaviourStats;
  topKeys: KeyStats[];
  /** Requests for keys beyond the tracked limit (not in `topKeys`). */
  untrackedKeyRequests: number;
}

export interface EdgeStatsOptions {
  /** Distinct keys tracked for the top-keys list (default 10,000); later keys are only counted. */
  readonly maxKeys?: number;
  /** Length of the top-keys list (default 10). */
  readonly topKeys?: number;
}

/** Hit/miss and byte counters per behaviour path pattern and per key, for `GET /_edge/stats`. */
export class EdgeStats {
  private readonly byBehaviour = new Map<string, BehaviourStats>();
  private readonly byKey = new Map<string, KeyStats>();
  private untracked = 0;
  private readonly maxKeys: number;
  private readonly topCount: number;

  constructor(options: EdgeStatsOptions = {}) {
    this.maxKeys = options.maxKeys ?? 10_000;
    this.topCount = options.topKeys ?? 10;
  }

  /** Counts one viewer request: its outcome, the body bytes sent, and the object it asked for. */
  record(pattern: string, outcome: EdgeOutcome, bytes = 0, key?: string): void {
    const s = this.entry(pattern);
    s.requests += 1;
    const fromCache = outcome === 'Hit' || outcome === 'RefreshHit';
    if (outcome === 'Hit') s.hits += 1;
    else if (outcome === 'RefreshHit') s.refreshHits += 1;
    else if (outcome === 'Miss') s.misses += 1;
    else if (outcome === 'FunctionGeneratedResponse') s.functionResponses += 1;
    else s.errors += 1;
    if (fromCache) s.bytesFromCache += bytes;
    else if (outcome === 'Miss') s.bytesFromOrigin += bytes;
    s.hitRatio = ratio(s);
    if (key !== undefined) this.recordKey(pattern, key, outcome, bytes);
  }

  originRequest(pattern: string): void {
    this.entry(pattern).originRequests += 1;
  }

  collapsed(pattern: string): void {
    this.entry(pattern).collapsed += 1;
  }

  /** A copy of every behaviour's counters, totals, and the most requested keys. */
  snapshot(): StatsSnapshot {
    const behaviours: Record<string, BehaviourStats> = {};
    const total = empty();
    for (const [pattern, s] of this.byBehaviour) {
      behaviours[pattern] = { ...s };
      for (const k of Object.keys(total) as (keyof BehaviourStats)[]) total[k] += s[k];
    }
    total.hitRatio = ratio(total);
    const topKeys = [...this.byKey.values()]
      .sort((x, y) => y.requests - x.requests || y.bytes - x.bytes)
      .slice(0, this.topCount)
      .map((k) => ({ ...k }));
    return { behaviours, total, topKeys, untrackedKeyRequests: this.untracked };
  }

  private recordKey(pattern: string, key: string, outcome: EdgeOutcome, bytes: number): void {
    const id = `${pattern}\u0000${key}`;
    let k = this.byKey.get(id);
    if (!k) {
      if (this.byKey.size >= this.maxKeys) {
        this.untracked += 1;
        return;
      }
      k = { key, behaviour: pattern, requests: 0, hits: 0, misses: 0, bytes: 0 };
      this.byKey.set(id, k);
    }
    k.requests += 1;
    if (outcome === 'Hit' || outcome === 'RefreshHit') k.hits += 1;
    else if (outcome === 'Miss') k.misses += 1;
    k.bytes += bytes;
  }

  private entry(pattern: string): BehaviourStats {
    let s = this.byBehaviour.get(pattern);
    if (!s) {
      s = empty();
      this.byBehaviour.set(pattern, s);
    }
    return s;
  }
}

function ratio(s: BehaviourStats): number {
  const served = s.hits + s.refreshHits;
  return served + s.misses === 0 ? 0 : served / (served + s.misses);
}

function empty(): BehaviourStats {
  return {
    requests: 0,
    hits: 0,
    refreshHits: 0,
    misses: 0,
    functionResponses: 0,
    errors: 0,
    originRequests: 0,
    collapsed: 0,
    bytesFromCache: 0,
    bytesFromOrigin: 0,
    hitRatio: 0,
  };
}
