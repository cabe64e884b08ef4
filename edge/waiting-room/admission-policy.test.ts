import { describe, expect, it } from 'vitest';
import {
  type AdmissionConfig,
  type AdmissionState,
  advanceServing,
  CARRY_UNITS,
  creditCarry,
  DEFAULT_ADMISSION_CONFIG,
  planAdvance,
} from './admission-policy';
import { windowRate as departureRate, rollWindow } from './rate-window';
import { estimateWait, pollAfter } from './wait-estimate';

const T0 = Date.UTC(2030, 0, 1);
const config = (over: Partial<AdmissionConfig> = {}): AdmissionConfig => ({
  ...DEFAULT_ADMISSION_CONFIG,
  ratePerMinute: 60,
  maxActive: 1_000_000,
  ...over,
});
const state = (over: Partial<AdmissionState> = {}): AdmissionState => ({
  servingNumber: 0,
  carry: 0,
  lastAdvanceMs: T0,
  activeBuyers: 0,
  queueLength: 1_000_000,
  ...over,
});

/** Steps the policy in small increments, as many pollers would. */
function stepMany(cfg: AdmissionConfig, s: AdmissionState, stepMs: number, steps: number) {
  let current = s;
  for (let i = 1; i <= steps; i++) {
    current = { ...current, ...advanceServing(cfg, current, s.lastAdvanceMs + i * stepMs) };
  }
  return current;
}

describe('advanceServing', () => {
  it('advances by rate × elapsed', () => {
    expect(advanceServing(config(), state(), T0 + 10_000).servingNumber).toBe(10);
  });

  it('is exact over many small steps with a fractional rate per step', () => {
    const cfg = config({ ratePerMinute: 37 });
    const end = stepMany(cfg, state(), 7, 100_000); // 700 s in 7 ms steps
    expect(end.servingNumber).toBe(Math.floor((37 * 700_000) / 60_000));
    const oneStep = advanceServing(cfg, state(), T0 + 700_000);
    expect(end).toMatchObject({ servingNumber: oneStep.servingNumber, carry: oneStep.carry });
  });

  it('keeps the fractional carry between calls', () => {
    const first = advanceServing(config(), state(), T0 + 1_500);
    expect(first).toEqual({ servingNumber: 1, carry: 30_000, lastAdvanceMs: T0 + 1_500 });
    const second = advanceServing(config(), { ...state(), ...first }, T0 + 2_000);
    expect(second.servingNumber).toBe(2);
    expect(second.carry).toBe(0);
  });

  it('never passes the last issued position and drops the unused allowance', () => {
    const capped = advanceServing(config(), state({ queueLength: 3 }), T0 + 60_000);
    expect(capped).toEqual({ servingNumber: 3, carry: 0, lastAdvanceMs: T0 + 60_000 });
    const later = advanceServing(config(), state({ ...capped, queueLength: 100 }), T0 + 61_000);
    expect(later.servingNumber).toBe(4);
  });

  it('caps the serving number so active buyers never exceed maxActive', () => {
    const cfg = config({ ratePerMinute: 6000, maxActive: 5 });
    expect(advanceServing(cfg, state({ activeBuyers: 2 }), T0 + 60_000).servingNumber).toBe(3);
    expect(advanceServing(cfg, state({ activeBuyers: 5 }), T0 + 60_000).servingNumber).toBe(0);
    expect(advanceServing(cfg, state({ activeBuyers: 9 }), T0 + 60_000).servingNumber).toBe(0);
  });

  it('admits nobody while paused or in pre-queue, and earns nothing during the pause', () => {
    for (const halt of [{ paused: true }, { queueAll: true }]) {
      const during = advanceServing(config(halt), state({ carry: 50_000 }), T0 + 60_000);
      expect(during).toEqual({ servingNumber: 0, carry: 0, lastAdvanceMs: T0 + 60_000 });
      const after = advanceServing(config(), { ...state(), ...during }, T0 + 61_000);
      expect(after.servingNumber).toBe(1);
    }
  });

  it('admits nobody before opensAt and counts only the time since opening', () => {
    const cfg = config({ opensAt: T0 + 30_000 });
    expect(advanceServing(cfg, state(), T0 + 29_999).servingNumber).toBe(0);
    expect(advanceServing(cfg, state(), T0 + 40_000).servingNumber).toBe(10);
  });

  it('moves nothing when the clock is behind the last advance', () => {
    const s = state({ servingNumber: 4, carry: 10, lastAdvanceMs: T0 + 5_000 });
    expect(advanceServing(config(), s, T0 + 1_000)).toEqual({
      servingNumber: 4,
      carry: 10,
      lastAdvanceMs: T0 + 5_000,
    });
  });

  it('never over-admits across random steps, caps and configurations', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let run = 0; run < 25; run++) {
      const cfg = config({
        ratePerMinute: 1 + Math.floor(rand() * 5000),
        maxActive: 1 + Math.floor(rand() * 20),
      });
      let s = state({ queueLength: 0 });
      let admitted = 0;
      let now = T0;
      for (let step = 0; step < 200; step++) {
        now += Math.floor(rand() * 500);
        s = { ...s, queueLength: s.queueLength + Math.floor(rand() * 3) };
        s = { ...s, ...advanceServing(cfg, s, now) };
        expect(s.servingNumber).toBeLessThanOrEqual(s.queueLength);
        // Every invited position admits at once if a slot is free; some buyers leave.
        while (admitted < s.servingNumber && s.activeBuyers < cfg.maxActive) {
          admitted++;
          s = { ...s, activeBuyers: s.activeBuyers + 1 };
        }
        expect(s.activeBuyers).toBeLessThanOrEqual(cfg.maxActive);
        expect(s.servingNumber - admitted).toBeLessThanOrEqual(cfg.maxActive);
        if (rand() < 0.3 && s.activeBuyers > 0) s = { ...s, activeBuyers: s.activeBuyers - 1 };
      }
    }
  });
});

