import { after, before } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO, seedDemo } from '../packages/reference-server/src/demo/seed.js';
import { startTestServer, type TestServer } from '../packages/reference-server/test/support/harness.js';
import { launchChromium } from './browser.js';

export interface DemoPortal {
  /** The real server, seeded with the demo commune. */
  readonly t: TestServer;
  readonly browser: Browser;
}

/**
 * Registers, in the calling `describe`, what every journey starts from: the real server
 * with the demo data, and a headless Chromium; both closed after the journeys.
 */
export function demoPortal(): DemoPortal {
  let t: TestServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    t = await startTestServer();
    await seedDemo(t.server.ctx);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the demo portal is not started yet (use it inside a test)');
    return value;
  };
  return {
    get t() {
      return ready(t);
    },
    get browser() {
      return ready(browser);
    },
  };
}

/** A page whose uncaught script errors are collected (a journey ends by asserting there are none). */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 1000 }) {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

/** Fills and sends `<pf-login>`. */
export async function logIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.getByLabel('Identifiant').fill(identifier);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** The demo parent logged in on the example page, « Ma famille » shown. */
export async function logInAsDemoParent(page: Page): Promise<void> {
  await logIn(page, DEMO.parent.identifier, DEMO.parent.password);
  await page.getByRole('heading', { name: 'Ma famille' }).waitFor();
}
