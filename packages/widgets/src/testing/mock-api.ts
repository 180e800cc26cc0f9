// A mock of the Portail Famille API (the contract's paths and problem+json bodies),
// served by msw's service worker inside the test page.

import type { CommunePublic, Family, Me } from '@portail-famille/sdk';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { setupWorker } from 'msw/browser';

export const BASE = '/v1/communes/:commune';
export const API = globalThis.location.origin;
export const GOOD_PASSWORD = 'une phrase assez longue';
export const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz012345';

let counter = 0;
/** A commune slug of its own per test, so sessions never leak between tests. */
export function freshCommune(): string {
  counter += 1;
  return `commune-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function communeInfo(slug: string, overrides: Partial<CommunePublic> = {}): CommunePublic {
  return {
    slug,
    name: 'Val-de-Loire',
    logoUrl: null,
    banner: null,
    contact: { serviceName: 'Service Enfance Jeunesse', email: 'enfance@val-de-loire.fr', phone: '02 40 00 00 00' },
    passwordPolicy: { minLength: 12, maxLength: 256 },
    defaultLocale: 'fr',
    ...overrides,
  };
}

export function guardianAccount(commune: string, overrides: Partial<Me> = {}): Me {
  return {
    id: 'acc_1',
    identifier: 'marie.dupont',
    kind: 'guardian',
    roles: [],
    displayName: 'Marie Dupont',
    familyId: 'fam_1',
    commune,
    ...overrides,
  };
}

export const family: Family = {
  id: 'fam_1',
  number: 'F-0042',
  address: { line1: '3 rue des Écoles', line2: null, postalCode: '44000', city: 'Val-de-Loire' },
  quotientFamilial: 650,
  guardians: [
    { id: 'g_1', firstName: 'Marie', lastName: 'Dupont', relation: 'mother', email: 'marie@example.fr', phone: '06 00 00 00 01' },
  ],
  children: [
    { id: 'c_1', firstName: 'Léa', lastName: 'Dupont', birthDate: '2018-03-09', school: 'École Jules Ferry', grade: 'CP' },
    { id: 'c_2', firstName: 'Tom', lastName: 'Dupont', birthDate: '2021-11-30', school: null, grade: null },
  ],
};

export function session(account: Me) {
  return {
    accessToken: `at_${account.id}`,
    tokenType: 'Bearer' as const,
    expiresIn: 900,
    expiresAt: new Date(Date.now() + 900_000).toISOString(),
    account,
  };
}

/** A problem+json response as the server sends it. */
export function problem(status: number, code: string, extra: Record<string, unknown> = {}): HttpResponse<string> {
  return new HttpResponse(JSON.stringify({ type: `https://portail-famille.dev/problems/${code}`, title: code, status, code, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/** The default behaviour: one guardian `marie.dupont` whose password is GOOD_PASSWORD; no session cookie. */
const defaults: HttpHandler[] = [
  http.get(`${API}${BASE}`, ({ params }) => HttpResponse.json(communeInfo(String(params.commune)))),
  // No cookie, nothing to restore: 204, as the contract says.
  http.post(`${API}${BASE}/auth/refresh`, () => new HttpResponse(null, { status: 204 })),
  http.post(`${API}${BASE}/auth/logout`, () => new HttpResponse(null, { status: 204 })),
  http.post(`${API}${BASE}/auth/login`, async ({ request, params }) => {
    const body = (await request.json()) as { identifier: string; password: string };
    if (body.identifier === 'marie.dupont' && body.password === GOOD_PASSWORD) {
      return HttpResponse.json(session(guardianAccount(String(params.commune))));
    }
    return problem(401, 'invalid_credentials');
  }),
  http.post(`${API}${BASE}/auth/forgot`, () => new HttpResponse(null, { status: 202 })),
  http.post(`${API}${BASE}/auth/activate`, () => HttpResponse.json({ identifier: 'marie.dupont' })),
  http.post(`${API}${BASE}/auth/reset-password`, () => HttpResponse.json({ identifier: 'marie.dupont' })),
  http.get(`${API}${BASE}/family`, () => HttpResponse.json(family)),
  http.get(`${API}${BASE}/family/change-requests`, () => HttpResponse.json({ items: [] })),
];

export const worker = setupWorker(...defaults);

export async function startMockApi(): Promise<void> {
  await worker.start({ quiet: true, onUnhandledRequest: 'error' });
}

export { HttpResponse, http };
