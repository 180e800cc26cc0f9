import type { PfPaymentReturnEvent, PfPaymentStartEvent } from '../events/pf-payment-events.js';
import { expectAccessible } from '../testing/a11y.js';
import { equal, includes, ok } from '../testing/assert.js';
import { byButton, deepQueryAll, mount, nextEvent, visibleText, waitFor, waitForText } from '../testing/dom.js';
import { API, freshCommune } from '../testing/mock-api.js';
import { sampleInvoice } from '../testing/mock-invoices.js';
import { samplePayment, usePaymentApi } from '../testing/mock-payments.js';
import { signIn, useMockApi } from '../testing/setup.js';
import '../index.js';
import { cleanReturnUrl, type PfPayButton, paymentIdIn } from './pf-pay-button.js';

/** Signs in through a `<pf-payment-list>` of the same commune (the session is shared), then mounts the button. */
async function mountButton(attributes: Record<string, string> = {}): Promise<PfPayButton> {
  const commune = freshCommune();
  const list = mount('pf-payment-list', { api: API, commune });
  await waitFor(() => deepQueryAll(list.shadowRoot!, 'form').length > 0);
  await signIn(list.shadowRoot!);
  await waitForText(list, 'Mes paiements');
  return mount('pf-pay-button', { api: API, commune, ...attributes });
}

const summary = (n: number, dueCents?: number) => {
  const { lines: _l, creditNotes: _c, replacesInvoiceId: _r, ...rest } = sampleInvoice(n, dueCents === undefined ? {} : { dueCents });
  return rest;
};

describe('<pf-pay-button>', () => {
  useMockApi();

  it('shows the selected invoices and their total; « Payer en ligne » creates the payment and leaves for the provider', async () => {
    const seen = usePaymentApi();
    const el = await mountButton();
    await waitForText(el, 'Cochez les factures à payer.');
    ok(byButton(el.shadowRoot!, 'Payer en ligne').disabled, 'nothing to pay yet');
    el.invoices = [summary(12), summary(11), summary(10, 0)];
    await waitForText(el, '2 factures à payer : 87,23');
    await expectAccessible(el);
    const start = nextEvent<PfPaymentStartEvent>(el, 'pf-payment-start');
    el.addEventListener('pf-payment-start', (e) => e.preventDefault(), { once: true });
    byButton(el.shadowRoot!, 'Payer en ligne').click();
    const event = await start;
    equal(event.detail.redirect.url, 'https://payfip.example/tpa/paiementws.web?idop=op_99');
    equal(JSON.stringify((seen.created[0] as { invoiceIds: string[] }).invoiceIds), JSON.stringify(['inv_12', 'inv_11']));
    ok((seen.keys[0] ?? '').length >= 8, 'with an Idempotency-Key');
  });

  it('a refusal from the server is said in words', async () => {
    usePaymentApi();
    const el = await mountButton();
    el.invoices = [summary(12), { ...summary(11), id: 'inv_busy' }];
    await waitForText(el, '2 factures à payer');
    byButton(el.shadowRoot!, 'Payer en ligne').click();
    await waitForText(el, 'Un paiement de cette facture est déjà en cours.');
    ok(el.shadowRoot!.querySelector('[role="alert"]'), 'announced');
  });

  for (const [state, text] of [
    ['validated', 'Votre paiement de 87,23 € a bien été validé (référence PAY2026000005)'],
    ['pending', 'est en attente de validation bancaire'],
    ['refused', 'n’a pas abouti : aucune somme n’a été prélevée'],
  ] as const) {
    it(`back from the provider, the server's answer is shown: ${state}`, async () => {
      const seen = usePaymentApi([samplePayment(5)], { confirmAs: { state } });
      const back = mountButton({ 'payment-id': 'pay_5' });
      const el = await back;
      const returned = nextEvent<PfPaymentReturnEvent>(el, 'pf-payment-return');
      await waitForText(el, text);
      equal((await returned).detail.payment.state, state);
      equal(seen.confirmed.join(), 'pay_5');
      await expectAccessible(el);
    });
  }

  it('reads the payment id from the page address and gives a clean return address', () => {
    equal(paymentIdIn('https://mairie.example/portail/?pf-payment=pay_7&idOp=x'), 'pay_7');
    equal(paymentIdIn('https://mairie.example/portail/#pf-payment=pay_8'), 'pay_8');
    equal(paymentIdIn('https://mairie.example/portail/'), null);
    equal(cleanReturnUrl('https://mairie.example/portail/?tab=1&pf-payment=pay_7&idOp=x'), 'https://mairie.example/portail/?tab=1');
  });
});
