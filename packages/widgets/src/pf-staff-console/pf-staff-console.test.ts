import type { Family, Me } from '@portail-famille/sdk';
import type { PendingBooking } from '../core/types.js';
import type { PfErrorEvent } from '../events/pf-error-event.js';
import { expectAccessible } from '../testing/a11y.js';
import { equal, excludes, includes, ok } from '../testing/assert.js';
import {
  byButton,
  byGroup,
  byLabel,
  byLabelControl,
  choose,
  cleanup,
  deepActiveElement,
  deepQueryAll,
  hasButton,
  mount,
  type,
  visibleText,
  waitFor,
  waitForText,
} from '../testing/dom.js';
import { API, BASE, freshCommune, GOOD_PASSWORD, http, problem, worker } from '../testing/mock-api.js';
import { STAFF_PASSWORD, type StaffApi, sampleFamilies, samplePending, staffAccount, useStaffApi } from '../testing/mock-staff.js';
import { signIn, useMockApi } from '../testing/setup.js';
import '../staff.js';
import type { PfStaffConsole } from './pf-staff-console.js';

/** An instant's date and time in Paris, the commune's clock the console writes every time in. */
const paris = (iso: string): Record<string, string> =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: 'numeric',
      minute: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
/** « 14 h 32 » as the console writes a time (non-breaking spaces collapse in visibleText). */
const frTime = (iso: string): string => `${Number(paris(iso).hour)} h ${paris(iso).minute}`;

interface Setup {
  element: PfStaffConsole;
  api: StaffApi;
  root: ShadowRoot;
}

/** Mounts the console signed out, then signs in `account` through its inner <pf-login>. */
async function openConsole(
  roles: Me['roles'],
  options: { families?: Family[]; pending?: PendingBooking[]; full?: string[]; attributes?: Record<string, string> } = {},
): Promise<Setup> {
  const commune = freshCommune();
  const account = staffAccount(commune, roles);
  const api = useStaffApi(account, {
    families: options.families ?? sampleFamilies(),
    pending: options.pending ?? samplePending(),
    full: options.full ?? [],
  });
  const element = mount('pf-staff-console', { api: API, commune, ...options.attributes });
  const root = element.shadowRoot!;
  await waitFor(() => deepQueryAll(root, 'form').length > 0);
  await expectAccessible(element);
  await signIn(root, account.identifier, STAFF_PASSWORD, options.attributes?.lang === 'en' ? 'en' : 'fr');
  await waitFor(() => root.querySelector('#list-status'));
  return { element, api, root };
}

/** Opens « Demandes à traiter » and waits for the list (or its empty state). */
async function openPending(setup: Setup): Promise<void> {
  byButton(setup.root, 'Demandes à traiter').click();
  await waitFor(() => setup.root.querySelector('.pending-table, .empty'));
}

/** The long dates of the table's rows, top to bottom. */
const rowDates = (root: ShadowRoot): string[] =>
  deepQueryAll(root, '.pending-table tbody th').map((th) => (th.textContent ?? '').replace(/\s+/g, ' ').trim());

async function openFamily(setup: Setup, number: string): Promise<void> {
  await waitFor(() => setup.root.querySelector(`[part~="family"]`));
  const row = deepQueryAll<HTMLButtonElement>(setup.root, '[part~="family"]').find((b) => (b.textContent ?? '').includes(number));
  ok(row, `a row for ${number}`);
  row.click();
  await waitForText(setup.element, `Dossier famille n° ${number}`);
}

