/**
 * Paying invoices: online through the (fake) PayFiP — the same notification ten times at once,
 * an unknown operation, an amount that does not match, the return before the notification and
 * the reverse, the provider timing out then the reconciliation, an invoice paid meanwhile by
 * cheque (the excess kept as credit) — desk payments, the collection report, family isolation.
 * Runs on SQLite, and on PostgreSQL with PORTAIL_TEST_BACKEND=postgres.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { civilDateOf } from '../src/modules/bookings/rules/civil-date.js';
import { createStaffAccount } from '../src/modules/communes/provisioning.js';
import { type FakePayfip, startFakePayfip } from '../src/modules/payments/fake-payfip/fake-payfip.js';
import { Payment } from '../src/modules/payments/payment.models.js';
import { savePaymentSettings } from '../src/modules/payments/providers/settings.js';
import { loadConfig } from '../src/platform/config.js';
import { pdfText } from './support/billing-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';
import { issuedInvoice, notifyPayment, paidOf, payOnline } from './support/payments-fixture.js';

const base = '/v1/communes/alpha';

describe('payments', () => {
  let t: TestServer;
  let payfip: { fake: FakePayfip; url: string; close(): Promise<void> };
  let billing: string;
  let a: Awaited<ReturnType<typeof activatedParent>>;
  let b: Awaited<ReturnType<typeof activatedParent>>;

  const invoice = (familyId: string, total: number) => issuedInvoice(t, familyId, total);
  const pay = (token: string, invoiceIds: string[], key?: string) => payOnline(t, token, invoiceIds, key);
  const notify = (idOp: string) => notifyPayment(t, idOp);

  before(async () => {
    payfip = await startFakePayfip();
    t = await startTestServer({ config: { payments: { ...loadConfig({}).payments, payfipUrl: payfip.url, payfipTimeoutMs: 600 } } });
    await savePaymentSettings(t.server.ctx, t.communes.a.id, { provider: 'payfip', numcli: '012345', mode: 'T' });
    await createStaffAccount(t.server.ctx, t.communes.a, {
      identifier: 'regie.alpha',
      email: 'regie@alpha.example',
      displayName: 'Régie',
      roles: ['billing'],
      password: STAFF_PASSWORD,
    });
    billing = await t.login('alpha', 'regie.alpha', STAFF_PASSWORD);
    a = await activatedParent(t, 'alpha', 'paula.paye@example.fr', { first: 'Paula', last: 'Paye' });
    b = await activatedParent(t, 'alpha', 'victor.voisin@example.fr', { first: 'Victor', last: 'Voisin' });
  });
  beforeEach(() => payfip.fake.reset());
  after(async () => {
    await t.close();
    await payfip.close();
  });

  it('two invoices paid at once: the amount is the server’s, the same notification 10 times concurrently allocates once, receipt and mail', async () => {
    const one = await invoice(a.family.id, 4250);
    const two = await invoice(a.family.id, 1800);
    const { payment, idOp, redirect, key } = await pay(a.parentToken, [one, two]);
    assert.equal(payment.state, 'pending');
    assert.equal(payment.amountCents, 6050);
    assert.equal(redirect.method, 'GET');
    assert.match(redirect.url, new RegExp(`idop=${idOp}`));
    assert.equal(payfip.fake.operations.get(idOp)?.montant, '6050');
    // A retry with the same key is the same payment, the same redirect.
    const again = await t.api(`${base}/payments`, {
      token: a.parentToken,
      body: { invoiceIds: [one, two] },
      headers: { 'Idempotency-Key': key },
    });
    assert.equal(again.status, 201);
    assert.equal(again.body.payment.id, payment.id);
    assert.equal(again.body.redirect.url, redirect.url);
    // Held while the payment may still succeed.
    const twice = await t.api(`${base}/payments`, { token: a.parentToken, body: { invoiceIds: [two] } });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'payment_in_progress');

    payfip.fake.scenario.notificationCopies = 0;
    await payfip.fake.decide(idOp, 'P');
    const answers = await Promise.all(Array.from({ length: 10 }, () => notify(idOp)));
    assert.deepEqual(
      answers.map((r) => r.status),
      Array(10).fill(200),
    );
    assert.deepEqual(await paidOf(one), { paid: 4250, state: 'paid' });
    assert.deepEqual(await paidOf(two), { paid: 1800, state: 'paid' });
    const confirmed = await t.api(`${base}/payments/${payment.id}/confirm`, { method: 'POST', token: a.parentToken });
    assert.equal(confirmed.body.state, 'validated');
    assert.equal(confirmed.body.allocatedCents, 6050);
    assert.equal(confirmed.body.creditedToAccountCents, 0);
    const list = await t.api(`${base}/payments`, { token: a.parentToken });
    assert.equal(list.body.creditCents, 0);
    const receipt = await fetch(`${t.url}${base}/payments/${payment.id}/receipt`, {
      headers: { Authorization: `Bearer ${a.parentToken}` },
    });
    assert.equal(receipt.status, 200);
    const text = (await pdfText(new Uint8Array(await receipt.arrayBuffer()))).join('\n');
    assert.match(text, new RegExp(payment.reference));
    assert.match(text, /60,50 €/);
    const mail = await t.mail.waitFor('paula.paye@example.fr', /paiement reçu/);
    assert.match(mail.text, /60,50 €/);
    // Paid invoices cannot be paid again.
    const paid = await t.api(`${base}/payments`, { token: a.parentToken, body: { invoiceIds: [one] } });
    assert.equal(paid.status, 409);
    assert.equal(paid.body.code, 'invoice_not_payable');
  });

  it('a notification for an unknown operation changes nothing', async () => {
    const unknown = await notify('000000000000000000000000000000');
    assert.equal(unknown.status, 404);
    const empty = await fetch(`${t.url}${base}/payment-notifications?idOp=nope`);
    assert.equal(empty.status, 404);
  });

  it('an amount that does not match is not applied and is flagged for staff', async () => {
    const inv = await invoice(a.family.id, 3000);
    const { payment, idOp } = await pay(a.parentToken, [inv]);
    payfip.fake.scenario.detailAmountDeltaCents = 100;
    await payfip.fake.decide(idOp, 'P');
    const seen = await t.api(`${base}/payments/${payment.id}/confirm`, { method: 'POST', token: a.parentToken });
    assert.equal(seen.body.state, 'pending');
    assert.equal(seen.body.anomaly, null, 'families do not see the staff flag');
    assert.deepEqual(await paidOf(inv), { paid: 0, state: 'to_pay' });
    const flagged = await t.api(`${base}/staff/payments?anomaly=true`, { token: billing });
    assert.equal(flagged.status, 200);
    const mine = flagged.body.items.find((p: { id: string }) => p.id === payment.id);
    assert.equal(mine?.anomaly, 'mismatch');
    const retry = await t.api(`${base}/payments`, { token: a.parentToken, body: { invoiceIds: [inv] } });
    assert.equal(retry.body.code, 'payment_in_progress', 'money may have moved: the invoice stays held');
  });

  it('the return before the notification, and the notification before the return: applied once either way', async () => {
    const first = await invoice(a.family.id, 1200);
    const p1 = await pay(a.parentToken, [first]);
    payfip.fake.scenario.notificationTiming = 'after-return';
    payfip.fake.scenario.notificationDelayMs = 200;
    await payfip.fake.decide(p1.idOp, 'P');
    const back = await t.api(`${base}/payments/${p1.payment.id}/confirm`, { method: 'POST', token: a.parentToken });
    assert.equal(back.body.state, 'validated');
    await payfip.fake.idle();
    assert.equal(payfip.fake.notifications.filter((n) => n.idOp === p1.idOp).length, 1);
    assert.deepEqual(await paidOf(first), { paid: 1200, state: 'paid' });

    payfip.fake.reset();
    const second = await invoice(a.family.id, 900);
    const p2 = await pay(a.parentToken, [second]);
    await payfip.fake.decide(p2.idOp, 'V');
    const now = await t.api(`${base}/payments/${p2.payment.id}`, { token: a.parentToken });
    assert.equal(now.body.state, 'validated', 'the notification came first and was applied');
    const back2 = await t.api(`${base}/payments/${p2.payment.id}/confirm`, { method: 'POST', token: a.parentToken });
    assert.equal(back2.body.state, 'validated');
    assert.deepEqual(await paidOf(second), { paid: 900, state: 'paid' });
  });

  it('a refused payment frees the invoice', async () => {
    const inv = await invoice(a.family.id, 700);
    const { payment, idOp } = await pay(a.parentToken, [inv]);
    await payfip.fake.decide(idOp, 'R');
    const seen = await t.api(`${base}/payments/${payment.id}/confirm`, { method: 'POST', token: a.parentToken });
    assert.equal(seen.body.state, 'refused');
    assert.equal(seen.body.refusalReason, 'refused');
    const receipt = await t.api(`${base}/payments/${payment.id}/receipt`, { token: a.parentToken });
    assert.equal(receipt.status, 409);
    assert.deepEqual(await paidOf(inv), { paid: 0, state: 'to_pay' });
    await pay(a.parentToken, [inv]);
  });

  it('a return address off the commune’s sites is refused; the provider down at creation frees the invoice', async () => {
    const inv = await invoice(a.family.id, 1300);
    const phishing = await t.api(`${base}/payments`, {
      token: a.parentToken,
      body: { invoiceIds: [inv], returnUrl: 'https://evil.example/' },
    });
    assert.equal(phishing.status, 400);
    payfip.fake.scenario.brokenAnswer = 'http-502';
    const down = await t.api(`${base}/payments`, { token: a.parentToken, body: { invoiceIds: [inv] } });
    assert.equal(down.status, 503);
    assert.equal(down.body.code, 'payment_provider_unavailable');
    payfip.fake.reset();
    const { payment } = await pay(a.parentToken, [inv], randomUUID());
    assert.equal(payment.state, 'pending', 'the failed attempt does not hold the invoice');
  });

  it('the provider timing out leaves the payment pending; the reconciliation settles it later', async () => {
    const inv = await invoice(a.family.id, 2500);
    const { payment, idOp } = await pay(a.parentToken, [inv]);
    payfip.fake.scenario.answerDelayMs = { recupererDetailPaiementSecurise: 1500 };
    await payfip.fake.decide(idOp, 'P');
    const seen = await t.api(`${base}/payments/${payment.id}/confirm`, { method: 'POST', token: a.parentToken });
    assert.equal(seen.body.state, 'pending');
    assert.deepEqual(await paidOf(inv), { paid: 0, state: 'to_pay' });
    payfip.fake.scenario.answerDelayMs = {};
    const denied = await t.api(`${base}/staff/payments/reconcile`, { method: 'POST', token: a.parentToken });
    assert.equal(denied.status, 403);
    const run = await t.api(`${base}/staff/payments/reconcile`, { method: 'POST', token: billing });
    assert.equal(run.status, 200);
    assert.ok(run.body.validated >= 1, JSON.stringify(run.body));
    assert.deepEqual(await paidOf(inv), { paid: 2500, state: 'paid' });
    const after = await t.api(`${base}/payments/${payment.id}`, { token: a.parentToken });
    assert.equal(after.body.state, 'validated');
  });

  it('after the commune leaves PayFiP (sandbox, then another régie), its PayFiP payments are still confirmed with PayFiP, once', async () => {
    const ctx = t.server.ctx;
    const notified = await invoice(a.family.id, 3100);
    const lost = await invoice(a.family.id, 1450);
    const p1 = await pay(a.parentToken, [notified]);
    const p2 = await pay(a.parentToken, [lost]);
    await savePaymentSettings(ctx, t.communes.a.id, { provider: 'sandbox' });
    try {
      // The notification arrives after the switch, ten times at once.
      payfip.fake.scenario.notificationCopies = 0;
      await payfip.fake.decide(p1.idOp, 'P');
      const answers = await Promise.all(Array.from({ length: 10 }, () => notify(p1.idOp)));
      assert.deepEqual(
        answers.map((r) => r.status),
        Array(10).fill(200),
      );
      assert.deepEqual(await paidOf(notified), { paid: 3100, state: 'paid' });
      const seen = await t.api(`${base}/payments/${p1.payment.id}`, { token: a.parentToken });
      assert.equal(seen.body.state, 'validated');
      assert.equal(seen.body.allocatedCents, 3100);
      // New payments go to the sandbox now.
      const third = await invoice(a.family.id, 500);
      const created = await t.api(`${base}/payments`, { token: a.parentToken, body: { invoiceIds: [third] } });
      assert.match(created.body.redirect.url, /\/sandbox\/alpha\//);

      // The other one's notification is lost; the commune moves to another régie; the reconciliation asks the old one.
      await savePaymentSettings(ctx, t.communes.a.id, { provider: 'payfip', numcli: '099999', mode: 'W' });
      await payfip.fake.decide(p2.idOp, 'P');
      const run = await t.api(`${base}/staff/payments/reconcile`, { method: 'POST', token: billing });
      assert.equal(run.status, 200);
      assert.equal(run.body.anomalies, 0, JSON.stringify(run.body));
      assert.deepEqual(await paidOf(lost), { paid: 1450, state: 'paid' });
      await t.api(`${base}/staff/payments/reconcile`, { method: 'POST', token: billing });
      await Promise.all([notify(p1.idOp), notify(p2.idOp)]);
      assert.deepEqual(await paidOf(notified), { paid: 3100, state: 'paid' }, 'allocated exactly once');
      assert.deepEqual(await paidOf(lost), { paid: 1450, state: 'paid' });
      const payments = await Payment.findAll({ where: { id: [p1.payment.id, p2.payment.id] } });
      assert.deepEqual(payments.map((p) => [p.provider, p.payfip_numcli, p.payfip_mode, p.allocated_cents, p.credit_cents]).sort(), [
        ['payfip', '012345', 'T', 1450, 0],
        ['payfip', '012345', 'T', 3100, 0],
      ]);
    } finally {
      await savePaymentSettings(ctx, t.communes.a.id, { provider: 'payfip', numcli: '012345', mode: 'T' });
    }
  });

  it('an invoice paid meanwhile by cheque: the online payment becomes credit, shown to the family and usable by staff', async () => {
    const inv = await invoice(a.family.id, 5000);
    const later = await invoice(a.family.id, 2000);
    const { payment, idOp } = await pay(a.parentToken, [inv]);
    const cheque = await t.api(`${base}/staff/payments`, {
      token: billing,
      body: {
        familyId: a.family.id,
        method: 'cheque',
        amountCents: 5000,
        invoiceIds: [inv],
        receivedOn: civilDateOf(new Date()),
        reference: 'CHQ 1234567',
      },
    });
    assert.equal(cheque.status, 201, JSON.stringify(cheque.body));
    assert.equal(cheque.body.state, 'validated');
    assert.deepEqual(await paidOf(inv), { paid: 5000, state: 'paid' });
    await payfip.fake.decide(idOp, 'P');
    const seen = await t.api(`${base}/payments/${payment.id}`, { token: a.parentToken });
    assert.equal(seen.body.state, 'validated');
    assert.equal(seen.body.allocatedCents, 0);
    assert.equal(seen.body.creditedToAccountCents, 5000);
    assert.deepEqual(await paidOf(inv), { paid: 5000, state: 'paid' }, 'never paid twice');
    const mine = await t.api(`${base}/payments`, { token: a.parentToken });
    assert.equal(mine.body.creditCents, 5000);
    const credit = await t.api(`${base}/staff/families/${a.family.id}/credit`, { token: billing });
    assert.equal(credit.body.balanceCents, 5000);
    // Staff use it on the next invoice; more than the credit is refused.
    const tooMuch = await t.api(`${base}/staff/payments`, {
      token: billing,
      body: { familyId: a.family.id, method: 'credit', amountCents: 6000, invoiceIds: [later], receivedOn: civilDateOf(new Date()) },
    });
    assert.equal(tooMuch.body.code, 'insufficient_credit');
    const used = await t.api(`${base}/staff/payments`, {
      token: billing,
      body: { familyId: a.family.id, method: 'credit', amountCents: 2000, invoiceIds: [later], receivedOn: civilDateOf(new Date()) },
    });
    assert.equal(used.status, 201, JSON.stringify(used.body));
    assert.deepEqual(await paidOf(later), { paid: 2000, state: 'paid' });
    const left = await t.api(`${base}/payments`, { token: a.parentToken });
    assert.equal(left.body.creditCents, 3000);
  });

  it("staff read the commune's payments page by page, newest first; a forged cursor is refused", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `${base}/staff/payments?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await t.api(query, { token: billing });
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((p: { reference: string }) => p.reference));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await Payment.findAll({ where: { commune_id: t.communes.a.id }, attributes: ['reference'] });
    assert.ok(all.length > 2, 'more than one page');
    assert.deepEqual(
      seen,
      all
        .map((p) => p.reference)
        .sort()
        .reverse(),
      'every payment once, newest first',
    );
    const forged = await t.api(`${base}/staff/payments?cursor=${Buffer.from('x').toString('base64url')}`, { token: billing });
    assert.equal(forged.status, 400);
  });

  it('the collection report sums what came in, by method', async () => {
    const today = civilDateOf(new Date());
    const report = await t.api(`${base}/staff/payments/report?from=${today}&to=${today}`, { token: billing });
    assert.equal(report.status, 200, JSON.stringify(report.body));
    const by = Object.fromEntries(report.body.byMethod.map((m: { method: string; totalCents: number }) => [m.method, m.totalCents]));
    assert.equal(by.cheque, 5000);
    assert.equal(by.credit, 2000);
    assert.ok(by.online >= 6050 + 1200 + 900 + 2500 + 5000);
    assert.equal(
      report.body.totalCents,
      report.body.byMethod
        .filter((m: { method: string }) => m.method !== 'credit')
        .reduce((s: number, m: { totalCents: number }) => s + m.totalCents, 0),
    );
    assert.equal(report.body.creditCreatedCents, 5000);
    const parent = await t.api(`${base}/staff/payments/report?from=${today}&to=${today}`, { token: a.parentToken });
    assert.equal(parent.status, 403);
  });

  it('another family’s payment and invoices are "not found"', async () => {
    const inv = await invoice(a.family.id, 1500);
    const { payment } = await pay(a.parentToken, [inv]);
    for (const path of [`/payments/${payment.id}`, `/payments/${payment.id}/receipt`]) {
      const r = await t.api(`${base}${path}`, { token: b.parentToken });
      assert.equal(r.status, 404, path);
    }
    const confirm = await t.api(`${base}/payments/${payment.id}/confirm`, { method: 'POST', token: b.parentToken });
    assert.equal(confirm.status, 404);
    const steal = await t.api(`${base}/payments`, { token: b.parentToken, body: { invoiceIds: [inv] } });
    assert.equal(steal.status, 404);
    const theirs = await t.api(`${base}/payments`, { token: b.parentToken });
    assert.deepEqual(theirs.body.items, []);
    const otherCommune = await t.api(`/v1/communes/beta/payments/${payment.id}`, { token: a.parentToken });
    assert.ok([401, 403, 404].includes(otherCommune.status));
  });
});
