import type { PfBookingConfirmedEvent } from '../events/pf-booking-confirmed-event.js';
import { expectAccessible } from '../testing/a11y.js';
import { equal, excludes, includes, ok } from '../testing/assert.js';
import {
  byButton,
  byLabel,
  byLabelControl,
  choose,
  deepActiveElement,
  deepQueryAll,
  mount,
  nextEvent,
  visibleText,
  waitFor,
  waitForText,
} from '../testing/dom.js';
import { API, BASE, freshCommune, HttpResponse, http, problem, worker } from '../testing/mock-api.js';
import { bookingOptions, CANTINE, GARDERIE, useBookingApi } from '../testing/mock-bookings.js';
import { signIn, useMockApi } from '../testing/setup.js';
import '../index.js';
import type { PfBookingPlanner } from './pf-booking-planner.js';

async function mountPlanner(attributes: Record<string, string> = {}, lang: 'fr' | 'en' = 'fr'): Promise<PfBookingPlanner> {
  const element = mount('pf-booking-planner', { api: API, commune: freshCommune(), ...attributes });
  await waitFor(() => deepQueryAll(element.shadowRoot!, 'form').length > 0);
  await signIn(element.shadowRoot!, undefined, undefined, lang);
  return element;
}

const root = (el: PfBookingPlanner): ShadowRoot => el.shadowRoot!;

function cellOf(el: PfBookingPlanner, date: string, activity = CANTINE): HTMLButtonElement {
  const cell = deepQueryAll<HTMLButtonElement>(root(el), `[data-date="${date}"][data-activity="${activity}"]`)[0];
  if (!cell) throw new Error(`no cell ${date} ${activity}`);
  return cell;
}

async function gridReady(el: PfBookingPlanner): Promise<void> {
  await waitFor(() => deepQueryAll(root(el), '[role="grid"] [data-date]').length > 0).catch((error) => {
    throw new Error(`${error}; seen: ${visibleText(el)}`);
  });
}

function liveText(el: PfBookingPlanner): string {
  return root(el).querySelector('[role="status"][part~="status"]')?.textContent ?? '';
}

