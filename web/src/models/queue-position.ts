import { computed, signal } from '@preact/signals';
import type { JoinAnswer, RoomState } from '../api/types';

/**
 * The buyer's place in the waiting room as signals, plus the pure arithmetic behind it.
 * "People ahead" and the wait estimate come from the buyer's own position and the shared,
 * CDN-cached room state, so every poll is a cache hit for the origin.
 */

export type QueuePhase = 'idle' | 'joining' | 'waiting' | 'admitting' | 'admitted' | 'failed';

export interface QueueView {
  peopleAhead: number;
  /** undefined when it cannot be estimated (paused, or nobody is being let in yet). */
  estimatedWaitSeconds: number | undefined;
  /** The serving number has reached this position: time to ask for admission. */
  canAdmit: boolean;
}

/** What a buyer at `position` sees given the room `state`. */
export function queueView(
  position: number,
  state: Pick<RoomState, 'servingNumber' | 'ratePerMinute' | 'paused'>,
): QueueView {
  const peopleAhead = Math.max(0, position - state.servingNumber - 1);
  const canAdmit = position <= state.servingNumber;
  const estimatedWaitSeconds = canAdmit
    ? 0
    : state.paused || state.ratePerMinute <= 0
      ? undefined
      : Math.ceil(((peopleAhead + 1) / state.ratePerMinute) * 60);
  return { peopleAhead, estimatedWaitSeconds, canAdmit };
}

/**
 * Seconds until the next poll: the edge's hint, shortened as the estimate shrinks (so a buyer
 * near the front checks often), always within 1–30 s.
 */
export function pollDelaySeconds(
  serverHint: number | undefined,
  estimatedWaitSeconds: number | undefined,
): number {
  const fallback = estimatedWaitSeconds === undefined ? 5 : estimatedWaitSeconds / 10;
  const seconds = serverHint && serverHint > 0 ? Math.min(serverHint, fallback) : fallback;
  return Math.min(30, Math.max(1, seconds));
}

/** Share of the way from the buyer's first place to the front, 0–1. */
export function progressOf(startAhead: number, peopleAhead: number): number {
  if (startAhead <= 0) return 1;
  return Math.min(1, Math.max(0, (startAhead - peopleAhead) / startAhead));
}

/** Human wait: "about 3 min", "under a minute", "unknown". */
export function formatWait(seconds: number | undefined): string {
  if (seconds === undefined) return 'unknown';
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `about ${minutes} min` : `about ${Math.round(minutes / 60)} h`;
}

/** An opening time from the room state (ISO or epoch ms) as epoch ms; undefined when open. */
export function openingMillis(opensAt: string | number | null | undefined): number | undefined {
  if (opensAt === null || opensAt === undefined) return undefined;
  const ms = typeof opensAt === 'number' ? opensAt : Date.parse(opensAt);
  return Number.isFinite(ms) ? ms : undefined;
}

/** One queue's live state (one per event page). */
export function createQueueModel() {
  const phase = signal<QueuePhase>('idle');
  const position = signal(0);
  const startAhead = signal(0);
  const peopleAhead = signal(0);
  const estimatedWaitSeconds = signal<number | undefined>(undefined);
  const pollAfterSeconds = signal<number | undefined>(undefined);
  const paused = signal(false);
  const error = signal<string | null>(null);
  /** Why the buyer is (back) here, e.g. "your buying session ended"; null for a first visit. */
  const notice = signal<string | null>(null);
  /** Pre-queue: opening time (epoch ms), the seed's commitment before it, the seed after it. */
  const opensAt = signal<number | undefined>(undefined);
  const commitment = signal<string | undefined>(undefined);
  const seed = signal<string | undefined>(undefined);
  const progress = computed(() => progressOf(startAhead.value, peopleAhead.value));

  function joined(answer: JoinAnswer): void {
    position.value = answer.position;
    startAhead.value = answer.peopleAhead;
    peopleAhead.value = answer.peopleAhead;
    estimatedWaitSeconds.value = answer.estimatedWaitSeconds;
    pollAfterSeconds.value = answer.pollAfterSeconds;
    phase.value = 'waiting';
  }

  function observed(view: QueueView, isPaused: boolean): void {
    peopleAhead.value = view.peopleAhead;
    estimatedWaitSeconds.value = view.estimatedWaitSeconds;
    paused.value = isPaused;
    if (startAhead.value < view.peopleAhead) startAhead.value = view.peopleAhead;
  }

  /** Takes the pre-queue fields of a room state (opening time, commitment, seed). */
  function observedRoom(state: Pick<RoomState, 'opensAt' | 'commitment' | 'seed'>): void {
    opensAt.value = openingMillis(state.opensAt);
    commitment.value = state.commitment;
    seed.value = state.seed ?? undefined;
  }

  return {
    phase,
    position,
    startAhead,
    peopleAhead,
    estimatedWaitSeconds,
    pollAfterSeconds,
    paused,
    error,
    notice,
    opensAt,
    commitment,
    seed,
    progress,
    joined,
    observed,
    observedRoom,
  };
}

export type QueueModel = ReturnType<typeof createQueueModel>;
