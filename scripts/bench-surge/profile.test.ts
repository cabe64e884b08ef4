import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CpuProfile, formatSelfTime, summariseProfiles, topSelfTime } from './profile';

const frame = (functionName: string, url = '', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
});

/** Root → handler → jsonParse; samples: idle, handler ×2, jsonParse ×3, each 1 ms. */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)') },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('handler', 'file:///x/node_modules/hono/dist/hono.js', 9) },
    { id: 4, callFrame: frame('jsonParse', 'node:internal/json', 0) },
  ],
  startTime: 0,
  endTime: 6_000,
  samples: [2, 3, 3, 4, 4, 4],
  timeDeltas: [0, 1_000, 1_000, 1_000, 1_000, 1_000],
};

describe('CPU profile summary', () => {
  it('ranks functions by their own time and leaves idle out of the busy total', () => {
    const summary = topSelfTime(profile, 15);
    expect(summary.busyMs).toBe(5);
    expect(summary.functions.map((f) => [f.name, f.selfMs, f.share])).toEqual([
      ['jsonParse', 3, 0.6],
      ['handler', 2, 0.4],
    ]);
    expect(summary.functions[1]?.location).toBe('hono/dist/hono.js:10');
  });

  it('keeps only the top N and prints one line each under the profile name', () => {
    const text = formatSelfTime('origin-0/CPU.cpuprofile', topSelfTime(profile, 1));
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('origin-0/CPU.cpuprofile: 0.0 s busy');
    expect(lines[1]).toMatch(/^\s+3 ms\s+60\.0%\s+jsonParse\s+node:internal\/json:1$/);
  });

  it('falls back to hit counts when a profile has no samples', () => {
    const counted: CpuProfile = {
      ...profile,
      samples: undefined,
      timeDeltas: undefined,
      nodes: profile.nodes.map((n) => ({ ...n, hitCount: n.id === 3 ? 4 : n.id === 4 ? 2 : 0 })),
    };
    expect(topSelfTime(counted, 5).functions.map((f) => [f.name, f.selfMs])).toEqual([
      ['handler', 4],
      ['jsonParse', 2],
    ]);
  });
});

describe('CPU profiles of a run', () => {
  it('summarises each main-thread profile per role and leaves worker threads out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fg-prof-'));
    try {
      await mkdir(join(dir, 'origin-0'));
      await mkdir(join(dir, 'edge-process'));
      const text = JSON.stringify(profile);
      await writeFile(join(dir, 'origin-0', 'CPU.20260101.120000.42.0.001.cpuprofile'), text);
      await writeFile(join(dir, 'origin-0', 'CPU.20260101.120000.42.1.002.cpuprofile'), text);
      await writeFile(join(dir, 'edge-process', 'edge.cpuprofile'), text);
      const blocks = await summariseProfiles(dir);
      expect(blocks.map((b) => b.split(':')[0])).toEqual([
        'edge-process/edge.cpuprofile',
        'origin-0/CPU.20260101.120000.42.0.001.cpuprofile',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
