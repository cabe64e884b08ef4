import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allBehaviours, catalogCache, defaultBehaviour } from '../edge/behaviours';
import { get, startTestOrigin } from '../tests/edge/fixtures';
import { parseEdgeArgs, startEdgeCli } from './edge';

const dir = mkdtempSync(path.join(tmpdir(), 'floodgate-edge-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run edge: arguments', () => {
  it('takes one or more origins (repeated or comma-separated), a table file and a port', () => {
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
    expect(() => parseEdgeArgs([])).toThrow('--origin <url> is required');
    expect(() => parseEdgeArgs(['--origin', 'localhost:8080'])).toThrow(/not an http\(s\) URL/);
    expect(() => parseEdgeArgs(['--origin', 'http://x', '--port', 'abc'])).toThrow(/not a port/);
    expect(() => parseEdgeArgs(['--origin', 'http://x', '--bogus'])).toThrow(/bogus/);
  });
});

describe('npm run edge: the edge it starts', () => {
  it('caches by a table file in front of any origin and reports hits per behaviour', async () => {
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
