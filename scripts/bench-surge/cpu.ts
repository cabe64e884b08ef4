import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Linux reports process CPU time in clock ticks; 100 per second on every common kernel. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process has used so far, or undefined when it is gone. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** Pids of processes whose command name is `name` (e.g. `redis-server`), if it runs here. */
export function pidsNamed(name: string): number[] {
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

/** Busy and total CPU time of the whole machine so far (ms, summed over cores). */
export function machineCpuMs(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    const all = times.user + times.nice + times.sys + times.idle + times.irq;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** Named groups of processes whose CPU is measured over a step. */
export type ProcessGroups = Record<string, () => number[]>;

/**
 * Starts measuring CPU per group; the returned function gives each group's share of one core
 * over the interval, plus the machine's busy share (all cores = 1).
 *
 * @example const stop = measureCpu({ edge: () => [process.pid] }); …; stop() // { edge: 0.8, machine: 0.9 }
 */
export function measureCpu(groups: ProcessGroups): () => Record<string, number> {
  const started = performance.now();
  const machine = machineCpuMs();
  const before = new Map<number, number>();
  for (const pids of Object.values(groups)) {
    for (const pid of pids()) before.set(pid, processCpuMs(pid) ?? 0);
  }
  return () => {
    const wall = performance.now() - started;
    const shares: Record<string, number> = {};
    for (const [name, pids] of Object.entries(groups)) {
      let used = 0;
      // A process started during the interval (a restarted worker) counts from zero.
      for (const pid of pids()) used += (processCpuMs(pid) ?? 0) - (before.get(pid) ?? 0);
      shares[name] = used / wall;
    }
    const now = machineCpuMs();
    shares.machine = (now.busy - machine.busy) / Math.max(1, now.total - machine.total);
    return shares;
  };
}
