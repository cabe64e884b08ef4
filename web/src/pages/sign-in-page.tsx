import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { account, mailbox } from '../api/client';
import { friendlyMessage } from '../api/errors';
import { navigate } from '../lib/router';
import { rememberAccount } from '../models/account';

/**
 * `/account/sign-in`: the buyer asks for a single-use sign-in link by email (no password).
 * The link in the email (`GET /api/account/verify?token=…`) sets the session cookie and lands
 * on `/account`. A page link with `?token=` is accepted here too (`POST /api/account/verify`).
 * In local development the "check your inbox" step links to the local mailbox page.
 */
export default function SignInPage({ token }: { token?: string }) {
  const email = useSignal('');
  const busy = useSignal(false);
  const sentTo = useSignal<string | null>(null);
  const error = useSignal<string | null>(null);
  const localMailbox = useSignal(false);

  useEffect(() => {
    if (!token) return;
    account.verify(token).then(
      ({ account: signedIn }) => {
        rememberAccount(signedIn);
        navigate('/account', true);
      },
      (e) => {
        error.value = friendlyMessage(e);
      },
    );
  }, [token]);

  const submit = async (e: Event) => {
    e.preventDefault();
    const address = email.value.trim();
    busy.value = true;
    error.value = null;
    try {
      await account.signIn(address);
      sentTo.value = address;
      // Only a development origin answers the mailbox; in production it is a 404 and no link.
      localMailbox.value = await mailbox.list(address).then(
        () => true,
        () => false,
      );
    } catch (failure) {
      error.value = friendlyMessage(failure);
    } finally {
      busy.value = false;
    }
  };

  if (sentTo.value) {
    return (
      <main class="page narrow">
        <h1>Check your inbox</h1>
        <p role="status" data-testid="sign-in-sent">
          If <strong>{sentTo.value}</strong> can receive email, a sign-in link is on its way. It
          works once, for 15 minutes.
        </p>
        {localMailbox.value && (
          <p class="card">
            Running locally: no real email is sent.{' '}
            <a href={`/mailbox?to=${encodeURIComponent(sentTo.value)}`}>Open the local mailbox</a>{' '}
            to see it.
          </p>
        )}
        <button
          type="button"
          onClick={() => {
            sentTo.value = null;
          }}
        >
          Use another email
        </button>
      </main>
    );
  }

  return (
    <main class="page narrow">
      <h1>Sign in to your tickets</h1>
      <p class="muted">
        No password: we email you a link. Orders you bought as a guest with the same email are there
        too.
      </p>
      <form class="card" onSubmit={submit}>
        <label>
          Email
          <input
            type="email"
            required
            autoComplete="email"
            value={email.value}
            onInput={(e) => {
              email.value = e.currentTarget.value;
            }}
          />
        </label>
        {error.value && (
          <p class="notice" role="alert">
            {error.value}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? 'Sending…' : 'Email me a sign-in link'}
        </button>
      </form>
    </main>
  );
}
