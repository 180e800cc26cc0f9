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
  type,
  visibleText,
  waitFor,
  waitForText,
} from '../testing/dom.js';
import { sampleInvoice } from '../testing/mock-invoices.js';
import { type StaffBillingApi, sampleStaffInvoices, signedInConsole } from '../testing/mock-staff-billing.js';
import { useMockApi } from '../testing/setup.js';
import '../staff.js';
import { previousMonth } from './billing.js';

/** Signs `roles` in and, when they may, opens « Facturation » and waits for the invoices. */
async function openBilling(roles: Me['roles'], state: Partial<StaffBillingApi> = {}) {
  const setup = await signedInConsole(roles, state);
  const { root } = setup;
  if (hasButton(root, 'Facturation')) {
    byButton(root, 'Facturation').click();
    await waitFor(() => /facture/.test(root.querySelector('#invoices-count')?.textContent ?? ''));
  }
  return setup;
}

const rows = (root: ShadowRoot, table = '[part~="invoices-table"]'): string[] =>
  deepQueryAll(root, `${table} tbody tr`).map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim());

describe('<pf-staff-console> « Facturation »', () => {
  useMockApi();

  it('the billing staff bill a month after confirming it, and read what was issued', async () => {
    const { element, root, api, staff } = await openBilling(['billing']);
    await expectAccessible(element);
    const ids = deepQueryAll(root, '[id]').map((e) => e.id);
    equal(ids.filter((id, i) => ids.indexOf(id) !== i).join(' '), '', 'every id is unique (labels and live regions point at one element)');
    ok(!hasButton(root, 'Demandes à traiter'), 'billing staff do not handle booking requests');
    ok(hasButton(root, 'Encaissements'), 'billing staff take payments');
    equal(rows(root).length, 3);
    includes(rows(root)[0] ?? '', '2026-00014 F-0002 mars 2026');
    includes(rows(root)[0] ?? '', 'À payer');

    const month = byLabel(root, 'Mois à facturer');
    equal(month.value, previousMonth(), 'the month before this one, the one usually billed');
    type(month, '2026-03');
    byButton(root, 'Facturer ce mois…').click();
    await waitForText(element, 'Facturer mars 2026 ? Les factures émises ne peuvent plus être modifiées');
    await waitFor(() => (equal(deepActiveElement()?.id, 'run-confirm'), true));
    equal(api.runs.length, 0, 'nothing billed before the confirmation');
    await expectAccessible(element);

    byButton(root, 'Oui, facturer mars 2026').click();
    await waitForText(element, 'Facturation de mars 2026 : 2 factures émises, pour un total de 92,50 €.');
    includes(visibleText(element), 'Factures n° 2026-00015, 2026-00016');
    equal(api.runs[0]?.month, '2026-03');
    await waitFor(() => staff.calls.filter((c) => c.startsWith('GET /staff/invoices')).length >= 2);
    ok(!hasButton(root, 'Oui, facturer mars 2026'), 'the question is gone');
  });

  it('filters the invoices by month, state and family found by name, page by page', async () => {
    const older = Array.from({ length: 25 }, (_, i) =>
      sampleInvoice(100 + i, { familyId: 'fam_moreau', familyNumber: 'F-0001', month: '2026-01' }),
    );
    const { element, root, staff } = await openBilling(['admin'], { invoices: [...sampleStaffInvoices(), ...older] });
    includes(visibleText(element), '20 factures affichées (il y en a d’autres).');
    byButton(root, 'Voir plus de factures').click();
    await waitForText(element, '28 factures affichées.');

    type(byLabel(root, 'Famille'), 'moreau');
    byButton(root, 'Chercher').click();
    const found = await waitFor(() => byLabelControl<HTMLSelectElement>(root, 'Famille trouvée (1)'));
    equal(found.value, 'fam_moreau', 'one family found: it is chosen');
    choose(byLabelControl<HTMLSelectElement>(root, 'État'), 'to_pay');
    type(byLabel(root, 'Mois facturé'), '2026-03');
    byButton(root, 'Afficher').click();
    await waitForText(element, '1 facture affichée.');
    includes(staff.calls.at(-1) ?? '', 'GET /staff/invoices?month=2026-03&state=to_pay&familyId=fam_moreau&limit=20');
    includes(rows(root)[0] ?? '', '2026-00013 F-0001');
  });

  it('opens an invoice, downloads its PDF and issues a partial credit note, each mistake next to its field', async () => {
    const { element, root, api, staff } = await openBilling(['billing']);
    byButton(root, 'Détail').click();
    await waitFor(() => root.querySelector('#invoice-heading'));
    await waitFor(() => (equal(deepActiveElement()?.id, 'invoice-heading'), true));
    includes(visibleText(element), 'Facture n° 2026-00014');
    includes(rows(root, '[part~="lines-table"]')[0] ?? '', 'Cantine Léa Dupont 15 2,90 € 43,50 €');
    await expectAccessible(element);

    byButton(root, 'Télécharger la facture (PDF)').click();
    await waitForText(element, 'Facture téléchargée (facture-2026-00014.pdf).');
    ok(staff.calls.includes('GET /staff/invoices/inv_14/pdf'), 'the PDF is fetched with the session');

    type(byLabel(root, 'Montant de l’avoir (€)'), '99');
    byButton(root, 'Émettre l’avoir').click();
    await waitForText(element, 'L’avoir ne peut pas dépasser le reste à payer (43,64 €).');
    includes(visibleText(element), 'Indiquez le motif de l’avoir.');
    await waitFor(() => (equal(deepActiveElement()?.id, 'credit-amount'), true));
    equal(byLabel(root, 'Montant de l’avoir (€)').getAttribute('aria-invalid'), 'true');
    await expectAccessible(element);

    type(byLabel(root, 'Montant de l’avoir (€)'), '12,50');
    type(byLabelControl<HTMLTextAreaElement>(root, 'Motif'), 'Repas du 12 mars non servi (grève)');
    byButton(root, 'Émettre l’avoir').click();
    await waitForText(element, 'Avoir n° AV-2026-00001 de 12,50 € émis.');
    equal(
      JSON.stringify(api.creditNotes[0]?.body),
      JSON.stringify({ kind: 'partial', amountCents: 1250, reason: 'Repas du 12 mars non servi (grève)' }),
    );
    ok((api.creditNotes[0]?.key ?? '').length > 10, 'sent with an Idempotency-Key');
    includes(visibleText(element), 'Reste à payer 31,14 €');
    includes(visibleText(element), 'Avoir n° AV-2026-00001 du 20/04/2026 : 12,50 € — Repas du 12 mars non servi (grève)');

    byButton(root, 'Retour aux factures').click();
    await waitFor(() => (equal(deepActiveElement()?.id, 'invoice-inv_14'), true));
    includes(rows(root)[0] ?? '', '31,14 €');
  });

  it('cancels a whole unpaid invoice; a paid one takes no credit note', async () => {
    const { element, root, api } = await openBilling(['billing']);
    byButton(root, 'Détail').click();
    await waitFor(() => root.querySelector('#invoice-heading'));
    byLabel(root, 'Annuler la facture (avoir de 43,64 €)').click();
    await waitFor(() => deepQueryAll(root, '#credit-amount').length === 0); // no amount: the whole amount due
    includes(visibleText(element), 'Émettre aussitôt une facture rectificative');
    type(byLabelControl<HTMLTextAreaElement>(root, 'Motif'), 'Facturée à tort');
    byButton(root, 'Émettre l’avoir').click();
    await waitForText(element, 'Avoir n° AV-2026-00001 de 43,64 € émis.');
    equal(JSON.stringify(api.creditNotes[0]?.body), JSON.stringify({ kind: 'cancel', reason: 'Facturée à tort', reissue: false }));
    includes(visibleText(element), 'Plus rien n’est dû sur cette facture');

    byButton(root, 'Retour aux factures').click();
    await waitFor(() => deepQueryAll(root, '[aria-label="Détail de la facture n° 2026-00012"]')[0]);
    (deepQueryAll<HTMLButtonElement>(root, '[aria-label="Détail de la facture n° 2026-00012"]')[0] as HTMLButtonElement).click();
    await waitForText(element, 'Facture n° 2026-00012');
    ok(!hasButton(root, 'Émettre l’avoir'), 'a paid invoice takes no credit note');
  });

  it('an agent has no billing tabs', async () => {
    const { root } = await openBilling(['agent']);
    ok(!hasButton(root, 'Facturation'), 'no « Facturation » for an agent');
    ok(!hasButton(root, 'Encaissements'), 'no « Encaissements » for an agent');
  });
});
