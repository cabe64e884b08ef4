import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, type ErrorCode, errorBody, statusOf } from '../../common/errors';
import type { AppEnv } from './env';

/** Sends the one error shape with the status of its code (and Retry-After when given). */
export function sendError(
  c: Context<AppEnv>,
  code: ErrorCode,
  message: string,
  details?: unknown,
  retryAfter?: number,
): Response {
  const requestId = c.get('requestId') ?? crypto.randomUUID();
  const headers: Record<string, string> = {
    'x-request-id': requestId,
    'cache-control': 'no-store',
  };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  return c.json(errorBody(code, message, requestId, details), statusOf(code), headers);
}

/** Zod issues as `{ path, message }`, the `details` of a `validation_failed` error. */
export function zodDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * The one error handler: AppError → its status and shape; malformed JSON → 400 `bad_request`;
 * anything else → 500 `internal` (logged, message not leaked).
 */
export function errorHandler(
  log: (error: unknown, c: Context<AppEnv>) => void,
): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (error instanceof AppError) {
      return sendError(c, error.code, error.message, error.details, error.retryAfter);
    }
    if (error instanceof HTTPException) {
      if (error.status === 413)
        return sendError(c, 'payload_too_large', 'Request body is over 64 KB');
      if (error.status === 400)
        return sendError(c, 'bad_request', 'Malformed JSON in request body');
      if (error.status === 401) return sendError(c, 'unauthorized', error.message);
    }
    log(error, c);
    return sendError(c, 'internal', 'Something went wrong on our side; it has been logged');
  };
}

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  sendError(c, 'not_found', `No route for ${c.req.method} ${c.req.path}`);

/**
 * A router whose zod validation failures become 400 `validation_failed` in the one shape,
 * with the issues in `details`. Every route file registers on one of these.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const details = zodDetails(result.error as unknown as ZodError);
        const first = details[0];
        throw new AppError(
          'validation_failed',
          `Invalid ${result.target}${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`,
          details,
        );
      }
    },
  });
}
