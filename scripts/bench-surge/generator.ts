/**
 * The load generator: a child process of `bench-surge.ts` (forked with `--import tsx`), so its own
 * CPU time is measured apart from the stack it loads and printed beside the results.
 *
 * It runs one ramp per mode: concurrency climbs step by step (100 → 1,000 → …); each step adds
 * the missing buyers, arriving spread over `rampSeconds`, and the buyers already there carry on,
 * every buyer starting a new journey when one ends. Each step sells its own event (a fresh
 * on-sale, so every step is reconciled on its own): journeys that start once a step has begun
 * buy from its event; journeys still under way finish on the event they started with. Each step
 * is measured on its own.
 *
 * Protocol: child → `{ type: 'ready' }`; parent → `{ type: 'ramp', plan }`; child →
 * `{ type: 'step-start', index }`, `{ type: 'step-end', index }` at the step's time boundaries,
 * `{ type: 'result', index, result }` once the step's requests have all been answered or timed
 * out, and `{ type: 'done' }` after the last. Parent → `{ type: 'exit' }` ends it.
 */
import { DEV_TOKEN_KEYS, signToken } from '../../edge/token';
import { type BuyerContext, type BuyerPlan, runJourney } from './buyer';
import { createHttpClient, type HttpClient } from './http-client';
import { type StepMeasurement, StepRecorder } from './stats';

export interface RampPlan extends BuyerPlan {
  baseUrl: string;
  /** Concurrent buyers per step, rising. */
  steps: number[];
  /** The event each step sells, one per step (created before the ramp). */
  eventIds: string[];
  /**
   * Loopback addresses buyers send from, buyer `i` from `clientAddresses[i % n]`, so the edge
   * sees one client IP per buyer (the join-flood drill). Default: all from the OS's choice.
   */
  clientAddresses?: string[];
  seconds: number;
  rampSeconds: number;
  timeoutMs: number;
}

export interface GeneratorResult extends StepMeasurement {
  /** The generator's own CPU time over the step, in ms, and its share of one core. */
  generatorCpuMs: number;
  generatorCoreShare: number;
  /** Most requests in flight at once (≈ open connections). */
  peakInFlight: number;
}

export type GeneratorMessage =
  | { type: 'ready' | 'done' }
  | { type: 'step-start' | 'step-end'; index: number }
  | { type: 'result'; index: number; result: GeneratorResult }
  | { type: 'failed'; error: string };

/** Sleeps that all end at once when the ramp stops. */
function stopwatch() {
  const pending = new Set<() => void>();
  let running = true;
  return {
    running: () => running,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        if (!running) return resolve();
        const wake = () => {
          clearTimeout(timer);
          pending.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, ms);
        pending.add(wake);
      }),
    stop() {
      running = false;
      for (const wake of [...pending]) wake();
    },
  };
}

/** The shared context for one buyer sending from `from`; step switches stay visible to it. */
function fromAddress(ctx: BuyerContext, from: string): BuyerContext {
  const http: HttpClient = {
    request: (method, path, init) =>
      ctx.http.request(method, path, { ...init, localAddress: from }),
    inFlight: () => ctx.http.inFlight(),
    close: () => undefined,
  };
  return {
    http,
    get rec() {
      return ctx.rec;
    },
    get eventId() {
      return ctx.eventId;
    },
    plan: ctx.plan,
    running: ctx.running,
    sleep: ctx.sleep,
    mintAccessToken: ctx.mintAccessToken,
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs a whole ramp and reports each step through `emit`. */
export async function runRamp(plan: RampPlan, emit: (m: GeneratorMessage) => void): Promise<void> {
  if (plan.eventIds.length !== plan.steps.length) {
    throw new Error(`${plan.steps.length} steps need as many events, got ${plan.eventIds.length}`);
  }
  const http = createHttpClient(plan.baseUrl, plan.timeoutMs);
  const clock = stopwatch();
  const ctx: BuyerContext = {
    http,
    rec: new StepRecorder(Date.now()),
    plan,
    eventId: plan.eventIds[0] as string,
    running: clock.running,
    sleep: clock.sleep,
    mintAccessToken: (evt, tid) =>
      signToken({ typ: 'access', evt, tid, scp: 'buy' }, DEV_TOKEN_KEYS, 900),
  };
  const users: Promise<void>[] = [];
  const results: Promise<void>[] = [];
  const addresses = plan.clientAddresses ?? [];
  const buyer = async (arrivalMs: number, index: number) => {
    const from = addresses.length ? addresses[index % addresses.length] : undefined;
    const own = from ? fromAddress(ctx, from) : ctx;
    await clock.sleep(arrivalMs);
    while (clock.running()) {
      await runJourney(own).catch((error: unknown) => {
        ctx.rec.request('bench-bug', 0, 'error', String(error).slice(0, 60), Date.now());
      });
      ctx.rec.count('journeys', Date.now());
    }
  };

  for (const [index, target] of plan.steps.entries()) {
    const rec = new StepRecorder(Date.now());
    ctx.rec = rec;
    ctx.eventId = plan.eventIds[index] as string;
    emit({ type: 'step-start', index });
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    let peakInFlight = 0;
    const sampler = setInterval(() => {
      peakInFlight = Math.max(peakInFlight, http.inFlight());
    }, 50);
    const arriving = Math.max(0, target - users.length);
    for (let i = 0; i < arriving; i++) {
      users.push(buyer((plan.rampSeconds * 1000 * i) / arriving, users.length));
    }
    await delay(plan.seconds * 1000);
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    const generatorCpuMs = (cpu.user + cpu.system) / 1000;
    const coreShare = generatorCpuMs / (performance.now() - wallBefore);
    emit({ type: 'step-end', index });
    if (index === plan.steps.length - 1) clock.stop();
    // The step's last requests are answered or time out within the timeout; then it is complete.
    results.push(
      delay(plan.timeoutMs + 500).then(() =>
        emit({
          type: 'result',
          index,
          result: {
            ...rec.measure(plan.seconds, rec.inFlight),
            generatorCpuMs,
            generatorCoreShare: coreShare,
            peakInFlight,
          },
        }),
      ),
    );
  }
  await Promise.race([Promise.all(users), delay(plan.timeoutMs + 1_000)]);
  await Promise.all(results);
  http.close();
  emit({ type: 'done' });
}

if (process.send && process.env.FLOODGATE_BENCH_GENERATOR === '1') {
  const emit = (message: GeneratorMessage) => process.send?.(message);
  process.on('message', (message: { type: string; plan?: RampPlan }) => {
    if (message.type === 'exit') process.exit(0);
    if (message.type === 'ramp' && message.plan) {
      runRamp(message.plan, emit).catch((error: unknown) =>
        emit({ type: 'failed', error: String(error) }),
      );
    }
  });
  process.on('disconnect', () => process.exit(0));
  emit({ type: 'ready' });
}
