import { describe, expect, it } from 'vitest';
import { formatBytes, formatCacheReport } from './cache-report';
import { EdgeStats } from './stats';

function sample(): EdgeStats {
  const stats = new EdgeStats({ topKeys: 2, maxKeys: 3 });
  stats.originRequest('/api/catalog/*');
  stats.record('/api/catalog/*', 'Miss', 1000, '/api/catalog/events');
  stats.record('/api/catalog/*', 'Hit', 1000, '/api/catalog/events');
  stats.record('/api/catalog/*', 'Hit', 1000, '/api/catalog/events');
  stats.record('/api/catalog/*', 'RefreshHit', 500, '/api/catalog/events/a');
  stats.record('/api/*', 'Miss', 10, 'POST /api/holds');
  stats.record('/api/*', 'FunctionGeneratedResponse', 99, 'GET /api/holds/h_1');
  stats.record('/wr/*', 'Miss', 5, '/wr/x/state');
  return stats;
}

describe('EdgeStats', () => {
  it('splits bytes into served from cache (Hit, RefreshHit) and from the origin (Miss)', () => {
    // Rule ("View CloudFront cache statistics reports"): Hit and RefreshHit are served from
    // the cache, Miss from the origin; bytes are split the same way.
    const { behaviours, total } = sample().snapshot();
    expect(behaviours['/api/catalog/*']).toMatchObject({
      bytesFromCache: 2500,
      bytesFromOrigin: 1000,
      hitRatio: 0.75,
    });
    expect(total).toMatchObject({ bytesFromCache: 2500, bytesFromOrigin: 1015, requests: 7 });
  });

  it('lists the most requested keys first and counts keys beyond its limit without tracking them', () => {
    // Rule ("View popular objects reports"): the most requested objects, by request count,
    // with their hits and misses.
    const snapshot = sample().snapshot();
    expect(snapshot.topKeys).toEqual([
      {
        key: '/api/catalog/events',
        behaviour: '/api/catalog/*',
        requests: 3,
        hits: 2,
        misses: 1,
        bytes: 3000,
      },
      expect.objectContaining({ key: '/api/catalog/events/a', hits: 1 }),
    ]);
    expect(snapshot.untrackedKeyRequests).toBe(2);
  });
});

describe('formatCacheReport', () => {
  it('prints the hit ratio per behaviour, bytes from cache vs origin and the top keys', () => {
    // Rule ("View CloudFront cache statistics reports"): hit ratio = (Hit + RefreshHit) over
    // cacheable requests, shown here per behaviour.
    const text = formatCacheReport({ ...sample().snapshot(), cache: { objects: 2, bytes: 4096 } });
    expect(text).toMatch(/^\/api\/catalog\/\*\s+4\s+2\s+1\s+1\s+75\.0%\s+1\s+2\.4 KB\s+1000 B$/m);
    expect(text).toContain(
      'Bytes to viewers: 2.4 KB from cache, 1015 B from origin (71.1% from cache)',
    );
    expect(text).toContain('Cache now: 2 objects, 4.0 KB');
    expect(text).toMatch(/^\s+3\s+2\s+1\s+2\.9 KB\s+\/api\/catalog\/\*\s+\/api\/catalog\/events$/m);
  });

  it('formats byte counts in binary units', () => {
    // Rule (local only, no CloudFront counterpart): the printed report uses KB = 1024 B.
    expect([formatBytes(0), formatBytes(1536), formatBytes(5 * 1024 ** 3)]).toEqual([
      '0 B',
      '1.5 KB',
      '5.0 GB',
    ]);
  });
});
