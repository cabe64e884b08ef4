import { ADMITTED_STREAM_MAX } from './limits';
import type { AdmittedEntry, AdmittedPage } from './types';

/** A Redis stream entry id, `<ms>-<seq>`: the admitted stream's cursor format. */
const STREAM_ID = /^(\d+)-(\d+)$/;
/** Like `MAXLEN ~`: the memory log trims in chunks of this many, not on every append. */
const TRIM_SLACK = 1_000;

/**
 * Checks a cursor of the admitted stream (a stream entry id) before it reaches a script.
 * @example assertCursor('1767225600000-0');
 */
export function assertCursor(cursor: string | undefined): void {
  if (cursor !== undefined && !STREAM_ID.test(cursor)) {
    throw new Error(`room store: bad admitted-stream cursor "${cursor}"`);
  }
}

function parts(id: string): [number, number] {
  const m = STREAM_ID.exec(id);
  return [Number(m?.[1] ?? 0), Number(m?.[2] ?? 0)];
}

/** Orders stream ids as Redis does: by milliseconds, then sequence. */
export function compareStreamIds(a: string, b: string): number {
  const [am, as] = parts(a);
  const [bm, bs] = parts(b);
  return am === bm ? as - bs : am - bm;
}

/**
 * The memory store's admitted stream of one room, mirroring the Redis stream the admit script
 * appends to (`XADD … MAXLEN ~ ADMITTED_STREAM_MAX *`): ids `<ms>-<seq>` from the wall clock,
 * never going back (so a cursor saved before a restart still points before new entries), and
 * the oldest entries dropped past the cap.
 */
export class AdmittedLog {
  private entries: AdmittedEntry[] = [];
  private lastMs = 0;
  private seq = 0;

  constructor(private readonly max = ADMITTED_STREAM_MAX) {}

  /** Appends one first admission. */
  append(ticketId: string, position: number, at: number): void {
    const ms = Math.max(Date.now(), this.lastMs);
    this.seq = ms === this.lastMs ? this.seq + 1 : 0;
    this.lastMs = ms;
    this.entries.push({ id: `${ms}-${this.seq}`, ticketId, position, at });
    if (this.entries.length > this.max + TRIM_SLACK) {
      this.entries.splice(0, this.entries.length - this.max);
    }
  }

  /** Entries after `cursor` (undefined: from the oldest kept), at most `limit`, oldest first. */
  since(cursor: string | undefined, limit: number): AdmittedPage {
    let lo = 0;
    if (cursor !== undefined) {
      let hi = this.entries.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const entry = this.entries[mid] as AdmittedEntry;
        if (compareStreamIds(entry.id, cursor) <= 0) lo = mid + 1;
        else hi = mid;
      }
    }
    const entries = this.entries.slice(lo, lo + Math.max(0, limit)).map((e) => ({ ...e }));
    return { entries, cursor: entries.at(-1)?.id ?? cursor };
  }
}
