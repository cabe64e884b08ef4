import { randomUUID } from 'node:crypto';
import { AppError } from '../../../common/errors';
import type { SessionRecord } from '../../adapters/dynamo/account-repo';
import { normalizeEmail } from '../../domain/email-address';
import type { ResolvedDeps } from '../deps';
import type { OrderRecord } from '../models';
import { confirmationRequested } from '../outbox/events';
import { linkBase } from './settings';
import { signInEmail } from './sign-in-email';
import {
  LINK_TTL_MS,
  SESSION_TTL_MS,
  signLinkToken,
  signSessionToken,
  verifyLinkToken,
  verifySessionToken,
} from './tokens';

type AccountDeps = Pick<ResolvedDeps, 'store' | 'clock' | 'mailbox' | 'accounts'>;

/**
 * The page the sign-in email links to. The page spends the token with `POST
 * /api/account/verify`, so mail scanners that pre-fetch links do not use up the single-use
 * link, and a used or expired link gets a friendly page rather than a JSON error.
 * (`GET /api/account/verify?token=` also works, for API clients.)
 */
export const SIGN_IN_PAGE_PATH = '/account/sign-in';

/** A signed-in buyer, as `GET /api/account/me` answers. */
export interface BuyerSession {
  email: string;
  sessionId: string;
  expiresAt: number;
}

/**
 * Buyer accounts without passwords: a magic link by email (signed, 15 minutes, single use by a
 * conditional write of its `jti`), then a session (a signed cookie naming a session item, so
 * signing out ends it everywhere). "My orders" are the orders bought with the account's email,
 * found through the email index: a guest's earlier orders simply show up, nothing is copied.
 */
export function createAccountService(deps: AccountDeps) {
  const { store, accounts: settings } = deps;

  /**
   * Emails a sign-in link to `email`. Answers the same whether or not the address has bought
   * or signed in before (nothing to probe), and past the per-address throttle sends nothing.
   */
  async function requestSignIn(rawEmail: string, requestOrigin?: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    const now = deps.clock();
    const base = linkBase(settings, requestOrigin);
    if (!base) throw new AppError('unavailable', 'Sign-in is not configured (PUBLIC_URL)');
    const window = Math.floor(now / LINK_TTL_MS);
    const allowed = await store.accounts.countSignIn(
      email,
      window,
      settings.signInsPerWindow,
      (window + 2) * LINK_TTL_MS,
    );
    if (!allowed) return;
    const jti = randomUUID();
    const token = await signLinkToken(email, jti, settings.secrets.linkSecret, now);
    const link = `${base}${SIGN_IN_PAGE_PATH}?token=${encodeURIComponent(token)}`;
    await deps.mailbox.send(
      signInEmail({
        id: `m_signin_${jti.replaceAll('-', '')}`,
        to: email,
        link,
        createdAt: now,
        minutes: LINK_TTL_MS / 60_000,
      }),
    );
  }

  /** Uses a sign-in link once: a new session and the cookie value that names it. */
  async function verifyLink(token: string): Promise<{ token: string; session: BuyerSession }> {
    const now = deps.clock();
    const claims = await verifyLinkToken(token, settings.secrets.linkSecret, now);
    if (!(await store.accounts.consumeLink(claims.jti, claims.email, claims.expiresAt, now))) {
      throw new AppError('link_used', 'This sign-in link was already used: ask for a new one');
    }
    await store.accounts.touch(claims.email, now);
    const session: SessionRecord = {
      id: `s_${randomUUID().replaceAll('-', '')}`,
      email: claims.email,
      createdAt: now,
      expiresAt: now + SESSION_TTL_MS,
    };
    await store.accounts.createSession(session);
    const cookie = await signSessionToken(
      session.email,
      session.id,
      settings.secrets.sessionSecret,
      now,
    );
    return {
      token: cookie,
      session: { email: session.email, sessionId: session.id, expiresAt: session.expiresAt },
    };
  }

  /** The session a cookie names, if it is genuine, live and not signed out; else null. */
  async function sessionOf(cookie: string | undefined): Promise<BuyerSession | null> {
    const now = deps.clock();
    const claims = await verifySessionToken(cookie, settings.secrets.sessionSecret, now);
    if (!claims) return null;
    const record = await store.accounts.getSession(claims.sessionId);
    if (!record || record.revokedAt !== undefined || record.expiresAt <= now) return null;
    if (record.email !== claims.email) return null;
    return { email: record.email, sessionId: record.id, expiresAt: record.expiresAt };
  }

  /** The session of a cookie, or 401 `unauthorized`. */
  async function requireSession(cookie: string | undefined): Promise<BuyerSession> {
    const session = await sessionOf(cookie);
    if (!session) throw new AppError('unauthorized', 'Sign in to see your orders');
    return session;
  }

  async function ownOrder(email: string, orderId: string): Promise<OrderRecord> {
    const order = await store.orders.get(orderId);
    // Someone else's order looks exactly like a missing one.
    if (!order || normalizeEmail(order.email) !== email) {
      throw new AppError('not_found', `No order "${orderId}" in your account`);
    }
    return order;
  }

  return {
    requestSignIn,
    verifyLink,
    sessionOf,
    requireSession,

    /** Ends a session (idempotent; an unknown or already ended one is fine). */
    async signOut(cookie: string | undefined): Promise<void> {
      const session = await sessionOf(cookie);
      if (session) await store.accounts.revokeSession(session.sessionId, deps.clock());
    },

    /** Every order bought with the buyer's email, signed in or as a guest, newest first. */
    async orders(email: string): Promise<OrderRecord[]> {
      return store.orders.listByEmail(email);
    },

    /**
     * Queues the confirmation email again through the outbox. One email per request key: the
     * event id derives from order + key, and the email consumer deduplicates by event id.
     */
    async resendConfirmation(
      email: string,
      orderId: string,
      requestKey: string | undefined,
    ): Promise<{ eventId: string }> {
      const order = await ownOrder(email, orderId);
      if (order.status !== 'CONFIRMED') {
        throw new AppError('conflict', `Order "${orderId}" is ${order.status}: no tickets to send`);
      }
      const event = confirmationRequested(order, requestKey ?? randomUUID(), deps.clock());
      if (!(await store.orders.addEvent(order.id, event))) {
        throw new AppError('conflict', `Order "${orderId}" is no longer confirmed`);
      }
      return { eventId: event.id };
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
