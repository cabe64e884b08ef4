import { z } from '@hono/zod-openapi';
import { MAX_EMAIL_LENGTH } from '../../domain/email-address';

/** A sign-in link token: a compact JWS (three base64url parts). */
export const LinkToken = z
  .string()
  .max(2_048)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a sign-in link token');

export const EmailBody = z
  .object({ email: z.email().max(MAX_EMAIL_LENGTH) })
  .strict()
  .openapi('SignIn');

export const AccountSchema = z
  .object({
    email: z.string(),
    /** ISO time the session ends. */
    sessionExpiresAt: z.string(),
  })
  .openapi('Account');

/** The signed-in buyer as the API shows them (`AccountSchema`). */
export function toAccount(session: {
  email: string;
  expiresAt: number;
}): z.infer<typeof AccountSchema> {
  return { email: session.email, sessionExpiresAt: new Date(session.expiresAt).toISOString() };
}

export const cookieSecurity = [{ sessionCookie: [] }];
