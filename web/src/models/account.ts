import { signal } from '@preact/signals';
import { account as accountApi } from '../api/client';
import { ApiError } from '../api/errors';
import type { Account } from '../api/types';

/**
 * The signed-in buyer, shared by "my tickets" and checkout: `undefined` until asked,
 * `null` when not signed in. The session itself is an HttpOnly cookie the page cannot read,
 * so the origin is asked (once per page load, not on every page: the catalog stays cacheable).
 */
export const signedInAccount = signal<Account | null | undefined>(undefined);

let pending: Promise<Account | null> | undefined;

/**
 * Asks `GET /api/account/me` (once; `refresh` asks again): the account, or null on `401`.
 * Other failures (network, busy) are thrown and nothing is remembered.
 */
export function loadAccount(refresh = false): Promise<Account | null> {
  if (refresh) pending = undefined;
  pending ??= accountApi.me().then(
    ({ account }) => {
      signedInAccount.value = account;
      return account;
    },
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 'unauthorized') {
        signedInAccount.value = null;
        return null;
      }
      pending = undefined;
      throw error;
    },
  );
  return pending;
}

/**
 * After sign-in: the verify answer already carries the account, so the page knows at once
 * without asking `GET /api/account/me` again.
 */
export function rememberAccount(signedIn: Account): void {
  pending = Promise.resolve(signedIn);
  signedInAccount.value = signedIn;
}

/** After sign-out: the page knows at once, and the next load asks again. */
export function forgetAccount(): void {
  pending = undefined;
  signedInAccount.value = null;
}
