import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startStack } from '../../scripts/stack';
import { launchBrowser } from './browser';
import { ensureDemoEvent } from './demo-event';

/** What a browser suite gets: the stack's URL, the browser, and the organizer's admission API. */
export interface BrowserStack {
  readonly url: string;
  readonly browser: Browser;
  /** PUT /api/admin/events/demo-arena/admission; throws with the body on anything but 200. */
  setAdmission(patch: Record<string, unknown>): Promise<void>;
}

/**
 * Registers the hooks every browser suite needs: a throwaway local stack on a free port with the
 * demo event, then headless Chromium; both closed after the suite. `admission` is applied before
 * the browser starts (e.g. `{ ratePerMinute: 0 }` so nobody gets in until the test says so).
 * @example const e2e = useBrowserStack('e2e-key'); … await e2e.browser.newContext();
 */
export function useBrowserStack(
  organizerKey: string,
  admission?: Record<string, unknown>,
): BrowserStack {
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  let browser: Browser | undefined;
  const fixture: BrowserStack = {
    get url() {
      if (!stack) throw new Error('the stack is not started yet (use it inside a test)');
      return stack.url;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet (use it inside a test)');
      return browser;
    },
    async setAdmission(patch) {
      const res = await fetch(`${fixture.url}/api/admin/events/demo-arena/admission`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${organizerKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(patch),
      });
      if (res.status !== 200) {
        throw new Error(
          `admission ${JSON.stringify(patch)} answered ${res.status}: ${await res.text()}`,
        );
      }
    },
  };

  beforeAll(async () => {
    stack = await startStack({ port: 0, inMemory: true, quiet: true, organizerKey });
    await ensureDemoEvent(stack.url, organizerKey);
    if (admission) await fixture.setAdmission(admission);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  return fixture;
}
