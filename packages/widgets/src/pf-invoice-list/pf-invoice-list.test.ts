import type { PfInvoiceSelectionEvent } from '../events/pf-invoice-selection-event.js';
import { expectAccessible } from '../testing/a11y.js';
import { equal, includes, ok } from '../testing/assert.js';
import { byButton, deepActiveElement, deepQueryAll, mount, nextEvent, visibleText, waitFor, waitForText } from '../testing/dom.js';
import { API, freshCommune } from '../testing/mock-api.js';
import { sampleInvoice, useInvoiceApi } from '../testing/mock-invoices.js';
import { signIn, useMockApi } from '../testing/setup.js';
import '../index.js';
import type { PfInvoiceList } from './pf-invoice-list.js';

/** A button by its accessible name (its `aria-label`). */
function byName(root: ParentNode, name: string): HTMLButtonElement {
  const found = deepQueryAll<HTMLButtonElement>(root, 'button').find((b) => b.getAttribute('aria-label') === name);
  if (!found) throw new Error(`No button named « ${name} »`);
  return found;
}

async function mountList(attributes: Record<string, string> = {}, lang: 'fr' | 'en' = 'fr'): Promise<PfInvoiceList> {
  const element = mount('pf-invoice-list', { api: API, commune: freshCommune(), ...attributes });
  await waitFor(() => deepQueryAll(element.shadowRoot!, 'form').length > 0);
  await signIn(element.shadowRoot!, undefined, undefined, lang);
  return element;
}

/** 12 invoices, newest first: n° 12 … n° 1, in every state. */
function invoices() {
  return Array.from({ length: 12 }, (_, i) => {
    const n = 12 - i;
    if (n === 11) return sampleInvoice(n, { state: 'partly_paid', paidCents: 1000, dueCents: 4361 - 1000 });
    if (n === 10) return sampleInvoice(n, { state: 'paid', paidCents: 4360, dueCents: 0 });
    if (n === 9)
      return sampleInvoice(n, {
        state: 'cancelled',
        creditedCents: 4359,
        dueCents: 0,
        creditNotes: [
          {
            id: 'cn_1',
            number: 'AV-2026-00001',
            invoiceId: 'inv_9',
            issuedOn: '2026-04-10',
            amountCents: 4359,
            kind: 'cancel',
            reason: 'Absence justifiée',
          },
        ],
      });
    return sampleInvoice(n);
  });
}

