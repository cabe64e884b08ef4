/**
 * A small in-process sorted set with Redis's ordering (by score, then member bytewise), for the
 * memory room store. Inserts are O(n) (array splice), which suits tests and the single-process
 * demo; rank and score queries are O(log n). It answers the same questions in the same order as
 * the Redis commands the Lua scripts use, so both stores give identical results.
 */

interface Entry {
  member: string;
  score: number;
}

function before(a: Entry, score: number, member: string): boolean {
  return a.score < score || (a.score === score && a.member < member);
}

export class SortedSet {
  private readonly scores = new Map<string, number>();
  private readonly entries: Entry[] = [];

  get size(): number {
    return this.entries.length;
  }

  score(member: string): number | undefined {
    return this.scores.get(member);
  }

  /** ZADD: inserts or moves `member`. */
  add(member: string, score: number): void {
    this.remove(member);
    const at = this.lowerBound(score, member);
    this.entries.splice(at, 0, { member, score });
    this.scores.set(member, score);
  }

  /** ZREM: true when the member was there. */
  remove(member: string): boolean {
    const score = this.scores.get(member);
    if (score === undefined) return false;
    this.entries.splice(this.lowerBound(score, member), 1);
    this.scores.delete(member);
    return true;
  }

  /** ZCOUNT -inf max: members with score ≤ max. */
  countUpTo(max: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.entries[mid] as Entry).score <= max) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** ZRANGE rank rank WITHSCORES. */
  at(rank: number): Entry | undefined {
    return this.entries[rank];
  }

  /** ZRANGEBYSCORE -inf max LIMIT 0 limit: the members. */
  upTo(max: number, limit: number): string[] {
    const out: string[] = [];
    for (const e of this.entries) {
      if (e.score > max || out.length >= limit) break;
      out.push(e.member);
    }
    return out;
  }

  /** ZPOPMIN count: removes and returns the `count` lowest members. */
  popMin(count: number): string[] {
    const popped = this.entries.splice(0, Math.max(0, count));
    for (const e of popped) this.scores.delete(e.member);
    return popped.map((e) => e.member);
  }

  /** ZREMRANGEBYSCORE -inf max: how many were removed. */
  removeUpTo(max: number): number {
    const n = this.countUpTo(max);
    for (const e of this.entries.splice(0, n)) this.scores.delete(e.member);
    return n;
  }

  private lowerBound(score: number, member: string): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.entries[mid] as Entry, score, member)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
