import { computed, signal } from '@preact/signals';
import type { AdmitAnswer, JoinAnswer, RoomState } from '../api/types';

/**
 * The buyer's place in the waiting room as signals, plus the pure arithmetic behind it.
 * "People ahead" counts live tickets strictly ahead of the buyer (not the buyer), and a ticket
 * may be admitted once `position <= servingNumber`. Between the edge's own answers (join and the
 * keep-alive `admit`, which skip people who left) the count is estimated from the buyer's
 * position and the shared, CDN-cached room state, so most polls are cache hits.
 */

export type QueuePhase = 'idle' | 'joining' | 'waiting' | 'admitting' | 'admitted' | 'failed';

export interface QueueView {
  peopleAhead: number;
  /** undefined when it cannot be estimated (paused, or nobody is being let in yet). */
  estimatedWaitSeconds: number | undefined;
  /** The serving number has reached this position: time to ask for admission. */
  canAdmit: boolean;
}

type StateInput = Pick<RoomState, 'servingNumber' | 'ratePerMinute' | 'paused'>;

/** The fields a join answer and an `admit` "not yet" answer share. */
type EdgeAnswer = Pick<
  JoinAnswer,
  'position' | 'peopleAhead' | 'estimatedWaitSeconds' | 'pollAfterSeconds'
>;

/** Seconds until `peopleAhead` people and then the buyer are let in: (ahead + 1) / rate. */
function waitSeconds(peopleAhead: number, state: StateInput): number | undefined {
  if (state.paused || state.ratePerMinute <= 0) return undefined;
  return Math.ceil(((peopleAhead + 1) / state.ratePerMinute) * 60);
}

/**
 * What a buyer at `position` sees given the room `state` alone: every position between the
 * serving number and the buyer counts as a person ahead (an upper bound: some may have left).
 */
export function queueView(position: number, state: StateInput): QueueView {
  const peopleAhead = Math.max(0, position - state.servingNumber - 1);
  const canAdmit = position <= state.servingNumber;
  const estimatedWaitSeconds = canAdmit ? 0 : waitSeconds(peopleAhead, state);
  return { peopleAhead, estimatedWaitSeconds, canAdmit };
}

/** The edge's own count (join or `admit` answer) and the serving number known when it came. */
export interface EdgeCount {
  peopleAhead: number;
  estimatedWaitSeconds: number | undefined;
  /** The highest serving number the buyer had seen when the edge answered. */
  servingNumber: number;
}

/**
 * The view from a room `state`, preferring the edge's own count when it is at least as fresh:
 * the edge skips people who left, the state cannot. Until a state shows the serving number
 * moved past the one known at the edge's answer, the edge's count stands (so the number does
 * not flicker between the two); after that the state's count is used, capped by the edge's
 * (live tickets ahead only shrink as the serving number moves).
 *
 * @example mergedView(150, { servingNumber: 100, ratePerMinute: 60, paused: false },
 *   { peopleAhead: 20, estimatedWaitSeconds: 21, servingNumber: 100 }) // 20 ahead, 21 s
 */
export function mergedView(position: number, state: StateInput, edge?: EdgeCount): QueueView {
  const view = queueView(position, state);
  if (!edge || view.canAdmit) return view;
  if (state.servingNumber <= edge.servingNumber) {
    const estimate = state.paused
      ? undefined
      : (edge.estimatedWaitSeconds ?? waitSeconds(edge.peopleAhead, state));
    return { peopleAhead: edge.peopleAhead, estimatedWaitSeconds: estimate, canAdmit: false };
  }
  const peopleAhead = Math.min(edge.peopleAhead, view.peopleAhead);
  return { peopleAhead, estimatedWaitSeconds: waitSeconds(peopleAhead, state), canAdmit: false };
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
  /** The highest serving number seen (join answer or room state). */
  let servingSeen = 0;
  let edge: EdgeCount | undefined;

  /** Takes the edge's own count (join or "not yet" answer), as of `servingNumber`. */
  function takeEdgeAnswer(answer: EdgeAnswer, servingNumber: number): void {
    position.value = answer.position;
    peopleAhead.value = answer.peopleAhead;
    estimatedWaitSeconds.value = answer.estimatedWaitSeconds ?? undefined;
    pollAfterSeconds.value = answer.pollAfterSeconds;
    edge = {
      peopleAhead: answer.peopleAhead,
      estimatedWaitSeconds: answer.estimatedWaitSeconds ?? undefined,
      servingNumber,
    };
  }

  function joined(answer: JoinAnswer): void {
    startAhead.value = answer.peopleAhead;
    servingSeen = Math.max(servingSeen, answer.servingNumber);
    takeEdgeAnswer(answer, answer.servingNumber);
    phase.value = 'waiting';
  }

  /** The edge said "not yet" to `admit`: its count replaces the estimate from the state. */
  function notYet(answer: Omit<Extract<AdmitAnswer, { admitted: false }>, 'admitted'>): void {
    takeEdgeAnswer(answer, servingSeen);
    if (startAhead.value < answer.peopleAhead) startAhead.value = answer.peopleAhead;
  }

  function observed(view: QueueView, isPaused: boolean): void {
    peopleAhead.value = view.peopleAhead;
    estimatedWaitSeconds.value = view.estimatedWaitSeconds;
    paused.value = isPaused;
    if (startAhead.value < view.peopleAhead) startAhead.value = view.peopleAhead;
  }

  /** Takes a room state: people ahead by {@link mergedView}, pause and pre-queue fields. */
  function observedState(state: RoomState): QueueView {
    const view = mergedView(position.value, state, edge);
    servingSeen = Math.max(servingSeen, state.servingNumber);
    observed(view, state.paused);
    observedRoom(state);
    return view;
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
    notYet,
    observed,
    observedState,
    observedRoom,
  };
}

export type QueueModel = ReturnType<typeof createQueueModel>;
