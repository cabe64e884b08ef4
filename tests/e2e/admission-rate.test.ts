import { describe, expect, it } from 'vitest';
import { journey, screenshots, skipBrowser } from './browser';
import { useBrowserStack } from './fixture';

const ORGANIZER_KEY = 'e2e-rate-organizer-key';

describe.skipIf(skipBrowser)('organizer raises the admission rate in the browser', () => {
  // Nobody gets in until the organizer opens the tap.
  const e2e = useBrowserStack(ORGANIZER_KEY, { ratePerMinute: 0 });

  it('a buyer waits at rate 0 and is admitted once the organizer raises the rate in the console', async () => {
    const shoot = screenshots('admission-rate');
    const buyerPage = await (
      await e2e.browser.newContext({ viewport: { width: 375, height: 812 } })
    ).newPage();
    const consolePage = await (await e2e.browser.newContext()).newPage();
    buyerPage.setDefaultTimeout(10_000);
    consolePage.setDefaultTimeout(10_000);
    const buyer = journey(buyerPage, shoot, 'buyer');
    const organizer = journey(consolePage, shoot, 'organizer');

    await buyer.step('waits in the queue', async () => {
      await buyerPage.goto(`${e2e.url}/events/demo-arena`);
      await buyerPage.getByRole('heading', { name: "You're in the queue" }).waitFor();
      await buyerPage.getByTestId('queue-position').waitFor();
      expect(Number(await buyerPage.getByTestId('queue-position').textContent())).toBeGreaterThan(
        0,
      );
    });

    await organizer.step('signs in and sees the rate at 0', async () => {
      await consolePage.goto(`${e2e.url}/console`);
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
