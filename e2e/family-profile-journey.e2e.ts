/**
 * « Ma famille » in a real browser against the real server, on the example page: a parent
 * changes a phone number, asks for a health-sheet change with a PDF; an agent accepts it;
 * the parent sees the new health sheet and the request accepted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO } from '../packages/reference-server/src/demo/seed.js';
import { Guardian } from '../packages/reference-server/src/modules/families/family.models.js';
import { demoPortal, logInAsDemoParent, openPage } from './demo-portal.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('« Ma famille » journey on the example page', () => {
  const portal = demoPortal();

  it('edits a phone number, requests a health-sheet change with a PDF; staff accept it; the parent sees the new value', async () => {
    const { t, browser } = portal;
    const { page, errors } = await openPage(browser, `${t.url}/examples/`, { width: 360, height: 800 });
    await logInAsDemoParent(page);

    await page.getByRole('button', { name: 'Modifier mes coordonnées' }).click();
    await page.getByLabel('Mon téléphone').fill('07.01.02.03.04');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Vos coordonnées sont enregistrées.').waitFor();
    await page.getByText('07 01 02 03 04').waitFor();
    const sophie = await Guardian.findOne({ where: { email: 'sophie.martin@example.fr' } });
    assert.equal(sophie?.phone, '07 01 02 03 04');

    await page.getByRole('button', { name: 'Demander une modification' }).click();
    await page.getByLabel('Objet de la demande').selectOption({ label: 'Fiche sanitaire d’un enfant' });
    await page.getByLabel('Enfant').selectOption({ label: 'Léa Martin' });
    await page.getByLabel('Allergies').fill('Pollen de bouleau');
    await page.getByLabel('Vaccins à jour').check();
    await page.getByLabel('Justificatifs').setInputFiles({ name: 'certificat-allergie.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Envoyer la demande' }).click();
    await page.getByText('Votre demande est envoyée.').waitFor();
    await page.getByText('Fiche sanitaire de Léa Martin').waitFor();
    await page.getByText('En attente de validation').waitFor();
    await page.getByText('Justificatifs : certificat-allergie.pdf').waitFor();

    // An agent accepts it (through the API, as the staff console would).
    const agent = await t.login(DEMO.commune, DEMO.staff.identifier, DEMO.staff.password);
    const pending = await t.api(`/v1/communes/${DEMO.commune}/staff/change-requests`, { token: agent });
    assert.equal(pending.body.items.length, 1);
    const accepted = await t.api(`/v1/communes/${DEMO.commune}/staff/change-requests/${pending.body.items[0].id}/accept`, {
      token: agent,
      body: {},
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));

    // Back on « Ma famille »: the new health sheet and the accepted request.
    await page.getByRole('tab', { name: 'Mes réservations' }).click();
    await page.getByRole('tab', { name: 'Ma famille' }).click();
    await page.getByText('Pollen de bouleau').waitFor();
    await page.getByText('Acceptée', { exact: true }).waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });
});
