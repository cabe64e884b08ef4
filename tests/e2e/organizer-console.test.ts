import { describe, expect, it } from 'vitest';
import { journey, screenshots, skipBrowser } from './browser';
import { useBrowserStack } from './fixture';

const ORGANIZER_KEY = 'e2e-console-organizer-key';

describe.skipIf(skipBrowser)('organizer console in the browser', () => {
  const e2e = useBrowserStack(ORGANIZER_KEY);

  it('refuses a wrong key, then signs in, pauses admission and shows it paused in live stats', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const { step } = journey(page, screenshots('organizer-console'), 'organizer');

    await step('wrong key is refused', async () => {
      await page.goto(`${e2e.url}/console`);
      await page.getByLabel('Organizer key').fill('not-the-right-key');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
    });

    await step('sign in and see the demo event live', async () => {
      await page.getByLabel('Organizer key').fill(ORGANIZER_KEY);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Organizer console' }).waitFor();
      await expect.poll(() => page.getByTestId('admission-state').textContent()).toBe('open');
    });

    await step('pause admission and see it reflected', async () => {
      await page.getByRole('button', { name: 'Pause admission' }).click();
      await page.getByRole('button', { name: 'Resume admission' }).waitFor();
      await expect
        .poll(() => page.getByTestId('admission-state').textContent(), { timeout: 10_000 })
        .toBe('paused');
    });

    await step('the waiting room reports the pause to everyone', async () => {
      const res = await fetch(`${e2e.url}/wr/demo-arena/state`);
      const body = await res.text();
      expect(res.status, body).toBe(200);
      expect(JSON.parse(body).paused, body).toBe(true);
    });

    await step('the key survives a reload (sessionStorage)', async () => {
      await page.reload();
      await page.getByRole('button', { name: 'Resume admission' }).waitFor();
    });

    await context.close();
  }, 60_000);

  it('creates an event with a generated venue, then edits its name', async () => {
    const context = await e2e.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const { step } = journey(page, screenshots('event-editor'), 'organizer');

    await step('opens the new-event form', async () => {
      await page.goto(`${e2e.url}/console`);
      await page.getByLabel('Organizer key').fill(ORGANIZER_KEY);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'New event' }).click();
      await page.getByRole('heading', { name: 'New event' }).waitFor();
    });

    await step('fills details, a tier and a generated 2 × 3 × 4 venue', async () => {
      await page.getByLabel('Event id (in the URL)').fill('club-night');
      await page.getByLabel('Name', { exact: true }).fill('Club Night');
      await page.getByLabel('Venue', { exact: true }).fill('The Basement');
      await page.getByLabel(/^Price/).fill('25');
      await page.getByLabel('Sections').fill('2');
      await page.getByLabel('Rows').fill('3');
      await page.getByLabel('Seats per row').fill('4');
      await page.getByRole('button', { name: 'Generate venue' }).click();
      expect(await page.getByTestId('venue-summary').textContent()).toBe('2 sections, 24 places.');
    });

    await step('creates it and selects it in the console', async () => {
      await page.getByRole('button', { name: 'Create event' }).click();
      await page.getByRole('button', { name: 'Edit event' }).waitFor();
      expect(await page.getByLabel('Event').inputValue()).toBe('club-night');
      await expect
        .poll(() => page.getByTestId('sold-vs-capacity').textContent(), { timeout: 10_000 })
        .toMatch(/^0 \/ 24/);
    });

    await step('renames it through the edit form', async () => {
      await page.getByRole('button', { name: 'Edit event' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Club Night (late show)');
      await page.getByRole('button', { name: 'Save event' }).click();
      await page.getByRole('button', { name: 'Edit event' }).waitFor();
      const res = await fetch(`${e2e.url}/api/admin/events`, {
        headers: { authorization: `Bearer ${ORGANIZER_KEY}` },
      });
      const body = await res.text();
      expect(body, body).toContain('Club Night (late show)');
    });

    await context.close();
  }, 60_000);
});
