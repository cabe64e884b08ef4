import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { allBehaviours, catalogCache, defaultBehaviour } from '../edge/behaviours';
import { get, startTestOrigin } from '../tests/edge/fixtures';
import { parseEdgeArgs, startEdgeCli } from './edge';

const dir = mkdtempSync(path.join(tmpdir(), 'floodgate-edge-cli-'));
const script = fileURLToPath(new URL('./edge.ts', import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run edge: arguments', () => {
  it('takes one or more origins (repeated or comma-separated), a table file and a port', () => {
    // Rule (local CLI only, no CloudFront counterpart): several --origin URLs stand for one
    // custom origin's targets; the port defaults to the one npm run invalidate uses.
    const options = parseEdgeArgs([
      '--',
      '--origin',
      'http://localhost:8080,http://localhost:8081',
      '--origin',
      'http://localhost:8082',
      '--table',
      'my.json',
      '--port',
      '4000',
    ]);
    expect(options).toMatchObject({
      origins: ['http://localhost:8080', 'http://localhost:8081', 'http://localhost:8082'],
      tableFile: 'my.json',
      port: 4000,
      host: '127.0.0.1',
    });
    expect(parseEdgeArgs(['--origin', 'http://x']).port).toBe(3001);
  });

  it('explains what is wrong: no origin, a bad URL, a bad port, an unknown flag', () => {
    // Rule (local CLI only, no CloudFront counterpart): usage errors name the bad flag.
    expect(() => parseEdgeArgs([])).toThrow('--origin <url> is required');
    expect(() => parseEdgeArgs(['--origin', 'localhost:8080'])).toThrow(/not an http\(s\) URL/);
    expect(() => parseEdgeArgs(['--origin', 'http://x', '--port', 'abc'])).toThrow(/not a port/);
    expect(() => parseEdgeArgs(['--origin', 'http://x', '--bogus'])).toThrow(/bogus/);
  });
});

describe('npm run edge: the edge it starts', () => {
  it('caches by a table file in front of any origin and reports hits per behaviour', async () => {
    // Rule ("Cache behavior settings", Path pattern; "Manage how long content stays in the
    // cache (expiration)"): a table file's behaviour routes and caches by the origin's max-age.
    const origin = await startTestOrigin(() => ({
      headers: { 'cache-control': 'max-age=60' },
      body: 'from my origin',
    }));
    const table = [
      {
        pathPattern: '/products/*',
        origin: 'api',
        allowedMethods: 'GET_HEAD',
        cachePolicy: { ...catalogCache, name: 'products' },
        compress: false,
        purpose: 'my catalog',
      },
      defaultBehaviour,
    ];
    const file = path.join(dir, 'table.json');
    writeFileSync(file, JSON.stringify(table));
    const options = parseEdgeArgs(['--origin', origin.url, '--table', file, '--port', '0']);
    const { edge } = await startEdgeCli({ ...options, storefrontDir: dir });
    try {
      await get(edge, '/products/1');
      const again = await get(edge, '/products/1');
      expect(again.xcache, again.body).toBe('Hit from cloudfront');
      expect(origin.hits('/products/1')).toBe(1);
      const report = await get(edge, '/_edge/stats?format=text');
      expect(report.body).toMatch(/^\/products\/\*\s+2\s+1\s+0\s+1\s+50\.0%/m);
      expect(report.body).toContain('/products/1');
    } finally {
      await edge.close();
      await origin.close();
    }
  });

  it('uses the built-in table without --table', async () => {
    // Rule (local CLI only, no CloudFront counterpart): the built-in table is the deployed one.
    const origin = await startTestOrigin();
    const { edge, table } = await startEdgeCli({
      ...parseEdgeArgs(['--origin', origin.url, '--port', '0']),
      storefrontDir: dir,
    });
    await edge.close();
    await origin.close();
    expect(table).toBe(allBehaviours);
  });
});

describe('npm run edge: the command', () => {
  it('serves through the edge, then prints the cache report and exits 0 on Ctrl-C (SIGINT)', async () => {
    // Rule ("Cache behavior settings", Path pattern): the CLI routes by the built-in table, so
    // a catalog path is cached by its behaviour and the report counts it under /api/catalog/*.
    const origin = await startTestOrigin(() => ({
      headers: { 'cache-control': 's-maxage=60' },
      body: 'catalog page',
    }));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, '--origin', origin.url, '--port', '0', '--storefront', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      await vi.waitFor(
        () => expect(stdout, `stdout: ${stdout}\nstderr: ${stderr}`).toMatch(/Stop\s+Ctrl-C/),
        { timeout: 20_000, interval: 50 },
      );
      const url = /Local CloudFront\s+(http:\/\/\S+?)\/\s/.exec(stdout)?.[1];
      expect(url, stdout).toBeDefined();
      for (let i = 0; i < 2; i++) {
        const res = await fetch(`${url}/api/catalog/events/cli`);
        expect(await res.text()).toBe('catalog page');
      }
      child.kill('SIGINT');
      expect(await exited, `stderr: ${stderr}`).toBe(0);
      expect(stdout).toContain('Cache report (local edge)');
      expect(stdout).toMatch(/^\/api\/catalog\/\*\s+2\s+1\s+0\s+1\s+50\.0%/m);
      expect(stdout).toContain('/api/catalog/events/cli');
      expect(origin.hits('/api/catalog/events/cli')).toBe(1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await origin.close();
    }
  }, 30_000);

  it('prints the usage and exits 2 without an origin', async () => {
    // Rule (local CLI only, no CloudFront counterpart): a usage error names the problem.
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, stderr).toBe(2);
    expect(stderr).toContain('--origin <url> is required');
    expect(stderr).toContain('usage: npm run edge -- --origin');
  }, 30_000);
});
