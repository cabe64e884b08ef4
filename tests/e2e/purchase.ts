import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Steps of buying on the storefront, shared by the browser suites. Each runs inside a
 * journey step (see browser.ts), which names it and screenshots it.
 */

/** From the storefront's home page into the demo event; resolves on the seat map. */
export async function openDemoEvent(page: Page, baseUrl: string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('link', { name: /Demo Arena/ }).click();
}

/** Picks `count` adjacent seats in Floor A row `row`: the first by click, the rest by keyboard. */
export async function pickFloorASeats(page: Page, count: number, row = 'A'): Promise<void> {
  await page.getByRole('button', { name: /^Section Floor A,/ }).click();
  await page
    .getByRole('button', { name: new RegExp(`^Section Floor A, row ${row}, seat 1,`) })
    .click();
  for (let n = 1; n < count; n++) {
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
  }
  await expect.poll(() => page.locator('.cart-list li').count(), { timeout: 5000 }).toBe(count);
}

/** Holds the picked seats; resolves on the hold page with its countdown. */
export async function holdSelectedSeats(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Hold selected seats' }).click();
  await page.getByRole('heading', { name: 'Held for you' }).waitFor();
  await page.getByRole('timer').waitFor();
}

/** Pays with the prefilled sandbox card and `email`; resolves when the order is confirmed. */
export async function payAndWaitForTickets(page: Page, email: string): Promise<void> {
  expect(await page.getByLabel('Card number').inputValue()).toBe('4242 4242 4242 4242');
  await page.getByLabel('Email for your tickets').fill(email);
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.getByTestId('order-status').waitFor({ timeout: 15_000 });
}
