import { parseArgs } from 'node:util';

/** Settings of `npm run bench:surge`, from flags. */
export interface SurgeOptions {
  /** Concurrent virtual users per step, strictly rising (each step sells its own event). */
  steps: number[];
  /** How long each step keeps its users busy. */
  stepSeconds: number;
  /** A step's new users arrive spread over this many seconds (default: half the step). */
  rampSeconds: number;
  /**
   * Run the same ramp straight at one unsafe origin too: a second ramp after the edge ramp, in
   * the same run (one after the other, not interleaved), each step on its own event.
   */
  baseline: boolean;
  /** Origin processes behind the edge. */
  workers: number;
  /** Mean think time between a buyer's page actions. */
  thinkMs: number;
  /** Share of holds that go on to checkout (the rest release or walk away). */
  checkoutShare: number;
  /** Waiting-room admission for each step's event. */
  admitPerMinute: number;
  maxActive: number;
  /** Per-request timeout of the load generator; a timeout counts as an error. */
  timeoutMs: number;
  /** Hard stop for the whole run, set-up included. */
  maxSeconds: number;
  redisUrl: string;
  outDir: string;
  /**
   * CPU-profile the origin workers, the embedded DynamoDB and the bench process (which runs the
   * local edge) into `<outDir>/profiles`, then print each profile's top self-time functions.
   */
  profile: boolean;
}

export const DEFAULT_STEPS = [100, 1_000, 2_000, 4_000, 8_000];

const usage = `npm run bench:surge -- [--steps 100,1000,2000,4000,8000] [--step-seconds 25]
  [--ramp-seconds step/2] [--baseline] [--workers 2] [--think-ms 1500] [--checkout-share 0.5]
  [--admit-per-minute 600] [--max-active 200] [--timeout-ms 10000] [--max-seconds 600]
  [--out bench-results] [--profile]   (REDIS_URL, default redis://127.0.0.1:6379)`;

/** Raised for a bad flag; the message names it and shows the usage. */
export class SurgeOptionsError extends Error {
  override name = 'SurgeOptionsError';
}

function num(name: string, raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new SurgeOptionsError(`--${name}: expected a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * Parses the benchmark's flags; every number is range-checked so a typo fails before the run.
 * @example parseSurgeOptions(['--steps', '100,1000', '--step-seconds', '20'], process.env)
 */
export function parseSurgeOptions(
  argv: readonly string[],
  env: Record<string, string | undefined> = {},
): SurgeOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        steps: { type: 'string' },
        'step-seconds': { type: 'string' },
        'ramp-seconds': { type: 'string' },
        baseline: { type: 'boolean' },
        workers: { type: 'string' },
        'think-ms': { type: 'string' },
        'checkout-share': { type: 'string' },
        'admit-per-minute': { type: 'string' },
        'max-active': { type: 'string' },
        'timeout-ms': { type: 'string' },
        'max-seconds': { type: 'string' },
        out: { type: 'string' },
        profile: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new SurgeOptionsError(`${(error as Error).message}\n${usage}`);
  }
  const str = (name: string) => values[name] as string | undefined;
  const steps = str('steps')
    ?.split(',')
    .map((s) => num('steps', s.trim(), 0, 1, 50_000)) ?? [...DEFAULT_STEPS];
  if (steps.some((users, i) => i > 0 && users <= (steps[i - 1] as number))) {
    throw new SurgeOptionsError(`--steps: expected rising user counts, got "${steps.join(',')}"`);
  }
  const stepSeconds = num('step-seconds', str('step-seconds'), 25, 2, 600);
  return {
    steps,
    stepSeconds,
    rampSeconds: num('ramp-seconds', str('ramp-seconds'), stepSeconds / 2, 0, 600),
    baseline: values.baseline === true,
    workers: num('workers', str('workers'), 2, 1, 16),
    thinkMs: num('think-ms', str('think-ms'), 1_500, 0, 60_000),
    checkoutShare: num('checkout-share', str('checkout-share'), 0.5, 0, 1),
    admitPerMinute: num('admit-per-minute', str('admit-per-minute'), 600, 1, 1_000_000),
    maxActive: num('max-active', str('max-active'), 200, 1, 1_000_000),
    timeoutMs: num('timeout-ms', str('timeout-ms'), 10_000, 100, 120_000),
    maxSeconds: num('max-seconds', str('max-seconds'), 600, 10, 3_600),
    redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    outDir: str('out') ?? 'bench-results',
    profile: values.profile === true,
  };
}
