// « Mes informations »: a mock of the contract's profile and change-request operations,
// keeping what the widget sends so a test can check it.

import type { ChangeProposal, ChangeRequest, Family } from '@portail-famille/sdk';
import { API, BASE, family, HttpResponse, http, problem, worker } from './mock-api.js';

export interface ProfileApiLog {
  contact: unknown[];
  emails: string[];
  created: { change: ChangeProposal; comment?: string }[];
  uploads: { name: string | null; type: string; size: number }[];
}

export function sampleChangeRequest(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id: 'cr_1',
    familyId: 'fam_1',
    familyNumber: 'F-0042',
    change: { kind: 'family_status', familyStatus: 'separated' },
    comment: null,
    status: 'pending',
    staffComment: null,
    attachments: [],
    createdAt: '2026-03-02T09:30:00+01:00',
    decidedAt: null,
    ...overrides,
  };
}

/**
 * A family with a health sheet and an authorised person; `requests` is « Mes demandes ».
 * Uploads whose first bytes are not `%PDF` are refused as the server does (415).
 */
export function useProfileApi(options: { family?: Family; requests?: ChangeRequest[] } = {}): ProfileApiLog {
  const log: ProfileApiLog = { contact: [], emails: [], created: [], uploads: [] };
  let current: Family = structuredClone(
    options.family ?? {
      ...family,
      familyStatus: 'married',
      sharedCustody: null,
      authorisedPersons: [{ id: 'ap_1', name: 'Jeanne Martin', relation: 'grand-mère', phone: '06 11 22 33 44' }],
      children: family.children.map((c, i) => ({
        ...c,
        healthSheet:
          i === 0
            ? { allergies: 'Arachide', pai: true, doctorName: 'Dr Morel', doctorPhone: '02 40 12 34 56', vaccinationsUpToDate: true }
            : null,
      })),
    },
  );
  const requests: ChangeRequest[] = [...(options.requests ?? [])];
  worker.use(
    http.get(`${API}${BASE}/family`, () => HttpResponse.json(current)),
    http.get(`${API}${BASE}/family/change-requests`, () => HttpResponse.json({ items: requests })),
    http.patch(`${API}${BASE}/family/contact`, async ({ request }) => {
      const body = (await request.json()) as { phone?: string | null; address?: Family['address'] };
      log.contact.push(body);
      const [first, ...others] = current.guardians;
      current = {
        ...current,
        ...(body.address ? { address: { ...body.address, line2: body.address.line2 ?? null } } : {}),
        guardians: first ? [{ ...first, phone: body.phone ?? null }, ...others] : others,
      };
      return HttpResponse.json(current);
    }),
    http.post(`${API}${BASE}/family/email-change`, async ({ request }) => {
      const { email } = (await request.json()) as { email: string };
      log.emails.push(email);
      return HttpResponse.json(
        { pendingEmail: email.toLowerCase(), expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
        { status: 202 },
      );
    }),
    http.post(`${API}${BASE}/family/change-requests`, async ({ request }) => {
      const body = (await request.json()) as { change: ChangeProposal; comment?: string };
      log.created.push(body);
      const created = sampleChangeRequest({
        id: `cr_${requests.length + 100}`,
        change: body.change,
        comment: body.comment ?? null,
        createdAt: new Date().toISOString(),
      });
      requests.unshift(created);
      return HttpResponse.json(created, { status: 201 });
    }),
    http.post(`${API}${BASE}/change-requests/:id/attachments`, async ({ request, params }) => {
      const bytes = new Uint8Array(await request.arrayBuffer());
      const name = request.headers.get('X-PF-Filename');
      log.uploads.push({
        name: name ? decodeURIComponent(name) : null,
        type: request.headers.get('Content-Type') ?? '',
        size: bytes.length,
      });
      if (String.fromCharCode(...bytes.slice(0, 4)) !== '%PDF') return problem(415, 'file_type_not_allowed');
      const target = requests.find((r) => r.id === params.id);
      if (!target) return problem(404, 'not_found');
      target.attachments.push({
        id: `att_${target.attachments.length + 1}`,
        name: name ? decodeURIComponent(name) : 'document.pdf',
        mediaType: 'application/pdf',
        size: bytes.length,
        sha256: '0'.repeat(64),
        uploadedAt: new Date().toISOString(),
      });
      return HttpResponse.json(target, { status: 201 });
    }),
  );
  return log;
}