describe('planAdvance with people who left', () => {
  it('spends the rate budget on live buyers only and reports how many to pass', () => {
    // 10 s at 60/min earns 10 live positions, whatever the position numbers in between.
    const plan = planAdvance(config(), state(), 500, T0 + 10_000);
    expect(plan).toEqual({
      repay: 0,
      pass: 10,
      toEnd: false,
      carry: 0,
      lastAdvanceMs: T0 + 10_000,
    });
  });

  it('jumps to the end of the line when every live buyer fits, past positions of leavers', () => {
    const plan = planAdvance(config(), state({ queueLength: 40 }), 3, T0 + 10_000);
    expect(plan).toMatchObject({ pass: 3, toEnd: true, carry: 0 });
  });

  it('passes only as many live buyers as there are free slots', () => {
    const cfg = config({ ratePerMinute: 6000, maxActive: 4 });
    const plan = planAdvance(cfg, state({ activeBuyers: 1 }), 50, T0 + 60_000);
    expect(plan).toMatchObject({ pass: 3, toEnd: false, carry: 0 });
  });

  it('gives an invited leaver the unit back', () => {
    expect(creditCarry(5)).toBe(5 + CARRY_UNITS);
  });

  it('invites returning buyers from the same budget, before the line ahead', () => {
    // 10 s at 60/min: 10 invitations; 4 returners go first, 6 live positions after them.
    const plan = planAdvance(config(), state(), 500, T0 + 10_000, 4);
    expect(plan).toMatchObject({ repay: 4, pass: 6, toEnd: false, carry: 0 });
    // Many returners and little budget: they wait their turn, nobody else moves.
    const many = planAdvance(config(), state({ carry: 30_000 }), 500, T0 + 3_000, 1_000);
    expect(many).toMatchObject({ repay: 3, pass: 0, carry: 30_000 });
  });

  it('never lets returners take more slots than are free', () => {
    const cfg = config({ ratePerMinute: 6000, maxActive: 5 });
    const plan = planAdvance(cfg, state({ activeBuyers: 3 }), 50, T0 + 60_000, 10);
    expect(plan).toMatchObject({ repay: 2, pass: 0, toEnd: false, carry: 0 });
  });

  it('pays back the debt of an older room before inviting anyone', () => {
    const inDebt = planAdvance(config(), state({ carry: -2 * CARRY_UNITS }), 9, T0 + 1_000, 3);
    expect(inDebt).toMatchObject({ repay: 0, pass: 0, carry: -CARRY_UNITS });
  });
});

