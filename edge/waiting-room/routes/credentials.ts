import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { AppError } from '../../../common/errors';
import { CLIENT_COOKIE, TICKET_COOKIE } from '../../token';
import type { WaitingRoomContext } from '../http';

const credentialsBody = z.object({
  ticket: z.string().max(4096).optional(),
  clientSecret: z.string().max(256).optional(),
});

/** Largest body the join and admit routes read (they expect two short strings at most). */
export const MAX_BODY_BYTES = 8 * 1024;

/**
 * The ticket and client secret from the JSON body (API clients) or the cookies (browsers).
 * Bodies are optional, bounded and must be JSON when present.
 */
export async function credentialsOf(c: WaitingRoomContext) {
  let body: z.infer<typeof credentialsBody> = {};
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'Body is too large');
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError('payload_too_large', 'Body is too large');
  if (text.trim() !== '') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError('bad_request', 'Body must be JSON');
    }
    const parsed = credentialsBody.safeParse(json);
    if (!parsed.success) {
      throw new AppError('validation_failed', 'Invalid request body', parsed.error.issues);
    }
    body = parsed.data;
  }
  return {
    ticket: body.ticket ?? getCookie(c, TICKET_COOKIE),
    secret: body.clientSecret ?? getCookie(c, CLIENT_COOKIE),
  };
}
