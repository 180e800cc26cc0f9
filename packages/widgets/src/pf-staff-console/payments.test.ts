import { expectAccessible } from '../testing/a11y.js';
import { equal, includes, ok } from '../testing/assert.js';
import {
  byButton,
  byLabel,
  byLabelControl,
  choose,
  deepActiveElement,
  deepQueryAll,
  type,
  visibleText,
  waitFor,
  waitForText,
} from '../testing/dom.js';
import { type StaffBillingApi, sampleStaffPayments, signedInConsole } from '../testing/mock-staff-billing.js';
import { useMockApi } from '../testing/setup.js';
import '../staff.js';

/** Signs a billing agent in and opens « Encaissements », waiting for the payments and the report. */
async function openPayments(state: Partial<StaffBillingApi> = {}) {
  const setup = await signedInConsole(['billing'], state);
  const { root } = setup;
  byButton(root, 'Encaissements').click();
  await waitFor(() => root.querySelector('[part~="payments-table"]') && root.querySelector('[part~="report-table"]'));
  return setup;
}

const rows = (root: ShadowRoot, table: string): string[] =>
  deepQueryAll(root, `[part~="${table}"] tbody tr`).map((tr) => (tr.textContent ?? '').replace(/\s+/g, ' ').trim());

/** Finds a family by name in the desk form and waits for its invoices and credit. */
async function chooseFamily(root: ShadowRoot, name: string): Promise<void> {
  type(byLabel(root, 'Famille'), name);
  byButton(root, 'Chercher').click();
  await waitFor(() => root.querySelector('[part~="family-credit"]'));
}

