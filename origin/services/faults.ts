/**
 * Fault-injection seam: services call `faults.before(step)` between the steps of a hold or a
 * checkout so tests can stop the work at each step and prove what a crash there leaves behind.
 *
 * Steps: `hold:locked`, `hold:seat-written`, `hold:limit-reserved` (the per-buyer limit
 * counted), `hold:recorded`, `checkout:order-created`, `checkout:charged`, `checkout:seat-sold`,
 * `checkout:order-confirmed`, and on the refund path of a lapsed hold that lost a seat
 * `checkout:seats-given-back`, `checkout:refunded`.
 */
export interface Faults {
  before?(step: string): void | Promise<void>;
}

/**
 * Thrown by a fault hook to simulate the process dying at that step: services skip every
 * clean-up (no undo, no unlock), exactly as a killed process would.
 */
export class SimulatedCrash extends Error {
  constructor(readonly step: string) {
    super(`simulated crash at ${step}`);
    this.name = 'SimulatedCrash';
  }
}

/** Runs the fault hook for a step, if any. */
export async function step(faults: Faults | undefined, name: string): Promise<void> {
  await faults?.before?.(name);
}

/** True when an error is a simulated crash, after which nothing may be cleaned up. */
export function isCrash(error: unknown): error is SimulatedCrash {
  return error instanceof SimulatedCrash;
}

/** Faults that "kill" the process once, at the step last armed (tests). */
export interface OneCrash extends Faults {
  /** The next time `step` is reached, throw {@link SimulatedCrash}; then disarm. */
  arm(step: string): void;
  /** True once the step last armed was reached (and crashed there): proof the work got that far. */
  readonly fired: boolean;
}

/**
 * A fault hook for crash tests: arm a step, run the work, and it dies there exactly once.
 * @example const faults = crashOnce(); faults.arm('checkout:charged'); await checkout(); // crashed
 */
export function crashOnce(): OneCrash {
  let armed: string | undefined;
  let fired = false;
  return {
    arm(step) {
      armed = step;
      fired = false;
    },
    get fired() {
      return fired;
    },
    before(step) {
      if (step === armed) {
        armed = undefined;
        fired = true;
        throw new SimulatedCrash(step);
      }
    },
  };
}
