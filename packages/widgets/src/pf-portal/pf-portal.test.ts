import type { PfLoginEvent } from '../events/pf-login-event.js';
import { expectAccessible } from '../testing/a11y.js';
import { equal, excludes, includes, ok } from '../testing/assert.js';
import {
  byButton,
  byLabel,
  deepActiveElement,
  deepQueryAll,
  mount,
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
import { useBookingApi } from '../testing/mock-bookings.js';
import { sampleDocument, useDocumentsApi } from '../testing/mock-documents.js';
import { sampleInvoice, useInvoiceApi } from '../testing/mock-invoices.js';
import { samplePayment, usePaymentApi } from '../testing/mock-payments.js';
import { arriveFromLink, signIn, useMockApi } from '../testing/setup.js';
import '../index.js';
import type { PfPortal } from './pf-portal.js';

async function mountPortal(attributes: Record<string, string> = {}): Promise<PfPortal> {
  const element = mount('pf-portal', { api: API, commune: freshCommune(), ...attributes });
  await waitFor(() => deepQueryAll(element.shadowRoot!, 'form, [part~="logout"]').length > 0);
  return element;
}

describe('<pf-portal>', () => {
  useMockApi();

  it('shows the commune header, its banner and the login when signed out', async () => {
    worker.use(
      http.get(`${API}${BASE}`, ({ params }) =>
        HttpResponse.json(
          communeInfo(String(params.commune), {
            banner: { kind: 'info', message: 'Inscriptions ALSH été ouvertes.', updatedAt: new Date().toISOString() },
          }),
        ),
      ),
    );
    const portal = await mountPortal();
    await expectAccessible(portal);
    const text = visibleText(portal);
    includes(text, 'Portail Famille — Val-de-Loire');
    includes(text, 'Information : Inscriptions ALSH été ouvertes.');
    equal(deepQueryAll(portal.shadowRoot!, '[part~="banner"]').length, 1, 'the banner is shown once');
    ok(byLabel(portal.shadowRoot!, 'Identifiant'), 'the login form is inside');
  });

  it('signs in a parent and shows « Ma famille »: number, guardians, children', async () => {
    const portal = await mountPortal();
    await expectAccessible(portal);
    const loggedIn = nextEvent<PfLoginEvent>(document, 'pf-login');
    await signIn(portal.shadowRoot!);
    equal((await loggedIn).detail.account.identifier, 'marie.dupont', 'pf-login reaches the document');
    await waitForText(portal, 'Dossier famille n° F-0042');
    const text = visibleText(portal);
    includes(text, 'Connecté(e) en tant que Marie Dupont');
    includes(text, 'Ma famille');
    includes(text, 'Marie Dupont Mère');
    includes(text, 'Léa Dupont');
    includes(text, '09/03/2018');
    includes(text, 'École Jules Ferry');
    includes(text, 'CP');
    includes(text, 'Non renseigné');
    includes(text, 'Demander une modification');
    await portal.updateComplete;
    await waitFor(() => (equal(deepActiveElement()?.id, 'section-heading', 'focus on « Ma famille »'), true));
    await expectAccessible(portal);
  });

  it('signs out from its header', async () => {
    const portal = await mountPortal();
    await expectAccessible(portal);
    await signIn(portal.shadowRoot!);
    await waitForText(portal, 'Dossier famille n° F-0042');
    const loggedOut = nextEvent(portal, 'pf-logout');
    byButton(portal.shadowRoot!, 'Se déconnecter').click();
    await loggedOut;
    await waitFor(() => byLabel(portal.shadowRoot!, 'Identifiant'));
  });

  it('tells a staff account that the staff console is separate', async () => {
    worker.use(
      http.post(`${API}${BASE}/auth/login`, ({ params }) =>
        HttpResponse.json(
          session(
            guardianAccount(String(params.commune), {
              id: 'acc_staff',
              kind: 'staff',
              roles: ['agent'],
              displayName: 'Agent Martin',
              familyId: null,
            }),
          ),
        ),
      ),
    );
    const portal = await mountPortal();
    await expectAccessible(portal);
    await signIn(portal.shadowRoot!, 'agent.martin');
    await waitForText(portal, 'la console des agents est une application séparée');
    await expectAccessible(portal);
  });

  it('shares its session with a separate <pf-login> of the same commune', async () => {
    const commune = freshCommune();
    const portal = mount('pf-portal', { api: API, commune });
    const login = mount('pf-login', { api: API, commune });
    await waitFor(() => byLabel(login.shadowRoot!, 'Identifiant') && byLabel(portal.shadowRoot!, 'Identifiant'));
    await expectAccessible(portal);
    await signIn(login.shadowRoot!);
    await waitForText(portal, 'Dossier famille n° F-0042');
  });

  it('speaks English with lang="en", down to the inner login', async () => {
    const portal = await mountPortal({ lang: 'en' });
    await expectAccessible(portal);
    includes(visibleText(portal), 'Family portal — Val-de-Loire');
    type(byLabel(portal.shadowRoot!, 'Login'), 'marie.dupont');
    type(byLabel(portal.shadowRoot!, 'Password'), GOOD_PASSWORD);
    byButton(portal.shadowRoot!, 'Sign in').click();
    await waitForText(portal, 'Family file no. F-0042');
    includes(visibleText(portal), 'My family');
  });

  it('shows an error and « Réessayer » when the family cannot be loaded', async () => {
    worker.use(http.get(`${API}${BASE}/family`, () => problem(503, 'unavailable')));
    const portal = await mountPortal();
    await expectAccessible(portal);
    const failed = nextEvent(portal, 'pf-error');
    await signIn(portal.shadowRoot!);
    await failed;
    await waitForText(portal, 'momentanément indisponible');
    await expectAccessible(portal);
    worker.resetHandlers();
    byButton(portal.shadowRoot!, 'Réessayer').click();
    await waitForText(portal, 'Dossier famille n° F-0042');
  });

  it('follows --pf-color-primary in its own and its inner widgets', async () => {
    const portal = await mountPortal();
    await expectAccessible(portal);
    portal.style.setProperty('--pf-color-primary', 'rgb(10, 20, 30)');
    equal(getComputedStyle(byButton(portal.shadowRoot!, 'Se connecter')).backgroundColor, 'rgb(10, 20, 30)');
  });

  it('an emailed link opened while signed in ends that session and shows the password form', async () => {
    let logouts = 0;
    worker.use(
      http.post(`${API}${BASE}/auth/logout`, () => {
        logouts += 1;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    const portal = await mountPortal();
    await expectAccessible(portal);
    await signIn(portal.shadowRoot!);
    await waitForText(portal, 'Dossier famille n° F-0042');
    const loggedOut = nextEvent(portal, 'pf-logout');
    arriveFromLink(`pf-reset=${TOKEN}`);
    globalThis.dispatchEvent(new HashChangeEvent('hashchange'));
    await loggedOut;
    await waitForText(portal, 'Choisissez un nouveau mot de passe');
    equal(logouts, 1, 'the previous session is closed on the server');
    equal(location.hash, '', 'the token left the address bar');
    excludes(visibleText(portal), 'Connecté(e) en tant que');
    ok(byLabel(portal.shadowRoot!, 'Nouveau mot de passe'), 'the password form is shown');
    await expectAccessible(portal);
  });

  it('a page opened from an activation link while a session comes back from the cookie shows the activation form', async () => {
    let logouts = 0;
    worker.use(
      http.post(`${API}${BASE}/auth/refresh`, ({ params }) => HttpResponse.json(session(guardianAccount(String(params.commune))))),
      http.post(`${API}${BASE}/auth/logout`, () => {
        logouts += 1;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    arriveFromLink(`pf-activate=${TOKEN}`);
    const portal = mount('pf-portal', { api: API, commune: freshCommune() });
    await waitForText(portal, 'Créez votre mot de passe');
    await expectAccessible(portal);
    equal(logouts, 1, 'the restored session was ended');
    equal(location.hash, '', 'the token left the address bar');
    type(byLabel(portal.shadowRoot!, 'Nouveau mot de passe'), GOOD_PASSWORD);
    type(byLabel(portal.shadowRoot!, 'Confirmez le mot de passe'), GOOD_PASSWORD);
    byButton(portal.shadowRoot!, 'Activer mon compte').click();
    await waitForText(portal, 'Votre compte est activé.');
  });

  it('opened from the link confirming a new email address, confirms it (signed in or not) and takes the token out of the URL', async () => {
    const tokens: string[] = [];
    worker.use(
      http.post(`${API}${BASE}/auth/confirm-email`, async ({ request }) => {
        const { token } = (await request.json()) as { token: string };
        tokens.push(token);
        return tokens.length === 1 ? HttpResponse.json({ email: 'marie.nouvelle@example.fr' }) : problem(410, 'invalid_token');
      }),
    );
    arriveFromLink(`pf-confirm-email=${TOKEN}`);
    const portal = await mountPortal();
    await waitForText(portal, 'Votre nouvelle adresse e-mail, marie.nouvelle@example.fr, est confirmée.');
    equal(tokens.join(), TOKEN);
    equal(location.hash, '', 'the token left the address bar');
    ok(byLabel(portal.shadowRoot!, 'Identifiant'), 'the login is still there');
    await expectAccessible(portal);
    arriveFromLink(`pf-confirm-email=${TOKEN}`);
    const again = await mountPortal();
    await waitForText(again, 'Ce lien de confirmation n’est plus valide');
  });

  it('has tabs « Ma famille », « Réservations », « Mes réservations »; the planner keeps its choices across tabs', async () => {
    useBookingApi();
    const portal = await mountPortal();
    await signIn(portal.shadowRoot!);
    await waitForText(portal, 'Dossier famille n° F-0042');
    await expectAccessible(portal);
    const tabs = deepQueryAll<HTMLButtonElement>(portal.shadowRoot!, '[role="tab"]');
    equal(tabs.map((tab) => visibleText(tab)).join(' | '), 'Ma famille | Réservations | Mes réservations | Factures | Documents');
    equal(tabs[0]?.getAttribute('aria-selected'), 'true');
    tabs[0]?.focus();
    tabs[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await waitFor(() => (deepActiveElement() as HTMLElement | null)?.id === 'tab-bookings');
    await waitFor(() => deepQueryAll(portal.shadowRoot!, '[data-date="2026-03-12"][data-activity="act_cantine"]').length === 1);
    await expectAccessible(portal);
    deepQueryAll<HTMLButtonElement>(portal.shadowRoot!, '[data-date="2026-03-12"][data-activity="act_cantine"]')[0]?.click();
    byButton(portal.shadowRoot!, 'Mes réservations').click();
    await waitForText(portal, 'Vous n’avez encore fait aucune demande de réservation.');
    await expectAccessible(portal);
    byButton(portal.shadowRoot!, 'Réservations').click();
    await waitFor(
      () =>
        deepQueryAll<HTMLElement>(portal.shadowRoot!, '[data-date="2026-03-12"][data-activity="act_cantine"]')[0]?.dataset.choice ===
        'cancel',
    );
    byButton(portal.shadowRoot!, 'Ma famille').click();
    await waitFor(() => deepQueryAll(portal.shadowRoot!, 'h3').some((h) => visibleText(h) === 'Ma famille'));
  });

  it('has a « Factures » tab: the family invoices, with their states and legend, « Payer en ligne » and the payments', async () => {
    useInvoiceApi([sampleInvoice(96)]);
    usePaymentApi([samplePayment(1)]);
    const portal = await mountPortal();
    await signIn(portal.shadowRoot!);
    await waitForText(portal, 'Dossier famille n° F-0042');
    byButton(portal.shadowRoot!, 'Factures').click();
    await waitForText(portal, 'Facture n° 2026-00096');
    includes(visibleText(portal), 'Légende');
    await waitForText(portal, 'Paiement n° PAY2026000001');
    includes(visibleText(portal), 'Cochez les factures à payer.');
    // Ticking an invoice hands it to « Payer en ligne ».
    deepQueryAll<HTMLInputElement>(portal.shadowRoot!, '[part~="select"]')[0]!.click();
    await waitForText(portal, '1 facture à payer : 44,46');
    ok(!byButton(portal.shadowRoot!, 'Payer en ligne').disabled, 'the button is ready');
    await expectAccessible(portal);
  });

  it('has a « Documents » tab with the family’s documents and « Télécharger mes données »', async () => {
    useBookingApi();
    useDocumentsApi({ documents: [sampleDocument('d1', { title: 'Menus de novembre' })] });
    const portal = await mountPortal();
    await signIn(portal.shadowRoot!);
    await waitForText(portal, 'Dossier famille n° F-0042');
    byButton(portal.shadowRoot!, 'Documents').click();
    await waitForText(portal, 'Menus de novembre');
    await expectAccessible(portal);
    includes(visibleText(portal), 'Menus de la cantine');
    ok(byButton(portal.shadowRoot!, 'Télécharger mes données'), 'the family can download its data');
  });
});
