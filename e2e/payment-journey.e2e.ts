/**
 * The payment journey, in a real browser against the real server, on the example page: log
 * in → « Factures » → tick the two invoices → « Payer en ligne » → the bank refuses on the
 * sandbox page → back on the portal, nothing paid → again, paid this time → back on the
 * portal, both invoices paid, one payment validated (one refused), the receipt downloadable.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Invoice } from '../packages/reference-server/src/modules/billing/billing.models.js';
import { Payment } from '../packages/reference-server/src/modules/payments/payment.models.js';
import { demoPortal, logInAsDemoParent, openPage } from './demo-portal.js';

describe('payment journey on the example page', () => {
  const portal = demoPortal();

  /** « Factures », both invoices ticked, « Payer en ligne »: answers once on the sandbox page. */
  async function payBoth(page: Page): Promise<void> {
    await page.getByRole('tab', { name: 'Factures' }).click();
    const boxes = page.getByRole('checkbox', { name: /Sélectionner la facture n°/ });
    await boxes.first().waitFor();
    assert.equal(await boxes.count(), 2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByText(/2 factures à payer : /).waitFor();
    await page.getByRole('button', { name: 'Payer en ligne' }).click();
    await page.waitForURL(/\/sandbox\//);
  }

  it('a refused payment leaves the invoices to pay; the next one pays both, with a receipt', async () => {
    const { t, browser } = portal;
    const { page, errors } = await openPage(browser, `${t.url}/examples/`);
    await logInAsDemoParent(page);

    await payBoth(page);
    await page.getByRole('button', { name: 'Simuler un refus de la banque' }).click();
    await page.waitForURL(/\/examples\//);
    await page.getByText(/n’a pas abouti : aucune somme n’a été prélevée/).waitFor();
    assert.ok(!page.url().includes('pf-payment'), 'the address no longer names the payment');
    assert.equal(await Invoice.count({ where: { state: 'to_pay' } }), 2);

    await payBoth(page);
    await page.getByRole('button', { name: /^Payer / }).click();
    await page.waitForURL(/\/examples\//);
    await page.getByText(/a bien été validé/).waitFor();
    assert.equal(await Invoice.count({ where: { state: 'paid' } }), 2);
    assert.equal(await Payment.count({ where: { state: 'validated' } }), 1);
    assert.equal(await Payment.count({ where: { state: 'refused' } }), 1);
    await page.getByText('✗ Refusé').first().waitFor();
    await page.getByText('✓ Validé').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Télécharger le reçu \(PDF\) du paiement n°/ }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^recu-PAY\d+\.pdf$/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