describe('<pf-invoice-list>', () => {
  useMockApi();

  it('lists the invoices newest first with their state icons, a legend and « Voir plus »', async () => {
    useInvoiceApi(invoices());
    const el = await mountList();
    await waitForText(el, 'Facture n° 2026-00012');
    await expectAccessible(el);
    const items = deepQueryAll<HTMLElement>(el.shadowRoot!, '[part~="invoice"]');
    equal(items.length, 10, 'one page of ten');
    equal(items[0]?.dataset.number, '2026-00012', 'newest first');
    const first = visibleText(items[0]!);
    includes(first, 'mars 2026');
    includes(first, 'Émise le 02/04/2026');
    includes(first, 'À régler avant le 02/05/2026');
    includes(first, '43,62');
    includes(first, 'État € À payer');
    includes(visibleText(items[1]!), '◑ Partiellement payée');
    includes(visibleText(items[2]!), '✓ Payée');
    includes(visibleText(items[3]!), '⊘ Annulée');
    const legend = visibleText(deepQueryAll<HTMLElement>(el.shadowRoot!, '[part~="legend"]')[0]!);
    for (const text of ['Légende', '€ À payer', '◑ Partiellement payée', '✓ Payée', '⊘ Annulée']) includes(legend, text);
    byButton(el.shadowRoot!, 'Voir plus').click();
    await waitFor(() => deepQueryAll(el.shadowRoot!, '[part~="invoice"]').length === 12);
    await expectAccessible(el);
  });

  it('only invoices with an amount due can be ticked; the selection and its total are announced', async () => {
    useInvoiceApi(invoices());
    const el = await mountList();
    await waitForText(el, 'Facture n° 2026-00012');
    const boxes = deepQueryAll<HTMLInputElement>(el.shadowRoot!, '[part~="select"]');
    equal(boxes.length, 8, 'to pay and partly paid only (10 shown, one paid, one cancelled)');
    includes(visibleText(el), 'Aucune facture sélectionnée.');
    const selected = nextEvent<PfInvoiceSelectionEvent>(el, 'pf-invoice-selection');
    boxes[0]!.click();
    equal((await selected).detail.totalCents, 4362);
    const second = nextEvent<PfInvoiceSelectionEvent>(el, 'pf-invoice-selection');
    boxes[1]!.click();
    const detail = (await second).detail;
    equal(detail.invoices.map((i) => i.number).join(' '), '2026-00012 2026-00011');
    equal(detail.totalCents, 4362 + 3361);
    await waitForText(el, '2 factures sélectionnées : 77,23');
    equal(el.selectedInvoices.length, 2);
  });

  it('opens the details in a dialog (lines, credit notes), closes back to its button, downloads the PDF with the session', async () => {
    const seen = useInvoiceApi(invoices());
    const el = await mountList();
    await waitForText(el, 'Facture n° 2026-00012');
    const opener = byName(el.shadowRoot!, 'Détail de la facture n° 2026-00009');
    opener.click();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await waitForText(dialog, 'Avoir n° AV-2026-00001 (Absence justifiée)');
    ok(dialog.open, 'dialog open');
    includes(visibleText(dialog), 'Léa Dupont Cantine 15');
    await expectAccessible(el);
    byButton(dialog, 'Fermer').click();
    await waitFor(() => !dialog.open);
    // The dialog's close event comes a task later; then focus is back on the button that opened it.
    await waitFor(() => deepActiveElement() === opener);
    byName(el.shadowRoot!, 'PDF de la facture n° 2026-00012').click();
    await waitFor(() => seen.pdf.length === 1);
    ok(seen.pdf[0]?.startsWith('inv_12 Bearer '), 'fetched with the bearer token, not a URL token');
  });

  it('offers the PDF of each credit note of an invoice, « Avoir n° … », fetched with the session', async () => {
    const seen = useInvoiceApi(invoices());
    const el = await mountList();
    await waitForText(el, 'Facture n° 2026-00012');
    byName(el.shadowRoot!, 'Détail de la facture n° 2026-00012').click();
    const dialog = el.shadowRoot!.querySelector('dialog')!;
    await waitForText(dialog, 'Adhésion annuelle');
    equal(deepQueryAll(dialog, '[part~="credit-note"]').length, 0, 'no credit note, no button');
    byButton(dialog, 'Fermer').click();
    await waitFor(() => !dialog.open);
    byName(el.shadowRoot!, 'Détail de la facture n° 2026-00009').click();
    await waitForText(dialog, 'Avoir n° AV-2026-00001 (Absence justifiée)');
    await expectAccessible(el);
    const download = byButton(dialog, 'Télécharger l’avoir n° AV-2026-00001 (PDF)');
    download.focus();
    download.click();
    await waitFor(() => seen.creditNotePdf.length === 1);
    ok(seen.creditNotePdf[0]?.startsWith('cn_1 Bearer '), 'fetched with the bearer token, not a URL token');
    equal(seen.pdf.length, 0, 'the invoice PDF is not what was fetched');
  });

  it('says when there is no invoice yet, in English too', async () => {
    useInvoiceApi();
    const el = await mountList({ lang: 'en' }, 'en');
    await waitForText(el, 'You have no invoice yet.');
    await expectAccessible(el);
    includes(visibleText(el), 'My invoices');
    includes(visibleText(el), 'Partly paid');
  });
});
