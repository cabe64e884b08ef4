import { signal } from '@preact/signals';

/**
 * A tiny router on `location.pathname`: a list of patterns, a signal holding the current URL,
 * and `navigate()` on top of the History API. No library: nine routes do not need one.
 */

export type RouteName =
  | 'events'
  | 'event'
  | 'hold'
  | 'order'
  | 'console'
  | 'sign-in'
  | 'account'
  | 'mailbox'
  | 'checkin'
  | 'not-found';

export interface RouteMatch {
  name: RouteName;
  params: Record<string, string>;
  query: URLSearchParams;
}

const ROUTES: { name: RouteName; pattern: RegExp; keys: string[] }[] = [
  { name: 'events', pattern: /^\/(?:events\/?)?$/, keys: [] },
  { name: 'event', pattern: /^\/events\/([^/]+)\/?$/, keys: ['eventId'] },
  { name: 'hold', pattern: /^\/holds\/([^/]+)\/?$/, keys: ['holdId'] },
  { name: 'order', pattern: /^\/orders\/([^/]+)\/?$/, keys: ['orderId'] },
  { name: 'console', pattern: /^\/console\/?$/, keys: [] },
  { name: 'sign-in', pattern: /^\/account\/sign-in\/?$/, keys: [] },
  { name: 'account', pattern: /^\/account\/?$/, keys: [] },
  { name: 'mailbox', pattern: /^\/mailbox\/?$/, keys: [] },
  { name: 'checkin', pattern: /^\/checkin\/?$/, keys: [] },
];

/** Which page a URL shows. Pure, so it is tested without a browser. */
export function matchRoute(pathname: string, search = ''): RouteMatch {
  const query = new URLSearchParams(search);
  for (const route of ROUTES) {
    const m = route.pattern.exec(pathname);
    if (!m) continue;
    const params: Record<string, string> = {};
    route.keys.forEach((key, i) => {
      params[key] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { name: route.name, params, query };
  }
  return { name: 'not-found', params: {}, query };
}

/** The current location (path + query); pages re-render when it changes. */
export const currentUrl = signal(
  typeof location === 'undefined' ? '/' : location.pathname + location.search,
);

/** Goes to `to` without a page load; `replace` keeps history short for redirects. */
export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  currentUrl.value = location.pathname + location.search;
  window.scrollTo(0, 0);
}

/** Keeps the signal in sync with back/forward and turns same-origin link clicks into navigate(). */
export function installRouter(): () => void {
  const onPop = () => {
    currentUrl.value = location.pathname + location.search;
  };
  const onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  };
  window.addEventListener('popstate', onPop);
  document.addEventListener('click', onClick);
  return () => {
    window.removeEventListener('popstate', onPop);
    document.removeEventListener('click', onClick);
  };
}
