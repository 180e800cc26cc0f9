import { defineElement } from '../core/define.js';
import type { PfErrorEvent } from '../events/pf-error-event.js';
import type { PfLoginEvent } from '../events/pf-login-event.js';
import { expectAccessible } from '../testing/a11y.js';
import { equal, excludes, includes, ok } from '../testing/assert.js';
import {
  byButton,
  byLabel,
  deepActiveElement,
  hasButton,
  mount,
  mountHtml,
  nextEvent,
  type,
  visibleText,
  waitFor,
  waitForText,
} from '../testing/dom.js';
import {
  API,
  BASE,
  communeInfo,
  freshCommune,
  GOOD_PASSWORD,
  guardianAccount,
  HttpResponse,
  http,
  problem,
  session,
  TOKEN,
  worker,
} from '../testing/mock-api.js';
import { arriveFromLink, signIn, useMockApi } from '../testing/setup.js';
import './pf-login.js';
import type { PfLogin } from './pf-login.js';

async function mountLogin(attributes: Record<string, string> = {}): Promise<PfLogin> {
  const element = mount('pf-login', { api: API, commune: freshCommune(), ...attributes });
  await waitFor(() => element.shadowRoot?.querySelector('form, [part~="logout"]'));
  await element.updateComplete;
  return element;
}

