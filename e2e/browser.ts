import { chromium, type Browser } from 'playwright-core';
import { findChromium } from '../scripts/ensure-chromium.mjs';

/** Debian's Chromium, headless, with the flags this machine needs (see shared TOOLCHAIN.md). */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: run `npm test` (it installs it) or set CHROME_PATH.');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
