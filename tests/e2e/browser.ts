import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where browser suites save a screenshot of every step (git-ignored). */
export const SCREENSHOT_DIR = fileURLToPath(
  new URL('../../test-artifacts/screenshots/', import.meta.url),
);

/** Debian's Chromium; the suites skip without it unless CI=true (then they must run). */
export const CHROMIUM = '/usr/bin/chromium';
export const skipBrowser = !existsSync(CHROMIUM) && process.env.CI !== 'true';

/** Headless Chromium with the flags that keep it quiet and offline in CI containers. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Records every failed API / waiting-room answer (with its body) and every page error, so a
 * failing step says what the server answered instead of only "timeout".
 */
export function watchPage(page: Page): { report(): string } {
  const lines: string[] = [];
  page.on('pageerror', (error) => lines.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') lines.push(`console: ${msg.text()}`);
  });
  page.on('response', async (res) => {
    const url = new URL(res.url());
    if (res.status() < 400 || !/^\/(api|wr)\//.test(url.pathname)) return;
    const body = await res.text().catch(() => '<no body>');
    lines.push(`${res.request().method()} ${url.pathname} → ${res.status()} ${body.slice(0, 500)}`);
  });
  return {
    report: () => (lines.length ? lines.join('\n') : '(no failed requests or page errors)'),
  };
}

/** Runs one step of a journey; on failure the error names the step and what the page saw. */
export async function step<T>(
  name: string,
  watcher: { report(): string },
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new Error(
      `${name} failed: ${(error as Error).message}\n--- requests and errors ---\n${watcher.report()}`,
    );
  }
}

/**
 * A numbered screenshot folder for one suite (emptied first, so it shows only the last run):
 * `test-artifacts/screenshots/<suite>/01-<who>-<step>.png`, …
 */
export function screenshots(suite: string): (page: Page, name: string) => Promise<string> {
  const dir = join(SCREENSHOT_DIR, suite);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page, name) => {
    n += 1;
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    const file = join(dir, `${String(n).padStart(2, '0')}-${slug}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };
}

/**
 * One person's steps in a browser journey: each step runs through {@link step} (failures say
 * what the server answered) and leaves a screenshot, also when it fails.
 *
 * @example const buyer = journey(page, shoot, 'buyer'); await buyer.step('join', async () => …);
 */
export function journey(
  page: Page,
  shoot: (page: Page, name: string) => Promise<string>,
  who: string,
) {
  const watcher = watchPage(page);
  return {
    watcher,
    async step<T>(name: string, run: () => Promise<T>): Promise<T> {
      try {
        const result = await step(`${who}: ${name}`, watcher, run);
        await shoot(page, `${who} ${name}`);
        return result;
      } catch (error) {
        await shoot(page, `${who} ${name} failed`).catch(() => undefined);
        throw error;
      }
    },
  };
}
