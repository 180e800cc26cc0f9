import type { Me } from '@portail-famille/sdk';
import { expectAccessible } from '../testing/a11y.js';
import { equal, includes, ok } from '../testing/assert.js';
import {
  byButton,
  byLabel,
  byLabelControl,
  choose,
  deepActiveElement,
  deepQueryAll,
  hasButton,
  mount,
  type,
  visibleText,
  waitFor,
  waitForText,
} from '../testing/dom.js';
import { API, freshCommune } from '../testing/mock-api.js';
import { STAFF_PASSWORD, type StaffApi, staffAccount, useStaffApi } from '../testing/mock-staff.js';
import { signIn, useMockApi } from '../testing/setup.js';
import '../staff.js';
import type { PfStaffConsole } from './pf-staff-console.js';

interface Setup {
  element: PfStaffConsole;
  api: StaffApi;
  root: ShadowRoot;
}

/** Signs `roles` in and, when they may, opens « Fermetures » and waits for its list. */
async function openClosures(roles: Me['roles'], state: Partial<StaffApi> = {}): Promise<Setup> {
  const commune = freshCommune();
  const account = staffAccount(commune, roles);
  const api = useStaffApi(account, state);
  const element = mount('pf-staff-console', { api: API, commune });
  const root = element.shadowRoot!;
  await waitFor(() => deepQueryAll(root, 'form').length > 0);
  await signIn(root, account.identifier, STAFF_PASSWORD);
  await waitFor(() => root.querySelector('#list-status'));
  if (hasButton(root, 'Fermetures')) {
    byButton(root, 'Fermetures').click();
    await waitFor(() => root.querySelector('.closures-table, .empty'));
  }
  return { element, api, root };
}

const rows = (root: ShadowRoot): string[] =>
  deepQueryAll(root, '.closures-table tbody tr').map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('<pf-staff-console> « Fermetures »', () => {
  useMockApi();

  it('an agent sees the coming closures, is told what a new one does, and adds one for the whole commune', async () => {
    const { element, root, api } = await openClosures(['agent'], { cancelledOnClose: 3 });
    await expectAccessible(element);
    equal(root.querySelector('.closures-table caption')?.textContent?.trim(), 'Fermetures à venir');
    equal(rows(root)[0], 'Pont de l’Ascension Du jeudi 14 mai 2099 au vendredi 15 mai 2099 Tous les accueils de la commune Supprimer');
    equal(rows(root)[1], 'Journée pédagogique Le vendredi 5 juin 2099 Un accueil Supprimer', 'an agent does not read facility names');
    ok(
      api.calls.some((c) => /^GET \/staff\/closures\?from=\d{4}-\d{2}-\d{2}$/.test(c)),
      'only the coming closures are asked',
    );
    includes(visibleText(element), 'seront annulées et chaque famille concernée sera prévenue par courriel');
    const scope = byLabelControl<HTMLSelectElement>(root, 'Accueil concerné');
    equal(scope.options.length, 1, 'an agent closes the whole commune');

    // Nothing typed: each mistake next to its field, focus on the first.
    byButton(root, 'Enregistrer la fermeture').click();
    await waitForText(element, 'Saisissez le motif de la fermeture.');
    includes(visibleText(element), 'Saisissez une date valide.');
    const label = byLabel(root, 'Motif');
    equal(label.getAttribute('aria-invalid'), 'true');
    includes(label.getAttribute('aria-describedby') ?? '', 'closure-label-error');
    await waitFor(() => (equal(deepActiveElement()?.id, 'closure-label'), true));
    await expectAccessible(element);

    type(label, 'Grève du personnel');
    type(byLabel(root, 'Premier jour de fermeture'), '2099-03-10');
    type(byLabel(root, 'Dernier jour de fermeture'), '2099-03-09');
    byButton(root, 'Enregistrer la fermeture').click();
    await waitForText(element, 'Le dernier jour ne peut pas précéder le premier.');
    ok(!api.calls.some((c) => c.startsWith('POST')), 'nothing sent while the form is wrong');

    type(byLabel(root, 'Dernier jour de fermeture'), '');
    byButton(root, 'Enregistrer la fermeture').click();
    await waitForText(
      element,
      'Fermeture « Grève du personnel » enregistrée. 3 réservations annulées : les familles concernées sont prévenues par courriel.',
    );
    equal(root.querySelector('#closures-status')?.getAttribute('role'), 'status');
    const created = api.closures.find((c) => c.label === 'Grève du personnel');
    equal(
      JSON.stringify(created && { ...created, id: undefined }),
      JSON.stringify({ facilityId: null, start: '2099-03-10', end: '2099-03-10', label: 'Grève du personnel' }),
    );
    await waitFor(
      () => (
        equal(rows(root)[0], 'Grève du personnel Le mardi 10 mars 2099 Tous les accueils de la commune Supprimer', 'the list was reloaded'),
        true
      ),
    );
    equal(byLabel(root, 'Motif').value, '', 'the form is ready for the next one');
    await expectAccessible(element);
  });

  it('an admin closes one facility, then removes a closure', async () => {
    const { element, root, api } = await openClosures(['admin']);
    equal(rows(root)[1], 'Journée pédagogique Le vendredi 5 juin 2099 ALE Primaire Supprimer', 'an admin reads facility names');
    type(byLabel(root, 'Motif'), 'Désinfection des locaux');
    type(byLabel(root, 'Premier jour de fermeture'), '2099-04-01');
    type(byLabel(root, 'Dernier jour de fermeture'), '2099-04-02');
    choose(byLabelControl<HTMLSelectElement>(root, 'Accueil concerné'), 'fac_maternel');
    byButton(root, 'Enregistrer la fermeture').click();
    await waitForText(element, 'Fermeture « Désinfection des locaux » enregistrée. Aucune réservation n’était faite sur ces jours.');
    equal(api.closures.find((c) => c.label === 'Désinfection des locaux')?.facilityId, 'fac_maternel');

    const remove = root.querySelector<HTMLButtonElement>('button[aria-label="Supprimer la fermeture « Pont de l’Ascension »"]');
    ok(remove, 'each delete button names its closure');
    remove.click();
    await waitForText(element, 'Fermeture « Pont de l’Ascension » supprimée');
    ok(api.calls.includes('DELETE /staff/closures/clo_pont'), 'the closure is deleted on the server');
    await waitFor(() => (ok(!rows(root).some((r) => r.startsWith('Pont')), 'the row is gone'), true));
    await expectAccessible(element);
  });

  it('billing has no « Fermetures »', async () => {
    const { root, api } = await openClosures(['billing']);
    ok(!hasButton(root, 'Fermetures'), 'no section for billing');
    ok(!api.calls.some((c) => c.includes('/closures')), 'nothing asked');
  });
});
