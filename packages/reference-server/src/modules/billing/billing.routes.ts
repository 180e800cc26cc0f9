import { randomUUID } from 'node:crypto';
import { type Request, type Response, Router } from 'express';
import { Op, type WhereOptions } from 'sequelize';
import type { AppContext } from '../../app-context.js';
import { authOf, communeOf, param } from '../../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/cursor.js';
import { once } from '../../platform/http/idempotency.js';
import { HttpProblem } from '../../platform/http/problem.js';
import { requireGuardian, requireStaff } from '../accounts/auth.middleware.js';
import { audit, auditRead } from '../audit/audit.js';
import { Activity } from '../bookings/booking.models.js';
import type { Commune } from '../communes/commune.model.js';
import { Family } from '../families/family.models.js';
import { familyIdOf } from '../families/serialize.js';
import { ActivityTariff, BillingSettings, CreditNote, FlatFee, Invoice } from './billing.models.js';
import { announceInvoices, runBilling, settingsOf } from './billing-run.js';
import { creditNotePdf } from './credit-note-pdf.js';
import { type CreditNoteInput, issueCreditNote } from './credit-notes.js';
import { invoicePdf } from './invoice-pdf.js';
import { issuerOf } from './issuer.js';
import { type Bracket, gridProblem } from './rules/pricing.js';
import { invoiceDetails, toCreditNote, toInvoice, toInvoiceSummary } from './serialize.js';

const billingStaff = requireStaff('admin', 'billing');

const toFee = (f: FlatFee) => ({ id: f.id, label: f.label, amountCents: f.amount_cents, frequency: f.frequency });
const toSettings = (s: BillingSettings) => ({
  paymentTermDays: s.payment_term_days,
  billUnbookedAttendance: Boolean(s.bill_unbooked_attendance),
  issuerAddress: s.issuer_address,
  autoRunDay: s.auto_run_day ?? null,
});

/** One page of invoices, newest number first; the cursor is the last number seen. */
async function invoicePage(req: Request, where: WhereOptions[]) {
  const query = req.query as { limit?: string | number; cursor?: string };
  const limit = Number(query.limit ?? 20);
  const conditions = [...where];
  if (query.cursor) {
    const before = decodeCursor(query.cursor);
    if (!/^\d{4}-\d{5,}$/.test(before)) throw new HttpProblem(400, 'validation_failed', 'Unknown cursor.');
    conditions.push({ number: { [Op.lt]: before } });
  }
  // Numbers sort as strings: a fixed 4-digit year, then at least 5 digits (zero-padded).
  const rows = await Invoice.findAll({ where: { [Op.and]: conditions }, order: [['number', 'DESC']], limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toInvoiceSummary), nextCursor: rows.length > limit && last ? encodeCursor(last.number) : null };
}

