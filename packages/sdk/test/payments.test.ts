import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { BillingRun, Invoice } from '../../reference-server/src/modules/billing/billing.models.js';
import { pdfText } from '../../reference-server/test/support/billing-fixture.js';
import {
  activatedParent,
  PARENT_PASSWORD,
  STAFF_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../reference-server/test/support/harness.js';
import { ConflictError, createPortailClient, NotFoundError } from '../src/index.js';

describe('SDK: payments', () => {
  let t: TestServer;
  let identifier: string;
  let familyId: string;
  const invoices: string[] = [];

  before(async () => {
    t = await startTestServer();
    const parent = await activatedParent(t, 'alpha', 'sdk.paiement@example.fr', { first: 'Sacha', last: 'Paie' });
    identifier = parent.account.identifier;
    familyId = parent.family.id;
    // Two issued invoices, straight in the tables (billing has its own tests).
    for (const [i, total] of [2400, 1100].entries()) {
      await t.server.ctx.db.write(async (transaction) => {
        const run = await BillingRun.create(
          {
            id: randomUUID(),
            commune_id: t.communes.a.id,
            number: i + 1,
            month: '2026-02',
            invoice_count: 1,
            total_cents: total,
            created_at: new Date(),
          },
          { transaction },
        );
        const invoice = await Invoice.create(
          {
            id: randomUUID(),
            commune_id: t.communes.a.id,
            family_id: familyId,
            run_id: run.id,
            number: `2026-0090${i}`,
            month: '2026-02',
            issued_on: '2026-03-01',
            due_date: '2026-03-31',
            addressee: JSON.stringify({ familyNumber: 'F1', names: ['Sacha Paie'], address: ['1 rue'] }),
            total_cents: total,
            credited_cents: 0,
            paid_cents: 0,
            state: 'to_pay',
            created_at: new Date(),
          },
          { transaction },
        );
        invoices.push(invoice.id);
      });
    }
  });
  after(() => t.close());

  it('the family pays two invoices on the sandbox page; staff record a cheque and read the report — typed end to end', async () => {
    const parent = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await parent.login(identifier, PARENT_PASSWORD);
    const { payment, redirect } = await parent.createPayment(invoices, { returnUrl: `${t.url}/examples/?tab=factures` });
    assert.equal(payment.state, 'pending');
    assert.equal(payment.amountCents, 3500);
    assert.equal(redirect.method, 'GET');
    await assert.rejects(parent.createPayment([invoices[0] ?? '']), ConflictError);

    // The parent pays on the sandbox page: it notifies the server and sends the browser back.
    const page = await fetch(redirect.url);
    assert.equal(page.status, 200);
    const pay = await fetch(redirect.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ choix: 'payer' }).toString(),
      redirect: 'manual',
    });
    const back = new URL(pay.headers.get('location') ?? '', redirect.url);
    assert.equal(back.searchParams.get('pf-payment'), payment.id);

    const confirmed = await parent.confirmMyPayment(payment.id);
    assert.equal(confirmed.state, 'validated');
    assert.equal((await parent.getMyPayment(payment.id)).allocatedCents, 3500);
    const receipt = await parent.getMyPaymentReceipt(payment.id);
    assert.match((await pdfText(new Uint8Array(await receipt.arrayBuffer()))).join('\n'), /35,00 €/);
    const mine = await parent.listMyPayments();
    assert.equal(mine.items.length, 1);
    assert.equal(mine.creditCents, 0);
    await assert.rejects(parent.getMyPayment(randomUUID()), NotFoundError);

    const staff = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await staff.login('admin.alpha', STAFF_PASSWORD);
    const cheque = await staff.recordPayment({
      familyId,
      method: 'cheque',
      amountCents: 1500,
      invoiceIds: [],
      receivedOn: '2026-03-10',
      reference: 'CHQ 42',
    });
    assert.equal(cheque.creditedToAccountCents, 1500);
    assert.equal((await staff.getFamilyCredit(familyId)).balanceCents, 1500);
    const firstPage = await staff.listPayments({ familyId, limit: 1 });
    assert.equal(firstPage.items.length, 1);
    assert.ok(firstPage.nextCursor, 'one more page');
    const all = [];
    for await (const payment of staff.iteratePayments({ familyId, limit: 1 })) all.push(payment);
    assert.deepEqual(
      all.map((p) => p.reference),
      [firstPage.items[0]?.reference, all[1]?.reference],
    );
    assert.equal(all.length, 2, 'both payments, newest first, one page each');
    assert.ok((all[0]?.reference ?? '') > (all[1]?.reference ?? ''));
    const report = await staff.getCollectionReport({ from: '2026-03-01', to: '2026-03-31' });
    assert.equal(report.byMethod.find((m) => m.method === 'cheque')?.totalCents, 1500);
    assert.deepEqual(await staff.reconcilePayments(), { checked: 0, validated: 0, refused: 0, pending: 0, anomalies: 0 });
    // Only a payment flagged for staff can be settled: a cheque is not.
    await assert.rejects(
      staff.resolvePaymentAnomaly(cheque.id, { decision: 'reject', comment: 'Erreur de saisie' }),
      (error: unknown) => error instanceof ConflictError && error.code === 'payment_not_flagged',
    );
  });
});
