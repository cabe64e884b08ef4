/**
 * Surge benchmark (`npm run bench:surge -- --steps 100,1000 --step-seconds 20 --baseline`): the
 * paper's Table III experiment on this machine. Virtual buyers ramp through 100 → 8,000 concurrent
 * through the local edge (waiting room, edge cache, N origin workers on real Redis and the
 * embedded DynamoDB); with `--baseline` the same load also goes straight at one origin process
 * with no cache, no waiting room and the unsafe booking path, after the edge ramp in the same run.
 *
 * Generator: a separate Node process on `node:http` keep-alive agents (no `fetch`, no
 * autocannon): buyers are stateful journeys with think time, which fixed-request tools cannot
 * express, and measuring it as its own process shows its CPU share next to the stack's.
 *
 * Output: a terminal table, `bench-results/surge.json` and `bench-results/surge.svg`; every step
 * sells its own event, reconciled on its own afterwards (double-bookings, unrefunded failed
 * payments). `--max-seconds` is a hard stop. `--profile` writes CPU profiles of the workers, the
 * embedded DynamoDB and this process (the edge) to `bench-results/profiles` and prints each one's
 * top 15 self-time functions.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { Redis } from 'ioredis';
import { renderChart } from './bench-surge/chart';
import { parseSurgeOptions, type SurgeOptions, SurgeOptionsError } from './bench-surge/options';
import { profileThisProcess, summariseProfiles } from './bench-surge/profile';
import { reconcileSteps } from './bench-surge/reconcile-steps';
import { formatStepDetail, formatTable, type StepReport } from './bench-surge/report';
import {
  ORGANIZER_KEY,
  planModes,
  runModeRamp,
  type SurgeStacks,
  startGenerator,
} from './bench-surge/run';
import { startStack } from './stack';

async function startStacks(
  options: SurgeOptions,
  prefix: string,
  profileDir: string | undefined,
): Promise<SurgeStacks> {
  const common = {
    port: 0,
    inMemory: true,
    quiet: true,
    redisUrl: options.redisUrl,
    organizerKey: ORGANIZER_KEY,
  };
  const edge = await startStack({
    ...common,
    redisPrefix: `${prefix}edge:`,
    workers: options.workers,
    forkOrigin: true,
    profileDir: profileDir && `${profileDir}/edge-stack`,
  });
  if (!options.baseline) return { edge };
  try {
    const baseline = await startStack({
      ...common,
      redisPrefix: `${prefix}base:`,
      workers: 1,
      forkOrigin: true,
      bookingMode: 'unsafe',
      profileDir: profileDir && `${profileDir}/baseline-stack`,
    });
    return { edge, baseline };
  } catch (error) {
    await edge.close();
    throw error;
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const stream = redis.scanStream({ match: `${prefix}*`, count: 1000 });
    for await (const keys of stream) if ((keys as string[]).length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const options = parseSurgeOptions(process.argv.slice(2), process.env);
  const runStart = Date.now();
  const deadline = runStart + options.maxSeconds * 1000;
  // Hard stop: whatever hangs, the process ends shortly after the limit.
  setTimeout(
    () => {
      console.error(`[bench] hard stop after ${options.maxSeconds + 30} s`);
      process.exit(2);
    },
    (options.maxSeconds + 30) * 1000,
  ).unref();

  const prefix = `bench:surge:${process.pid}:`;
  console.log(
    `[bench] ${cpus().length} cores; steps ${options.steps.join(', ')} users × ${options.stepSeconds} s` +
      `${options.baseline ? ' (edge ramp, then baseline ramp)' : ''}; ${options.workers} origin workers`,
  );
  const profileDir = options.profile ? `${options.outDir}/profiles` : undefined;
  if (profileDir) {
    await rm(profileDir, { recursive: true, force: true });
    await mkdir(`${profileDir}/edge-stack/edge-process`, { recursive: true });
  }
  const stacks = await startStacks(options, prefix, profileDir);
  let generator: ChildProcess | undefined;
  let stopEdgeProfile: (() => Promise<string>) | undefined;
  const reports: StepReport[] = [];
  try {
    const planned = await planModes(stacks, options);
    generator = await startGenerator();
    console.log(`[bench] ready after ${((Date.now() - runStart) / 1000).toFixed(1)} s`);
    // This process runs the local edge: sample it over the ramps only, not the set-up.
    if (profileDir) {
      stopEdgeProfile = await profileThisProcess(`${profileDir}/edge-stack/edge-process`, 'edge');
    }
    const rampMs = options.steps.length * options.stepSeconds * 1000 + options.timeoutMs + 5_000;
    for (const mode of planned) {
      if (Date.now() + rampMs > deadline) {
        console.log(`[bench] --max-seconds would be passed: skipping the ${mode.mode} ramp`);
        continue;
      }
      console.log(`[bench] ${mode.mode} ramp: ${options.steps.join(' → ')} users…`);
      const done = await runModeRamp(generator, stacks, mode, options, runStart, (report) =>
        console.log(formatStepDetail(report)),
      );
      reports.push(...done);
    }
    await stopEdgeProfile?.();
    stopEdgeProfile = undefined;
    // Let checkouts settle (sandbox payments) before the scan reads the table.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await reconcileSteps(stacks, planned, reports);
  } finally {
    await stopEdgeProfile?.().catch(() => undefined);
    generator?.send({ type: 'exit' });
    await stacks.baseline?.close();
    await stacks.edge.close();
    await deleteKeys(options.redisUrl, prefix).catch(() => undefined);
  }

  console.log(`\n${formatTable(reports)}\n(times in ms; s = seconds)`);
  for (const r of reports.filter((r) => r.violations?.length)) {
    console.log(`${r.mode} @ ${r.users}: ${r.violations?.join(', ')}`);
  }
  await mkdir(options.outDir, { recursive: true });
  const meta = {
    at: new Date(runStart).toISOString(),
    cores: cpus().length,
    node: process.version,
  };
  await writeFile(
    `${options.outDir}/surge.json`,
    `${JSON.stringify({ ...meta, options, steps: reports }, null, 2)}\n`,
  );
  await writeFile(
    `${options.outDir}/surge.svg`,
    renderChart(reports, `Floodgate surge benchmark, ${meta.at}, ${meta.cores} cores`, {
      workers: options.workers,
    }),
  );
  console.log(`[bench] wrote ${options.outDir}/surge.json and ${options.outDir}/surge.svg`);
  if (profileDir) {
    // Profiles of the forked processes are written as they exit, i.e. once the stacks closed.
    console.log(`\n[bench] CPU profiles in ${profileDir} (top 15 self time, idle excluded):`);
    for (const stackDir of ['edge-stack', 'baseline-stack']) {
      for (const block of await summariseProfiles(`${profileDir}/${stackDir}`)) {
        console.log(`\n${stackDir}/${block}`);
      }
    }
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(
    error instanceof SurgeOptionsError ? error.message : `[bench] failed: ${String(error)}`,
  );
  if (process.env.DEBUG) console.error(error);
  process.exit(1);
});
