import { expectAccessible } from '../testing/a11y.js';
import { equal, includes, ok } from '../testing/assert.js';
import { deepQueryAll, mount, visibleText, waitFor, waitForText } from '../testing/dom.js';
import { API, freshCommune } from '../testing/mock-api.js';
import { samplePayment, usePaymentApi } from '../testing/mock-payments.js';
import { signIn, useMockApi } from '../testing/setup.js';
import '../index.js';

async function mountList(lang: 'fr' | 'en' = 'fr') {
  const element = mount('pf-payment-list', { api: API, commune: freshCommune(), lang });
  await waitFor(() => deepQueryAll(element.shadowRoot!, 'form').length > 0);
  await signIn(element.shadowRoot!, undefined, undefined, lang);
  return element;
}

describe('<pf-payment-list>', () => {
  useMockApi();

  it('lists the payments with their state icons, a legend, the family credit, and the receipts of validated ones', async () => {
    const seen = usePaymentApi(
      [
        samplePayment(3, { state: 'pending', decidedAt: null }),
        samplePayment(2, { state: 'refused', refusalReason: 'refused' }),
        samplePayment(1, { method: 'online', allocatedCents: 0, creditedToAccountCents: 8723, invoices: [] }),
      ],
      { creditCents: 8723 },
    );
    const el = await mountList();
    await waitForText(el, 'Paiement n° PAY2026000003');
    await expectAccessible(el);
    const items = deepQueryAll<HTMLElement>(el.shadowRoot!, '[part~="payment"]');
    equal(items.length, 3);
    includes(visibleText(items[0]!), '◷ En attente de validation bancaire');
    includes(visibleText(items[0]!), '2026-00012, 2026-00011');
    includes(visibleText(items[0]!), '87,23');
    includes(visibleText(items[1]!), '✗ Refusé');
    includes(visibleText(items[2]!), '✓ Validé');
    includes(visibleText(items[2]!), 'gardés en avoir');
    includes(visibleText(el), 'Avoir disponible sur votre compte famille : 87,23');
    const legend = visibleText(deepQueryAll<HTMLElement>(el.shadowRoot!, '[part~="legend"]')[0]!);
    for (const text of ['◷ En attente de validation bancaire', '✓ Validé', '✗ Refusé']) includes(legend, text);
    const receipts = deepQueryAll<HTMLButtonElement>(el.shadowRoot!, 'button').filter((b) =>
      b.getAttribute('aria-label')?.startsWith('Télécharger le reçu'),
    );
    equal(receipts.length, 1, 'only the validated payment has a receipt');
    receipts[0]!.click();
    await waitFor(() => seen.receipts.length === 1);
    ok(seen.receipts[0]?.startsWith('pay_1 Bearer '), 'fetched with the session, not a URL token');
  });

  it('says when there is no payment yet, in English too', async () => {
    usePaymentApi();
    const el = await mountList('en');
    await waitForText(el, 'No payment yet.');
    includes(visibleText(el), 'My payments');
    includes(visibleText(el), 'Waiting for the bank');
  });
});
