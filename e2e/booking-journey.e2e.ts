/**
 * The second parent journey, in a real browser against the real server, on the example
 * page: log in → book Mondays and Thursdays of the period → confirm → see the request in
 * « Mes réservations » → cancel one day → see the cancellation request.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO, seedDemo } from '../packages/reference-server/src/demo/seed.js';
import { Booking } from '../packages/reference-server/src/modules/bookings/booking.models.js';
import { weekday } from '../packages/reference-server/src/modules/bookings/rules/civil-date.js';
import { startTestServer, type TestServer } from '../packages/reference-server/test/support/harness.js';
import { launchChromium } from './browser.js';

describe('booking journey on the example page', () => {
  let t: TestServer;
  let browser: Browser;

  before(async () => {
    t = await startTestServer();
    await seedDemo(t.server.ctx);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('books Mondays and Thursdays, confirms, sees the request, cancels one day', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${t.url}/examples/`);
    await page.getByLabel('Identifiant').fill(DEMO.parent.identifier);
    await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.parent.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Ma famille' }).waitFor();

    await page.getByRole('tab', { name: 'Réservations', exact: true }).click();
    await page.getByRole('heading', { name: 'Nouvelle réservation' }).waitFor();
    await page.getByLabel('Enfant').selectOption({ label: 'Léa Martin' });
    await page.getByLabel('Établissement').selectOption({ label: 'ALP Primaire' });
    await page.getByRole('grid').waitFor();

    await page.getByLabel('Activité').selectOption({ label: 'Cantine' });
    await page.getByLabel('Lundi').check();
    await page.getByLabel('Jeudi').check();
    await page.getByLabel('Sur toute la période').check();
    await page.getByRole('button', { name: 'Sélection automatique' }).click();
    await page.getByRole('button', { name: 'Récapitulatif' }).click();
    await page.getByRole('heading', { name: 'Récapitulatif' }).waitFor();
    await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
    await page.getByRole('heading', { name: /Demande de réservation n° \d+ enregistrée\./ }).waitFor();
    await page.getByText('État : Acceptée').first().waitFor();

    // What the server holds: Léa's canteen on Mondays and Thursdays only, the closed Friday aside.
    const booked = await Booking.findAll({ where: { state: 'booked' } });
    assert.ok(booked.length >= 4, `booked ${booked.length}`);
    assert.deepEqual([...new Set(booked.map((b) => weekday(b.date)))].sort(), [1, 4]);

    await page.getByRole('tab', { name: 'Mes réservations' }).click();
    await page.getByText(/Demande n° 1 — Léa Martin/).waitFor();

    // Cancel the first booked day: back to the planner, tap it, confirm.
    await page.getByRole('tab', { name: 'Réservations', exact: true }).click();
    await page
      .getByRole('button', { name: 'Retour au planning' })
      .click()
      .catch(() => undefined);
    const bookedCell = page
      .getByRole('grid')
      .getByRole('button', { name: /^Réservé/ })
      .first();
    await bookedCell.click();
    await page.getByRole('button', { name: 'Récapitulatif' }).click();
    await page
      .getByText(/— Cantine — Annulation/)
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Confirmer la réservation' }).click();
    await page.getByRole('heading', { name: /Demande de réservation n° 2 enregistrée\./ }).waitFor();

    await page.getByRole('tab', { name: 'Mes réservations' }).click();
    await page.getByText(/Demande n° 2 — Léa Martin/).waitFor();
    assert.equal(await Booking.count({ where: { state: 'cancelled' } }), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
