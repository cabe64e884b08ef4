import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listenOn } from './listen';
import { reserveEdgePort } from './port-reservation';

describe('reserveEdgePort', () => {
  it('holds the port, accepts invalidations with nothing removed, and frees the port on release', async () => {
    // Rule (local only, no CloudFront counterpart): an origin that purges before the edge is
    // up loses nothing, since the cache is empty; anything else is told the edge is starting.
    const reserved = await reserveEdgePort({ port: 0 });
    expect(reserved.url).toBe(`http://127.0.0.1:${reserved.port}`);
    const purge = await fetch(`${reserved.url}/_edge/invalidations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paths: ['/api/catalog/events'] }),
    });
    const body = await purge.json();
    expect(purge.status, JSON.stringify(body)).toBe(201);
    expect(body.invalidation).toMatchObject({
      status: 'Completed',
      paths: ['/api/catalog/events'],
      objectsRemoved: 0,
    });
    const other = await fetch(`${reserved.url}/api/catalog/events`);
    const error = await other.json();
    expect(other.status, JSON.stringify(error)).toBe(503);
    expect(error.error.code).toBe('unavailable');

    const taken = listenOn(createServer(), reserved.port, '127.0.0.1');
    await expect(taken).rejects.toThrow(/already in use/);
    await reserved.release();
    await reserved.release();
    const edge = createServer();
    expect(await listenOn(edge, reserved.port, '127.0.0.1')).toBe(reserved.port);
    await new Promise((resolve) => edge.close(resolve));
  });
});
