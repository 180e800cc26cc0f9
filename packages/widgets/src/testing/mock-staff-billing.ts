// The staff billing and payment endpoints of the mock API (« Facturation », « Encaissements »),
// with the contract's paths, bodies, status codes and problem codes, over a small in-memory state.
import type { BillingRun, CollectionReport, CreditNoteInput, Me, PaymentResolutionInput } from '@portail-famille/sdk';
import type { Invoice, InvoiceSummary, Payment } from '../core/types.js';
import { deepQueryAll, mount, waitFor } from './dom.js';
import { API, BASE, freshCommune, HttpResponse, http, problem, worker } from './mock-api.js';
import { sampleInvoice } from './mock-invoices.js';
import { samplePayment } from './mock-payments.js';
import { STAFF_PASSWORD, type StaffApi, staffAccount, useStaffApi } from './mock-staff.js';
import { signIn } from './setup.js';

export interface StaffBillingApi {
  invoices: Invoice[];
  payments: Payment[];
  /** Each family's credit, in cents. */
  credits: Record<string, number>;
  /** What the next billing run answers. */
  run: Omit<BillingRun, 'month'>;
  /** The next settlement answers 409 payment_not_flagged (a colleague was quicker). */
  settledElsewhere: boolean;
  /** The bodies received, with their Idempotency-Key. */
  runs: { month: string }[];
  creditNotes: { invoiceId: string; body: CreditNoteInput; key: string }[];
  deskPayments: { body: Record<string, unknown>; key: string }[];
  resolutions: { paymentId: string; body: PaymentResolutionInput; key: string }[];
}

/** Invoices of the console's sample families (F-0001 Moreau, F-0002 Martin), newest first. */
export function sampleStaffInvoices(): Invoice[] {
  return [
    sampleInvoice(14, { familyId: 'fam_martin', familyNumber: 'F-0002', month: '2026-03' }),
    sampleInvoice(13, { familyId: 'fam_moreau', familyNumber: 'F-0001', month: '2026-03' }),
    sampleInvoice(12, {
      familyId: 'fam_moreau',
      familyNumber: 'F-0001',
      month: '2026-02',
      state: 'paid',
      paidCents: 4362,
      dueCents: 0,
    }),
  ];
}

/** A cheque, and an online payment the provider reported with 1,00 € more than asked (flagged). */
export function sampleStaffPayments(): Payment[] {
  return [
    samplePayment(21, {
      familyId: 'fam_martin',
      familyNumber: 'F-0002',
      state: 'pending',
      amountCents: 3000,
      allocatedCents: 0,
      decidedAt: null,
      anomaly: 'mismatch',
      reportedAmountCents: 3100,
      invoices: [{ invoiceId: 'inv_14', invoiceNumber: '2026-00014', amountCents: 3000, allocatedCents: 0 }],
    }),
    samplePayment(20, {
      familyId: 'fam_moreau',
      familyNumber: 'F-0001',
      method: 'cheque',
      amountCents: 4362,
      allocatedCents: 4362,
      invoices: [{ invoiceId: 'inv_12', invoiceNumber: '2026-00012', amountCents: 4362, allocatedCents: 4362 }],
    }),
  ];
}

function summary(invoice: Invoice): InvoiceSummary {
  const { lines: _lines, creditNotes: _notes, replacesInvoiceId: _replaces, ...rest } = invoice;
  return rest;
}

function stateOf(i: Invoice): Invoice['state'] {
  if (i.state === 'cancelled') return 'cancelled';
  if (i.dueCents === 0) return 'paid';
  return i.paidCents > 0 ? 'partly_paid' : 'to_pay';
}

