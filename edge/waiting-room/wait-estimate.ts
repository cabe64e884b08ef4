import type { AdmissionConfig } from './admission-policy';

/**
 * The wait a buyer in line is told: pure arithmetic over one room snapshot (no I/O), used by
 * the join and admit routes. Re-exported by admission-policy.ts.
 */

/** What a waiting buyer is told. */
export interface WaitEstimate {
  /** Live buyers the room will admit before this one (this one excluded; 0 = next or invited). */
  peopleAhead: number;
  /** Null while the room is paused or in queue-all: nobody can honestly say. */
  estimatedWaitSeconds: number | null;
  pollAfterSeconds: number;
}

export interface WaitInput {
  position: number;
  servingNumber: number;
  /**
   * Live buyers ahead (this one excluded) when the store counted them; else every position
   * strictly between the serving number and this one counts.
   */
  peopleAhead?: number;
  /**
   * False when the store has not invited this ticket although its position is at or below the
   * serving number (a returning buyer the rate has not paid for yet).
   */
  invited?: boolean;
  activeBuyers: number;
  /** Measured session departures per minute (sliding window). */
  departureRatePerMinute: number;
  /** Measured: waiting buyers who left the line per minute (sliding window). */
  abandonRatePerMinute?: number;
  /** Live buyers in line now (the snapshot's `waiting`): spreads the departures per person. */
  waiting?: number;
  config: AdmissionConfig;
  now: number;
}

/**
 * Estimates the wait of one position from the live buyers ahead (people who left do not slow
 * anyone) and the throughput: the rate, or when the room is full, the measured rate at which
 * sessions end (before any measurement, `maxActive` per session length).
 * People ahead keep leaving: with the measured departures spread over the line, each waiting
 * buyer leaves at λ = abandonRatePerMinute / waiting per minute, so the `A` buyers ahead shrink
 * by the throughput μ and by λ·A; they are gone after ln(1 + λA/μ)/λ minutes (A/μ when nobody
 * leaves), and this buyer's own turn takes 1/μ more.
 * The poll interval grows with the wait so distant buyers cost the edge little, but stays
 * within half of `abandonAfterSeconds` so a polling buyer is never taken for gone.
 */
export function estimateWait(input: WaitInput): WaitEstimate {
  const { config, now } = input;
  const inLine =
    input.invited === false || input.position > input.servingNumber || input.position === 0;
  const peopleAhead = inLine
    ? (input.peopleAhead ?? Math.max(0, input.position - input.servingNumber - 1))
    : 0;
  const keepAlive = Math.max(1, Math.floor(config.abandonAfterSeconds / 2));
  if (!inLine) return { peopleAhead, estimatedWaitSeconds: 0, pollAfterSeconds: 1 };
  if (config.paused || config.queueAll) {
    return { peopleAhead, estimatedWaitSeconds: null, pollAfterSeconds: Math.min(15, keepAlive) };
  }
  const capacityRate =
    input.departureRatePerMinute > 0
      ? input.departureRatePerMinute
      : (config.maxActive * 60) / config.sessionSeconds;
  const saturated = input.activeBuyers >= config.maxActive;
  const perMinute = saturated ? Math.min(config.ratePerMinute, capacityRate) : config.ratePerMinute;
  const untilOpen =
    config.opensAt !== null && now < config.opensAt ? (config.opensAt - now) / 1000 : 0;
  const leavePerMinute =
    (input.abandonRatePerMinute ?? 0) / Math.max(1, input.waiting ?? 0, peopleAhead + 1);
  const seconds =
    perMinute > 0
      ? Math.ceil(untilOpen + secondsToTurn(peopleAhead, perMinute, leavePerMinute))
      : null;
  return {
    peopleAhead,
    estimatedWaitSeconds: seconds,
    pollAfterSeconds: Math.min(pollAfter(seconds), keepAlive),
  };
}

/**
 * Seconds until this buyer's turn: `ahead` buyers served at `perMinute`, each leaving at
 * `leavePerMinute` meanwhile (dA/dt = −μ − λA), then this buyer's own place.
 */
function secondsToTurn(ahead: number, perMinute: number, leavePerMinute: number): number {
  if (leavePerMinute <= 0 || ahead === 0) return ((ahead + 1) * 60) / perMinute;
  const clearing = Math.log1p((leavePerMinute * ahead) / perMinute) / leavePerMinute;
  return clearing * 60 + 60 / perMinute;
}

/** 1–30 s: a fifth of the expected wait, so the first poll after admission is rarely late. */
export function pollAfter(waitSeconds: number | null): number {
  if (waitSeconds === null) return 15;
  return Math.min(30, Math.max(1, Math.ceil(waitSeconds / 5)));
}