async function sendPdf(res: Response, commune: Commune, invoice: Invoice) {
  const [{ lines, notes }, issuer] = await Promise.all([invoiceDetails(invoice), issuerOf(commune)]);
  const pdf = await invoicePdf(commune, issuer, invoice, lines, notes);
  res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="facture-${invoice.number}.pdf"`).send(pdf);
}

/** The credit note as a PDF; `invoice` is the one it corrects. */
async function sendCreditNotePdf(res: Response, commune: Commune, note: CreditNote, invoice: Invoice) {
  const [{ lines, notes }, issuer] = await Promise.all([invoiceDetails(invoice), issuerOf(commune)]);
  const earlier = notes.slice(
    0,
    notes.findIndex((n) => n.id === note.id),
  );
  const pdf = await creditNotePdf(commune, issuer, note, invoice, lines, earlier);
  res.type('application/pdf').setHeader('Content-Disposition', `attachment; filename="avoir-${note.number}.pdf"`).send(pdf);
}

/** A commune's credit note and the invoice it corrects — of one family when `familyId` is given; 404 otherwise. */
async function creditNoteOf(communeId: string, creditNoteId: string, familyId?: string): Promise<{ note: CreditNote; invoice: Invoice }> {
  const note = await CreditNote.findOne({ where: { id: creditNoteId, commune_id: communeId } });
  const invoice = note
    ? await Invoice.findOne({ where: { id: note.invoice_id, commune_id: communeId, ...(familyId ? { family_id: familyId } : {}) } })
    : null;
  if (!note || !invoice) throw new HttpProblem(404, 'not_found');
  return { note, invoice };
}

export function billingRoutes(ctx: AppContext): Router {
  const { db } = ctx;
  const router = Router({ mergeParams: true });

  // --- the family (« Mes factures ») ------------------------------------------------------
  const myInvoice = async (req: Request) => {
    const commune = communeOf(req);
    const familyId = await familyIdOf(commune.id, authOf(req).account);
    const invoice = await Invoice.findOne({ where: { id: param(req, 'invoiceId'), commune_id: commune.id, family_id: familyId } });
    if (!invoice) throw new HttpProblem(404, 'not_found');
    return invoice;
  };

  router.get('/invoices', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const familyId = await familyIdOf(commune.id, authOf(req).account);
    res.json(await invoicePage(req, [{ commune_id: commune.id, family_id: familyId }]));
  });

  router.get('/invoices/:invoiceId', requireGuardian, async (req, res) => {
    res.json(await toInvoice(await myInvoice(req)));
  });

  router.get('/invoices/:invoiceId/pdf', requireGuardian, async (req, res) => {
    await sendPdf(res, communeOf(req), await myInvoice(req));
  });

  router.get('/credit-notes/:creditNoteId/pdf', requireGuardian, async (req, res) => {
    const commune = communeOf(req);
    const familyId = await familyIdOf(commune.id, authOf(req).account);
    const { note, invoice } = await creditNoteOf(commune.id, param(req, 'creditNoteId'), familyId);
    await sendCreditNotePdf(res, commune, note, invoice);
  });

  // --- staff: the price grid and settings -----------------------------------------------
  router.get('/staff/tariffs', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const [activities, tariffs, fees] = await Promise.all([
      Activity.findAll({ where: { commune_id: commune.id }, order: [['position', 'ASC']] }),
      ActivityTariff.findAll({ where: { commune_id: commune.id } }),
      FlatFee.findAll({ where: { commune_id: commune.id, active: true }, order: [['created_at', 'ASC']] }),
    ]);
    res.json({
      activities: activities.map((a) => ({
        activityId: a.id,
        activityName: a.name,
        unit: a.unit,
        brackets: tariffs.find((t) => t.activity_id === a.id)?.bracketList ?? null,
      })),
      flatFees: fees.map(toFee),
    });
  });

  router.put('/staff/activities/:activityId/tariff', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const { brackets } = req.body as { brackets: Bracket[] };
    const problem = gridProblem(brackets);
    if (problem) throw new HttpProblem(400, 'validation_failed', problem);
    const activity = await Activity.findOne({ where: { id: param(req, 'activityId'), commune_id: commune.id } });
    if (!activity) throw new HttpProblem(404, 'not_found');
    const clean = brackets.map((b) => ({ upToQuotient: b.upToQuotient, unitPriceCents: b.unitPriceCents }));
    await db.write(async (transaction) => {
      await ActivityTariff.upsert(
        { activity_id: activity.id, commune_id: commune.id, brackets: JSON.stringify(clean), updated_at: new Date() },
        { transaction },
      );
      await audit(
        {
          communeId: commune.id,
          actorId: authOf(req).account.id,
          action: 'tariff.set',
          target: { type: 'activity', id: activity.id },
          ip: req.ip,
        },
        transaction,
      );
    });
    res.json({ activityId: activity.id, activityName: activity.name, unit: activity.unit, brackets: clean });
  });

  router.post('/staff/flat-fees', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const body = req.body as { label: string; amountCents: number; frequency: 'yearly' | 'monthly' };
    const fee = await db.write(async (transaction) => {
      const created = await FlatFee.create(
        {
          id: randomUUID(),
          commune_id: commune.id,
          label: body.label,
          amount_cents: body.amountCents,
          frequency: body.frequency,
          active: true,
          created_at: new Date(),
        },
        { transaction },
      );
      await audit(
        {
          communeId: commune.id,
          actorId: authOf(req).account.id,
          action: 'flat_fee.created',
          target: { type: 'flat_fee', id: created.id },
        },
        transaction,
      );
      return created;
    });
    res.status(201).json(toFee(fee));
  });

  router.delete('/staff/flat-fees/:feeId', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const retired = await db.write(async (transaction) => {
      const [count] = await FlatFee.update({ active: false }, { where: { id: param(req, 'feeId'), commune_id: commune.id }, transaction });
      if (count === 0) return false;
      await audit(
        {
          communeId: commune.id,
          actorId: authOf(req).account.id,
          action: 'flat_fee.retired',
          target: { type: 'flat_fee', id: param(req, 'feeId') },
        },
        transaction,
      );
      return true;
    });
    if (!retired) throw new HttpProblem(404, 'not_found');
    res.status(204).end();
  });

  router.get('/staff/billing-settings', billingStaff, async (req, res) => {
    res.json(toSettings(await settingsOf(communeOf(req).id)));
  });

  router.put('/staff/billing-settings', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const body = req.body as {
      paymentTermDays: number;
      billUnbookedAttendance: boolean;
      issuerAddress: string | null;
      autoRunDay?: number | null;
    };
    const settings = await db.write(async (transaction) => {
      await BillingSettings.upsert(
        {
          commune_id: commune.id,
          payment_term_days: body.paymentTermDays,
          bill_unbooked_attendance: body.billUnbookedAttendance,
          issuer_address: body.issuerAddress,
          auto_run_day: body.autoRunDay ?? null,
        },
        { transaction },
      );
      await audit({ communeId: commune.id, actorId: authOf(req).account.id, action: 'billing_settings.set', ip: req.ip }, transaction);
      return settingsOf(commune.id, transaction);
    });
    res.json(toSettings(settings));
  });

  router.put('/staff/families/:familyId/quotient-familial', requireStaff('admin', 'agent', 'billing'), async (req, res) => {
    const commune = communeOf(req);
    const { quotientFamilial } = req.body as { quotientFamilial: number | null };
    const familyId = param(req, 'familyId');
    const updated = await db.write(async (transaction) => {
      const [count] = await Family.update(
        { quotient_familial: quotientFamilial },
        { where: { id: familyId, commune_id: commune.id }, transaction },
      );
      if (count === 0) return false;
      await audit(
        {
          communeId: commune.id,
          actorId: authOf(req).account.id,
          action: 'family.quotient_set',
          target: { type: 'family', id: familyId },
          ip: req.ip,
        },
        transaction,
      );
      return true;
    });
    if (!updated) throw new HttpProblem(404, 'not_found');
    res.json({ familyId, quotientFamilial });
  });

  // --- staff: runs, invoices, credit notes -------------------------------------------
  router.post('/staff/billing-runs', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const { month } = req.body as { month: string };
    const result = await runBilling(ctx, commune, { month, actorId: authOf(req).account.id, ip: req.ip });
    res.status(201).json({
      id: result.run.id,
      number: result.run.number,
      month: result.run.month,
      invoiceCount: result.run.invoice_count,
      totalCents: result.run.total_cents,
      invoiceNumbers: result.invoiceNumbers.slice(0, 20),
    });
  });

  router.get('/staff/invoices', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const query = req.query as { familyId?: string; month?: string; state?: string };
    const where: WhereOptions[] = [{ commune_id: commune.id }];
    if (query.familyId) where.push({ family_id: query.familyId });
    if (query.month) where.push({ month: query.month });
    if (query.state) where.push({ state: query.state });
    const page = await invoicePage(req, where);
    await auditRead(db, req, 'invoice.listed');
    res.json(page);
  });

  const staffInvoice = async (req: Request, action: string) => {
    const commune = communeOf(req);
    const invoice = await Invoice.findOne({ where: { id: param(req, 'invoiceId'), commune_id: commune.id } });
    if (!invoice) throw new HttpProblem(404, 'not_found');
    await db.write((t) =>
      audit({ communeId: commune.id, actorId: authOf(req).account.id, action, target: { type: 'invoice', id: invoice.id }, ip: req.ip }, t),
    );
    return invoice;
  };

  router.get('/staff/invoices/:invoiceId', billingStaff, async (req, res) => {
    res.json(await toInvoice(await staffInvoice(req, 'invoice.read')));
  });

  router.get('/staff/invoices/:invoiceId/pdf', billingStaff, async (req, res) => {
    await sendPdf(res, communeOf(req), await staffInvoice(req, 'invoice.pdf_read'));
  });

  router.get('/staff/credit-notes/:creditNoteId/pdf', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const { note, invoice } = await creditNoteOf(commune.id, param(req, 'creditNoteId'));
    await auditRead(db, req, 'credit_note.pdf_read', { target: { type: 'credit_note', id: note.id }, familyId: invoice.family_id });
    await sendCreditNotePdf(res, commune, note, invoice);
  });

  router.post('/staff/invoices/:invoiceId/credit-notes', billingStaff, async (req, res) => {
    const commune = communeOf(req);
    const actor = authOf(req).account;
    const input = req.body as CreditNoteInput;
    const invoiceId = param(req, 'invoiceId');
    let newInvoiceIds: string[] = [];
    const answer = await once(
      db,
      { communeId: commune.id, accountId: actor.id, key: req.get('Idempotency-Key'), request: { invoiceId, input } },
      async (transaction) => {
        const result = await issueCreditNote({ communeId: commune.id, invoiceId, actorId: actor.id, input, ip: req.ip }, transaction);
        newInvoiceIds = result.corrected?.invoiceIds ?? [];
        const correctedInvoice = newInvoiceIds[0] ? await Invoice.findOne({ where: { id: newInvoiceIds[0] }, transaction }) : null;
        return {
          status: 201,
          body: {
            creditNote: toCreditNote(result.creditNote),
            invoice: await toInvoice(result.invoice, transaction),
            correctedInvoice: correctedInvoice ? await toInvoice(correctedInvoice, transaction) : null,
          },
        };
      },
    );
    announceInvoices(ctx, commune, newInvoiceIds);
    res.status(answer.status).json(answer.body);
  });

  return router;
}
