/**
 * `bench:surge --profile`: where the hot path spends its CPU. Child processes (origin workers,
 * the embedded DynamoDB) run with `--cpu-prof`; the bench process itself, which runs the local
 * edge, is sampled through `node:inspector` over the ramps only. Afterwards every `.cpuprofile`
 * is summarised as its top self-time functions. The summary is pure.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    hitCount?: number;
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** One function's own CPU time (not counting what it called). */
export interface SelfTime {
  name: string;
  location: string;
  selfMs: number;
  /** Share of the profile's busy time (idle excluded). */
  share: number;
}

/** Pseudo-frames that are not CPU work. */
const NOT_WORK = new Set(['(idle)', '(root)']);

function location(url: string, line: number): string {
  if (!url) return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const shown = path.startsWith(repoRoot) ? relative(repoRoot, path) : path;
  return `${shown.replace(/^.*node_modules\//, '')}:${line + 1}`;
}

/**
 * Sums each function's self time from the samples (each sample lasts until the next one) and
 * returns the `top` largest with their share of busy time, plus the busy total.
 *
 * @example topSelfTime(JSON.parse(readFileSync('x.cpuprofile', 'utf8')), 15)
 */
export function topSelfTime(
  profile: CpuProfile,
  top: number,
): { busyMs: number; functions: SelfTime[] } {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length > 0) {
    const average = (profile.endTime - profile.startTime) / samples.length;
    samples.forEach((id, i) => {
      selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? average));
    });
  } else {
    const average = (profile.endTime - profile.startTime) / Math.max(1, sumHits(profile));
    for (const n of profile.nodes) selfUs.set(n.id, (n.hitCount ?? 0) * average);
  }
  const byFunction = new Map<string, SelfTime>();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byNode.get(id)?.callFrame;
    const name = frame?.functionName || '(anonymous)';
    if (!frame || NOT_WORK.has(name)) continue;
    busyUs += us;
    const where = location(frame.url, frame.lineNumber);
    const key = `${name}\u0000${where}`;
    const entry = byFunction.get(key) ?? { name, location: where, selfMs: 0, share: 0 };
    entry.selfMs += us / 1000;
    byFunction.set(key, entry);
  }
  const functions = [...byFunction.values()]
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, top)
    .map((f) => ({ ...f, share: busyUs === 0 ? 0 : f.selfMs / (busyUs / 1000) }));
  return { busyMs: busyUs / 1000, functions };
}

const sumHits = (p: CpuProfile) => p.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0);

/** The summary as terminal lines under a heading naming the profile. */
export function formatSelfTime(title: string, summary: ReturnType<typeof topSelfTime>): string {
  const lines = [`${title}: ${(summary.busyMs / 1000).toFixed(1)} s busy`];
  for (const f of summary.functions) {
    lines.push(
      `  ${f.selfMs.toFixed(0).padStart(7)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ` +
        `${f.name.slice(0, 48).padEnd(48)} ${f.location}`,
    );
  }
  return lines.join('\n');
}

/**
 * Samples this process (the local edge, the Upstash bridge, the run's bookkeeping) until the
 * returned function is called, which writes `<dir>/<name>.cpuprofile`.
 */
export async function profileThisProcess(
  dir: string,
  name: string,
): Promise<() => Promise<string>> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string): Promise<T> =>
    new Promise((resolve, reject) =>
      session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))),
    );
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = await post<{ profile: CpuProfile }>('Profiler.stop');
    session.disconnect();
    const file = join(dir, `${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    return file;
  };
}

/** The thread of a `--cpu-prof` file (`CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`). */
const threadOf = (file: string) => file.match(/^CPU\.\d+\.\d+\.\d+\.(\d+)\.\d+\.cpuprofile$/)?.[1];

/**
 * Every `.cpuprofile` under `dir` (one level of role folders), summarised, one block each.
 * Worker-thread profiles (tsx's module loader thread) are left out: only main threads serve.
 */
export async function summariseProfiles(dir: string, top = 15): Promise<string[]> {
  const blocks: string[] = [];
  const roles = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = roles.filter((r) => r.isDirectory()).map((r) => r.name);
  for (const role of names.sort()) {
    const files = (await readdir(join(dir, role))).filter(
      (f) => f.endsWith('.cpuprofile') && (threadOf(f) ?? '0') === '0',
    );
    for (const file of files.sort()) {
      const profile = JSON.parse(await readFile(join(dir, role, file), 'utf8')) as CpuProfile;
      blocks.push(formatSelfTime(`${role}/${file}`, topSelfTime(profile, top)));
    }
  }
  return blocks;
}
