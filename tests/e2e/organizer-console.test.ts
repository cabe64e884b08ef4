import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../../scripts/stack';
import { launchBrowser, skipBrowser, step, watchPage } from './browser';
import { ensureDemoEvent } from './demo-event';

const ORGANIZER_KEY = 'e2e-console-organizer-key';

describe.skipIf(skipBrowser)('organizer console in the browser', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ port: 0, inMemory: true, quiet: true, organizerKey: ORGANIZER_KEY });
    await ensureDemoEvent(stack.url, ORGANIZER_KEY);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('refuses a wrong key, then signs in, pauses admission and shows it paused in live stats', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const watcher = watchPage(page);

    await step('wrong key is refused', watcher, async () => {
      await page.goto(`${stack.url}/console`);
      await page.getByLabel('Organizer key').fill('not-the-right-key');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
    });

    await step('sign in and see the demo event live', watcher, async () => {
      await page.getByLabel('Organizer key').fill(ORGANIZER_KEY);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Organizer console' }).waitFor();
      await expect.poll(() => page.getByTestId('admission-state').textContent()).toBe('open');
    });

    await step('pause admission and see it reflected', watcher, async () => {
      await page.getByRole('button', { name: 'Pause admission' }).click();
      await page.getByRole('button', { name: 'Resume admission' }).waitFor();
      await expect
        .poll(() => page.getByTestId('admission-state').textContent(), { timeout: 10_000 })
        .toBe('paused');
    });

    await step('the waiting room reports the pause to everyone', watcher, async () => {
      const res = await fetch(`${stack.url}/wr/demo-arena/state`);
      const body = await res.text();
      expect(res.status, body).toBe(200);
      expect(JSON.parse(body).paused, body).toBe(true);
    });

    await step('the key survives a reload (sessionStorage)', watcher, async () => {
      await page.reload();
      await page.getByRole('button', { name: 'Resume admission' }).waitFor();
    });

    await context.close();
  }, 60_000);
});
