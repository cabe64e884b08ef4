/**
 * Which event a hold belongs to, so the hold page (reached by URL `/holds/:id`) can send the
 * right access token. Kept in sessionStorage: it lives exactly as long as the buying tab.
 */
const KEY = 'fg_hold:';

export function rememberHold(holdId: string, eventId: string): void {
  sessionStorage.setItem(KEY + holdId, eventId);
}

export function eventOfHold(holdId: string): string | undefined {
  return sessionStorage.getItem(KEY + holdId) ?? undefined;
}

export function forgetHold(holdId: string): void {
  sessionStorage.removeItem(KEY + holdId);
}
