import { describe, expect, it } from 'vitest';
import { journey, screenshots, skipBrowser } from './browser';
import { useBrowserStack } from './fixture';
import {
  holdSelectedSeats,
  openDemoEvent,
  payAndWaitForTickets,
  pickFloorASeats,
} from './purchase';

const ORGANIZER_KEY = 'e2e-organizer-key';

describe.skipIf(skipBrowser)('buyer journey in the browser', () => {
  const e2e = useBrowserStack(ORGANIZER_KEY);

  const setPaused = (paused: boolean) => e2e.setAdmission({ paused });

  it('queues, gets in, picks two seats on the map, holds, pays and gets QR tickets on a phone', async () => {
    // Entry paused first, so the buyer really waits in line before being let in.
    await setPaused(true);
    const context = await e2e.browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const { step } = journey(page, screenshots('buyer-journey'), 'buyer');

    await step('storefront lists the demo event', async () => {
      await openDemoEvent(page, e2e.url);
    });

    await step('waiting room shows the place in line', async () => {
      await page.getByRole('heading', { name: "You're in the queue" }).waitFor();
      await page.getByTestId('queue-position').waitFor();
      expect(Number(await page.getByTestId('queue-position').textContent())).toBeGreaterThan(0);
      await page.getByRole('progressbar').waitFor();
    });

    await setPaused(false);

    await step('admitted to the seat map', async () => {
      await page.getByRole('heading', { name: 'Choose your seats' }).waitFor({ timeout: 15_000 });
    });

    // The second seat by keyboard: arrow right from the first, then Enter.
    await step('pick two seats in Floor A', () => pickFloorASeats(page, 2));

    await step('hold the seats', async () => {
      await holdSelectedSeats(page);
      expect(await page.locator('.cart-list li').count()).toBe(2);
    });

    await step('pay with the prefilled sandbox card', () =>
      payAndWaitForTickets(page, 'buyer@example.com'),
    );

    await step('order page shows two tickets with QR codes', async () => {
      expect(await page.getByTestId('order-status').textContent()).toContain('2 tickets');
      expect(page.url()).toMatch(/\/orders\/o_[^?]+\?secret=/);
      expect(await page.locator('.ticket .qr svg').count()).toBe(2);
    });

    await context.close();
  }, 90_000);
});
