import { type Request, type Response, Router } from 'express';
import { col, fn, Op, type WhereOptions } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { authOf, communeOf, param } from '../../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { once } from '../../platform/http/idempotency.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { requireGuardian, requireStaff } from '../accounts/auth.middleware.js';
import { auditRead } from '../audit/audit.js';
import { issuerOf } from '../billing/issuer.js';
import { civilDateOf } from '../bookings/rules/civil-date.js';
import { Family } from '../families/family.models.js';
import { familyIdOf } from '../families/serialize.js';
import { FamilyCredit, Payment, type PaymentMethodName } from './payment.models.js';
import { type FlaggedPaymentDecision, resolveFlaggedPayment } from './payment-resolution.js';
import {
  checkPayment,
  createOnlinePayment,
  creditBalance,
  type DeskMethod,
  linesOf,
  paymentOfNotification,
  reconcileCommune,
  recordDeskPayment,
} from './payment-service.js';
import { receiptPdf, sendReceiptMails } from './receipt.js';
import { toPayment } from './serialize.js';

const billingStaff = requireStaff('admin', 'billing');
const METHODS: PaymentMethodName[] = ['online', 'cheque', 'cash', 'cesu', 'card_desk', 'credit'];

export function paymentRoutes(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router({ mergeParams: true });

  // --- the family ------------------------------------------------------------------------
  const myFamily = async (req: Request) => familyIdOf(communeOf(req).id, authOf(req).account);
  const myPayment = async (req: Request) => {
    const commune = communeOf(req);
    const familyId = await myFamily(req);
    const payment = await Payment.findOne({ where: { id: param(req, 'paymentId'), commune_id: commune.id, family_id: familyId } });
    if (!payment) throw new HttpProblem(404, 'not_found');
    return payment;
  };

  router.get('/payments', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const familyId = await myFamily(req);
    const rows = await Payment.findAll({
      where: { commune_id: commune.id, family_id: familyId },
      order: [
        ['created_at', 'DESC'],
        ['reference', 'DESC'],
      ],
      limit: 100,
    });
    res.json({
      items: await Promise.all(rows.map((p) => toPayment(p, 'family'))),
      creditCents: await creditBalance(commune.id, familyId),
    });
  });

  router.post('/payments', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const account = authOf(req).account;
    const body = req.body as { invoiceIds: string[]; returnUrl?: string };
    const { payment, redirect } = await createOnlinePayment(ctx, commune, {
      account,
      familyId: await myFamily(req),
      invoiceIds: body.invoiceIds,
      returnUrl: body.returnUrl,
      key: req.get('Idempotency-Key'),
    });
    res.status(201).json({
      payment: await toPayment(payment, 'family'),
      redirect: { method: redirect.method, url: redirect.url, fields: redirect.method === 'POST' ? redirect.fields : null },
    });
  });

  router.get('/payments/:paymentId', requireGuardian, async (req, res) => {
    res.json(await toPayment(await myPayment(req), 'family'));
  });

  router.post('/payments/:paymentId/confirm', requireGuardian, async (req, res) => {
    const payment = await checkPayment(ctx, communeOf(req), await myPayment(req), 'return');
    res.json(await toPayment(payment, 'family'));
  });

  router.get('/payments/:paymentId/receipt', requireGuardian, async (req, res) => {
    const payment = await myPayment(req);
    if (payment.state !== 'validated') throw new HttpProblem(409, 'payment_not_validated');
    const commune = communeOf(req);
    const [issuer, lines] = await Promise.all([issuerOf(commune), linesOf(payment)]);
    const pdf = await receiptPdf(commune, issuer, payment, lines);
    res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="recu-${payment.reference}.pdf"`).send(pdf);
  });

  // --- the provider's notification (no session; never trusted: the provider is asked) -----
  const notification = async (req: Request, res: Response) => {
    const commune = communeOf(req);
    const payment = await paymentOfNotification(commune, { query: req.query, body: req.body });
    if (!payment) throw new HttpProblem(404, 'not_found', 'No payment has this operation.');
    await checkPayment(ctx, commune, payment, 'notification');
    res.json({ received: true });
  };
  router.get('/payment-notifications', notification);
  router.post('/payment-notifications', notification);

  // --- staff -----------------------------------------------------------------------------
  router.get('/staff/payments', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const query = req.query as { limit?: number | string; cursor?: string; familyId?: string; state?: string; anomaly?: boolean | string };
    const where: WhereOptions[] = [{ commune_id: commune.id }];
    if (query.familyId) where.push({ family_id: query.familyId });
    if (query.state) where.push({ state: query.state });
    if (query.anomaly === true || query.anomaly === 'true') where.push({ anomaly: { [Op.ne]: null } });
    if (query.anomaly === false || query.anomaly === 'false') where.push({ anomaly: null });
    if (query.cursor) {
      // References grow with time (`PAY` + year + a zero-padded yearly number): newest first is their order.
      const before = decodeCursor(query.cursor);
      if (!/^PAY\d{10,}$/.test(before)) throw new HttpProblem(400, 'validation_failed', 'Unknown cursor.');
      where.push({ reference: { [Op.lt]: before } });
    }
    const limit = Number(query.limit ?? 20);
    const rows = await Payment.findAll({ where: { [Op.and]: where }, order: [['reference', 'DESC']], limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    await auditRead(db, req, 'payment.listed');
    res.json({
      items: await Promise.all(page.map((p) => toPayment(p, 'staff'))),
      nextCursor: rows.length > limit && last ? encodeCursor(last.reference) : null,
    });
  });

  router.post('/staff/payments', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const actor = authOf(req).account;
    const body = req.body as {
      familyId: string;
      method: DeskMethod;
      amountCents: number;
      invoiceIds: string[];
      receivedOn: string;
      reference?: string | null;
    };
    const answer = await once(
      db,
      { communeId: commune.id, accountId: actor.id, key: req.get('Idempotency-Key'), request: body },
      async (t) => {
        const payment = await recordDeskPayment(
          {
            commune,
            actorId: actor.id,
            familyId: body.familyId,
            method: body.method,
            amountCents: body.amountCents,
            invoiceIds: body.invoiceIds,
            receivedOn: body.receivedOn,
            reference: body.reference ?? null,
            ip: req.ip,
          },
          t,
        );
        return { status: 201, body: await toPayment(payment, 'staff', t) };
      },
    );
    res.status(answer.status).json(answer.body);
  });

  router.post('/staff/payments/reconcile', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    await auditRead(db, req, 'payment.reconciled');
    res.json(await reconcileCommune(ctx, commune));
  });

  router.post('/staff/payments/:paymentId/resolution', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const actor = authOf(req).account;
    const paymentId = param(req, 'paymentId');
    const decision = req.body as FlaggedPaymentDecision;
    let accepted: Payment | null = null;
    const answer = await once(
      db,
      {
        communeId: commune.id,
        accountId: actor.id,
        key: req.get('Idempotency-Key'),
        request: { op: 'resolvePaymentAnomaly', paymentId, decision },
      },
      async (t) => {
        const { payment, validated } = await resolveFlaggedPayment({ commune, actorId: actor.id, paymentId, decision, ip: req.ip }, t);
        if (validated) accepted = payment;
        return { status: 200, body: await toPayment(payment, 'staff', t) };
      },
    );
    // Not on a replay: the receipt went with the first answer.
    if (accepted) sendReceiptMails(ctx, accepted);
    res.status(answer.status).json(answer.body);
  });

  router.get('/staff/payments/report', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const query = req.query as { from?: string; to?: string };
    const today = civilDateOf(new Date());
    const from = query.from ?? `${today.slice(0, 7)}-01`;
    const to = query.to ?? today;
    if (to < from) throw new HttpProblem(400, 'validation_failed', '`to` is before `from`.');
    const rows = (await Payment.findAll({
      attributes: [
        'method',
        [fn('COUNT', col('id')), 'count'],
        [fn('SUM', col('amount_cents')), 'total'],
        [fn('SUM', col('credit_cents')), 'credit'],
      ],
      where: { commune_id: commune.id, state: 'validated', received_on: { [Op.between]: [from, to] } },
      group: ['method'],
      raw: true,
    })) as unknown as {
      method: PaymentMethodName;
      count: string | number;
      total: string | number | null;
      credit: string | number | null;
    }[];
    const byMethod = METHODS.map((method) => {
      const row = rows.find((r) => r.method === method);
      return { method, count: Number(row?.count ?? 0), totalCents: Number(row?.total ?? 0) };
    });
    await auditRead(db, req, 'payment.report_read');
    res.json({
      from,
      to,
      byMethod,
      // Paying from credit moves no money: it was counted when it came in.
      totalCents: byMethod.filter((m) => m.method !== 'credit').reduce((sum, m) => sum + m.totalCents, 0),
      creditCreatedCents: rows.reduce((sum, r) => sum + Number(r.credit ?? 0), 0),
    });
  });

  router.get('/staff/families/:familyId/credit', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const family = await Family.findOne({ where: { id: param(req, 'familyId'), commune_id: commune.id }, attributes: ['id'] });
    if (!family) throw new HttpProblem(404, 'not_found');
    const entries = await FamilyCredit.findAll({ where: { commune_id: commune.id, family_id: family.id }, order: [['created_at', 'ASC']] });
    await auditRead(db, req, 'family_credit.read', { target: { type: 'family', id: family.id } });
    res.json({
      familyId: family.id,
      balanceCents: entries.reduce((sum, e) => sum + e.amount_cents, 0),
      entries: entries.map((e) => ({
        amountCents: e.amount_cents,
        reason: e.reason,
        paymentId: e.payment_id,
        createdAt: e.created_at.toISOString(),
      })),
    });
  });

  return router;
}
