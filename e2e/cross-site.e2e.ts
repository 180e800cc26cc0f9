/**
 * The commune's site and the API on two different sites, in a browser that blocks
 * third-party cookies: login works (bearer token), and a reload brings the session back
 * (the refresh cookie is Partitioned, so it is kept for this embedding site).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Commune } from '../packages/reference-server/src/modules/communes/commune.model.js';
import { demoPortal, logInAsDemoParent } from './demo-portal.js';

/** A commune's CMS page on its own site, embedding the widget from the API's site, under a strict CSP. */
function communeSite(api: string): Promise<http.Server> {
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mairie</title>
<script type="module" src="${api}/widgets/portail-famille.js"></script></head>
<body><h1>Portail Famille</h1><pf-portal api="${api}" commune="val-de-loire"></pf-portal></body></html>`;
  const server = http.createServer((_req, res) => {
    res.setHeader(
      'Content-Security-Policy',
      `default-src 'self'; script-src 'self' ${api}; connect-src ${api}; img-src 'self' ${api}; style-src 'self'`,
    );
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('cross-site embedding', () => {
  const portal = demoPortal();
  let site: http.Server;
  let siteUrl: string;

  before(async () => {
    site = await communeSite(portal.t.url); // API on http://localhost:PORT, page on http://127.0.0.1:PORT2: two sites
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    await Commune.update({ allowed_origins: JSON.stringify([siteUrl]) }, { where: { slug: 'val-de-loire' } });
  });
  after(async () => {
    await new Promise((resolve) => site?.close(resolve));
  });

  it('logs in, survives a reload with third-party cookies blocked, and logs out', async () => {
    const context = await portal.browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCookieControls', { enableThirdPartyCookieRestriction: true });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    await page.goto(siteUrl);
    await page
      .getByLabel('Identifiant')
      .waitFor({ timeout: 10_000 })
      .catch(() => {
        throw new Error(`login form never appeared; console: ${errors.join(' | ')}`);
      });
    await logInAsDemoParent(page);

    await page.reload();
    await page.getByRole('heading', { name: 'Ma famille' }).waitFor({ timeout: 10_000 });

    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.getByLabel('Identifiant').waitFor();
    await page.reload();
    await page.getByLabel('Identifiant').waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Ma famille' }).count(), 0, 'logged out stays logged out');
    assert.deepEqual(errors, [], 'no CORS, CSP or cookie error in the console');
    await context.close();
  });

  it('a site not on the commune list cannot use the API from a browser', async () => {
    await Commune.update({ allowed_origins: JSON.stringify([]) }, { where: { slug: 'val-de-loire' } });
    try {
      const page = await portal.browser.newPage();
      await page.goto(siteUrl);
      // The browser blocks every API answer (CORS): the widget can only say the portal does not answer.
      await page
        .getByText(/Le portail ne répond pas/)
        .first()
        .waitFor({ timeout: 10_000 });
      assert.equal(await page.getByLabel('Identifiant').count(), 0);
      await page.close();
    } finally {
      await Commune.update({ allowed_origins: JSON.stringify([siteUrl]) }, { where: { slug: 'val-de-loire' } });
    }
  });
});
