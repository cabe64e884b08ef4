import { keys, TTL_ATTRIBUTE, ttlAttribute } from './keys';
import type { TableOps } from './table-ops';

const DAY_MS = 86_400_000;

/** A signed-in session (the cookie carries its id, signed); revoked by signing out. */
export interface SessionRecord {
  id: string;
  email: string;
  createdAt: number;
  expiresAt: number;
  revokedAt?: number;
}

/**
 * Accounts, sessions, used sign-in links and the sign-in throttle. Every write is one
 * conditional single-item write: a link's `jti` can be consumed once; a session revoked once.
 */
export class AccountRepo {
  constructor(private readonly table: TableOps) {}

  /**
   * Records a sign-in link as used. False when it was used before: the conditional put is
   * what makes a link single-use, even with two clicks racing on two origin processes.
   */
  async consumeLink(jti: string, email: string, expiresAt: number, now: number): Promise<boolean> {
    return this.table.put(
      { ...keys.linkUse(jti), email, usedAt: now, ...ttlAttribute(expiresAt + DAY_MS) },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  /**
   * Counts one sign-in email for this address in this time window; false once `max` were sent
   * (the caller then sends nothing but answers the same, so nothing leaks).
   */
  async countSignIn(email: string, window: number, max: number, until: number): Promise<boolean> {
    const out = await this.table.update(
      keys.signInCount(email, window),
      'ADD sent :one SET #ttl = :ttl',
      { ':one': 1, ':max': max, ':ttl': ttlAttribute(until)[TTL_ATTRIBUTE] },
      { '#ttl': TTL_ATTRIBUTE },
      'attribute_not_exists(sent) OR sent < :max',
    );
    return out !== undefined;
  }

  /**
   * Creates the buyer account (keyed by the normalized email: `email`, `createdAt`,
   * `lastSignInAt`) on first sign-in, or stamps the sign-in time.
   */
  async touch(email: string, now: number): Promise<void> {
    await this.table.update(
      keys.account(email),
      'SET email = :e, createdAt = if_not_exists(createdAt, :now), lastSignInAt = :now',
      { ':e': email, ':now': now },
    );
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.table.put(
      { ...keys.session(session.id), ...session, ...ttlAttribute(session.expiresAt + DAY_MS) },
      { expression: 'attribute_not_exists(pk)' },
    );
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const item = await this.table.get<SessionRecord>(keys.session(id));
    if (!item) return undefined;
    const { id: sid, email, createdAt, expiresAt, revokedAt } = item;
    return revokedAt === undefined
      ? { id: sid, email, createdAt, expiresAt }
      : { id: sid, email, createdAt, expiresAt, revokedAt };
  }

  /** Ends a session (idempotent: the first sign-out's time is kept). */
  async revokeSession(id: string, now: number): Promise<void> {
    await this.table.update(
      keys.session(id),
      'SET revokedAt = if_not_exists(revokedAt, :now)',
      { ':now': now },
      undefined,
      'attribute_exists(pk)',
    );
  }
}
