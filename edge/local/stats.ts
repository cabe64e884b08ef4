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
  /** (hits + refreshHits) / (hits + refreshHits + misses); 0 before any cacheable request. */
  hitRatio: number;
}

/** Hit/miss counters per behaviour path pattern, for `GET /_edge/stats` and tests. */
export class EdgeStats {
  private readonly byBehaviour = new Map<string, BehaviourStats>();

  record(pattern: string, outcome: EdgeOutcome): void {
    const s = this.entry(pattern);
    s.requests += 1;
    if (outcome === 'Hit') s.hits += 1;
    else if (outcome === 'RefreshHit') s.refreshHits += 1;
    else if (outcome === 'Miss') s.misses += 1;
    else if (outcome === 'FunctionGeneratedResponse') s.functionResponses += 1;
    else s.errors += 1;
    const served = s.hits + s.refreshHits;
    s.hitRatio = served + s.misses === 0 ? 0 : served / (served + s.misses);
  }

  originRequest(pattern: string): void {
    this.entry(pattern).originRequests += 1;
  }

  collapsed(pattern: string): void {
    this.entry(pattern).collapsed += 1;
  }

  /** A copy of every behaviour's counters, plus totals. */
  snapshot(): { behaviours: Record<string, BehaviourStats>; total: BehaviourStats } {
    const behaviours: Record<string, BehaviourStats> = {};
    const total = empty();
    for (const [pattern, s] of this.byBehaviour) {
      behaviours[pattern] = { ...s };
      for (const k of Object.keys(total) as (keyof BehaviourStats)[]) total[k] += s[k];
    }
    const served = total.hits + total.refreshHits;
    total.hitRatio = served + total.misses === 0 ? 0 : served / (served + total.misses);
    return { behaviours, total };
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
    hitRatio: 0,
  };
}
