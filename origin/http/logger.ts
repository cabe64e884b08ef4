import { createMiddleware } from 'hono/factory';
import { type Logger, pino } from 'pino';
import type { AppEnv } from './env';

export type { Logger };

/**
 * The origin's JSON logger (pino): one line per event, ISO time, `level` as its label
 * (`"info"`, `"error"`, not pino's numbers, so CloudWatch Logs Insights and the dashboard can
 * filter on `level = "error"`), threshold from `LOG_LEVEL` (`silent` by default under tests).
 * @example const logger = createLogger('info'); logger.info({ eventId }, 'seeded');
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    base: { service: 'floodgate-origin' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * One structured line per request: method, route pattern, status, duration, request id (the
 * route pattern, not the path, so lines group by operation). 5xx log at `error`.
 */
export function requestLog(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const start = performance.now();
    await next();
    const status = c.res.status;
    const line = {
      requestId: c.get('requestId'),
      method: c.req.method,
      route: c.req.routePath || 'unmatched',
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - start) * 10) / 10,
    };
    if (status >= 500) logger.error(line, 'request');
    else logger.info(line, 'request');
  });
}
