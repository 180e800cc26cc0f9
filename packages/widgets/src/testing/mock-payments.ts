// The family's payment endpoints of the mock API (« Payer en ligne », « Mes paiements »), with
// the contract's paths, bodies and status codes.
import type { Payment } from '../core/types.js';
import { API, BASE, HttpResponse, http, problem, worker } from './mock-api.js';

export function samplePayment(n: number, overrides: Partial<Payment> = {}): Payment {
  return {
    id: `pay_${n}`,
    reference: `PAY2026${String(n).padStart(6, '0')}`,
    familyId: 'fam_1',
    familyNumber: 'F-0042',
    method: 'online',
    state: 'validated',
    amountCents: 8723,
    allocatedCents: 8723,
    creditedToAccountCents: 0,
    invoices: [
      { invoiceId: 'inv_12', invoiceNumber: '2026-00012', amountCents: 4362, allocatedCents: 4362 },
      { invoiceId: 'inv_11', invoiceNumber: '2026-00011', amountCents: 4361, allocatedCents: 4361 },
    ],
    createdAt: '2026-04-10T08:30:00.000Z',
    decidedAt: '2026-04-10T08:31:00.000Z',
    refusalReason: null,
    anomaly: null,
    reportedAmountCents: null,
    resolution: null,
    ...overrides,
  };
}

/** Installs the payment endpoints over `payments`; `confirmAs` is what confirming answers. Answers what they saw. */
export function usePaymentApi(payments: Payment[] = [], options: { creditCents?: number; confirmAs?: Partial<Payment> } = {}) {
  const seen = { created: [] as unknown[], keys: [] as string[], confirmed: [] as string[], receipts: [] as string[] };
  worker.use(
    http.get(`${API}${BASE}/payments`, () => HttpResponse.json({ items: payments, creditCents: options.creditCents ?? 0 })),
    http.post(`${API}${BASE}/payments`, async ({ request }) => {
      const body = (await request.json()) as { invoiceIds: string[]; returnUrl?: string };
      seen.created.push(body);
      seen.keys.push(request.headers.get('Idempotency-Key') ?? '');
      if (body.invoiceIds.includes('inv_busy')) return problem(409, 'payment_in_progress');
      const payment = samplePayment(99, { state: 'pending', allocatedCents: 0, decidedAt: null });
      return HttpResponse.json(
        { payment, redirect: { method: 'GET', url: `https://payfip.example/tpa/paiementws.web?idop=op_99`, fields: null } },
        { status: 201 },
      );
    }),
    http.post(`${API}${BASE}/payments/:paymentId/confirm`, ({ params }) => {
      seen.confirmed.push(String(params.paymentId));
      const found = payments.find((p) => p.id === params.paymentId);
      return found ? HttpResponse.json({ ...found, ...options.confirmAs }) : problem(404, 'not_found');
    }),
    http.get(`${API}${BASE}/payments/:paymentId/receipt`, ({ params, request }) => {
      seen.receipts.push(`${String(params.paymentId)} ${request.headers.get('Authorization') ?? ''}`);
      return new HttpResponse('%PDF-1.3\n%%EOF\n', { headers: { 'Content-Type': 'application/pdf' } });
    }),
  );
  return seen;
}
