/**
 * The desk payment journey, in a real browser against the real server, on the staff example
 * page: the agent signs in → « Encaissements » → finds the family → ticks an invoice (the
 * amount follows) → a cheque with its number → « Enregistrer le règlement » → « Facturation »
 * shows the invoice paid, nothing left to pay in its detail; the family's portal says « Payée ».
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO } from '../packages/reference-server/src/demo/seed.js';
import { Invoice } from '../packages/reference-server/src/modules/billing/billing.models.js';
import { Payment } from '../packages/reference-server/src/modules/payments/payment.models.js';
import { demoPortal, logIn, logInAsDemoParent, openPage } from './demo-portal.js';

describe('staff desk payment journey on the staff example page', () => {
  const portal = demoPortal();

  it('a cheque recorded at the desk for an invoice: the invoice shows as paid, in the console and on the portal', async () => {
    const oldest = await Invoice.findOne({ order: [['number', 'ASC']], rejectOnEmpty: true });
    const due = (oldest.total_cents / 100).toFixed(2).replace('.', ',');
    const { t, browser } = portal;
    const { page, errors } = await openPage(browser, `${t.url}/examples/staff.html`);
    await logIn(page, DEMO.staff.identifier, DEMO.staff.password);

    await page.getByRole('button', { name: 'Encaissements' }).click();
    await page.getByLabel('Famille', { exact: true }).fill('Martin');
    await page.getByRole('button', { name: 'Chercher' }).click();
    const invoice = page.getByRole('checkbox', { name: new RegExp(`^N° ${oldest.number} `) });
    await invoice.check();
    assert.equal(await page.getByLabel('Montant (€)').inputValue(), due, 'the amount is what the ticked invoice owes');
    await page.getByRole('combobox', { name: 'Moyen de paiement' }).selectOption('cheque');
    await page.getByLabel('Référence').fill('CHQ 7654321');
    await page.getByRole('button', { name: 'Enregistrer le règlement' }).click();
    // Intl puts a narrow no-break space before « € ».
    const euros = (amount: string) => `${amount}\\s€`;
    await page
      .getByText(
        new RegExp(
          `Règlement n° PAY\\d+ de ${euros(due)} enregistré : ${euros(due)} sur les factures, ${euros('0,00')} gardés en avoir\\.`,
        ),
      )
      .waitFor();
    const payment = await Payment.findOne({ where: { method: 'cheque' }, rejectOnEmpty: true });
    assert.equal(payment.external_reference, 'CHQ 7654321');
    assert.equal((await oldest.reload()).state, 'paid');

    await page.getByRole('button', { name: 'Facturation' }).click();
    const row = page.getByRole('row', { name: new RegExp(`^${oldest.number} `) });
    await row.getByText('Payée').waitFor();
    await row.getByRole('button', { name: `Détail de la facture n° ${oldest.number}` }).click();
    await page.getByRole('heading', { name: `Facture n° ${oldest.number}` }).waitFor();
    await page.getByText('Plus rien n’est dû sur cette facture').waitFor();

    // The family sees it paid too.
    const { page: parent } = await openPage(browser, `${t.url}/examples/`);
    await logInAsDemoParent(parent);
    await parent.getByRole('tab', { name: 'Factures' }).click();
    await parent
      .getByText(new RegExp(`${oldest.number}`))
      .first()
      .waitFor();
    await parent.getByText('Payée').first().waitFor();
    assert.deepEqual(errors, []);
    await page.close();
    await parent.close();
  });
});
