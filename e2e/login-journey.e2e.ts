/**
 * The first parent journey, in a real browser against the real server, on the example
 * pages: staff create the family and the account in the console → activation mail → the
 * parent sets a password → logs in → five wrong passwords lock the account → staff unlock
 * in the console → the parent logs in again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { tokenFromMail } from '../packages/reference-server/test/support/mail-catcher.js';
import { demoPortal, logIn } from './demo-portal.js';

const V = '/v1/communes/val-de-loire';
const PASSWORD = 'Les hérons de la Loire 2026';

describe('parent account journey on the example page', () => {
  const portal = demoPortal();

  /** A page whose console errors and missing files count too, beside uncaught errors. */
  async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
    const page = await portal.browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() === 404) errors.push(`404 ${response.url()}`);
    });
    await page.goto(url);
    return { page, errors };
  }

  it('staff create the family and account in the console; the parent activates, logs in, gets locked; staff unlock', async () => {
    const { t, browser } = portal;
    // Staff, in the console (its own browser context: another person, another computer).
    const staffContext = await browser.newContext();
    const console_ = await staffContext.newPage();
    await console_.goto(`${t.url}/examples/staff.html`);
    await logIn(console_, 'agent.demo', 'demo-agent-val-de-loire');
    await console_.getByRole('button', { name: 'Nouvelle famille' }).click();
    await console_.getByLabel('Numéro et voie').fill('8 quai de la Loire');
    await console_.getByLabel('Code postal').fill('44130');
    await console_.getByLabel('Commune', { exact: true }).fill('Val-de-Loire');
    const guardian = console_.getByRole('group', { name: 'Responsable légal 1' });
    await guardian.getByLabel('Prénom').fill('Claire');
    await guardian.getByLabel('Nom', { exact: true }).fill('Moreau');
    await guardian.getByLabel('Lien avec les enfants').selectOption({ label: 'Mère' });
    await guardian.getByLabel('Adresse e-mail').fill('claire.moreau@example.fr');
    await console_.getByRole('button', { name: 'Ajouter un enfant' }).click();
    const child = console_.getByRole('group', { name: 'Enfant 1' });
    await child.getByLabel('Prénom').fill('Arthur');
    await child.getByLabel('Nom', { exact: true }).fill('Moreau');
    await child.getByLabel('Date de naissance').fill('2018-04-12');
    await console_.getByRole('button', { name: 'Créer la famille' }).click();
    await console_.getByText(/Famille créée : dossier n° F-\d{4}/).waitFor();

    const claire = console_.getByRole('group', { name: 'Claire Moreau' });
    await claire.getByText('Pas de compte').waitFor();
    await claire.getByRole('button', { name: 'Créer le compte' }).click();
    await console_
      .getByText(/Compte créé : identifiant claire\.moreau\. Un e-mail d’activation a été envoyé à claire\.moreau@example\.fr/)
      .waitFor();
    await claire.getByText(/En attente d’activation/).waitFor();

    // The parent opens the link of the mail.
    const mail = await t.mail.waitFor('claire.moreau@example.fr', /activez votre compte/);
    const { url } = tokenFromMail(mail, 'activate');
    assert.ok(url.startsWith(`${t.url}/examples/#pf-activate=`));
    const { page, errors } = await openPage(url);
    await page.getByRole('heading', { name: 'Créez votre mot de passe' }).waitFor();
    assert.ok(!page.url().includes('pf-activate'), 'the token leaves the address bar at once');

    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirmez le mot de passe', { exact: true }).fill(`${PASSWORD}!`);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();

    await page.getByLabel('Confirmez le mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByText(/Votre compte est activé/).waitFor();
    assert.equal(await page.getByLabel('Identifiant').inputValue(), 'claire.moreau', 'identifier pre-filled');

    // Log in: the family appears.
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Ma famille' }).waitFor();
    await page.getByText('Arthur').first().waitFor();

    // A reload keeps the session (refresh cookie), then log out.
    await page.reload();
    await page.getByRole('heading', { name: 'Ma famille' }).waitFor();
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.getByLabel('Identifiant').waitFor();

    // Five wrong passwords: the fifth answer says the account is locked, with the service's phone.
    for (let i = 1; i <= 4; i++) {
      await logIn(page, 'claire.moreau', `mauvais mot de passe ${i}`);
      await page.getByText('Identifiant ou mot de passe incorrect.').waitFor();
    }
    await logIn(page, 'claire.moreau', 'mauvais mot de passe 5');
    await page.getByText(/Votre compte est bloqué/).waitFor();
    await page
      .getByText(/15 minutes/)
      .first()
      .waitFor();
    await page
      .getByText(/02 40 00 00 00/)
      .first()
      .waitFor();

    // Even the right password is refused while locked.
    await logIn(page, 'claire.moreau', PASSWORD);
    await page.getByText(/Votre compte est bloqué/).waitFor();

    // The parent phones the service; the agent finds the family and unlocks the account.
    await console_.getByRole('button', { name: 'Familles' }).click();
    await console_.getByLabel('Rechercher une famille').fill('Moreau');
    await console_.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await console_.getByRole('button', { name: /Claire Moreau/ }).click();
    await claire.getByText(/Bloqué jusqu’à/).waitFor();
    await claire.getByRole('button', { name: 'Débloquer le compte' }).click();
    await console_.getByText('Compte débloqué.').waitFor();
    await claire.getByText('Actif').waitFor();
    await staffContext.close();

    await logIn(page, 'claire.moreau', PASSWORD);
    await page.getByRole('heading', { name: 'Ma famille' }).waitFor();

    // The only failed loads are the API's expected refusals (401 wrong password, 423 locked).
    assert.deepEqual(
      errors.filter((e) => !/status of (401|423)/.test(e)),
      [],
      'no console error (CSP, scripts, missing files)',
    );
    await page.close();
  });

  it('forgotten password: the email link sets a new password and lifts a lock', async () => {
    const { t } = portal;
    for (let i = 0; i < 5; i++) await t.api(`${V}/auth/login`, { body: { identifier: 'sophie.martin', password: 'pas le bon' } });
    const { page } = await openPage(`${t.url}/examples/`);
    await page.getByRole('button', { name: 'Identifiant ou mot de passe oublié ?' }).click();
    await page.getByLabel('Adresse e-mail').fill('sophie.martin@example.fr');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await page.getByText(/Si cette adresse correspond à un compte/).waitFor();

    const mail = await t.mail.waitFor('sophie.martin@example.fr', /identifiant et mot de passe/);
    const { url } = tokenFromMail(mail, 'reset');
    await page.goto(url);
    await page.getByRole('heading', { name: 'Choisissez un nouveau mot de passe' }).waitFor();
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirmez le mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Changer mon mot de passe' }).click();
    await page.getByText(/Votre mot de passe a été modifié/).waitFor();
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Ma famille' }).waitFor();
    await page.getByText('Léa').first().waitFor();
    await page.close();
  });
});
