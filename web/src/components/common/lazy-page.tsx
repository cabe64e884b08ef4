import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

type Loader<P> = () => Promise<{ default: ComponentType<P> }>;

/**
 * A page loaded on first use (its own chunk), without pulling in preact/compat for `lazy`.
 * Loaded pages are kept, so going back is instant.
 *
 * @example const EventsPage = lazyPage(() => import('../../pages/events-page'));
 */
export function lazyPage<P extends object>(load: Loader<P>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<void> | undefined;
  return function LazyPage(props: P) {
    const [, setReady] = useState(Boolean(loaded));
    const [error, setError] = useState<unknown>(undefined);
    useEffect(() => {
      if (loaded) return;
      pending ??= load().then((m) => {
        loaded = m.default;
      });
      pending.then(
        () => setReady(true),
        (e) => {
          pending = undefined;
          setError(e);
        },
      );
    }, []);
    if (error) throw error;
    if (!loaded) return <p aria-busy="true">Loading…</p>;
    const Page = loaded;
    return <Page {...props} />;
  };
}
