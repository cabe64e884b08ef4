import { Component, type ComponentChildren } from 'preact';
import { retryNotice } from './api/http';
import { lazyPage } from './components/common/lazy-page';
import { NotFound } from './components/common/not-found';
import { currentUrl, matchRoute } from './lib/router';

const EventsPage = lazyPage(() => import('./pages/events-page'));
const EventPage = lazyPage(() => import('./pages/event-page'));
const HoldPage = lazyPage(() => import('./pages/hold-page'));
const OrderPage = lazyPage(() => import('./pages/order-page'));
const ConsolePage = lazyPage(() => import('./pages/console-page'));
const SignInPage = lazyPage(() => import('./pages/sign-in-page'));
const AccountPage = lazyPage(() => import('./pages/account-page'));
const MailboxPage = lazyPage(() => import('./pages/mailbox-page'));
const CheckinPage = lazyPage(() => import('./pages/checkin-page'));

/** Catches render errors (including failed chunk loads) and offers a reload. */
class ErrorBoundary extends Component<{ children: ComponentChildren }, { error?: unknown }> {
  override state: { error?: unknown } = {};

  static override getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    if (this.state.error === undefined) return this.props.children;
    return (
      <main class="page">
        <h1>Something went wrong</h1>
        <p>The page hit a problem. Your place in the queue and any held seats are safe.</p>
        <button type="button" onClick={() => location.reload()}>
          Reload
        </button>
      </main>
    );
  }
}

function Page() {
  const url = new URL(currentUrl.value, 'http://x');
  const route = matchRoute(url.pathname, url.search);
  switch (route.name) {
    case 'events':
      return <EventsPage />;
    case 'event':
      return <EventPage key={route.params.eventId} eventId={route.params.eventId ?? ''} />;
    case 'hold':
      return <HoldPage key={route.params.holdId} holdId={route.params.holdId ?? ''} />;
    case 'order':
      return (
        <OrderPage
          key={route.params.orderId}
          orderId={route.params.orderId ?? ''}
          secret={route.query.get('secret') ?? ''}
        />
      );
    case 'console':
      return <ConsolePage />;
    case 'sign-in':
      return <SignInPage token={route.query.get('token') ?? undefined} />;
    case 'account':
      return <AccountPage />;
    case 'mailbox':
      return <MailboxPage to={route.query.get('to') ?? undefined} />;
    case 'checkin':
      return <CheckinPage />;
    default:
      return <NotFound />;
  }
}

/** The whole storefront: header, "busy, retrying" banner, and the page for the current URL. */
export function App() {
  return (
    <>
      <a class="skip" href="#content">
        Skip to content
      </a>
      <header class="top">
        <nav aria-label="Main">
          <a href="/" class="brand">
            Floodgate
          </a>
          <a href="/account">Your tickets</a>
          <a href="/console">Organizers</a>
        </nav>
      </header>
      {retryNotice.value && (
        <p class="banner" role="status">
          {retryNotice.value}
        </p>
      )}
      <div id="content">
        <ErrorBoundary key={currentUrl.value}>
          <Page />
        </ErrorBoundary>
      </div>
    </>
  );
}
