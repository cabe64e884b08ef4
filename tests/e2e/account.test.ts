import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { journey, screenshots, skipBrowser } from './browser';
import { useBrowserStack } from './fixture';
import {
  holdSelectedSeats,
  openDemoEvent,
  payAndWaitForTickets,
  pickFloorASeats,
} from './purchase';

const ORGANIZER_KEY = 'e2e-account-organizer-key';
/** Typed at checkout with capitals; signed in with in lower case: the same buyer. */
const CHECKOUT_EMAIL = 'Guest.Buyer@Example.com';
const SIGN_IN_EMAIL = 'guest.buyer@example.com';

describe.skipIf(skipBrowser)('buyer account in the browser', () => {
  const e2e = useBrowserStack(ORGANIZER_KEY);

  it('buys as a guest, signs in by the link from the local mailbox, sees the QR codes in "my tickets", a ticket gets in once, and the tickets of a cancelled order do not', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const shoot = screenshots('account');
    const { step } = journey(page, shoot, 'buyer');
    const nav = page.getByRole('navigation', { name: 'Main' });

    await step('buys two seats as a guest with an email', async () => {
      await openDemoEvent(page, e2e.url);
      await page.getByRole('heading', { name: 'Choose your seats' }).waitFor({ timeout: 15_000 });
      await pickFloorASeats(page, 2);
      await holdSelectedSeats(page);
      await payAndWaitForTickets(page, CHECKOUT_EMAIL);
      expect(await page.getByTestId('order-status').textContent()).toContain('2 tickets');
    });
    const orderId = new URL(page.url()).pathname.split('/').pop() ?? '';

    await step('"Your tickets" asks a guest to sign in', async () => {
      await nav.getByRole('link', { name: 'Your tickets' }).click();
      await page.getByRole('link', { name: 'Sign in with your email' }).click();
      await page.getByRole('heading', { name: 'Sign in to your tickets' }).waitFor();
    });

    await step('asks for a sign-in link and is told to check the inbox', async () => {
      await page.getByLabel('Email').fill(SIGN_IN_EMAIL);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
      expect(await page.getByTestId('sign-in-sent').textContent()).toContain(SIGN_IN_EMAIL);
    });

    await step('opens the sign-in email in the local mailbox', async () => {
      await page.getByRole('link', { name: 'Open the local mailbox' }).click();
      await page.getByRole('heading', { name: 'Local mailbox' }).waitFor();
      await page.getByRole('button', { name: /Your Floodgate sign-in link/ }).click();
      await page
        .frameLocator('iframe.email-frame')
        .getByRole('link', { name: 'Sign in' })
        .waitFor();
    });

    await step(
      'the link in the email signs in and lands on "my tickets" with both QR codes',
      async () => {
        await page
          .frameLocator('iframe.email-frame')
          .getByRole('link', { name: 'Sign in' })
          .click();
        await page.waitForURL(/\/account$/);
        await page.getByRole('heading', { name: 'Your tickets' }).waitFor();
        expect(await page.getByTestId('account-email').textContent()).toBe(SIGN_IN_EMAIL);
        const order = page.getByTestId('account-order').filter({ hasText: orderId });
        await order.waitFor();
        expect(await order.locator('.ticket .qr svg').count()).toBe(2);
      },
    );

    await step('re-sends the confirmation email', async () => {
      await page.getByRole('button', { name: 'Re-send confirmation' }).click();
      await page.getByTestId('resend-status').waitFor();
    });

    await step('checkout fills in the signed-in email', async () => {
      await openDemoEvent(page, e2e.url);
      await page.getByRole('heading', { name: 'Choose your seats' }).waitFor({ timeout: 15_000 });
      await pickFloorASeats(page, 1, 'B');
      await holdSelectedSeats(page);
      await expect
        .poll(() => page.getByLabel('Email for your tickets').inputValue())
        .toBe(SIGN_IN_EMAIL);
      await page.getByTestId('signed-in-hint').waitFor();
    });

    await step('back in "my tickets"', async () => {
      await nav.getByRole('link', { name: 'Your tickets' }).click();
      await page.getByTestId('account-order').first().waitFor();
    });
    const code =
      (await page
        .getByTestId('account-order')
        .filter({ hasText: orderId })
        .getByTestId('ticket-code')
        .first()
        .textContent()) ?? '';
    expect(code).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);

    const door = await context.newPage();
    const staff = journey(door, shoot, 'door');

    await staff.step('signs in to check-in with the organizer key', async () => {
      await door.goto(`${e2e.url}/checkin`);
      await door.getByLabel('Scanner or organizer key').fill(ORGANIZER_KEY);
      await door.getByRole('button', { name: 'Start checking in' }).click();
      await door.getByLabel('Ticket code').waitFor();
    });

    const result = door.getByTestId('checkin-result');
    const scan = async (ticketCode: string) => {
      await door.getByLabel('Ticket code').fill(ticketCode);
      await door.getByRole('button', { name: 'Check ticket' }).click();
      await expect.poll(() => door.getByLabel('Ticket code').inputValue()).toBe('');
    };

    await staff.step('the ticket is valid the first time, with its seat', async () => {
      await scan(code);
      expect(await result.locator('h2').textContent()).toBe('Valid — let in');
      expect(await result.textContent()).toContain('floor-a · row A · seat');
    });

    await staff.step('the same ticket is refused on the second scan', async () => {
      await scan(code);
      expect(await result.locator('h2').textContent()).toBe('Already used — do not let in');
      expect(await result.textContent()).toContain('First scanned');
    });

    await staff.step('an altered code is refused as not valid', async () => {
      // One changed character at the start of the signature (the last one may be padding bits).
      const [header, payload, signature = ''] = code.split('.');
      const first = signature.startsWith('A') ? 'B' : 'A';
      await scan(`${header}.${payload}.${first}${signature.slice(1)}`);
      expect(await result.locator('h2').textContent()).toBe('Not a valid ticket');
    });

    const consolePage = await context.newPage();
    const organizer = journey(consolePage, shoot, 'organizer');

    await organizer.step('finds the order by the buyer email in the Orders tab', async () => {
      await consolePage.goto(`${e2e.url}/console`);
      await consolePage.getByLabel('Organizer key').fill(ORGANIZER_KEY);
      await consolePage.getByRole('button', { name: 'Sign in' }).click();
      await consolePage.getByRole('tab', { name: 'Orders' }).click();
      await consolePage.getByLabel('Buyer email or order id').fill(SIGN_IN_EMAIL.toUpperCase());
      await consolePage.getByRole('button', { name: 'Search' }).click();
      await consolePage.getByTestId('order-row').filter({ hasText: orderId }).waitFor();
    });

    await organizer.step('exports the orders as CSV', async () => {
      const [download] = await Promise.all([
        consolePage.waitForEvent('download'),
        consolePage.getByRole('button', { name: 'Export orders (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('demo-arena-orders.csv');
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.split('\r\n')[0]).toMatch(/^orderId,status,email,/);
      expect(csv).toContain(orderId);
    });

    await organizer.step('cancels and refunds the order after confirming', async () => {
      const row = consolePage.getByTestId('order-row').filter({ hasText: orderId });
      await row.getByRole('button', { name: 'Cancel and refund…' }).click();
      const dialog = consolePage.getByRole('dialog');
      await dialog.waitFor();
      await shoot(consolePage, 'organizer confirm dialog');
      await dialog.getByRole('button', { name: 'Cancel and refund' }).click();
      await consolePage.getByTestId('orders-notice').waitFor();
      expect(await consolePage.getByTestId('orders-notice').textContent()).toContain(
        '2 seats back',
      );
      expect(await row.textContent()).toContain('CANCELLED');
    });

    await staff.step('a ticket of the cancelled order is refused as cancelled', async () => {
      const second =
        (await page
          .getByTestId('account-order')
          .filter({ hasText: orderId })
          .getByTestId('ticket-code')
          .nth(1)
          .textContent()) ?? '';
      await scan(second);
      expect(await result.locator('h2').textContent()).toBe('Ticket cancelled');
    });

    await step('"my tickets" shows the order cancelled and refunded', async () => {
      await page.reload();
      const order = page.getByTestId('account-order').filter({ hasText: orderId });
      await order.waitFor();
      expect(await order.textContent()).toContain('refunded');
      expect(await order.locator('.qr svg').count()).toBe(0);
    });

    await context.close();
  }, 120_000);
});
