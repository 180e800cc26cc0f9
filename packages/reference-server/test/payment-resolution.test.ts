/**
 * Settling an online payment flagged for staff (the provider's amount did not match): accept
 * the amount actually received — allocated once, the excess kept as credit, even when two
 * staff members decide at the same instant — or reject it and free the invoices. Comment
 * required, audited, idempotent, invisible to the family.
 * Runs on SQLite, and on PostgreSQL with PORTAIL_TEST_BACKEND=postgres.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { createStaffAccount } from '../src/modules/communes/provisioning.js';
import { Family } from '../src/modules/families/family.models.js';
import { type FakePayfip, startFakePayfip } from '../src/modules/payments/fake-payfip/fake-payfip.js';
import { savePaymentSettings } from '../src/modules/payments/providers/settings.js';
import { loadConfig } from '../src/platform/config.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';
import { issuedInvoice, notifyPayment, paidOf, payOnline } from './support/payments-fixture.js';

const base = '/v1/communes/alpha';

describe('settling a flagged payment', () => {
  let t: TestServer;
  let payfip: { fake: FakePayfip; url: string; close(): Promise<void> };
  let billing: string;
  let otherBilling: string;
  let agent: string;
  let a: Awaited<ReturnType<typeof activatedParent>>;

  /** An online payment of these invoices that the provider reports with `delta` cents more (or less) than asked. */
  async function flagged(totals: number[], delta: number) {
    const invoices: string[] = [];
    for (const total of totals) invoices.push(await issuedInvoice(t, a.family.id, total));
    const { payment, idOp } = await payOnline(t, a.parentToken, invoices);
    payfip.fake.scenario.detailAmountDeltaCents = delta;
    await payfip.fake.decide(idOp, 'P');
    const seen = await t.api(`${base}/payments/${payment.id}/confirm`, { method: 'POST', token: a.parentToken });
    assert.equal(seen.body.state, 'pending');
    return { invoices, paymentId: payment.id as string, idOp };
  }

  const resolve = (token: string, paymentId: string, body: unknown, key: string = randomUUID()) =>
    t.api(`${base}/staff/payments/${paymentId}/resolution`, { token, body, headers: { 'Idempotency-Key': key } });

  const audited = (action: string, paymentId: string) => AuditEntry.count({ where: { action, target_id: paymentId } });

  before(async () => {
    payfip = await startFakePayfip();
    t = await startTestServer({ config: { payments: { ...loadConfig({}).payments, payfipUrl: payfip.url, payfipTimeoutMs: 600 } } });
    await savePaymentSettings(t.server.ctx, t.communes.a.id, { provider: 'payfip', numcli: '012345', mode: 'T' });
    for (const [identifier, name, roles] of [
      ['regie.alpha', 'Régie', ['billing']],
      ['regie2.alpha', 'Régie bis', ['billing']],
      ['accueil.alpha', 'Accueil', ['agent']],
    ] as const) {
      await createStaffAccount(t.server.ctx, t.communes.a, {
        identifier,
        email: `${identifier}@alpha.example`,
        displayName: name,
        roles: [...roles],
        password: STAFF_PASSWORD,
      });
    }
    billing = await t.login('alpha', 'regie.alpha', STAFF_PASSWORD);
    otherBilling = await t.login('alpha', 'regie2.alpha', STAFF_PASSWORD);
    agent = await t.login('alpha', 'accueil.alpha', STAFF_PASSWORD);
    a = await activatedParent(t, 'alpha', 'paula.paye@example.fr', { first: 'Paula', last: 'Paye' });
  });
  beforeEach(() => payfip.fake.reset());
  after(async () => {
    await t.close();
    await payfip.fake.idle();
    await payfip.close();
  });

  it('staff see the amount the provider reported; the family sees neither it nor the flag', async () => {
    const { paymentId } = await flagged([3000], 100);
    const list = await t.api(`${base}/staff/payments?anomaly=true&state=pending`, { token: billing });
    const row = list.body.items.find((p: { id: string }) => p.id === paymentId);
    assert.equal(row?.anomaly, 'mismatch');
    assert.equal(row?.familyNumber, (await Family.findByPk(a.family.id, { rejectOnEmpty: true })).number, 'whose payment it is');
    assert.equal(row?.amountCents, 3000);
    assert.equal(row?.reportedAmountCents, 3100);
    assert.equal(row?.resolution, null);
    const family = await t.api(`${base}/payments/${paymentId}`, { token: a.parentToken });
    assert.equal(family.body.reportedAmountCents, null);
    assert.equal(family.body.anomaly, null);
  });

  it('accepting: two staff members at the same instant → applied once; the excess becomes credit; receipt; a retry answers the same', async () => {
    const { invoices, paymentId, idOp } = await flagged([3000], 100);
    const [inv] = invoices as [string];
    const creditBefore = (await t.api(`${base}/staff/families/${a.family.id}/credit`, { token: billing })).body.balanceCents as number;

    const blank = await resolve(billing, paymentId, { decision: 'accept', amountCents: 3100, comment: '   ' });
    assert.equal(blank.status, 400, 'a comment says why');
    const notAllowed = await resolve(agent, paymentId, { decision: 'accept', amountCents: 3100, comment: 'Vu' });
    assert.equal(notAllowed.status, 403);

    const body = { decision: 'accept', amountCents: 3100, comment: 'Relevé du Trésor : 31,00 € reçus' };
    const key = randomUUID();
    const answers = await Promise.all([
      resolve(billing, paymentId, body, key),
      resolve(otherBilling, paymentId, body),
      resolve(otherBilling, paymentId, { ...body, comment: 'Vu au relevé' }),
      resolve(billing, paymentId, body),
    ]);
    assert.equal(answers.filter((r) => r.status === 200).length, 1, JSON.stringify(answers.map((r) => r.body)));
    for (const r of answers.filter((x) => x.status !== 200)) assert.equal(r.body.code, 'payment_not_flagged');

    assert.deepEqual(await paidOf(inv), { paid: 3000, state: 'paid' });
    const list = await t.api(`${base}/staff/payments?familyId=${a.family.id}&limit=100`, { token: billing });
    const payment = list.body.items.find((p: { id: string }) => p.id === paymentId);
    assert.equal(payment.state, 'validated');
    assert.equal(payment.amountCents, 3100);
    assert.equal(payment.allocatedCents, 3000);
    assert.equal(payment.creditedToAccountCents, 100);
    assert.equal(payment.resolution.decision, 'accepted');
    assert.match(payment.resolution.comment, /^(Relevé du Trésor : 31,00 € reçus|Vu au relevé)$/);
    assert.match(payment.resolution.resolvedBy.displayName, /^Régie/);
    const credit = await t.api(`${base}/staff/families/${a.family.id}/credit`, { token: billing });
    assert.equal(credit.body.balanceCents, creditBefore + 100);
    assert.equal(await audited('payment.anomaly_accepted', paymentId), 1);
    const mail = await t.mail.waitFor('paula.paye@example.fr', /paiement reçu/);
    assert.match(mail.text, /31,00 €/);
    const family = await t.api(`${base}/payments/${paymentId}`, { token: a.parentToken });
    assert.equal(family.body.state, 'validated');
    assert.equal(family.body.resolution, null, 'the staff comment stays with staff');

    // The same request again (same key, same body): the first answer if it won, never a second allocation.
    const replay = await resolve(billing, paymentId, body, key);
    if (answers[0]?.status === 200) assert.deepEqual(replay.body, answers[0].body);
    else assert.equal(replay.body.code, 'payment_not_flagged');
    // A late notification from the provider changes nothing either.
    await notifyPayment(t, idOp);
    assert.deepEqual(await paidOf(inv), { paid: 3000, state: 'paid' });
    assert.equal((await t.api(`${base}/staff/families/${a.family.id}/credit`, { token: billing })).body.balanceCents, creditBefore + 100);
    assert.equal(await audited('payment.anomaly_accepted', paymentId), 1);
  });

  it('accepting less than was asked pays the invoices in the payment’s order, never more than each owes', async () => {
    const { invoices, paymentId } = await flagged([2000, 1000], -500);
    const [first, second] = invoices as [string, string];
    const list = await t.api(`${base}/staff/payments?anomaly=true`, { token: billing });
    assert.equal(list.body.items.find((p: { id: string }) => p.id === paymentId)?.reportedAmountCents, 2500);
    const done = await resolve(billing, paymentId, { decision: 'accept', amountCents: 2500, comment: 'Reçu 25,00 € seulement' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.state, 'validated');
    assert.equal(done.body.allocatedCents, 2500);
    assert.equal(done.body.creditedToAccountCents, 0);
    assert.deepEqual(
      done.body.invoices.map((l: { allocatedCents: number }) => l.allocatedCents),
      [2000, 500],
    );
    assert.deepEqual(await paidOf(first), { paid: 2000, state: 'paid' });
    assert.deepEqual(await paidOf(second), { paid: 500, state: 'partly_paid' });
    // The rest of the second invoice can be paid again.
    await payOnline(t, a.parentToken, [second]);
  });

  it('rejecting frees the invoices: the family can pay them again; a second decision is refused', async () => {
    const { invoices, paymentId } = await flagged([1500], 250);
    const [inv] = invoices as [string];
    const held = await t.api(`${base}/payments`, { token: a.parentToken, body: { invoiceIds: [inv] } });
    assert.equal(held.body.code, 'payment_in_progress');
    const done = await resolve(billing, paymentId, { decision: 'reject', comment: 'Aucun versement au relevé de la régie' });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.state, 'refused');
    assert.equal(done.body.refusalReason, 'rejected');
    assert.equal(done.body.resolution.decision, 'rejected');
    assert.equal(done.body.allocatedCents, 0);
    assert.deepEqual(await paidOf(inv), { paid: 0, state: 'to_pay' });
    assert.equal(await audited('payment.anomaly_rejected', paymentId), 1);
    const again = await resolve(billing, paymentId, { decision: 'accept', amountCents: 1750, comment: 'Finalement reçu' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'payment_not_flagged');
    assert.deepEqual(await paidOf(inv), { paid: 0, state: 'to_pay' });
    const family = await t.api(`${base}/payments/${paymentId}`, { token: a.parentToken });
    assert.equal(family.body.refusalReason, 'rejected');
    await payOnline(t, a.parentToken, [inv]);
  });

  it('a payment that was never flagged, or of another commune, cannot be settled this way', async () => {
    const inv = await issuedInvoice(t, a.family.id, 800);
    const cash = await t.api(`${base}/staff/payments`, {
      token: billing,
      body: { familyId: a.family.id, method: 'cash', amountCents: 800, invoiceIds: [inv], receivedOn: '2026-04-02' },
    });
    assert.equal(cash.status, 201);
    const notFlagged = await resolve(billing, cash.body.id, { decision: 'reject', comment: 'Erreur' });
    assert.equal(notFlagged.status, 409);
    assert.equal(notFlagged.body.code, 'payment_not_flagged');
    const unknown = await resolve(billing, randomUUID(), { decision: 'reject', comment: 'Erreur' });
    assert.equal(unknown.status, 404);
  });
});
