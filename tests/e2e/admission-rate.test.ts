import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack } from '../../scripts/stack';
import { journey, launchBrowser, screenshots, skipBrowser } from './browser';
import { ensureDemoEvent } from './demo-event';

const ORGANIZER_KEY = 'e2e-rate-organizer-key';

describe.skipIf(skipBrowser)('organizer raises the admission rate in the browser', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  let browser: Browser;

  beforeAll(async () => {
    stack = await startStack({ port: 0, inMemory: true, quiet: true, organizerKey: ORGANIZER_KEY });
    await ensureDemoEvent(stack.url, ORGANIZER_KEY);
    // Nobody gets in until the organizer opens the tap.
    const res = await fetch(`${stack.url}/api/admin/events/demo-arena/admission`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ORGANIZER_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ratePerMinute: 0 }),
    });
    if (res.status !== 200) throw new Error(`rate 0 answered ${res.status}: ${await res.text()}`);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('a buyer waits at rate 0 and is admitted once the organizer raises the rate in the console', async () => {
    const shoot = screenshots('admission-rate');
    const buyerPage = await (
      await browser.newContext({ viewport: { width: 375, height: 812 } })
    ).newPage();
    const consolePage = await (await browser.newContext()).newPage();
    buyerPage.setDefaultTimeout(10_000);
    consolePage.setDefaultTimeout(10_000);
    const buyer = journey(buyerPage, shoot, 'buyer');
    const organizer = journey(consolePage, shoot, 'organizer');

    await buyer.step('waits in the queue', async () => {
      await buyerPage.goto(`${stack.url}/events/demo-arena`);
      await buyerPage.getByRole('heading', { name: "You're in the queue" }).waitFor();
      await buyerPage.getByTestId('queue-position').waitFor();
      expect(Number(await buyerPage.getByTestId('queue-position').textContent())).toBeGreaterThan(
        0,
      );
    });

    await organizer.step('signs in and sees the rate at 0', async () => {
      await consolePage.goto(`${stack.url}/console`);
      await consolePage.getByLabel('Organizer key').fill(ORGANIZER_KEY);
      await consolePage.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => consolePage.getByTestId('admit-rate').textContent()).toBe('0/min');
      await expect
        .poll(() => consolePage.getByTestId('chart-queue').textContent(), { timeout: 10_000 })
        .not.toBe('—');
    });

    await buyer.step('is still waiting at rate 0', async () => {
      expect(await buyerPage.getByRole('heading', { name: 'Choose your seats' }).count()).toBe(0);
      await buyerPage.getByRole('progressbar').waitFor();
    });

    await organizer.step('raises the rate to 600 per minute', async () => {
      await consolePage.getByLabel('Admit per minute').fill('600');
      await consolePage.getByRole('button', { name: 'Save settings' }).click();
      await consolePage.getByText('Saved.').waitFor();
      await expect
        .poll(() => consolePage.getByTestId('admit-rate').textContent(), { timeout: 10_000 })
        .toBe('600/min');
    });

    await buyer.step('is admitted to the seat map', async () => {
      await buyerPage
        .getByRole('heading', { name: 'Choose your seats' })
        .waitFor({ timeout: 20_000 });
    });

    await organizer.step('sees the buyer among the active buyers', async () => {
      await expect
        .poll(
          () =>
            consolePage
              .locator('.chart', { hasText: 'Active buyers' })
              .locator('strong')
              .textContent(),
          {
            timeout: 10_000,
          },
        )
        .toMatch(/^1 \//);
    });

    await buyerPage.context().close();
    await consolePage.context().close();
  }, 90_000);
});
