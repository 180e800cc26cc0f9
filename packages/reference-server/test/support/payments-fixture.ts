import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BillingRun, Invoice } from '../../src/modules/billing/billing.models.js';
import { Payment } from '../../src/modules/payments/payment.models.js';
import type { TestServer } from './harness.js';

let counter = 0;

/** An issued invoice of `total` cents for a family of commune A, straight in the tables (billing is tested elsewhere). */
export async function issuedInvoice(t: TestServer, familyId: string, total: number): Promise<string> {
  counter++;
  const ctx = t.server.ctx;
  const communeId = t.communes.a.id;
  const id = randomUUID();
  await ctx.db.write(async (transaction) => {
    const run = await BillingRun.create(
      {
        id: randomUUID(),
        commune_id: communeId,
        number: counter,
        month: '2026-03',
        actor_account_id: null,
        invoice_count: 1,
        total_cents: total,
        created_at: new Date(),
      },
      { transaction },
    );
    await Invoice.create(
      {
        id,
        commune_id: communeId,
        family_id: familyId,
        run_id: run.id,
        number: `2026-${String(counter).padStart(5, '0')}`,
        month: '2026-03',
        issued_on: '2026-04-01',
        due_date: '2026-04-30',
        addressee: JSON.stringify({ familyNumber: 'F', names: ['Parent'], address: ['1 rue'] }),
        total_cents: total,
        credited_cents: 0,
        paid_cents: 0,
        state: 'to_pay',
        replaces_invoice_id: null,
        created_at: new Date(),
      },
      { transaction },
    );
  });
  return id;
}

/** What an invoice has received, and its state. */
export async function paidOf(id: string): Promise<{ paid: number; state: string }> {
  const inv = await Invoice.findByPk(id, { rejectOnEmpty: true });
  return { paid: inv.paid_cents, state: inv.state };
}

/** « Payer en ligne » in commune A, as a parent: the payment, its provider operation id and redirect. */
export async function payOnline(t: TestServer, token: string, invoiceIds: string[], key: string = randomUUID()) {
  const created = await t.api('/v1/communes/alpha/payments', { token, body: { invoiceIds }, headers: { 'Idempotency-Key': key } });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const row = await Payment.findByPk(created.body.payment.id, { rejectOnEmpty: true });
  return { payment: created.body.payment, idOp: row.operation_id ?? '', redirect: created.body.redirect, key };
}

/** The provider's server-to-server notification of an operation (commune A). */
export function notifyPayment(t: TestServer, idOp: string): Promise<Response> {
  return fetch(`${t.url}/v1/communes/alpha/payment-notifications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ idOp }).toString(),
  });
}
