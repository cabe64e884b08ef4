import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { account, catalog } from '../api/client';
import { friendlyMessage } from '../api/errors';
import type { AccountOrder } from '../api/types';
import { MyTickets } from '../components/account/my-tickets';
import { forgetAccount, loadAccount } from '../models/account';

type View =
  | { kind: 'loading' }
  | { kind: 'signed-out' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; email: string; orders: AccountOrder[]; eventNames: Record<string, string> };

const PENDING_REFRESH_MS = 2000;
const PENDING_REFRESHES = 30;

/** Event names for the order cards; the catalog is cached at the CDN, and optional here. */
async function eventNames(): Promise<Record<string, string>> {
  try {
    const { events } = await catalog.listEvents();
    return Object.fromEntries(events.map((e) => [e.id, e.name]));
  } catch {
    return {};
  }
}

/**
 * `/account` ("my tickets"): the signed-in buyer's orders with QR codes; the sign-in link lands
 * here. Not signed in → a link to `/account/sign-in`.
 */
export default function AccountPage() {
  const view = useSignal<View>({ kind: 'loading' });

  const load = async () => {
    view.value = { kind: 'loading' };
    try {
      const signedIn = await loadAccount(true);
      if (!signedIn) {
        view.value = { kind: 'signed-out' };
        return;
      }
      const [{ orders }, names] = await Promise.all([account.orders(), eventNames()]);
      view.value = { kind: 'ready', email: signedIn.email, orders, eventNames: names };
    } catch (e) {
      view.value = { kind: 'error', message: friendlyMessage(e) };
    }
  };

  useEffect(() => {
    void load();
  }, []);

  // An order still being paid for turns into tickets by itself (a few refreshes, then stop).
  const refreshes = useSignal(0);
  const current = view.value;
  const pending = current.kind === 'ready' && current.orders.some((o) => o.status === 'PENDING');
  useEffect(() => {
    if (!pending || refreshes.value >= PENDING_REFRESHES) return;
    const timer = setTimeout(async () => {
      refreshes.value += 1;
      const latest = await account.orders().catch(() => undefined);
      if (latest && view.value.kind === 'ready') view.value = { ...view.value, ...latest };
    }, PENDING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [pending, refreshes.value]);

  const signOut = async () => {
    try {
      await account.signOut();
      forgetAccount();
      view.value = { kind: 'signed-out' };
    } catch (e) {
      view.value = { kind: 'error', message: friendlyMessage(e) };
    }
  };

  const v = view.value;
  return (
    <main class="page">
      {v.kind === 'loading' && <p aria-busy="true">Loading your tickets…</p>}
      {v.kind === 'signed-out' && (
        <>
          <h1>Your tickets</h1>
          <p class="card">
            <a href="/account/sign-in">Sign in with your email</a> to see your orders and tickets,
            including those bought as a guest.
          </p>
        </>
      )}
      {v.kind === 'error' && (
        <>
          <h1>Your tickets</h1>
          <p class="notice" role="alert">
            {v.message}
          </p>
          <button type="button" onClick={load}>
            Try again
          </button>
        </>
      )}
      {v.kind === 'ready' && (
        <MyTickets
          email={v.email}
          orders={v.orders}
          eventNames={v.eventNames}
          onResend={async (orderId) => {
            await account.resend(orderId);
          }}
          onSignOut={signOut}
        />
      )}
    </main>
  );
}