describe('departure window', () => {
  it('counts departures over a sliding minute', () => {
    const w = { start: T0, current: 30, previous: 0 };
    expect(departureRate(w, T0 + 30_000)).toBe(30);
    // Half-way through the next minute, half of the previous minute still counts.
    expect(departureRate({ ...w }, T0 + 90_000)).toBe(15);
    expect(departureRate(w, T0 + 200_000)).toBe(0);
    expect(rollWindow(w, T0 + 61_000)).toEqual({ start: T0 + 60_000, current: 0, previous: 30 });
  });
});

describe('estimateWait', () => {
  const base = { servingNumber: 100, activeBuyers: 0, departureRatePerMinute: 0, now: T0 };

  it('tells an admitted position it can go now', () => {
    expect(estimateWait({ ...base, position: 90, config: config() })).toEqual({
      peopleAhead: 0,
      estimatedWaitSeconds: 0,
      pollAfterSeconds: 1,
    });
  });

  it('counts only the live buyers ahead when the store knows them, then this buyer’s own turn', () => {
    const cfg = config({ ratePerMinute: 60 });
    const est = estimateWait({ ...base, position: 160, peopleAhead: 30, config: cfg });
    expect(est).toMatchObject({ peopleAhead: 30, estimatedWaitSeconds: 31 });
  });

  it('tells the next buyer nobody is ahead, and a returner the rate has not paid for to wait', () => {
    const cfg = config({ ratePerMinute: 60 });
    expect(estimateWait({ ...base, position: 101, config: cfg })).toMatchObject({
      peopleAhead: 0,
      estimatedWaitSeconds: 1,
    });
    const returner = estimateWait({
      ...base,
      position: 40,
      peopleAhead: 2,
      invited: false,
      config: cfg,
    });
    expect(returner).toMatchObject({ peopleAhead: 2, estimatedWaitSeconds: 3 });
  });

  it('expects fewer people effectively ahead when the line is losing people', () => {
    const cfg = config({ ratePerMinute: 60 });
    const line = { ...base, position: 161, peopleAhead: 60, waiting: 600, config: cfg };
    const steady = estimateWait({ ...line, abandonRatePerMinute: 0 }).estimatedWaitSeconds ?? 0;
    const leaving = estimateWait({ ...line, abandonRatePerMinute: 60 }).estimatedWaitSeconds ?? 0;
    expect(steady).toBe(61);
    // λ = 60/600 per minute: ln(1 + 0.1·60/60)/0.1 min = 57.2 s for the 60 ahead, + 1 s.
    expect(leaving).toBe(Math.ceil((Math.log1p(0.1) / 0.1) * 60 + 1));
    expect(leaving).toBeLessThan(steady);
    const exodus = estimateWait({ ...line, abandonRatePerMinute: 6_000 }).estimatedWaitSeconds;
    expect(exodus).toBeLessThan(leaving);
    expect(exodus).toBeGreaterThanOrEqual(1);
  });

  it('polls at least twice per abandonment timeout so a waiting buyer keeps their place', () => {
    const cfg = config({ ratePerMinute: 1, abandonAfterSeconds: 20 });
    expect(estimateWait({ ...base, position: 1000, config: cfg }).pollAfterSeconds).toBe(10);
  });

  it('divides the positions to pass by the rate when the room has free slots', () => {
    const est = estimateWait({ ...base, position: 160, config: config({ ratePerMinute: 60 }) });
    expect(est).toMatchObject({ peopleAhead: 59, estimatedWaitSeconds: 60, pollAfterSeconds: 12 });
  });

  it('uses the measured departure rate when the room is full', () => {
    const cfg = config({ ratePerMinute: 600, maxActive: 10 });
    const est = estimateWait({
      ...base,
      activeBuyers: 10,
      departureRatePerMinute: 30,
      position: 160,
      config: cfg,
    });
    expect(est.estimatedWaitSeconds).toBe(120);
  });

  it('adds the time until opening and says nothing while paused', () => {
    const opening = config({ ratePerMinute: 60, opensAt: T0 + 10_000 });
    expect(estimateWait({ ...base, position: 110, config: opening }).estimatedWaitSeconds).toBe(20);
    const paused = estimateWait({ ...base, position: 110, config: config({ paused: true }) });
    expect(paused.estimatedWaitSeconds).toBeNull();
  });

  it('polls less often the longer the wait, between 1 and 30 seconds', () => {
    expect(pollAfter(0)).toBe(1);
    expect(pollAfter(20)).toBe(4);
    expect(pollAfter(10_000)).toBe(30);
  });
});
