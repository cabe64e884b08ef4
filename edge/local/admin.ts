import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { errorBody } from '../../common/errors';
import type { EdgeRequest, EdgeResponse } from './http-types';

/** Where the local edge's own endpoints live; CloudFront has no such paths, so nothing clashes. */
export const ADMIN_PREFIX = '/_edge/';

const InvalidationBody = z.object({
  paths: z
    .array(z.string().min(1).max(4096))
    .min(1)
    .max(3000)
    .refine((paths) => paths.every((p) => p.startsWith('/') || p === '*'), {
      message: 'every path starts with /',
    }),
});

export interface AdminActions {
  invalidate(paths: string[]): number;
  stats(): unknown;
  /** The cache report as text. */
  report(): string;
}

/**
 * The local edge's admin API, shaped like CloudFront's:
 * `POST /_edge/invalidations` `{ paths: ["/api/catalog/*"] }` → 201 `{ invalidation }`;
 * `GET /_edge/stats` → the cache report as JSON: hit/miss counters, hit ratio, origin requests
 * and bytes from cache vs origin per behaviour, plus the top keys; `GET /_edge/stats?format=text`
 * → the same report as text (what `npm run edge` prints on exit).
 */
export function handleAdmin(req: EdgeRequest, actions: AdminActions): EdgeResponse {
  const requestId = randomBytes(8).toString('hex');
  if (req.path === '/_edge/invalidations' && req.method === 'POST') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.body.toString('utf8') || 'null');
    } catch {
      return json(400, errorBody('bad_request', 'The body is not JSON', requestId));
    }
    const result = InvalidationBody.safeParse(parsed);
    if (!result.success) {
      const message = 'Expected { "paths": ["/path/*", ...] }';
      return json(400, errorBody('validation_failed', message, requestId, result.error.issues));
    }
    const removed = actions.invalidate(result.data.paths);
    return json(201, {
      invalidation: {
        id: `I${randomBytes(6).toString('hex').toUpperCase()}`,
        status: 'Completed',
        paths: result.data.paths,
        objectsRemoved: removed,
        createTime: new Date().toISOString(),
      },
    });
  }
  if (req.path === '/_edge/stats' && (req.method === 'GET' || req.method === 'HEAD')) {
    if (new URLSearchParams(req.querystring).get('format') === 'text') {
      return {
        status: 200,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
        body: Buffer.from(`${actions.report()}\n`),
      };
    }
    return json(200, actions.stats());
  }
  return json(
    404,
    errorBody('not_found', `No admin endpoint ${req.method} ${req.path}`, requestId),
  );
}

function json(status: number, body: unknown): EdgeResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: Buffer.from(JSON.stringify(body)),
  };
}
