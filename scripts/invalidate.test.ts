import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEdge } from '../edge/local/server';
import { get, startEdge, startTestOrigin, type TestOrigin } from '../tests/edge/fixtures';
import { parseEdgeArgs } from './edge';
import { freePort } from './free-port';
import { DEFAULT_EDGE_CLI_PORT, main } from './invalidate';

let origin: TestOrigin;
let edge: LocalEdge;
beforeAll(async () => {
  origin = await startTestOrigin(() => ({ headers: { 'cache-control': 's-maxage=60' } }));
  edge = await startEdge(origin);
});
afterAll(async () => {
  await edge.close();
  await origin.close();
});

function recorder() {
  const lines = { log: [] as string[], error: [] as string[] };
  return {
    lines,
    out: { log: (l: string) => lines.log.push(l), error: (l: string) => lines.error.push(l) },
  };
}

describe('npm run invalidate', () => {
  it('prints the usage and exits 2 without paths', async () => {
    // Rule (local CLI only, no CloudFront counterpart): a usage error names what is missing.
    const { lines, out } = recorder();
    expect(await main(['--'], { EDGE_URL: edge.url }, out)).toBe(2);
    expect(lines.error.join('\n')).toMatch(/^usage: npm run invalidate -- <path>/);
  });

  it('invalidates at EDGE_URL, reports the objects removed and exits 0', async () => {
    // Rule ("Invalidate files to remove content"): a path ending in * removes every cached
    // object below it, and the next request for one of them goes to the origin.
    await get(edge, '/api/catalog/events/cli-1');
    const { lines, out } = recorder();
    expect(await main(['--', '/api/catalog/events/*'], { EDGE_URL: edge.url }, out)).toBe(0);
    expect(lines.log.join('\n')).toMatch(
      /^I[0-9A-F]+ Completed: 1 object\(s\) removed for \/api\/catalog\/events\/\*$/,
    );
    expect((await get(edge, '/api/catalog/events/cli-1')).xcache).toBe('Miss from cloudfront');
  });

  it('talks to 127.0.0.1:$PORT without EDGE_URL', async () => {
    // Rule (local CLI only, no CloudFront counterpart): PORT picks the local edge's port.
    const { lines, out } = recorder();
    const port = new URL(edge.url).port;
    expect(await main(['/nothing-cached'], { PORT: port }, out)).toBe(0);
    expect(lines.log.join('\n')).toContain('0 object(s) removed for /nothing-cached');
  });

  it('exits 1 with the edge refusal when a path is not a CloudFront invalidation path', async () => {
    // Rule ("Invalidate files to remove content"): every invalidation path starts with /.
    const { lines, out } = recorder();
    expect(await main(['api/catalog/*'], { EDGE_URL: edge.url }, out)).toBe(1);
    expect(lines.error.join('\n')).toMatch(/Invalidation failed \(400\).*validation_failed/);
  });

  it('exits 1 with a hint naming EDGE_URL and PORT when no edge answers', async () => {
    // Rule (local CLI only, no CloudFront counterpart): a refused connection names the settings.
    const { lines, out } = recorder();
    const url = `http://127.0.0.1:${await freePort()}`;
    expect(await main(['/x'], { EDGE_URL: url }, out)).toBe(1);
    expect(lines.error.join('\n')).toContain(`is the local edge running at ${url}?`);
    expect(lines.error.join('\n')).toContain('set EDGE_URL, or PORT');
  });

  it('defaults to the port npm run edge listens on', () => {
    // Rule (local CLI only, no CloudFront counterpart): the two commands agree on one port.
    expect(parseEdgeArgs(['--origin', 'http://localhost:8080']).port).toBe(DEFAULT_EDGE_CLI_PORT);
    expect(DEFAULT_EDGE_CLI_PORT).toBe(3001);
  });
});