/** Serves the staff billing endpoints (roles admin, billing) over `state`; the calls go to `staff.calls`. */
export function useStaffBillingApi(account: Me, staff: StaffApi, state: Partial<StaffBillingApi> = {}): StaffBillingApi {
  const api: StaffBillingApi = {
    invoices: state.invoices ?? sampleStaffInvoices(),
    payments: state.payments ?? sampleStaffPayments(),
    credits: state.credits ?? { fam_moreau: 1500 },
    run: state.run ?? { id: 'run_3', number: 3, invoiceCount: 2, totalCents: 9250, invoiceNumbers: ['2026-00015', '2026-00016'] },
    settledElsewhere: state.settledElsewhere ?? false,
    runs: [],
    creditNotes: [],
    deskPayments: [],
    resolutions: [],
  };
  const record = (request: Request): void => {
    const url = new URL(request.url);
    staff.calls.push(`${request.method} ${url.pathname.replace(/^\/v1\/communes\/[^/]+/, '')}${url.search}`);
  };
  const billing = (): boolean => account.roles.some((r) => r === 'admin' || r === 'billing');
  const key = (request: Request): string => request.headers.get('Idempotency-Key') ?? '';
  let paymentCount = 100;

  worker.use(
    http.post(`${API}${BASE}/staff/billing-runs`, async ({ request }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      const body = (await request.json()) as { month: string };
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(body.month)) return problem(400, 'validation_failed');
      api.runs.push(body);
      return HttpResponse.json({ ...api.run, month: body.month }, { status: 201 });
    }),
    http.get(`${API}${BASE}/staff/invoices`, ({ request }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      const url = new URL(request.url);
      const q = (name: string) => url.searchParams.get(name);
      const limit = Number(q('limit') ?? 20);
      const start = Number(q('cursor') ?? 0);
      const matching = api.invoices.filter(
        (i) =>
          (!q('month') || i.month === q('month')) &&
          (!q('state') || i.state === q('state')) &&
          (!q('familyId') || i.familyId === q('familyId')),
      );
      const items = matching.slice(start, start + limit).map(summary);
      return HttpResponse.json({ items, nextCursor: start + limit < matching.length ? String(start + limit) : null });
    }),
    http.get(`${API}${BASE}/staff/invoices/:invoiceId`, ({ request, params }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      const found = api.invoices.find((i) => i.id === params.invoiceId);
      return found ? HttpResponse.json(found) : problem(404, 'not_found');
    }),
    http.get(`${API}${BASE}/staff/invoices/:invoiceId/pdf`, ({ request }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      return new HttpResponse('%PDF-1.3\n%%EOF\n', { headers: { 'Content-Type': 'application/pdf' } });
    }),
    http.post(`${API}${BASE}/staff/invoices/:invoiceId/credit-notes`, async ({ request, params }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      const invoice = api.invoices.find((i) => i.id === params.invoiceId);
      if (!invoice) return problem(404, 'not_found');
      const body = (await request.json()) as CreditNoteInput;
      api.creditNotes.push({ invoiceId: invoice.id, body, key: key(request) });
      const amount = body.kind === 'partial' ? body.amountCents : invoice.dueCents;
      if (invoice.state === 'cancelled' || invoice.dueCents === 0) return problem(409, 'invoice_not_creditable');
      if (amount > invoice.dueCents) return problem(409, 'credit_note_too_large');
      const creditNote = {
        id: `cn_${api.creditNotes.length}`,
        number: `AV-2026-0000${api.creditNotes.length}`,
        invoiceId: invoice.id,
        issuedOn: '2026-04-20',
        amountCents: amount,
        kind: body.kind,
        reason: body.reason,
      };
      invoice.creditedCents += amount;
      invoice.dueCents -= amount;
      invoice.creditNotes = [...invoice.creditNotes, creditNote];
      invoice.state = body.kind === 'cancel' ? 'cancelled' : stateOf(invoice);
      return HttpResponse.json({ creditNote, invoice, correctedInvoice: null }, { status: 201 });
    }),
    http.get(`${API}${BASE}/staff/payments`, ({ request }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      const url = new URL(request.url);
      const wanted = url.searchParams.get('state');
      const flagged = url.searchParams.get('anomaly') === 'true';
      // Newest first by reference, page by page, as the server does (the cursor is the last reference seen).
      const after = url.searchParams.get('cursor');
      const items = api.payments
        .filter((p) => (!wanted || p.state === wanted) && (!flagged || p.anomaly !== null))
        .sort((a, b) => b.reference.localeCompare(a.reference))
        .filter((p) => !after || p.reference < after);
      const page = items.slice(0, Number(url.searchParams.get('limit') ?? 20));
      const last = page.at(-1);
      return HttpResponse.json({ items: page, nextCursor: items.length > page.length && last ? last.reference : null });
    }),
    http.post(`${API}${BASE}/staff/payments`, async ({ request }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      const body = (await request.json()) as {
        familyId: string;
        method: Payment['method'];
        amountCents: number;
        invoiceIds: string[];
        receivedOn: string;
        reference?: string;
      };
      api.deskPayments.push({ body, key: key(request) });
      if (body.method === 'credit' && (api.credits[body.familyId] ?? 0) < body.amountCents) return problem(409, 'insufficient_credit');
      let left = body.amountCents;
      const lines = body.invoiceIds.map((id) => {
        const invoice = api.invoices.find((i) => i.id === id);
        const taken = Math.min(left, invoice?.dueCents ?? 0);
        left -= taken;
        if (invoice) {
          invoice.paidCents += taken;
          invoice.dueCents -= taken;
          invoice.state = stateOf(invoice);
        }
        return { invoiceId: id, invoiceNumber: invoice?.number ?? '', amountCents: taken, allocatedCents: taken };
      });
      if (body.method === 'credit') api.credits[body.familyId] = (api.credits[body.familyId] ?? 0) - body.amountCents;
      else api.credits[body.familyId] = (api.credits[body.familyId] ?? 0) + left;
      paymentCount += 1;
      const payment = samplePayment(paymentCount, {
        familyId: body.familyId,
        familyNumber: staff.families.find((f) => f.id === body.familyId)?.number ?? '',
        method: body.method,
        amountCents: body.amountCents,
        allocatedCents: body.amountCents - left,
        creditedToAccountCents: body.method === 'credit' ? 0 : left,
        invoices: lines,
        createdAt: new Date().toISOString(),
      });
      api.payments.unshift(payment);
      return HttpResponse.json(payment, { status: 201 });
    }),
    http.post(`${API}${BASE}/staff/payments/reconcile`, ({ request }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      return HttpResponse.json({ checked: 1, validated: 0, refused: 0, pending: 0, anomalies: 1 });
    }),
    http.get(`${API}${BASE}/staff/payments/report`, ({ request }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      const url = new URL(request.url);
      const methods: Payment['method'][] = ['online', 'cheque', 'cash', 'cesu', 'card_desk', 'credit'];
      const validated = api.payments.filter((p) => p.state === 'validated');
      const byMethod = methods.map((method) => {
        const of = validated.filter((p) => p.method === method);
        return { method, count: of.length, totalCents: of.reduce((sum, p) => sum + p.amountCents, 0) };
      });
      const report: CollectionReport = {
        from: url.searchParams.get('from') ?? '2026-04-01',
        to: url.searchParams.get('to') ?? '2026-04-30',
        byMethod,
        totalCents: byMethod.filter((m) => m.method !== 'credit').reduce((sum, m) => sum + m.totalCents, 0),
        creditCreatedCents: validated.reduce((sum, p) => sum + p.creditedToAccountCents, 0),
      };
      return HttpResponse.json(report);
    }),
    http.post(`${API}${BASE}/staff/payments/:paymentId/resolution`, async ({ request, params }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      const payment = api.payments.find((p) => p.id === params.paymentId);
      if (!payment) return problem(404, 'not_found');
      const body = (await request.json()) as PaymentResolutionInput;
      api.resolutions.push({ paymentId: payment.id, body, key: key(request) });
      if (!body.comment?.trim()) return problem(400, 'validation_failed');
      if (api.settledElsewhere || payment.state !== 'pending' || payment.resolution !== null) {
        // What the colleague decided shows when the list reloads.
        Object.assign(payment, {
          state: 'refused',
          refusalReason: 'rejected',
          resolution: {
            decision: 'rejected',
            comment: 'Aucun versement au relevé',
            resolvedAt: '2026-04-20T09:00:00.000Z',
            resolvedBy: { accountId: 'acc_other', displayName: 'Régie bis' },
          },
        });
        return problem(409, 'payment_not_flagged');
      }
      const resolution = {
        decision: body.decision === 'accept' ? ('accepted' as const) : ('rejected' as const),
        comment: body.comment.trim(),
        resolvedAt: '2026-04-20T09:00:00.000Z',
        resolvedBy: { accountId: account.id, displayName: account.displayName },
      };
      if (body.decision === 'accept') {
        const due = payment.invoices.reduce((sum, l) => sum + l.amountCents, 0);
        const allocated = Math.min(due, body.amountCents);
        Object.assign(payment, {
          state: 'validated',
          amountCents: body.amountCents,
          allocatedCents: allocated,
          creditedToAccountCents: body.amountCents - allocated,
          resolution,
        });
      } else {
        Object.assign(payment, { state: 'refused', refusalReason: 'rejected', resolution });
      }
      return HttpResponse.json(payment);
    }),
    http.get(`${API}${BASE}/staff/families/:familyId/credit`, ({ request, params }) => {
      record(request);
      if (!billing()) return problem(403, 'forbidden');
      const familyId = String(params.familyId);
      return HttpResponse.json({ familyId, balanceCents: api.credits[familyId] ?? 0, entries: [] });
    }),
  );
  return api;
}

/** The console mounted and signed in as a staff member with `roles`, over the staff and billing mocks. */
export async function signedInConsole(roles: Me['roles'], state: Partial<StaffBillingApi> = {}) {
  const commune = freshCommune();
  const account = staffAccount(commune, roles, 'regie.durand');
  const staff = useStaffApi(account);
  const api = useStaffBillingApi(account, staff, state);
  const element = mount('pf-staff-console', { api: API, commune });
  const root = element.shadowRoot as ShadowRoot;
  await waitFor(() => deepQueryAll(root, 'form').length > 0);
  await signIn(root, account.identifier, STAFF_PASSWORD);
  await waitFor(() => root.querySelector('#list-status'));
  return { element, staff, api, root };
}
