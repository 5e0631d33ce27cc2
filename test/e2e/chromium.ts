import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The e2e suite drives Debian's Chromium through playwright-core (Playwright's own browser
 * download is not available here). A missing browser fails the suite with the fix, never skips it.
 */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string {
  const path = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. The e2e suite needs a real browser:\n` +
        '  apt-get update && apt-get install -y chromium     (Debian/Ubuntu; installs /usr/bin/chromium)\n' +
        '  or set CHROMIUM_PATH to a Chromium/Chrome executable.\n' +
        'Do not use `npx playwright install`: it downloads from the internet.',
    );
  }
  return path;
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function launchChromium(env: Record<string, string | undefined> = process.env): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(env), args: chromiumArgs });
}
