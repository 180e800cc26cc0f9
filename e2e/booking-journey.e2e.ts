/**
 * The second parent journey, in a real browser against the real server, on the example
 * page: log in → book Mondays and Thursdays of the period → confirm → see the request in
 * « Mes réservations » → cancel one day → see the cancellation request.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Booking } from '../packages/reference-server/src/modules/bookings/booking.models.js';
import { weekday } from '../packages/reference-server/src/modules/bookings/rules/civil-date.js';
import { demoPortal, logInAsDemoParent, openPage } from './demo-portal.js';

describe('booking journey on the example page', () => {
  const portal = demoPortal();

  it('books Mondays and Thursdays, confirms, sees the request, cancels one day', async () => {
    const { t, browser } = portal;
    const { page, errors } = await openPage(browser, `${t.url}/examples/`);
    await logInAsDemoParent(page);

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