describe('<pf-booking-planner>', () => {
  useMockApi();

  it('explains that a child is enrolled in nothing', async () => {
    useBookingApi();
    worker.use(
      http.get(`${API}${BASE}/children/:childId/booking-options`, ({ params }) =>
        HttpResponse.json({ childId: String(params.childId), facilities: [], notice: { code: 'not_enrolled', nextOpening: null } }),
      ),
    );
    const el = await mountPlanner();
    await waitForText(el, 'Léa n’est inscrit(e) à aucune activité : contactez le service Service Enfance Jeunesse');
    await expectAccessible(el);
    includes(visibleText(el), '02 40 00 00 00');
  });

  it('gives the next opening when no period is open', async () => {
    useBookingApi();
    worker.use(
      http.get(`${API}${BASE}/children/:childId/booking-options`, ({ params }) => {
        const options = bookingOptions(String(params.childId));
        for (const f of options.facilities) for (const p of f.periods) p.status = 'upcoming';
        return HttpResponse.json({ ...options, notice: { code: 'no_open_period', nextOpening: '2026-04-01T06:00:00Z' } });
      }),
    );
    const el = await mountPlanner();
    await waitForText(el, 'Aucune période de réservation n’est ouverte pour Léa');
    await expectAccessible(el);
    includes(visibleText(el), 'Prochaine ouverture des réservations : 01/04/2026 à');
  });

  it('renders the week grid: days, activities, states, places left and a legend', async () => {
    useBookingApi();
    const el = await mountPlanner();
    await gridReady(el);
    await expectAccessible(el);
    const text = visibleText(el);
    includes(text, 'Nouvelle réservation');
    includes(text, 'Semaine du lun. 9 mars au ven. 13 mars');
    includes(text, 'Cantine');
    includes(text, 'Garderie du soir');
    includes(text, 'lundi 9 mars 2026');
    includes(text, '12 pl.');
    includes(text, 'Légende');
    for (const label of ['Réservé', 'Non réservé', 'Liste d’attente', 'Absence justifiée', 'Annulé', 'Refusé', 'Non modifiable'])
      includes(text, label);
    equal(cellOf(el, '2026-03-09').dataset.state, 'booked');
    equal(cellOf(el, '2026-03-10', GARDERIE).dataset.state, 'waiting_list');
    includes(cellOf(el, '2026-03-13').title, 'Non modifiable : complet');
    includes(visibleText(cellOf(el, '2026-03-10')), 'Non modifiable : délai dépassé');
    const notRunning = cellOf(el, '2026-03-11');
    includes(visibleText(notRunning), 'Non proposé ce jour', 'no canteen on Wednesday: a dash, not a locked box with places');
    equal(notRunning.querySelector('.places'), null);
    equal(deepQueryAll(root(el), '[role="grid"] tbody tr').length, 5, 'one row per day of the week');
    byButton(root(el), 'Semaine suivante').click();
    await waitForText(el, 'Semaine du lun. 16 mars au ven. 20 mars');
    ok(cellOf(el, '2026-03-16'), 'the next week is shown');
  });

  it('moves focus with the arrow keys (roving tabindex)', async () => {
    useBookingApi();
    const el = await mountPlanner();
    await gridReady(el);
    await expectAccessible(el);
    const focusables = deepQueryAll<HTMLElement>(root(el), '[role="grid"] [tabindex="0"]');
    equal(focusables.length, 1, 'one cell in the tab order');
    const first = cellOf(el, '2026-03-09');
    first.focus();
    const press = (key: string): void => {
      deepActiveElement()?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    };
    press('ArrowRight');
    await waitFor(() => deepActiveElement() === cellOf(el, '2026-03-09', GARDERIE));
    press('ArrowDown');
    await waitFor(() => deepActiveElement() === cellOf(el, '2026-03-10', GARDERIE));
    press('ArrowLeft');
    await waitFor(() => deepActiveElement() === cellOf(el, '2026-03-10', CANTINE));
    equal(cellOf(el, '2026-03-10').getAttribute('tabindex'), '0');
    equal(cellOf(el, '2026-03-09').getAttribute('tabindex'), '-1');
  });

  it('toggles days and lists the choices in the « Récapitulatif »', async () => {
    useBookingApi();
    const el = await mountPlanner();
    await gridReady(el);
    await expectAccessible(el);
    cellOf(el, '2026-03-12').click(); // booked → cancel
    cellOf(el, '2026-03-11', GARDERIE).click(); // refused → add
    await waitFor(() => cellOf(el, '2026-03-12').dataset.choice === 'cancel');
    equal(cellOf(el, '2026-03-11', GARDERIE).dataset.choice, 'add');
    await waitFor(() => liveText(el).includes('mercredi 11 mars 2026, Garderie du soir : À réserver'));
    includes(visibleText(el), '1 jour à réserver, 1 jour à annuler.');
    byButton(root(el), 'Récapitulatif').click();
    await waitForText(el, 'Retour au planning');
    await expectAccessible(el);
    const text = visibleText(el);
    includes(text, 'mercredi 11 mars 2026 — Garderie du soir — Réservation');
    includes(text, 'jeudi 12 mars 2026 — Cantine — Annulation');
    await waitFor(() => deepActiveElement()?.id === 'summary-heading');
    byButton(root(el), 'Retour au planning').click();
    await gridReady(el);
    equal(cellOf(el, '2026-03-12').dataset.choice, 'cancel', 'choices survive the return');
  });

  it('does not toggle a locked cell, and says why', async () => {
    useBookingApi();
    const el = await mountPlanner();
    await gridReady(el);
    await expectAccessible(el);
    const locked = cellOf(el, '2026-03-10');
    equal(locked.getAttribute('aria-disabled'), 'true');
    locked.click();
    await waitFor(() => liveText(el).includes('non modifiable (délai dépassé)'));
    equal(cellOf(el, '2026-03-10').dataset.choice, undefined);
    includes(visibleText(el), 'Aucun choix en cours.');
  });

  it('« Sélection automatique » of Mondays and Thursdays over the period picks exactly those free days', async () => {
    useBookingApi();
    const el = await mountPlanner();
    await gridReady(el);
    await expectAccessible(el);
    equal(byLabelControl<HTMLSelectElement>(root(el), 'Activité').value, CANTINE);
    byLabel(root(el), 'Lundi').click();
    byLabel(root(el), 'Jeudi').click();
    ok(byLabel(root(el), 'Sur toute la période').checked, 'over the period by default');
    byButton(root(el), 'Sélection automatique').click();
    await waitFor(() => liveText(el).includes('Cantine : 2 jours sélectionnés.'));
    byButton(root(el), 'Récapitulatif').click();
    await waitForText(el, 'Confirmer la réservation');
    const lines = deepQueryAll(root(el), '.summary .line').map((l) => visibleText(l));
    equal(lines.length, 2, `exactly two lines (${lines.join(' / ')})`);
    includes(lines[0] ?? '', 'lundi 16 mars 2026 — Cantine — Réservation');
    includes(lines[1] ?? '', 'jeudi 19 mars 2026 — Cantine — Réservation');
  });

  it('confirms: sends the lines, shows each outcome and reason, emits pf-booking-confirmed, reloads', async () => {
    const api = useBookingApi();
    const el = await mountPlanner();
    await gridReady(el);
    await expectAccessible(el);
    byButton(root(el), 'Semaine suivante').click();
    await waitFor(() => cellOf(el, '2026-03-19'));
    cellOf(el, '2026-03-16').click();
    cellOf(el, '2026-03-19').click();
    cellOf(el, '2026-03-17', GARDERIE).click();
    byButton(root(el), 'Récapitulatif').click();
    await waitForText(el, 'Confirmer la réservation');
    const confirmed = nextEvent<PfBookingConfirmedEvent>(document, 'pf-booking-confirmed');
    const confirm = byButton(root(el), 'Confirmer la réservation');
    confirm.click();
    await el.updateComplete;
    ok(deepQueryAll<HTMLButtonElement>(root(el), '[part~="confirm"]')[0]?.disabled, 'disabled while sending');
    const event = await confirmed;
    equal(event.detail.request.number, 1);
    await waitForText(el, 'Demande de réservation n° 1 enregistrée.');
    await expectAccessible(el);
    equal(api.submissions.length, 1);
    const sent = api.submissions[0]!;
    equal(sent.childId, 'c_1');
    equal(sent.periodId, 'per_1');
    ok(sent.key, 'an Idempotency-Key is sent');
    equal(
      JSON.stringify(sent.lines),
      JSON.stringify([
        { date: '2026-03-16', activityId: CANTINE, action: 'add' },
        { date: '2026-03-17', activityId: GARDERIE, action: 'add' },
        { date: '2026-03-19', activityId: CANTINE, action: 'add' },
      ]),
    );
    const text = visibleText(el);
    includes(text, 'État : Partiellement acceptée');
    includes(text, 'lundi 16 mars 2026 — Cantine — Réservation : acceptée');
    includes(text, 'mardi 17 mars 2026 — Garderie du soir — Réservation : en attente de validation');
    includes(text, 'jeudi 19 mars 2026 — Cantine — Réservation : refusée (complet)');
    await waitFor(() => api.plannerCalls.length >= 2);
    byButton(root(el), 'Retour au planning').click();
    await gridReady(el);
    includes(visibleText(el), 'Aucun choix en cours.');
  });

  it('retries a failed confirmation with the same Idempotency-Key', async () => {
    const api = useBookingApi();
    let failures = 1;
    const keys: (string | null)[] = [];
    worker.use(
      http.post(`${API}${BASE}/children/:childId/periods/:periodId/requests`, ({ request }) => {
        keys.push(request.headers.get('Idempotency-Key'));
        if (failures-- > 0) return problem(503, 'unavailable');
        return undefined;
      }),
    );
    const el = await mountPlanner();
    await gridReady(el);
    await expectAccessible(el);
    cellOf(el, '2026-03-12').click();
    byButton(root(el), 'Récapitulatif').click();
    await waitForText(el, 'Confirmer la réservation');
    byButton(root(el), 'Confirmer la réservation').click();
    await waitForText(el, 'momentanément indisponible');
    byButton(root(el), 'Confirmer la réservation').click();
    await waitForText(el, 'Demande de réservation n° 1 enregistrée.');
    equal(keys.length, 2);
    equal(keys[0], keys[1], 'same key for the retry');
    equal(api.submissions[0]?.key, keys[0]);
  });

  it('keeps each child’s unconfirmed choices when switching child', async () => {
    useBookingApi();
    const el = await mountPlanner();
    await gridReady(el);
    await expectAccessible(el);
    cellOf(el, '2026-03-12').click();
    await waitFor(() => cellOf(el, '2026-03-12').dataset.choice === 'cancel');
    choose(byLabelControl<HTMLSelectElement>(root(el), 'Enfant'), 'c_2');
    await waitFor(() => liveText(el).includes('Planning de Léa : 1 choix non confirmé conservé.'));
    await waitFor(
      () => byLabelControl<HTMLSelectElement>(root(el), 'Enfant').value === 'c_2' && cellOf(el, '2026-03-12').dataset.choice === undefined,
    );
    cellOf(el, '2026-03-11', GARDERIE).click();
    choose(byLabelControl<HTMLSelectElement>(root(el), 'Enfant'), 'c_1');
    await waitFor(() => cellOf(el, '2026-03-12').dataset.choice === 'cancel');
    equal(cellOf(el, '2026-03-11', GARDERIE).dataset.choice, undefined, 'Tom’s choice is not Léa’s');
    choose(byLabelControl<HTMLSelectElement>(root(el), 'Enfant'), 'c_2');
    await waitFor(() => cellOf(el, '2026-03-11', GARDERIE).dataset.choice === 'add');
  });

  it('speaks English with lang="en"', async () => {
    useBookingApi();
    const el = await mountPlanner({ lang: 'en' }, 'en');
    await gridReady(el);
    await expectAccessible(el);
    const text = visibleText(el);
    includes(text, 'New booking');
    includes(text, 'Previous week');
    includes(text, 'Automatic selection of days');
    includes(text, 'Legend');
    includes(text, 'Waiting list');
    excludes(text, 'Semaine suivante');
    includes(cellOf(el, '2026-03-13').title, 'Cannot be changed: full');
  });
});
