import { expectAccessible } from '../testing/a11y.js';
import { equal, includes, ok } from '../testing/assert.js';
import { byButton, deepQueryAll, mount, visibleText, waitFor, waitForText } from '../testing/dom.js';
import { API, freshCommune } from '../testing/mock-api.js';
import { GARDERIE, sampleRequest, useBookingApi } from '../testing/mock-bookings.js';
import { signIn, useMockApi } from '../testing/setup.js';
import '../index.js';
import type { PfReservationList } from './pf-reservation-list.js';

async function mountList(attributes: Record<string, string> = {}, lang: 'fr' | 'en' = 'fr'): Promise<PfReservationList> {
  const element = mount('pf-reservation-list', { api: API, commune: freshCommune(), ...attributes });
  await waitFor(() => deepQueryAll(element.shadowRoot!, 'form').length > 0).catch((e) => {
    throw new Error(`${e} ${visibleText(element)} ${element.shadowRoot?.innerHTML}`);
  });
  await signIn(element.shadowRoot!, undefined, undefined, lang);
  return element;
}

/** 12 requests, newest first: n° 12 … n° 1. */
function requests() {
  return Array.from({ length: 12 }, (_, i) => {
    const n = 12 - i;
    if (n === 12)
      return sampleRequest(n, {
        status: 'partially_accepted',
        lines: [
          { date: '2026-03-16', activityId: 'act_cantine', activityName: 'Cantine', action: 'add', outcome: 'accepted', reason: null },
          { date: '2026-03-19', activityId: 'act_cantine', activityName: 'Cantine', action: 'add', outcome: 'refused', reason: 'full' },
          {
            date: '2026-03-17',
            activityId: GARDERIE,
            activityName: 'Garderie du soir',
            action: 'cancel',
            outcome: 'pending',
            reason: null,
          },
        ],
      });
    if (n === 11) return sampleRequest(n, { status: 'pending', childName: 'Tom Dupont' });
    if (n === 10) return sampleRequest(n, { status: 'refused' });
    return sampleRequest(n);
  });
}

describe('<pf-reservation-list>', () => {
  useMockApi();

  it('lists the requests newest first with their state, lines and « Voir plus »', async () => {
    useBookingApi({ requests: requests() });
    const el = await mountList();
    await waitForText(el, 'Demande n° 12');
    await expectAccessible(el);
    const items = deepQueryAll<HTMLElement>(el.shadowRoot!, '[part~="request"]');
    equal(items.length, 10, 'one page of ten');
    equal(items[0]?.dataset.number, '12', 'newest first');
    const first = visibleText(items[0]!);
    includes(first, 'Léa Dupont');
    includes(first, 'Semaines 11 et 12');
    includes(first, 'Référent Marie Dupont');
    includes(first, 'État ◑ Partiellement acceptée');
    includes(first, 'jeudi 19 mars 2026 — Cantine — Réservation : refusée (complet)');
    includes(first, 'mardi 17 mars 2026 — Garderie du soir — Annulation : en attente de validation');
    includes(visibleText(items[1]!), 'En attente de validation');
    includes(visibleText(items[2]!), 'Refusée');
    const details = items[0]!.querySelector('details')!;
    ok(!details.open, 'lines folded');
    details.querySelector('summary')!.click();
    ok(details.open, 'lines unfolded');
    includes(visibleText(el), 'Légende');
    byButton(el.shadowRoot!, 'Voir plus').click();
    await waitFor(() => deepQueryAll(el.shadowRoot!, '[part~="request"]').length === 12);
    await expectAccessible(el);
    ok(!deepQueryAll(el.shadowRoot!, '[part~="more"]').length, 'no more pages');
  });

  it('says when there is no request yet, in English too', async () => {
    useBookingApi();
    const el = await mountList({ lang: 'en' }, 'en');
    await waitForText(el, 'You have not made any booking request yet.');
    await expectAccessible(el);
    includes(visibleText(el), 'My bookings');
    includes(visibleText(el), 'Partly accepted');
  });
});
