import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

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
