/**
 * Access tokens per event, kept for the tab's life in sessionStorage. The `fg_access` cookie
 * travels too; the explicit `Authorization` header makes API calls work even where cookies
 * are blocked, and lets the page know whether it must queue first.
 */
const KEY = 'fg_access:';

interface StoredAccess {
  token: string;
  expiresAt: number;
}

function toMillis(expiresAt: string | number): number {
  if (typeof expiresAt === 'number') return expiresAt < 1e12 ? expiresAt * 1000 : expiresAt;
  return Date.parse(expiresAt);
}

/** Remembers the token the waiting room issued for `eventId`. */
export function saveAccess(eventId: string, token: string, expiresAt: string | number): void {
  const value: StoredAccess = { token, expiresAt: toMillis(expiresAt) };
  sessionStorage.setItem(KEY + eventId, JSON.stringify(value));
}

/** The unexpired token for `eventId`, or undefined (then the buyer must queue). */
export function accessFor(eventId: string, now = Date.now()): string | undefined {
  const raw = sessionStorage.getItem(KEY + eventId);
  if (!raw) return undefined;
  try {
    const stored = JSON.parse(raw) as StoredAccess;
    if (Number.isFinite(stored.expiresAt) && stored.expiresAt <= now) return undefined;
    return stored.token;
  } catch {
    return undefined;
  }
}

/** Forgets the token (it expired or the server refused it). */
export function clearAccess(eventId: string): void {
  sessionStorage.removeItem(KEY + eventId);
}

const ENDED = 'fg_session_ended:';

/** What a buyer reads back in the queue after their buying session ended. */
export const SESSION_ENDED_NOTICE = 'Your buying session ended, so you are back in the queue.';

/**
 * Ends the buying session for `eventId` after the server refused the token (expired, released):
 * forgets the token and leaves a note for the event page, which shows it in the waiting room.
 */
export function endSession(eventId: string): void {
  clearAccess(eventId);
  sessionStorage.setItem(ENDED + eventId, '1');
}

/** True once after {@link endSession}: the event page reads and clears the note. */
export function takeSessionEnded(eventId: string): boolean {
  const ended = sessionStorage.getItem(ENDED + eventId) !== null;
  sessionStorage.removeItem(ENDED + eventId);
  return ended;
}
