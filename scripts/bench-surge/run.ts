/**
 * Runs the surge: one ramp per mode, every step on a fresh event of its own, driven from the
 * generator process; for every step it samples the waiting room's queue (of that step's event),
 * the edge cache and CPU per process over the step's own time window. Modes run one after the
 * other in the same run, edge first.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EventDefinition } from '../../origin/domain/event-definition';
import type { Stack } from '../stack';
import { measureCpu, pidsNamed } from './cpu';
import { type EdgeTotals, edgeTotals, hitRatio } from './edge-cache';
import { createSurgeEvent, HOT_SECTIONS, storefrontAssets } from './events';
import type { GeneratorMessage, GeneratorResult, RampPlan } from './generator';
import type { SurgeOptions } from './options';
import { rates, type StepReport, type SurgeMode } from './report';

const GENERATOR = fileURLToPath(new URL('./generator.ts', import.meta.url));
export const ORGANIZER_KEY = 'bench-organizer-key';

/** The stacks a run drives; `baseline` only with `--baseline`. */
export interface SurgeStacks {
  edge: Stack;
  baseline?: Stack;
}

/** The event one step of one mode sells. */
export interface PlannedStep {
  users: number;
  eventId: string;
  definition: EventDefinition;
}

/** One mode's ramp: an event per step, in step order. */
export interface PlannedMode {
  mode: SurgeMode;
  steps: PlannedStep[];
}

/** The event id of one step: `surge-edge-1000`. */
export const stepEventId = (mode: SurgeMode, users: number) => `surge-${mode}-${users}`;

/** Forks the generator and resolves once it is ready. */
export async function startGenerator(): Promise<ChildProcess> {
  const child = fork(GENERATOR, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, FLOODGATE_BENCH_GENERATOR: '1' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`load generator exited (${code}) at start`)));
  });
  return child;
}

/**
 * Creates every step's event of every mode up front (`surge-${mode}-${users}`), so seeding seats
 * never falls inside a measurement and each step is a fresh on-sale, reconciled on its own.
 */
export async function planModes(
  stacks: SurgeStacks,
  options: SurgeOptions,
): Promise<PlannedMode[]> {
  const modes: SurgeMode[] = options.baseline ? ['edge', 'baseline'] : ['edge'];
  const admission = {
    ratePerMinute: options.admitPerMinute,
    maxActive: options.maxActive,
    sessionSeconds: 60,
  };
  const planned: PlannedMode[] = [];
  for (const mode of modes) {
    const stack = mode === 'edge' ? stacks.edge : (stacks.baseline as Stack);
    const steps: PlannedStep[] = [];
    for (const users of options.steps) {
      const eventId = stepEventId(mode, users);
      const definition = await createSurgeEvent(
        stack.originUrl,
        ORGANIZER_KEY,
        eventId,
        mode === 'edge' ? admission : undefined,
      );
      steps.push({ users, eventId, definition });
    }
    planned.push({ mode, steps });
  }
  return planned;
}

/** What the parent measures over one step's window, besides the generator's numbers. */
interface StepWindow {
  eventId: string;
  startedAtSecond: number;
  stopCpu: () => Record<string, number>;
  cpu?: Record<string, number>;
  cacheBefore?: Promise<EdgeTotals>;
  cacheHitRatio?: Promise<number | null>;
  queue: { max: number; end: number };
}

/**
 * Runs one mode's whole ramp and returns a report per step; `onStep` sees each as it completes.
 * Edge mode samples the queue each second straight from Redis (no load on the edge) and the
 * edge's cache counters at each step's start and end.
 */
export async function runModeRamp(
  generator: ChildProcess,
  stacks: SurgeStacks,
  planned: PlannedMode,
  options: SurgeOptions,
  runStart: number,
  onStep: (report: StepReport) => void,
): Promise<StepReport[]> {
  const edgeMode = planned.mode === 'edge';
  const stack = edgeMode ? stacks.edge : (stacks.baseline as Stack);
  const plan: RampPlan = {
    mode: planned.mode,
    eventIds: planned.steps.map((s) => s.eventId),
    baseUrl: edgeMode ? stack.url : stack.originUrl,
    steps: options.steps,
    seconds: options.stepSeconds,
    rampSeconds: options.rampSeconds,
    timeoutMs: options.timeoutMs,
    thinkMs: options.thinkMs,
    checkoutShare: options.checkoutShare,
    hotSections: HOT_SECTIONS,
    assets: edgeMode ? await storefrontAssets(stack.url) : [],
  };
  const groups = {
    'edge (bench process)': () => [process.pid],
    dynalite: () => (stack.dynamoPid === process.pid ? [] : [stack.dynamoPid]),
    origin: () => stack.originPids().filter((pid) => pid !== process.pid),
    redis: () => pidsNamed('redis-server'),
    generator: () => (generator.pid ? [generator.pid] : []),
  };
  const windows: StepWindow[] = [];
  let current: StepWindow | undefined;
  const sampler = setInterval(() => {
    if (!edgeMode || !current) return;
    const window = current;
    stack.room.state(window.eventId, Date.now()).then(
      (room) => {
        window.queue.end = room?.queueLength ?? 0;
        window.queue.max = Math.max(window.queue.max, window.queue.end);
      },
      () => undefined,
    );
  }, 1_000);
  const reports: StepReport[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`load generator exited (${code}) mid-ramp`));
      generator.once('exit', onExit);
      const onMessage = (message: GeneratorMessage) => {
        if (message.type === 'step-start') {
          current = {
            eventId: planned.steps[message.index]?.eventId ?? '',
            startedAtSecond: (Date.now() - runStart) / 1000,
            stopCpu: measureCpu(groups),
            cacheBefore: edgeMode ? edgeTotals(stack) : undefined,
            queue: { max: 0, end: 0 },
          };
          windows[message.index] = current;
        } else if (message.type === 'step-end') {
          const window = windows[message.index] as StepWindow;
          window.cpu = window.stopCpu();
          const before = window.cacheBefore;
          window.cacheHitRatio = before
            ? Promise.all([before, edgeTotals(stack)]).then(([b, a]) => hitRatio(b, a))
            : Promise.resolve(null);
        } else if (message.type === 'result') {
          const window = windows[message.index] as StepWindow;
          void (window.cacheHitRatio ?? Promise.resolve(null)).then((cacheHitRatio) => {
            const report = toReport(
              planned.mode,
              options.steps[message.index] ?? 0,
              window,
              message.result,
              cacheHitRatio,
              edgeMode,
            );
            reports[message.index] = report;
            onStep(report);
          });
        } else if (message.type === 'done' || message.type === 'failed') {
          generator.off('message', onMessage);
          generator.off('exit', onExit);
          if (message.type === 'failed') reject(new Error(`load generator: ${message.error}`));
          else setTimeout(resolve, 100); // let the last report's cache read land
        }
      };
      generator.on('message', onMessage);
      generator.send({ type: 'ramp', plan });
    });
  } finally {
    clearInterval(sampler);
  }
  return reports.filter(Boolean);
}

function toReport(
  mode: SurgeMode,
  users: number,
  window: StepWindow,
  measurement: GeneratorResult,
  cacheHitRatio: number | null,
  edgeMode: boolean,
): StepReport {
  return {
    mode,
    users,
    eventId: window.eventId,
    startedAtSecond: window.startedAtSecond,
    measurement,
    ...rates(measurement),
    cacheHitRatio,
    queueLength: edgeMode ? window.queue : null,
    cpu: window.cpu ?? {},
  };
}