describe('<pf-staff-console> « Encaissements »', () => {
  useMockApi();

  it('records a cheque for a family’s invoice: the amount follows the ticked invoices, the credit is shown', async () => {
    const { element, root, api, staff } = await openPayments();
    await expectAccessible(element);
    const ids = deepQueryAll(root, '[id]').map((e) => e.id);
    equal(ids.filter((id, i) => ids.indexOf(id) !== i).join(' '), '', 'every id is unique (labels and live regions point at one element)');

    // Nothing chosen: the form says what is missing, next to the family search.
    byButton(root, 'Enregistrer le règlement').click();
    await waitForText(element, 'Cherchez puis choisissez la famille qui règle.');
    await waitFor(() => (equal(deepActiveElement()?.id, 'payment-family-q'), true));
    equal(api.deskPayments.length, 0);

    await chooseFamily(root, 'Moreau');
    includes(visibleText(element), 'Avoir disponible pour cette famille : 15,00 €.');
    includes(visibleText(element), 'N° 2026-00013 (mars 2026) — reste 43,63 €');
    ok(!visibleText(element).includes('2026-00012 (février'), 'a paid invoice is not offered');
    byLabel(root, 'N° 2026-00013 (mars 2026) — reste 43,63 €').click();
    await waitFor(() => byLabel(root, 'Montant (€)').value === '43,63');
    type(byLabel(root, 'Référence'), 'CHQ 0012345');
    await expectAccessible(element);

    byButton(root, 'Enregistrer le règlement').click();
    await waitForText(element, 'Règlement n° PAY2026000101 de 43,63 € enregistré : 43,63 € sur les factures, 0,00 € gardés en avoir.');
    const sent = api.deskPayments[0];
    equal(
      JSON.stringify(sent?.body),
      JSON.stringify({
        familyId: 'fam_moreau',
        method: 'cheque',
        amountCents: 4363,
        invoiceIds: ['inv_13'],
        receivedOn: sent?.body.receivedOn,
        reference: 'CHQ 0012345',
      }),
    );
    ok(/^\d{4}-\d{2}-\d{2}$/.test(String(sent?.body.receivedOn)), 'received today by default');
    ok((sent?.key ?? '').length > 10, 'sent with an Idempotency-Key');
    // The family's invoices as they are now: nothing left to pay.
    await waitForText(element, 'Cette famille n’a aucune facture à payer');
    await waitFor(() => rows(root, 'payments-table')[0]?.includes('PAY2026000101'));
    ok(staff.calls.filter((c) => c.startsWith('GET /staff/payments/report')).length >= 2, 'the report counts it');
  });

  it('paying from the family’s credit needs invoices and enough credit', async () => {
    const { element, root, api } = await openPayments();
    await chooseFamily(root, 'Moreau');
    choose(byLabelControl<HTMLSelectElement>(root, 'Moyen de paiement'), 'credit');
    type(byLabel(root, 'Montant (€)'), '20');
    byButton(root, 'Enregistrer le règlement').click();
    await waitForText(element, 'Cochez les factures à régler avec l’avoir.');
    includes(visibleText(element), 'L’avoir de la famille est de 15,00 € seulement.');
    equal(api.deskPayments.length, 0);
  });

  it('a payment flagged for staff: its states read, then accepted for the amount received with a comment', async () => {
    const { element, root, api } = await openPayments();
    const flagged = rows(root, 'payments-table')[0] ?? '';
    includes(flagged, 'PAY2026000021');
    includes(flagged, 'F-0002', 'whose payment it is');
    includes(flagged, 'En attente de validation bancaire');
    includes(flagged, 'À vérifier');
    includes(flagged, 'Le prestataire annonce 31,00 € au lieu de 30,00 € : les factures restent bloquées.');
    includes(rows(root, 'payments-table')[1] ?? '', 'Chèque');

    byButton(root, 'Traiter').click();
    await waitFor(() => (equal(deepActiveElement()?.id, 'settle-heading'), true));
    includes(visibleText(element), 'Paiement n° PAY2026000021 à vérifier');
    equal(byLabel(root, 'Montant réellement encaissé (€)').value, '31,00', 'the amount the provider reported');
    byButton(root, 'Accepter le paiement').click();
    await waitForText(element, 'Expliquez votre décision en quelques mots.');
    await waitFor(() => (equal(deepActiveElement()?.id, 'settle-comment'), true));
    equal(api.resolutions.length, 0);
    await expectAccessible(element);

    type(byLabelControl<HTMLTextAreaElement>(root, 'Commentaire'), 'Relevé de la régie du 20/04 : 31,00 € reçus');
    byButton(root, 'Accepter le paiement').click();
    await waitForText(element, 'Paiement n° PAY2026000021 accepté : 30,00 € sur les factures, 1,00 € gardés en avoir.');
    equal(
      JSON.stringify(api.resolutions[0]?.body),
      JSON.stringify({ decision: 'accept', amountCents: 3100, comment: 'Relevé de la régie du 20/04 : 31,00 € reçus' }),
    );
    ok((api.resolutions[0]?.key ?? '').length > 10, 'sent with an Idempotency-Key');
    await waitFor(() => rows(root, 'payments-table')[0]?.includes('Accepté par Agent Martin'));
    ok(!rows(root, 'payments-table')[0]?.includes('À vérifier'), 'no longer to check');
    ok(deepQueryAll(root, '[part~="settle"]').length === 0, 'the panel is closed');
  });

  it('rejecting when a colleague settled it first: told so, the list shows their decision', async () => {
    const { element, root, api } = await openPayments({ settledElsewhere: true });
    byButton(root, 'Traiter').click();
    await waitFor(() => root.querySelector('#settle-heading'));
    byLabel(root, 'Rejeter : rien n’a été encaissé (les factures redeviennent à payer)').click();
    await waitFor(() => deepQueryAll(root, '#settle-amount').length === 0);
    type(byLabelControl<HTMLTextAreaElement>(root, 'Commentaire'), 'Aucun versement');
    byButton(root, 'Rejeter le paiement').click();
    await waitForText(element, 'Ce paiement a déjà été traité (peut-être par un collègue à l’instant).');
    equal(api.resolutions[0]?.body.decision, 'reject');
    await waitFor(() => rows(root, 'payments-table')[0]?.includes('Rejeté par Régie bis'));
    ok(!deepQueryAll(root, '#settle-pay_21').length, 'nothing left to settle');
  });

  it('the collection report of a period, by means of payment, and the filters', async () => {
    const { element, root, staff } = await openPayments();
    const report = rows(root, 'report-table');
    equal(report.length, 1, 'only the means that collected something');
    equal(report[0], 'Chèque 1 43,62 €');
    includes(visibleText(element), 'Total encaissé 43,62 €');
    type(byLabel(root, 'Du'), '2026-04-30');
    type(byLabel(root, 'Au'), '2026-04-01');
    byButton(root, 'Afficher le bilan').click();
    await waitForText(element, 'Saisissez deux dates valides, la première avant la seconde.');
    type(byLabel(root, 'Du'), '2026-04-01');
    type(byLabel(root, 'Au'), '2026-04-30');
    byButton(root, 'Afficher le bilan').click();
    await waitForText(element, 'Encaissements du 01/04/2026 au 30/04/2026, par moyen de paiement');
    ok(staff.calls.includes('GET /staff/payments/report?from=2026-04-01&to=2026-04-30'), 'the report of the period asked');

    byLabel(root, 'Seulement les paiements à vérifier').click();
    byButton(root, 'Afficher').click();
    await waitForText(element, '1 paiement, les plus récents d’abord.');
    includes(staff.calls.filter((c) => c.startsWith('GET /staff/payments?')).at(-1) ?? '', 'anomaly=true');
  });

  it('more payments than a page: « Voir plus de paiements » adds the older ones and the reader continues there', async () => {
    const [first] = sampleStaffPayments();
    ok(first, 'the sample has a payment');
    const many = Array.from({ length: 53 }, (_, i) => ({
      ...first,
      id: `pay_${i}`,
      reference: `PAY2026${String(100 + i).padStart(6, '0')}`,
      anomaly: null,
      resolution: null,
    }));
    const { element, root } = await openPayments({ payments: many });
    await waitForText(element, '50 paiements, les plus récents d’abord (il y en a de plus anciens).');
    equal(rows(root, 'payments-table').length, 50);
    ok(rows(root, 'payments-table')[0]?.startsWith('PAY2026000152'), 'the newest first');
    byButton(root, 'Voir plus de paiements').click();
    await waitForText(element, '53 paiements, les plus récents d’abord.');
    const all = rows(root, 'payments-table');
    equal(all.length, 53);
    ok(all[50]?.startsWith('PAY2026000102'), 'the older ones after');
    await waitFor(() => deepActiveElement()?.id === 'payment-pay_2');
    ok(!deepQueryAll(root, 'button').some((b) => b.textContent?.includes('Voir plus de paiements')), 'no more to show');
    await expectAccessible(element);
  });
});
