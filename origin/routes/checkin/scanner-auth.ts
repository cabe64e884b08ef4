import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../../common/errors';
import { bearer } from '../../http/auth';
import type { AppEnv } from '../../http/env';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of two keys of any length (their SHA-256 digests are compared). */
function sameKey(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Who is scanning: the organizer key, or one of the door scanners' keys (`SCANNER_KEYS`),
 * as `Authorization: Bearer …`. Answers a label for the check-in record (`organizer`,
 * `scanner-1`, …; never the key), or null when the key is wrong.
 */
export function scannerOf(
  given: string,
  organizerKey: string,
  scannerKeys: readonly string[],
): string | null {
  if (sameKey(given, organizerKey)) return 'organizer';
  const index = scannerKeys.findIndex((key) => sameKey(given, key));
  return index >= 0 ? `scanner-${index + 1}` : null;
}

/** Check-in auth: missing key → 401, wrong key → 403; puts the scanner's label in `c.var.scanner`. */
export const requireScanner = createMiddleware<AppEnv>(async (c, next) => {
  const given = bearer(c.req.header('authorization'));
  if (!given) throw new AppError('unauthorized', 'A scanner or organizer key is required');
  const label = scannerOf(given, c.var.organizerKey, c.var.services.deps.accounts.scannerKeys);
  if (!label) throw new AppError('forbidden', 'Wrong scanner key');
  c.set('scanner', label);
  await next();
});
