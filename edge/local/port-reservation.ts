import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { errorBody } from '../../common/errors';
import { edgeUrlFor, listenOn } from './listen';

/** The local edge's address, held before the edge itself can start. */
export interface EdgePortReservation {
  readonly port: number;
  /** What origins put in `EDGE_URL`. */
  readonly url: string;
  /** Frees the port for {@link startLocalEdge}; safe to call more than once. */
  release(): Promise<void>;
}

/**
 * Binds the local edge's port before the origins start, so an origin (in this process or a
 * forked worker) knows `EDGE_URL` from its first organizer change, even with port 0. The edge
 * needs the origins' URLs to start, so it cannot listen first. Until released, the placeholder
 * answers `POST /_edge/invalidations` with 201 and nothing removed (the cache is still empty,
 * which is the truth), and anything else with 503 in the one error shape.
 *
 * @example
 * const reserved = await reserveEdgePort({ port: 0, host: '127.0.0.1' });
 * const origin = await startOrigin({ config: parseOriginConfig({ EDGE_URL: reserved.url }) });
 * await reserved.release();
 * const edge = await startLocalEdge({ port: reserved.port, apiOrigin: origin.url, ... });
 */
export async function reserveEdgePort(options: {
  port: number;
  host?: string;
}): Promise<EdgePortReservation> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = randomBytes(8).toString('hex');
      if (req.method === 'POST' && req.url === '/_edge/invalidations') {
        const paths = pathsOf(Buffer.concat(chunks).toString('utf8'));
        const invalidation = { id: `I${id.toUpperCase()}`, status: 'Completed', paths };
        reply(res, 201, { invalidation: { ...invalidation, objectsRemoved: 0 } });
      } else {
        reply(res, 503, errorBody('unavailable', 'The local edge is starting', id));
      }
    });
  });
  const host = options.host ?? '127.0.0.1';
  const port = await listenOn(server, options.port, host);
  let released: Promise<void> | undefined;
  return {
    port,
    url: edgeUrlFor(host, port),
    release: () => {
      released ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return released;
    },
  };
}

function pathsOf(body: string): unknown {
  try {
    return (JSON.parse(body) as { paths?: unknown }).paths ?? [];
  } catch {
    return [];
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