describe('<pf-login>', () => {
  useMockApi();

  it('shows an accessible login form with labelled fields', async () => {
    const element = await mountLogin();
    await expectAccessible(element);
    const root = element.shadowRoot!;
    equal(byLabel(root, 'Identifiant').autocomplete, 'username');
    equal(byLabel(root, 'Mot de passe').type, 'password');
    ok(hasButton(root, 'Se connecter'), 'a « Se connecter » button');
    ok(hasButton(root, 'Identifiant ou mot de passe oublié ?'), 'a forgotten-password link-button');
    ok(root.querySelector('[role="alert"]'), 'an alert region is present before any error');
  });

  it('signs in: shows the account, emits pf-login and moves focus', async () => {
    const element = await mountLogin();
    await expectAccessible(element);
    const loggedIn = nextEvent<PfLoginEvent>(element, 'pf-login');
    await signIn(element.shadowRoot!, 'marie.dupont', GOOD_PASSWORD);
    const event = await loggedIn;
    equal(event.detail.account.displayName, 'Marie Dupont');
    ok(event.bubbles && event.composed, 'pf-login bubbles out of shadow roots');
    await waitForText(element, 'Connecté(e) en tant que Marie Dupont');
    await element.updateComplete;
    await waitFor(() => (equal(deepActiveElement()?.id, 'heading', 'focus on the new heading'), true));
    ok(hasButton(element.shadowRoot!, 'Se déconnecter'), 'a sign-out button');
    await expectAccessible(element);
  });

  it('disables the button and says « Connexion… » while signing in', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    worker.use(
      http.post(`${API}${BASE}/auth/login`, async ({ params }) => {
        await gate;
        return HttpResponse.json(session(guardianAccount(String(params.commune))));
      }),
    );
    const element = await mountLogin();
    await expectAccessible(element);
    await signIn(element.shadowRoot!, 'marie.dupont', GOOD_PASSWORD);
    const busy = await waitFor(() => byButton(element.shadowRoot!, 'Connexion…'));
    ok(busy.disabled, 'the button is disabled while sending');
    release();
    await waitForText(element, 'Connecté(e) en tant que Marie Dupont');
  });

  it('asks for both fields before calling the server', async () => {
    const element = await mountLogin();
    await expectAccessible(element);
    byButton(element.shadowRoot!, 'Se connecter').click();
    await waitForText(element, 'Saisissez votre identifiant.');
    const identifier = byLabel(element.shadowRoot!, 'Identifiant');
    equal(identifier.getAttribute('aria-invalid'), 'true');
    includes(identifier.getAttribute('aria-describedby') ?? '', 'identifier-error');
    equal(deepActiveElement(), identifier, 'focus on the first invalid field');
    await expectAccessible(element);
  });

  it('says « Identifiant ou mot de passe incorrect. » for a wrong password, in an alert tied to the fields', async () => {
    const element = await mountLogin();
    await expectAccessible(element);
    const failed = nextEvent<PfErrorEvent>(element, 'pf-error');
    await signIn(element.shadowRoot!, 'marie.dupont', 'pas le bon mot de passe');
    await waitForText(element, 'Identifiant ou mot de passe incorrect.');
    const alert = element.shadowRoot!.querySelector('[role="alert"]')!;
    includes(visibleText(alert), 'Identifiant ou mot de passe incorrect.');
    includes(byLabel(element.shadowRoot!, 'Mot de passe').getAttribute('aria-describedby') ?? '', alert.id);
    equal(byLabel(element.shadowRoot!, 'Mot de passe').value, '', 'the wrong password is cleared');
    equal(byLabel(element.shadowRoot!, 'Identifiant').value, 'marie.dupont', 'the identifier is kept');
    equal((await failed).detail.error.name, 'InvalidCredentialsError');
    await expectAccessible(element);
  });

  it('explains a locked account: minutes to wait, the reset way out and the service contact', async () => {
    worker.use(http.post(`${API}${BASE}/auth/login`, () => problem(423, 'account_locked', { retryAfter: 840 })));
    const element = await mountLogin();
    await expectAccessible(element);
    await signIn(element.shadowRoot!, 'marie.dupont', 'encore raté');
    await waitForText(element, 'Votre compte est bloqué');
    const alert = visibleText(element.shadowRoot!.querySelector('[role="alert"]')!);
    includes(alert, 'trop de tentatives');
    includes(alert, '14 minutes');
    includes(alert, '« Identifiant ou mot de passe oublié ? »');
    includes(alert, 'Service Enfance Jeunesse');
    includes(alert, '02 40 00 00 00');
    includes(alert, 'enfance@val-de-loire.fr');
    ok(element.shadowRoot!.querySelector('a[href="tel:0240000000"]'), 'the phone number is a link');
    await expectAccessible(element);
  });

  it('says when there are too many attempts, and when the server cannot be reached', async () => {
    worker.use(http.post(`${API}${BASE}/auth/login`, () => problem(429, 'rate_limited', { retryAfter: 60 })));
    const element = await mountLogin();
    await expectAccessible(element);
    await signIn(element.shadowRoot!, 'marie.dupont', 'un essai');
    await waitForText(element, 'Patientez 1 minute avant de réessayer.');
    worker.use(http.post(`${API}${BASE}/auth/login`, () => HttpResponse.error()));
    await signIn(element.shadowRoot!, 'marie.dupont', 'un autre essai');
    await waitForText(element, 'Le portail ne répond pas.');
  });

  it('forgotten password: same neutral confirmation whatever the address, and back to login', async () => {
    const sent: string[] = [];
    worker.use(
      http.post(`${API}${BASE}/auth/forgot`, async ({ request }) => {
        sent.push(((await request.json()) as { email: string }).email);
        return new HttpResponse(null, { status: 202 });
      }),
    );
    const element = await mountLogin();
    await expectAccessible(element);
    byButton(element.shadowRoot!, 'Identifiant ou mot de passe oublié ?').click();
    await waitFor(() => byLabel(element.shadowRoot!, 'Adresse e-mail'));
    await element.updateComplete;
    await waitFor(() => (equal(deepActiveElement()?.id, 'heading', 'focus on the view heading'), true));
    await expectAccessible(element);

    byButton(element.shadowRoot!, 'Envoyer').click();
    await waitForText(element, 'Saisissez une adresse e-mail valide');
    equal(sent.length, 0, 'nothing sent for an empty address');

    type(byLabel(element.shadowRoot!, 'Adresse e-mail'), 'personne@example.fr');
    byButton(element.shadowRoot!, 'Envoyer').click();
    await waitForText(
      element,
      'Si cette adresse correspond à un compte, vous allez recevoir un e-mail avec votre identifiant et un lien pour choisir un nouveau mot de passe.',
    );
    equal(sent[0], 'personne@example.fr');
    includes(visibleText(element.shadowRoot!.querySelector('[role="status"]')!), 'Si cette adresse correspond à un compte');
    await expectAccessible(element);

    byButton(element.shadowRoot!, 'Retour à la connexion').click();
    await waitFor(() => byLabel(element.shadowRoot!, 'Identifiant'));
  });

  it('activation link: removes the token from the URL, checks the passwords, then pre-fills the identifier', async () => {
    const bodies: { token: string; password: string }[] = [];
    worker.use(
      http.post(`${API}${BASE}/auth/activate`, async ({ request }) => {
        bodies.push((await request.json()) as { token: string; password: string });
        return HttpResponse.json({ identifier: 'marie.dupont' });
      }),
    );
    const search = location.search;
    arriveFromLink(`pf-activate=${TOKEN}`);
    const element = mount('pf-login', { api: API, commune: freshCommune() });
    excludes(location.href, TOKEN, 'the token leaves the URL at once');
    equal(location.hash, '');
    equal(location.search, search, 'the query is kept');

    await waitForText(element, 'Créez votre mot de passe');
    await element.updateComplete;
    await expectAccessible(element);
    await waitFor(() => (equal(deepActiveElement()?.id, 'heading', 'focus on « Créez votre mot de passe »'), true));
    includes(visibleText(element.shadowRoot!), 'Au moins 12 caractères');
    const root = element.shadowRoot!;
    includes(byLabel(root, 'Nouveau mot de passe').getAttribute('aria-describedby') ?? '', 'new-password-hint');

    type(byLabel(root, 'Nouveau mot de passe'), 'trop court');
    type(byLabel(root, 'Confirmez le mot de passe'), 'trop court');
    byButton(root, 'Activer mon compte').click();
    await waitForText(element, 'Le mot de passe doit contenir au moins 12 caractères.');

    type(byLabel(root, 'Nouveau mot de passe'), GOOD_PASSWORD);
    type(byLabel(root, 'Confirmez le mot de passe'), `${GOOD_PASSWORD}!`);
    byButton(root, 'Activer mon compte').click();
    await waitForText(element, 'Les deux mots de passe ne sont pas identiques.');
    const confirm = byLabel(root, 'Confirmez le mot de passe');
    equal(confirm.getAttribute('aria-invalid'), 'true');
    includes(confirm.getAttribute('aria-describedby') ?? '', 'confirm-password-error');
    equal(bodies.length, 0, 'nothing sent while the form is invalid');
    await expectAccessible(element);

    byLabel(root, 'Afficher les mots de passe').click();
    await element.updateComplete;
    equal(byLabel(root, 'Nouveau mot de passe').type, 'text', 'the passwords can be shown');

    type(byLabel(root, 'Confirmez le mot de passe'), GOOD_PASSWORD);
    byButton(root, 'Activer mon compte').click();
    await waitForText(element, 'Votre compte est activé');
    equal(bodies[0]?.token, TOKEN);
    equal(bodies[0]?.password, GOOD_PASSWORD);
    equal(byLabel(root, 'Identifiant').value, 'marie.dupont', 'the identifier is pre-filled');
    equal(byLabel(root, 'Mot de passe').type, 'password', 'the login password is hidden again');
    await expectAccessible(element);
  });

  it('reset link: « Choisissez un nouveau mot de passe », then « Votre mot de passe a été modifié »', async () => {
    arriveFromLink(`pf-reset=${TOKEN}`);
    const element = mount('pf-login', { api: API, commune: freshCommune() });
    excludes(location.href, TOKEN);
    await waitForText(element, 'Choisissez un nouveau mot de passe');
    await expectAccessible(element);
    type(byLabel(element.shadowRoot!, 'Nouveau mot de passe'), GOOD_PASSWORD);
    type(byLabel(element.shadowRoot!, 'Confirmez le mot de passe'), GOOD_PASSWORD);
    byButton(element.shadowRoot!, 'Changer mon mot de passe').click();
    await waitForText(element, 'Votre mot de passe a été modifié');
    equal(byLabel(element.shadowRoot!, 'Identifiant').value, 'marie.dupont');
  });

  it('says when the link is no longer valid and offers the way out', async () => {
    worker.use(http.post(`${API}${BASE}/auth/activate`, () => problem(410, 'invalid_token')));
    arriveFromLink(`pf-activate=${TOKEN}`);
    const element = mount('pf-login', { api: API, commune: freshCommune() });
    await waitForText(element, 'Créez votre mot de passe');
    await expectAccessible(element);
    type(byLabel(element.shadowRoot!, 'Nouveau mot de passe'), GOOD_PASSWORD);
    type(byLabel(element.shadowRoot!, 'Confirmez le mot de passe'), GOOD_PASSWORD);
    byButton(element.shadowRoot!, 'Activer mon compte').click();
    await waitForText(element, 'Ce lien n’est plus valide (déjà utilisé ou expiré).');
    includes(visibleText(element), 'Service Enfance Jeunesse');
    await expectAccessible(element);
    byButton(element.shadowRoot!, 'Identifiant ou mot de passe oublié ?').click();
    await waitFor(() => byLabel(element.shadowRoot!, 'Adresse e-mail'));
  });

  it('explains a refused (too common) password', async () => {
    worker.use(http.post(`${API}${BASE}/auth/reset-password`, () => problem(422, 'weak_password')));
    arriveFromLink(`pf-reset=${TOKEN}`);
    const element = mount('pf-login', { api: API, commune: freshCommune() });
    await waitForText(element, 'Choisissez un nouveau mot de passe');
    await expectAccessible(element);
    type(byLabel(element.shadowRoot!, 'Nouveau mot de passe'), 'motdepasse123');
    type(byLabel(element.shadowRoot!, 'Confirmez le mot de passe'), 'motdepasse123');
    byButton(element.shadowRoot!, 'Changer mon mot de passe').click();
    await waitForText(element, 'Ce mot de passe est trop courant ou trop court');
    ok(byLabel(element.shadowRoot!, 'Nouveau mot de passe'), 'the form stays to try another one');
  });

  it('shows the commune banner', async () => {
    worker.use(
      http.get(`${API}${BASE}`, ({ params }) =>
        HttpResponse.json(
          communeInfo(String(params.commune), {
            banner: {
              kind: 'maintenance',
              message: 'Facturation en cours : portail indisponible ce soir.',
              updatedAt: new Date().toISOString(),
            },
          }),
        ),
      ),
    );
    const element = await mountLogin();
    await expectAccessible(element);
    includes(visibleText(element.shadowRoot!.querySelector('[part~="banner"]')!), 'Maintenance : Facturation en cours');
  });

  it('shows an error with « Réessayer » when the commune cannot be loaded', async () => {
    worker.use(http.get(`${API}${BASE}`, () => problem(503, 'unavailable')));
    const element = mount('pf-login', { api: API, commune: freshCommune() });
    await waitForText(element, 'momentanément indisponible');
    await expectAccessible(element);
    worker.resetHandlers();
    byButton(element.shadowRoot!, 'Réessayer').click();
    await waitFor(() => byLabel(element.shadowRoot!, 'Identifiant'));
  });

  it('two widgets on one page share the session: signing in or out in one updates the other', async () => {
    const commune = freshCommune();
    const first = mount('pf-login', { api: API, commune });
    const second = mount('pf-login', { api: API, commune });
    await waitFor(() => byLabel(first.shadowRoot!, 'Identifiant') && byLabel(second.shadowRoot!, 'Identifiant'));
    await expectAccessible(first);
    await signIn(first.shadowRoot!, 'marie.dupont', GOOD_PASSWORD);
    await waitForText(second, 'Connecté(e) en tant que Marie Dupont');

    const loggedOut = nextEvent(second, 'pf-logout');
    byButton(second.shadowRoot!, 'Se déconnecter').click();
    await loggedOut;
    await waitFor(() => byLabel(first.shadowRoot!, 'Identifiant'));
    await waitForText(second, 'Vous êtes déconnecté(e).');
  });

  it('brings the session back after a page load, with one refresh for all widgets', async () => {
    let refreshes = 0;
    worker.use(
      http.post(`${API}${BASE}/auth/refresh`, ({ params }) => {
        refreshes += 1;
        return HttpResponse.json(session(guardianAccount(String(params.commune))));
      }),
    );
    const commune = freshCommune();
    const first = mount('pf-login', { api: API, commune });
    const second = mount('pf-login', { api: API, commune });
    await waitForText(first, 'Connecté(e) en tant que Marie Dupont');
    await waitForText(second, 'Connecté(e) en tant que Marie Dupont');
    await expectAccessible(first);
    equal(refreshes, 1);
  });

  it('speaks English with lang="en", on itself or on an ancestor', async () => {
    const element = await mountLogin({ lang: 'en' });
    await expectAccessible(element);
    ok(byLabel(element.shadowRoot!, 'Login'), 'English label');
    ok(byButton(element.shadowRoot!, 'Sign in'), 'English button');
    await signIn2(element);
    await waitForText(element, 'Incorrect login or password.');

    const wrapper = mountHtml(`<div lang="en-GB"><pf-login api="${API}" commune="${freshCommune()}"></pf-login></div>`);
    const nested = wrapper.querySelector('pf-login')!;
    await waitFor(() => byButton(nested.shadowRoot!, 'Forgot your login or password?'));

    element.setAttribute('lang', 'fr');
    await waitFor(() => byButton(element.shadowRoot!, 'Se connecter'));
  });

  it('follows the documented tokens and the dark theme', async () => {
    const element = await mountLogin();
    await expectAccessible(element);
    const button = byButton(element.shadowRoot!, 'Se connecter');
    const before = getComputedStyle(button).backgroundColor;
    element.style.setProperty('--pf-color-primary', 'rgb(1, 2, 3)');
    equal(getComputedStyle(button).backgroundColor, 'rgb(1, 2, 3)');
    ok(before !== 'rgb(1, 2, 3)', 'the default is not the test colour');
    element.style.setProperty('--pf-radius', '7px');
    equal(getComputedStyle(button).borderTopLeftRadius, '7px');
    element.style.setProperty('--pf-font-family', 'monospace');
    equal(getComputedStyle(button).fontFamily, 'monospace');
    element.style.removeProperty('--pf-color-primary');

    const light = getComputedStyle(element).backgroundColor;
    element.setAttribute('theme', 'dark');
    await element.updateComplete;
    ok(getComputedStyle(element).backgroundColor !== light, 'the dark theme changes the surface');
    equal(getComputedStyle(element).colorScheme, 'dark');
    await expectAccessible(element);
  });

  it('warns instead of throwing when its tag is defined again', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      defineElement('pf-login', class extends HTMLElement {});
    } finally {
      console.warn = original;
    }
    equal(warnings.length, 1);
  });
});

async function signIn2(element: PfLogin): Promise<void> {
  type(byLabel(element.shadowRoot!, 'Login'), 'marie.dupont');
  type(byLabel(element.shadowRoot!, 'Password'), 'wrong');
  byButton(element.shadowRoot!, 'Sign in').click();
}
