import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journey, screenshots, skipBrowser } from './browser';
import { useBrowserStack } from './fixture';

const ORGANIZER_KEY = 'e2e-race-organizer-key';
const SEAT = /^Section Floor B, row C, seat 10,/;

describe.skipIf(skipBrowser)('two buyers racing for one seat in the browser', () => {
  const e2e = useBrowserStack(ORGANIZER_KEY);

  it('one buyer holds the seat; the other is told someone got there first and holds the nearest seat in one click', async () => {
    const shoot = screenshots('seat-race');
    const open = async (who: string) => {
      const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      return { page, run: journey(page, shoot, who) };
    };
    const a = await open('buyer A');
    const b = await open('buyer B');

    const pickTheSeat = async (page: Page) => {
      await page.goto(`${e2e.url}/events/demo-arena`);
      await page.getByRole('heading', { name: 'Choose your seats' }).waitFor({ timeout: 15_000 });
      await page.getByRole('button', { name: /^Section Floor B, \d+ left/ }).click();
      await page.getByRole('button', { name: SEAT }).click();
      await expect.poll(() => page.locator('.cart .cart-list li').count()).toBe(1);
    };
    await a.run.step('admitted, picks Floor B row C seat 10', () => pickTheSeat(a.page));
    await b.run.step('admitted, picks the same seat', () => pickTheSeat(b.page));

    await a.run.step('holds it first', async () => {
      await a.page.getByRole('button', { name: 'Hold selected seats' }).click();
      await a.page.getByRole('heading', { name: 'Held for you' }).waitFor();
      expect(await a.page.locator('.cart-list').textContent()).toContain('row C · seat 10');
    });

    const offered = await b.run.step('is told clearly and offered the nearest seat', async () => {
      await b.page.getByRole('button', { name: 'Hold selected seats' }).click();
      const offer = b.page.getByTestId('seat-taken');
      await offer
        .getByRole('heading', { name: 'Someone got there first — here are the nearest seats' })
        .waitFor();
      const seats = await offer.locator('li').allTextContents();
      expect(seats).toHaveLength(1);
      expect(seats[0]).toMatch(/^Section Floor B, row [A-Z]+, seat \d+,/);
      expect(seats[0]).not.toMatch(/row C, seat 10,/);
      return seats[0] as string;
    });

    await b.run.step('holds the alternative in one click', async () => {
      await b.page.getByRole('button', { name: 'Hold these seats instead' }).click();
      await b.page.getByRole('heading', { name: 'Held for you' }).waitFor();
      const [, row, seat] = /row ([A-Z]+), seat (\d+)/.exec(offered) ?? [];
      expect(await b.page.locator('.cart-list').textContent()).toContain(
        `floor-b · row ${row} · seat ${seat}`,
      );
    });

    await a.page.context().close();
    await b.page.context().close();
  }, 90_000);
});
