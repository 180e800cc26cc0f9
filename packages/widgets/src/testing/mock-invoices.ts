// The family's invoice endpoints of the mock API (« Mes factures »), with the contract's
// paths, bodies and status codes.
import type { Invoice, InvoiceSummary } from '../core/types.js';
import { API, BASE, HttpResponse, http, problem, worker } from './mock-api.js';

export function sampleInvoice(n: number, overrides: Partial<Invoice> = {}): Invoice {
  const totalCents = 4350 + n;
  return {
    id: `inv_${n}`,
    number: `2026-${String(n).padStart(5, '0')}`,
    familyId: 'fam_1',
    familyNumber: 'F-0042',
    month: '2026-03',
    issuedOn: '2026-04-02',
    dueDate: '2026-05-02',
    state: 'to_pay',
    totalCents,
    creditedCents: 0,
    paidCents: 0,
    dueCents: totalCents,
    lines: [
      {
        childId: 'c_1',
        childName: 'Léa Dupont',
        activityId: 'act_cantine',
        label: 'Cantine',
        quantity: 15,
        unitPriceCents: 290,
        amountCents: 4350,
      },
      { childId: null, childName: null, activityId: null, label: 'Adhésion annuelle', quantity: 1, unitPriceCents: n, amountCents: n },
    ],
    creditNotes: [],
    replacesInvoiceId: null,
    ...overrides,
  };
}

function summary(invoice: Invoice): InvoiceSummary {
  const { lines: _lines, creditNotes: _notes, replacesInvoiceId: _replaces, ...rest } = invoice;
  return rest;
}

/** Installs the invoice endpoints over `invoices` (newest first); answers what they saw. */
export function useInvoiceApi(invoices: Invoice[] = []) {
  const seen = { pdf: [] as string[], creditNotePdf: [] as string[] };
  worker.use(
    http.get(`${API}${BASE}/invoices`, ({ request }) => {
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const items = invoices.slice(start, start + limit).map(summary);
      const next = start + limit < invoices.length ? String(start + limit) : null;
      return HttpResponse.json({ items, nextCursor: next });
    }),
    http.get(`${API}${BASE}/invoices/:invoiceId`, ({ params }) => {
      const found = invoices.find((i) => i.id === params.invoiceId);
      return found ? HttpResponse.json(found) : problem(404, 'not_found');
    }),
    http.get(`${API}${BASE}/invoices/:invoiceId/pdf`, ({ params, request }) => {
      seen.pdf.push(`${String(params.invoiceId)} ${request.headers.get('Authorization') ?? ''}`);
      return new HttpResponse('%PDF-1.3\n%%EOF\n', { headers: { 'Content-Type': 'application/pdf' } });
    }),
    http.get(`${API}${BASE}/credit-notes/:creditNoteId/pdf`, ({ params, request }) => {
      const known = invoices.some((i) => i.creditNotes.some((c) => c.id === params.creditNoteId));
      if (!known) return problem(404, 'not_found');
      seen.creditNotePdf.push(`${String(params.creditNoteId)} ${request.headers.get('Authorization') ?? ''}`);
      return new HttpResponse('%PDF-1.3\n%%EOF\n', { headers: { 'Content-Type': 'application/pdf' } });
    }),
  );
  return seen;
}