describe('<pf-staff-console>', () => {
  useMockApi();

  it('shows the staff login when signed out, then the families', async () => {
    const commune = freshCommune();
    useStaffApi(staffAccount(commune, ['agent']));
    const element = mount('pf-staff-console', { api: API, commune });
    await waitFor(() => element.shadowRoot!.querySelector('pf-login')?.shadowRoot?.querySelector('form'));
    await expectAccessible(element);
    const text = visibleText(element);
    includes(text, 'Console des agents — Val-de-Loire');
    includes(text, 'Connexion à la console des agents');
    excludes(text, 'Connexion à l’espace famille');
    type(byLabel(element.shadowRoot!, 'Identifiant'), 'agent.martin');
    type(byLabel(element.shadowRoot!, 'Mot de passe'), STAFF_PASSWORD);
    byButton(element.shadowRoot!, 'Se connecter').click();
    await waitForText(element, '2 familles affichées.');
    includes(visibleText(element), 'Connecté(e) en tant que Agent Martin');
    await waitFor(() => (equal(deepActiveElement()?.id, 'section-heading', 'focus on « Familles »'), true));
    await expectAccessible(element);
  });

  it('tells a guardian that the console is for the commune’s staff', async () => {
    const element = mount('pf-staff-console', { api: API, commune: freshCommune() });
    await waitFor(() => deepQueryAll(element.shadowRoot!, 'form').length > 0);
    await expectAccessible(element);
    type(byLabel(element.shadowRoot!, 'Identifiant'), 'marie.dupont');
    type(byLabel(element.shadowRoot!, 'Mot de passe'), GOOD_PASSWORD);
    byButton(element.shadowRoot!, 'Se connecter').click();
    await waitForText(element, 'Cette console est réservée au personnel de la commune');
    ok(!element.shadowRoot!.querySelector('#search'), 'no family search for a guardian');
    await expectAccessible(element);
  });

  it('lists families, searches by name, and pages with « Voir plus »', async () => {
    const many: Family[] = Array.from({ length: 23 }, (_, i) => ({
      ...sampleFamilies()[1]!,
      id: `fam_${i}`,
      number: `F-${String(i + 1).padStart(4, '0')}`,
      guardians: [
        {
          id: `g_${i}`,
          firstName: 'Anne',
          lastName: i === 21 ? 'Lefèvre' : `Durand${i}`,
          relation: 'mother',
          email: `a${i}@example.fr`,
          phone: null,
          account: null,
        },
      ],
      children: i % 2 ? [] : sampleFamilies()[0]!.children,
    }));
    const setup = await openConsole(['agent'], { families: many });
    const { element, root, api } = setup;
    await waitForText(element, '20 familles affichées, d’autres suivent.');
    const text = visibleText(element);
    includes(text, 'F-0001');
    includes(text, 'Anne Durand0');
    includes(text, '1 enfant');
    includes(text, 'aucun enfant');
    equal(deepQueryAll(root, '[part~="family"]').length, 20);
    await expectAccessible(element);

    byButton(root, 'Voir plus').click();
    await waitForText(element, '23 familles affichées.');
    equal(deepQueryAll(root, '[part~="family"]').length, 23);
    ok(!hasButton(root, 'Voir plus'), 'no « Voir plus » on the last page');
    await waitFor(() => (equal(deepActiveElement()?.id, 'family-fam_20', 'focus on the first family added'), true));
    equal(api.calls.filter((c) => c.startsWith('GET /staff/families?')).at(-1), 'GET /staff/families?limit=20&cursor=20');

    type(byLabel(root, 'Rechercher une famille'), 'lefèvre');
    byButton(root, 'Rechercher').click();
    await waitForText(element, '1 famille affichée.');
    includes(visibleText(element), 'Anne Lefèvre');
    equal(deepQueryAll(root, '[part~="family"]').length, 1);

    type(byLabel(root, 'Rechercher une famille'), 'Personne');
    byButton(root, 'Rechercher').click();
    await waitForText(element, 'Aucune famille ne correspond à « Personne ».');
    await expectAccessible(element);
    byButton(root, 'Toutes les familles').click();
    await waitForText(element, '20 familles affichées, d’autres suivent.');
  });

  it('shows a family’s file and each guardian’s account state in French', async () => {
    const setup = await openConsole(['agent']);
    const { element, root } = setup;
    await openFamily(setup, 'F-0001');
    await waitFor(() => (equal(deepActiveElement()?.id, 'family-heading', 'focus on the family'), true));
    let text = visibleText(element);
    includes(text, '8 quai de la Loire Bâtiment B 44130 Val-de-Loire');
    includes(text, 'Quotient familial 820');
    includes(text, 'Claire Moreau Mère');
    includes(text, 'Compte portail : Pas de compte');
    // 13:32 UTC on 28 November is 14:32 in Paris (winter time), whatever the browser's own zone.
    includes(text, 'Compte portail : En attente d’activation (lien valable jusqu’au 28/11/2030 à 14 h 32)');
    includes(text, 'Identifiant : paul.moreau');
    includes(text, 'Arthur Moreau');
    includes(text, '12/04/2018');
    ok(hasButton(byGroup(root, 'Claire Moreau'), 'Créer le compte'), 'create for a guardian with no account');
    ok(hasButton(byGroup(root, 'Paul Moreau'), 'Renvoyer le lien d’activation'), 'resend for a pending account');
    await expectAccessible(element);

    byButton(root, 'Retour à la liste').click();
    await waitFor(() => (equal(deepActiveElement()?.id, 'family-fam_moreau', 'focus back on the family in the list'), true));
    await openFamily(setup, 'F-0002');
    text = visibleText(element);
    includes(text, 'Quotient familial Non renseigné');
    includes(text, 'Sophie Martin Mère sophie.martin@example.fr Compte portail : Actif');
    const lockedUntil = sampleFamilies()[1]!.guardians[1]!.account!.lockedUntil!;
    includes(text, `Julien Martin Père julien.martin@example.fr Compte portail : Bloqué jusqu’à ${frTime(lockedUntil)}`);
    ok(!hasButton(byGroup(root, 'Sophie Martin'), 'Débloquer le compte'), 'nothing to do for an active account');
    ok(hasButton(byGroup(root, 'Julien Martin'), 'Débloquer le compte'), 'unlock for a locked account');
    await expectAccessible(element);
  });

  it('creates a guardian’s account and says so with the identifier', async () => {
    const setup = await openConsole(['agent']);
    const { element, root, api } = setup;
    await openFamily(setup, 'F-0001');
    const claire = byGroup(root, 'Claire Moreau');
    await expectAccessible(element);
    byButton(claire, 'Créer le compte').click();
    await waitForText(claire, 'Compte créé : identifiant claire.moreau. Un e-mail d’activation a été envoyé à claire.moreau@example.fr.');
    const status = claire.querySelector('[role="status"]');
    includes(status?.textContent ?? '', 'Compte créé', 'the confirmation is in a live region');
    await waitForText(claire, 'En attente d’activation');
    ok(hasButton(byGroup(root, 'Claire Moreau'), 'Renvoyer le lien d’activation'), 'the state was reloaded');
    ok(api.calls.includes('POST /staff/guardians/g_claire/account'), 'the account was created');
    equal(api.calls.filter((c) => c === 'GET /staff/families/fam_moreau').length, 2, 'the family is reloaded');
    await waitFor(() => (equal(deepActiveElement()?.id, 'guardian-g_claire-name', 'focus stays on the guardian'), true));
    await expectAccessible(element);
  });

  it('creates an account with a chosen identifier, and explains « identifier_taken » next to the field', async () => {
    const setup = await openConsole(['admin']);
    const { element, root } = setup;
    await openFamily(setup, 'F-0001');
    await expectAccessible(element);
    const field = byLabel(byGroup(root, 'Claire Moreau'), 'Identifiant (facultatif)');
    type(field, 'Claire M');
    byButton(byGroup(root, 'Claire Moreau'), 'Créer le compte').click();
    await waitForText(element, 'L’identifiant doit compter 3 à 50 caractères');
    equal(field.getAttribute('aria-invalid'), 'true');
    type(field, 'paul.moreau');
    byButton(byGroup(root, 'Claire Moreau'), 'Créer le compte').click();
    await waitForText(element, 'Cet identifiant est déjà utilisé.');
    const input = byLabel(byGroup(root, 'Claire Moreau'), 'Identifiant (facultatif)');
    equal(input.value, 'paul.moreau', 'what was typed stays');
    const errorId = (input.getAttribute('aria-describedby') ?? '').split(' ').find((id) => id.endsWith('-error'));
    includes(root.getElementById(errorId ?? '')?.textContent ?? '', 'déjà utilisé', 'the message is tied to the field');
    await expectAccessible(element);
    type(input, 'claire.m');
    byButton(byGroup(root, 'Claire Moreau'), 'Créer le compte').click();
    await waitForText(element, 'Compte créé : identifiant claire.m.');
  });

  it('resends the activation link', async () => {
    const setup = await openConsole(['agent']);
    const { element, root } = setup;
    await openFamily(setup, 'F-0001');
    await expectAccessible(element);
    byButton(byGroup(root, 'Paul Moreau'), 'Renvoyer le lien d’activation').click();
    await waitForText(element, 'Un nouveau lien d’activation a été envoyé à paul.moreau@example.fr.');
  });

  it('unlocks an account: « Compte débloqué. » and the lock disappears', async () => {
    const setup = await openConsole(['agent']);
    const { element, root, api } = setup;
    await openFamily(setup, 'F-0002');
    await expectAccessible(element);
    includes(visibleText(byGroup(root, 'Julien Martin')), 'Bloqué jusqu’à');
    byButton(byGroup(root, 'Julien Martin'), 'Débloquer le compte').click();
    await waitForText(element, 'Compte débloqué.');
    const julien = byGroup(root, 'Julien Martin');
    await waitForText(julien, 'Compte portail : Actif');
    excludes(visibleText(julien), 'Bloqué');
    ok(!hasButton(julien, 'Débloquer le compte'), 'no unlock button any more');
    ok(api.calls.includes('POST /staff/accounts/acc_julien/unlock'), 'the unlock was sent');
    await expectAccessible(element);
  });

  it('shows the problem in French when an action is refused', async () => {
    const setup = await openConsole(['agent']);
    const { element, root } = setup;
    worker.use(http.post(`${API}${BASE}/staff/accounts/:accountId/unlock`, () => problem(403, 'forbidden')));
    await openFamily(setup, 'F-0002');
    await expectAccessible(element);
    const failed = new Promise<PfErrorEvent>((resolve) => element.addEventListener('pf-error', resolve, { once: true }));
    byButton(byGroup(root, 'Julien Martin'), 'Débloquer le compte').click();
    equal((await failed).detail.error.name, 'ForbiddenError');
    await waitForText(byGroup(root, 'Julien Martin'), 'Votre rôle ne permet pas cette action.');
    ok(byGroup(root, 'Julien Martin').querySelector('[role="alert"]')?.textContent?.includes('Votre rôle'), 'in an alert');
  });

  it('a billing account reads families but sees no action; an agent sees no banner form', async () => {
    const billing = await openConsole(['billing']);
    await openFamily(billing, 'F-0001');
    await expectAccessible(billing.element);
    const root = billing.root;
    includes(visibleText(billing.element), 'Pas de compte');
    for (const name of [
      'Créer le compte',
      'Renvoyer le lien d’activation',
      'Débloquer le compte',
      'Nouvelle famille',
      'Demandes à traiter',
      'Bandeau d’information',
    ]) {
      ok(!hasButton(root, name), `billing does not see « ${name} »`);
    }
    ok(!root.querySelector('input[id^="identifier-"]'), 'no identifier field');
    cleanup();

    const agent = await openConsole(['agent']);
    await expectAccessible(agent.element);
    ok(hasButton(agent.root, 'Nouvelle famille'), 'an agent creates families');
    ok(!hasButton(agent.root, 'Bandeau d’information'), 'an agent has no banner section');
    ok(!agent.root.querySelector('#banner-message'), 'no banner form');
  });

  it('lists the pending days oldest first, accepts exactly the selected ones and sums up', async () => {
    const setup = await openConsole(['agent'], { full: ['bk_3'] });
    const { element, root, api } = setup;
    await openPending(setup);
    await expectAccessible(element);
    equal(root.querySelector('.pending-table caption')?.textContent?.trim(), 'Demandes à traiter');
    equal(
      rowDates(root).join(' | '),
      'lundi 9 mars 2026 | mardi 10 mars 2026 | mercredi 11 mars 2026 | jeudi 12 mars 2026',
      'oldest day first, in French',
    );
    const text = visibleText(element);
    includes(text, 'Date Enfant Dossier n° Activité Demande n°');
    includes(text, 'lundi 9 mars 2026 Arthur Moreau F-0001 Cantine 41');
    includes(text, 'jeudi 12 mars 2026 Lina Martin F-0002 Centre de loisirs 43');
    ok(byButton(root, 'Accepter la sélection').disabled, 'nothing selected: accept is disabled');
    ok(byButton(root, 'Refuser la sélection').disabled, 'nothing selected: refuse is disabled');

    byLabel(root, 'Sélectionner : Arthur Moreau, lundi 9 mars 2026, Cantine').click();
    byLabel(root, 'Sélectionner : Arthur Moreau, mercredi 11 mars 2026, Centre de loisirs').click();
    await waitFor(() => !byButton(root, 'Accepter la sélection').disabled);
    ok(byLabel(root, 'Tout sélectionner').indeterminate, '« Tout sélectionner » shows a partial selection');
    await expectAccessible(element);
    byButton(root, 'Accepter la sélection').click();
    await waitForText(element, '1 jour accepté, 1 refusé (complet).');
    equal(
      JSON.stringify(api.decisions),
      JSON.stringify([
        [
          { bookingId: 'bk_1', decision: 'accept' },
          { bookingId: 'bk_3', decision: 'accept' },
        ],
      ]),
      'exactly the two selected days, accepted, without comment',
    );
    includes(root.querySelector('#pending-status')?.textContent ?? '', '1 jour accepté', 'the summary is in a polite live region');
    equal(root.querySelector('#pending-status')?.getAttribute('role'), 'status');
    await waitFor(() => (equal(rowDates(root).join(' | '), 'mardi 10 mars 2026 | jeudi 12 mars 2026', 'the list was reloaded'), true));
    equal(api.calls.filter((c) => c.startsWith('GET /staff/pending-bookings')).length, 2);
    ok(byButton(root, 'Accepter la sélection').disabled, 'the selection was cleared');
    await waitFor(() => (equal(deepActiveElement()?.id, 'pending-all', 'focus stays in the list'), true));
    await expectAccessible(element);

    // At 360 px the table scrolls inside its box, not the page.
    element.style.display = 'block';
    element.style.width = '360px';
    const box = root.querySelector<HTMLElement>('.pending-box')!;
    await waitFor(() => box.clientWidth <= 360);
    equal(getComputedStyle(box).overflowX, 'auto');
    const content = root.querySelector<HTMLElement>('[part~="content"]')!;
    ok(content.scrollWidth <= content.clientWidth + 1, 'nothing wider than the console');
  });

  it('refuses the whole selection with the comment, then shows the empty state', async () => {
    const setup = await openConsole(['admin']);
    const { element, root, api } = setup;
    await openPending(setup);
    await expectAccessible(element);
    byLabel(root, 'Tout sélectionner').click();
    await waitFor(() => !byButton(root, 'Refuser la sélection').disabled);
    const comment = byLabelControl<HTMLTextAreaElement>(root, 'Motif du refus (visible par la famille)');
    comment.value = 'Sortie annulée ce jour-là.';
    comment.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    // Handled by someone else in the meantime.
    api.pending = api.pending.filter((p) => p.bookingId !== 'bk_4');
    byButton(root, 'Refuser la sélection').click();
    await waitForText(element, '3 jours refusés, 1 déjà traité.');
    const sent = api.decisions[0] ?? [];
    equal(sent.length, 4, 'every selected day');
    ok(
      sent.every((d) => d.decision === 'refuse' && d.comment === 'Sortie annulée ce jour-là.'),
      'each refusal carries the comment',
    );
    await waitForText(element, 'Aucune demande en attente.');
    ok(!root.querySelector('.pending-table'), 'no table any more');
    await expectAccessible(element);
  });

  it('says « Aucune demande en attente. » when nothing is pending', async () => {
    const setup = await openConsole(['agent'], { pending: [] });
    await openPending(setup);
    await waitForText(setup.element, 'Aucune demande en attente.');
    ok(!hasButton(setup.root, 'Accepter la sélection'), 'no decision buttons');
    await expectAccessible(setup.element);
  });

  it('billing sees no « Demandes à traiter »', async () => {
    const { element, root, api } = await openConsole(['billing']);
    await waitForText(element, '2 familles affichées.');
    await expectAccessible(element);
    ok(!hasButton(root, 'Demandes à traiter'), 'no section for billing');
    ok(!api.calls.some((c) => c.includes('pending-bookings')), 'nothing asked');
  });

  it('« Présences »: takes the day’s register — each expected child present or absent — and saves it in one call', async () => {
    const { element, root, api } = await openConsole(['agent']);
    byButton(root, 'Présences').click();
    await waitFor(() => root.querySelector('.attendance-table'));
    await expectAccessible(element);
    const activity = byLabelControl<HTMLSelectElement>(root, 'Activité');
    includes(activity.selectedOptions[0]?.textContent ?? '', 'Cantine — École Jules Ferry (3 enfants attendus)');
    const text = visibleText(element);
    includes(text, 'Enfant Dossier n° Réservation Présence');
    includes(text, 'Arthur Moreau F-0001 Réservé');
    includes(text, 'Lina Martin F-0002 Réservé — absence signalée par la famille');
    includes(text, 'Zoé Petit F-0003 Demande en attente');
    ok(byButton(root, 'Enregistrer l’appel').disabled, 'nothing ticked yet');

    const lina = root.querySelector('[role="radiogroup"][aria-label="Présence de Lina Martin"]')!;
    const linaAbsent = [...lina.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
      (r) => r.labels?.[0]?.textContent === 'Absent',
    )!;
    linaAbsent.click();
    byButton(root, 'Marquer les autres présents').click();
    await waitFor(() => !byButton(root, 'Enregistrer l’appel').disabled);
    byButton(root, 'Enregistrer l’appel').click();
    await waitForText(element, 'Appel enregistré : 2 présents, 1 absent.');
    equal(root.querySelector('#attendance-status')?.getAttribute('role'), 'status');
    equal(
      JSON.stringify(api.recordedAttendance[0]?.records),
      JSON.stringify([
        { childId: 'c_arthur', status: 'present' },
        { childId: 'c_lina', status: 'absent' },
        { childId: 'c_zoe', status: 'present' },
      ]),
      'the whole register, in one call',
    );
    await expectAccessible(element);

    // A day still to come: the register shows, nothing can be saved.
    const date = byLabel(root, 'Jour');
    date.value = '2099-01-05';
    date.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await waitForText(element, 'Ce jour n’est pas encore passé');
    ok(byButton(root, 'Enregistrer l’appel').disabled, 'a future day cannot be saved');
    ok(api.calls.includes('GET /staff/attendance/activities?date=2099-01-05'), 'the day asked for');
    await expectAccessible(element);
  });

  it('billing sees no « Présences »', async () => {
    const { element, root, api } = await openConsole(['billing']);
    await waitForText(element, '2 familles affichées.');
    ok(!hasButton(root, 'Présences'), 'no register for billing');
    ok(!api.calls.some((c) => c.includes('attendance')), 'nothing asked');
  });

  it('an admin publishes and removes the banner', async () => {
    const { element, root, api } = await openConsole(['admin']);
    byButton(root, 'Bandeau d’information').click();
    await waitForText(element, 'Aucun bandeau n’est affiché.');
    await expectAccessible(element);
    byButton(root, 'Publier le bandeau').click();
    await waitForText(element, 'Saisissez le message du bandeau.');
    (root.querySelector('#banner-kind-maintenance') as HTMLInputElement).click();
    const message = byLabelControl<HTMLTextAreaElement>(root, 'Message');
    message.value = 'Portail indisponible le 3 mars de 8 h à 10 h.';
    message.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    byButton(root, 'Publier le bandeau').click();
    await waitForText(element, 'Bandeau publié : il s’affiche maintenant sur le portail des familles.');
    includes(visibleText(element), 'Maintenance : Portail indisponible le 3 mars de 8 h à 10 h.');
    equal(api.banner?.kind, 'maintenance');
    await expectAccessible(element);
    byButton(root, 'Retirer le bandeau').click();
    await waitForText(element, 'Bandeau retiré.');
    includes(visibleText(element), 'Aucun bandeau n’est affiché.');
    equal(api.banner, null);
  });

  it('an admin sets the logo of the documents, a file the server refuses keeps it, then removes it', async () => {
    const { element, root, api } = await openConsole(['admin']);
    byButton(root, 'Logo des documents').click();
    await waitForText(element, 'Aucun logo : les documents portent seulement le nom de la commune.');
    await expectAccessible(element);
    const input = byLabelControl<HTMLInputElement>(root, 'Nouveau logo');
    const choose = (file: File) => {
      const picked = new DataTransfer();
      picked.items.add(file);
      input.files = picked.files;
    };
    byButton(root, 'Enregistrer le logo').click();
    await waitForText(element, 'Choisissez une image.');
    await waitFor(() => deepActiveElement() === input);
    equal(input.getAttribute('aria-invalid'), 'true');

    const canvas = new OffscreenCanvas(60, 30);
    const ctx = canvas.getContext('2d');
    if (ctx) ctx.fillRect(0, 0, 30, 30);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    choose(new File([png], 'blason.png', { type: 'image/png' }));
    byButton(root, 'Enregistrer le logo').click();
    await waitForText(element, 'Logo enregistré : il figure sur les prochains documents téléchargés.');
    equal(api.logo?.name, 'blason.png');
    const shown = root.querySelector<HTMLImageElement>('[part~="logo"]');
    ok(shown, 'the logo is shown');
    equal(shown.alt, 'Logo actuel des documents');
    await waitFor(() => shown.complete && shown.naturalWidth === 60);
    await expectAccessible(element);

    // A file named .png that is not one: the server says so, next to the field; the logo stays.
    choose(new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'blason.png', { type: 'image/png' }));
    byButton(root, 'Enregistrer le logo').click();
    await waitForText(element, 'Seules les images PNG ou JPEG lisibles sont acceptées.');
    equal(api.logo?.name, 'blason.png');
    ok(root.querySelector('[part~="logo"]'), 'still shown');

    byButton(root, 'Retirer le logo').click();
    await waitForText(element, 'Logo retiré.');
    includes(visibleText(element), 'Aucun logo');
    equal(api.logo, null);
    await waitFor(() => deepActiveElement() === byLabelControl(root, 'Nouveau logo'));
    cleanup();

    const agent = await openConsole(['agent']);
    ok(!hasButton(agent.root, 'Logo des documents'), 'an agent has no logo section');
  });

  it('checks the new family form in French, then creates the family and shows it', async () => {
    const { element, root, api } = await openConsole(['agent']);
    byButton(root, 'Nouvelle famille').click();
    await waitFor(() => root.querySelector('.family-form'));
    await expectAccessible(element);
    byButton(root, 'Créer la famille').click();
    await waitForText(element, 'champs sont à corriger');
    const line1 = byLabel(byGroup(root, 'Adresse'), 'Numéro et voie');
    equal(deepActiveElement(), line1, 'focus on the first field to correct');
    equal(line1.getAttribute('aria-invalid'), 'true');
    includes(visibleText(element), 'Indiquez le numéro et la voie.');
    includes(visibleText(element), 'Choisissez le lien avec les enfants.');
    await expectAccessible(element);

    type(line1, '5 allée des Saules');
    type(byLabel(root, 'Code postal'), '44130');
    type(byLabel(root, 'Commune'), 'Val-de-Loire');
    const first = byGroup(root, 'Responsable légal 1');
    type(byLabel(first, 'Prénom'), 'Inès');
    type(byLabel(first, 'Nom'), 'Garnier');
    choose(byLabelControl<HTMLSelectElement>(first, 'Lien avec les enfants'), 'mother');
    type(byLabel(first, 'Adresse e-mail'), 'ines.garnier@example.fr');
    byButton(root, 'Ajouter un enfant').click();
    const child = await waitFor(() => byGroup(root, 'Enfant 1'));
    equal(byLabel(child, 'Nom').value, 'Garnier', 'a child starts with the guardian’s last name');
    type(byLabel(child, 'Prénom'), 'Noé');
    type(byLabel(child, 'Date de naissance'), '2019-05-02');
    byButton(root, 'Créer la famille').click();
    await waitForText(element, 'Famille créée : dossier n° F-0003.');
    includes(visibleText(element), 'Dossier famille n° F-0003');
    includes(visibleText(element), 'Inès Garnier');
    includes(visibleText(element), 'Noé Garnier');
    ok(hasButton(byGroup(root, 'Inès Garnier'), 'Créer le compte'), 'the account can be created at once');
    const created = api.families.at(-1)!;
    equal(created.guardians[0]!.relation, 'mother');
    equal(created.address.line2, null);
    await expectAccessible(element);
  });

  it('ties a 400 problem’s field errors to their fields and keeps what was typed', async () => {
    const { element, root, api } = await openConsole(['agent']);
    worker.use(
      http.post(`${API}${BASE}/staff/families`, () =>
        problem(400, 'validation_failed', {
          errors: [
            { path: '/body/address/postalCode', message: 'must match pattern "^[0-9]{5}$"' },
            { path: '/body/guardians/0/email', message: 'must match format "email"' },
          ],
        }),
      ),
    );
    byButton(root, 'Nouvelle famille').click();
    await waitFor(() => root.querySelector('.family-form'));
    await expectAccessible(element);
    type(byLabel(root, 'Numéro et voie'), '5 allée des Saules');
    type(byLabel(root, 'Complément d’adresse (facultatif)'), 'Résidence Les Iris');
    type(byLabel(root, 'Code postal'), '44130');
    type(byLabel(root, 'Commune'), 'Val-de-Loire');
    type(byLabel(root, 'Quotient familial (facultatif)'), '640');
    const first = byGroup(root, 'Responsable légal 1');
    type(byLabel(first, 'Prénom'), 'Inès');
    type(byLabel(first, 'Nom'), 'Garnier');
    choose(byLabelControl<HTMLSelectElement>(first, 'Lien avec les enfants'), 'guardian');
    type(byLabel(first, 'Adresse e-mail'), 'ines.garnier@example.fr');
    byButton(root, 'Ajouter un second responsable').click();
    const second = await waitFor(() => byGroup(root, 'Responsable légal 2'));
    type(byLabel(second, 'Prénom'), 'Marc');
    type(byLabel(second, 'Nom'), 'Garnier');
    choose(byLabelControl<HTMLSelectElement>(second, 'Lien avec les enfants'), 'father');
    type(byLabel(second, 'Adresse e-mail'), 'marc.garnier@example.fr');
    type(byLabel(second, 'Téléphone (facultatif)'), '06 11 22 33 44');
    byButton(root, 'Créer la famille').click();

    await waitForText(element, '2 champs sont à corriger');
    const postalCode = byLabel(root, 'Code postal');
    equal(postalCode.getAttribute('aria-invalid'), 'true');
    const describedBy = postalCode.getAttribute('aria-describedby') ?? '';
    includes(
      root.getElementById(describedBy.split(' ').find((id) => id.endsWith('-error'))!)?.textContent ?? '',
      'Indiquez un code postal de 5 chiffres.',
    );
    const email = byLabel(byGroup(root, 'Responsable légal 1'), 'Adresse e-mail');
    equal(email.getAttribute('aria-invalid'), 'true');
    includes(visibleText(byGroup(root, 'Responsable légal 1')), 'Saisissez une adresse e-mail valide');
    equal(deepActiveElement(), postalCode, 'focus on the first field to correct');
    // Nothing typed is lost.
    equal(byLabel(root, 'Numéro et voie').value, '5 allée des Saules');
    equal(byLabel(root, 'Complément d’adresse (facultatif)').value, 'Résidence Les Iris');
    equal(byLabel(root, 'Quotient familial (facultatif)').value, '640');
    equal(byLabelControl<HTMLSelectElement>(byGroup(root, 'Responsable légal 1'), 'Lien avec les enfants').value, 'guardian');
    equal(byLabel(byGroup(root, 'Responsable légal 2'), 'Prénom').value, 'Marc');
    equal(byLabel(byGroup(root, 'Responsable légal 2'), 'Téléphone (facultatif)').value, '06 11 22 33 44');
    equal(api.families.length, 2, 'nothing was created');
    await expectAccessible(element);
  });

  it('speaks English with lang="en"', async () => {
    const setup = await openConsole(['admin'], { attributes: { lang: 'en' } });
    const { element, root } = setup;
    await waitForText(element, '2 families shown.');
    await expectAccessible(element);
    const text = visibleText(element);
    includes(text, 'Staff console — Val-de-Loire');
    includes(text, 'Signed in as Agent Martin');
    ok(byLabel(root, 'Search for a family'), 'the search is in English');
    ok(hasButton(root, 'New family') && hasButton(root, 'Information banner'), 'English sections');
    deepQueryAll<HTMLButtonElement>(root, '[part~="family"]')[0]!.click();
    await waitForText(element, 'Family file no. F-0001');
    includes(visibleText(element), 'Portal account: No account');
    includes(visibleText(element), 'Waiting for activation (link valid until');
    ok(hasButton(byGroup(root, 'Claire Moreau'), 'Create the account'), 'English actions');
    await expectAccessible(element);
  });

  it('follows --pf-color-primary and --pf-color-danger', async () => {
    const setup = await openConsole(['agent']);
    await openFamily(setup, 'F-0002');
    await expectAccessible(setup.element);
    setup.element.style.setProperty('--pf-color-primary', 'rgb(10, 20, 30)');
    setup.element.style.setProperty('--pf-color-danger', 'rgb(140, 0, 0)');
    equal(getComputedStyle(byButton(setup.root, 'Débloquer le compte')).backgroundColor, 'rgb(10, 20, 30)');
    equal(getComputedStyle(setup.root.querySelector('.account-state.locked')!).color, 'rgb(140, 0, 0)');
  });
});
