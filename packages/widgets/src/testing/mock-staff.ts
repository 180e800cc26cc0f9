// The staff endpoints of the mock API: a small in-memory commune per test, with the
// contract's paths, status codes and problem codes.
import type { AccountSummary, Banner, Closure, Family, FamilySummary, Me, StaffFacility } from '@portail-famille/sdk';
import type {
  AttendanceActivity,
  AttendanceEntry,
  AttendanceRegister,
  AttendanceStatus,
  BookingDecision,
  BookingDecisionResult,
  PendingBooking,
} from '../core/types.js';
import { API, BASE, guardianAccount, HttpResponse, http, problem, session, worker } from './mock-api.js';

export const STAFF_PASSWORD = 'mot de passe agent';

type Role = Me['roles'][number];

export function staffAccount(commune: string, roles: Role[], identifier = 'agent.martin'): Me {
  return guardianAccount(commune, {
    id: `acc_${identifier}`,
    identifier,
    kind: 'staff',
    roles,
    displayName: 'Agent Martin',
    familyId: null,
  });
}

const minutesFromNow = (n: number): string => new Date(Date.now() + n * 60_000).toISOString();

/** Families whose guardians show every account state. */
export function sampleFamilies(): Family[] {
  return [
    {
      id: 'fam_moreau',
      number: 'F-0001',
      address: { line1: '8 quai de la Loire', line2: 'Bâtiment B', postalCode: '44130', city: 'Val-de-Loire' },
      quotientFamilial: 820,
      guardians: [
        {
          id: 'g_claire',
          firstName: 'Claire',
          lastName: 'Moreau',
          relation: 'mother',
          email: 'claire.moreau@example.fr',
          phone: '06 12 34 56 78',
          account: null,
        },
        {
          id: 'g_paul',
          firstName: 'Paul',
          lastName: 'Moreau',
          relation: 'father',
          email: 'paul.moreau@example.fr',
          phone: null,
          account: {
            id: 'acc_paul',
            identifier: 'paul.moreau',
            email: 'paul.moreau@example.fr',
            status: 'pending_activation',
            lockedUntil: null,
            activationExpiresAt: '2030-11-28T13:32:00Z',
          },
        },
      ],
      children: [
        { id: 'c_arthur', firstName: 'Arthur', lastName: 'Moreau', birthDate: '2018-04-12', school: 'École Jules Ferry', grade: 'CE1' },
      ],
    },
    {
      id: 'fam_martin',
      number: 'F-0002',
      address: { line1: '12 rue des Tilleuls', line2: null, postalCode: '44130', city: 'Val-de-Loire' },
      quotientFamilial: null,
      guardians: [
        {
          id: 'g_sophie',
          firstName: 'Sophie',
          lastName: 'Martin',
          relation: 'mother',
          email: 'sophie.martin@example.fr',
          phone: null,
          account: {
            id: 'acc_sophie',
            identifier: 'sophie.martin',
            email: 'sophie.martin@example.fr',
            status: 'active',
            lockedUntil: null,
            activationExpiresAt: null,
          },
        },
        {
          id: 'g_julien',
          firstName: 'Julien',
          lastName: 'Martin',
          relation: 'father',
          email: 'julien.martin@example.fr',
          phone: null,
          account: {
            id: 'acc_julien',
            identifier: 'julien.martin',
            email: 'julien.martin@example.fr',
            status: 'active',
            lockedUntil: minutesFromNow(12),
            activationExpiresAt: null,
          },
        },
      ],
      children: [],
    },
  ];
}

/** Pending days of the sample families, in no particular order (the API sorts them). */
export function samplePending(): PendingBooking[] {
  const day = (bookingId: string, date: string, activityId: string, activityName: string, requestNumber: number | null) => ({
    bookingId,
    date,
    activityId,
    activityName,
    childId: 'c_arthur',
    childName: 'Arthur Moreau',
    familyNumber: 'F-0001',
    requestNumber,
  });
  return [
    day('bk_3', '2026-03-11', 'act_centre', 'Centre de loisirs', 42),
    day('bk_1', '2026-03-09', 'act_cantine', 'Cantine', 41),
    {
      ...day('bk_4', '2026-03-12', 'act_centre', 'Centre de loisirs', 43),
      childId: 'c_lina',
      childName: 'Lina Martin',
      familyNumber: 'F-0002',
    },
    day('bk_2', '2026-03-10', 'act_cantine', 'Cantine', 41),
  ];
}

/** The day's activities (the same every day in the mock). */
export function sampleAttendanceActivities(): AttendanceActivity[] {
  return [
    { activityId: 'act_cantine', activityName: 'Cantine', facilityName: 'École Jules Ferry', expected: 3, recorded: 0 },
    { activityId: 'act_soir', activityName: 'Garderie du soir', facilityName: 'École Jules Ferry', expected: 0, recorded: 0 },
  ];
}

/** The cantine's expected children: booked, booked with an absence the family reported, pending. */
export function sampleAttendanceEntries(): AttendanceEntry[] {
  return [
    { childId: 'c_arthur', childName: 'Arthur Moreau', familyNumber: 'F-0001', bookingState: 'booked', attendance: null, absence: null },
    {
      childId: 'c_lina',
      childName: 'Lina Martin',
      familyNumber: 'F-0002',
      bookingState: 'booked',
      attendance: null,
      absence: {
        id: 'abs_1',
        childId: 'c_lina',
        childName: 'Lina Martin',
        activityId: 'act_cantine',
        activityName: 'Cantine',
        date: '2026-03-09',
        status: 'declared',
        declaredBy: 'family',
        comment: 'Fièvre',
        document: null,
        createdAt: '2026-03-09T07:12:00+01:00',
      },
    },
    { childId: 'c_zoe', childName: 'Zoé Petit', familyNumber: 'F-0003', bookingState: 'pending', attendance: null, absence: null },
  ];
}

export interface StaffApi {
  families: Family[];
  banner: Banner | null;
  /** The days awaiting a decision. */
  pending: PendingBooking[];
  /** Bookings that find no place left when accepted (refused, as their activity says). */
  full: string[];
  /** The decisions received, one list per request. */
  decisions: BookingDecision[][];
  /** Every request the mock answered, as `METHOD /path?query` (path after the commune). */
  calls: string[];
  /** The closures (« Fermetures »). */
  closures: Closure[];
  /** The facilities (admins list them). */
  facilities: StaffFacility[];
  /** How many bookings the next closure cancels. */
  cancelledOnClose: number;
  attendanceActivities: AttendanceActivity[];
  /** The cantine's register entries, whatever the day. */
  attendanceEntries: AttendanceEntry[];
  /** The registers received by PUT /staff/attendance. */
  recordedAttendance: { activityId: string; date: string; records: { childId: string; status: AttendanceStatus }[] }[];
  /** The logo on the commune's documents, as sent (a PNG or JPEG by its first bytes). */
  logo: { name: string; mediaType: 'image/png' | 'image/jpeg'; bytes: Uint8Array } | null;
}

/** Two facilities, as an admin lists them. */
export function sampleFacilities(): StaffFacility[] {
  return [
    { id: 'fac_maternel', name: 'ALP Maternel', activities: [] },
    { id: 'fac_primaire', name: 'ALE Primaire', activities: [] },
  ];
}

/** A coming commune-wide bridge and a one-day closure of a facility. */
export function sampleClosures(): Closure[] {
  return [
    { id: 'clo_pont', facilityId: null, start: '2099-05-14', end: '2099-05-15', label: 'Pont de l’Ascension' },
    { id: 'clo_peda', facilityId: 'fac_primaire', start: '2099-06-05', end: '2099-06-05', label: 'Journée pédagogique' },
  ];
}

/** Serves the staff endpoints from `state` for the signed-in `account` (roles enforced as the contract says). */
export function useStaffApi(account: Me, state: Partial<StaffApi> = {}): StaffApi {
  const api: StaffApi = {
    families: state.families ?? sampleFamilies(),
    banner: state.banner ?? null,
    pending: state.pending ?? samplePending(),
    full: state.full ?? [],
    decisions: [],
    calls: [],
    closures: state.closures ?? sampleClosures(),
    facilities: state.facilities ?? sampleFacilities(),
    cancelledOnClose: state.cancelledOnClose ?? 0,
    attendanceActivities: state.attendanceActivities ?? sampleAttendanceActivities(),
    attendanceEntries: state.attendanceEntries ?? sampleAttendanceEntries(),
    recordedAttendance: [],
    logo: state.logo ?? null,
  };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  const registerOf = (activityId: string, date: string): AttendanceRegister | null => {
    const activity = api.attendanceActivities.find((a) => a.activityId === activityId);
    if (!activity) return null;
    return {
      activityId,
      activityName: activity.activityName,
      date,
      recordable: date <= today,
      entries: activityId === 'act_cantine' ? api.attendanceEntries : [],
    };
  };
  const record = (request: Request): void => {
    const url = new URL(request.url);
    api.calls.push(`${request.method} ${url.pathname.replace(/^\/v1\/communes\/[^/]+/, '')}${url.search}`);
  };
  const has = (...roles: Role[]): boolean => account.roles.some((r) => roles.includes(r));
  const allAccounts = (): AccountSummary[] =>
    api.families.flatMap((f) => f.guardians.map((g) => g.account).filter((a): a is AccountSummary => !!a));
  const summary = (f: Family): FamilySummary => ({
    id: f.id,
    number: f.number,
    guardians: f.guardians.map((g) => ({ id: g.id, firstName: g.firstName, lastName: g.lastName })),
    childCount: f.children.length,
  });

  worker.use(
    http.get(`${API}${BASE}`, ({ params }) =>
      HttpResponse.json({
        slug: String(params.commune),
        name: 'Val-de-Loire',
        logoUrl: null,
        banner: api.banner,
        contact: { serviceName: 'Service Enfance Jeunesse', email: 'enfance@val-de-loire.fr', phone: '02 40 00 00 00' },
        passwordPolicy: { minLength: 12, maxLength: 256 },
        defaultLocale: 'fr',
      }),
    ),
    http.post(`${API}${BASE}/auth/login`, async ({ request }) => {
      const body = (await request.json()) as { identifier: string; password: string };
      if (body.identifier === account.identifier && body.password === STAFF_PASSWORD) return HttpResponse.json(session(account));
      return problem(401, 'invalid_credentials');
    }),
    http.get(`${API}${BASE}/staff/families`, ({ request }) => {
      record(request);
      const url = new URL(request.url);
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const matching = api.families.filter(
        (f) =>
          !q ||
          f.number.toLowerCase().includes(q) ||
          [...f.guardians, ...f.children].some((p) => `${p.firstName} ${p.lastName}`.toLowerCase().includes(q)),
      );
      const items = matching.slice(start, start + limit).map(summary);
      return HttpResponse.json({ items, nextCursor: start + limit < matching.length ? String(start + limit) : null });
    }),
    http.post(`${API}${BASE}/staff/families`, async ({ request }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const body = (await request.json()) as Omit<Family, 'id' | 'number'>;
      const n = api.families.length + 1;
      const family: Family = {
        id: `fam_new_${n}`,
        number: `F-${String(n).padStart(4, '0')}`,
        address: { ...body.address, line2: body.address.line2 ?? null },
        quotientFamilial: body.quotientFamilial ?? null,
        guardians: body.guardians.map((g, i) => ({ ...g, phone: g.phone ?? null, id: `g_new_${n}_${i}`, account: null })),
        children: (body.children ?? []).map((c, i) => ({ ...c, school: c.school ?? null, grade: c.grade ?? null, id: `c_new_${n}_${i}` })),
      };
      api.families.push(family);
      return HttpResponse.json(family, { status: 201 });
    }),
    http.get(`${API}${BASE}/staff/families/:familyId`, ({ request, params }) => {
      record(request);
      const family = api.families.find((f) => f.id === params.familyId);
      return family ? HttpResponse.json(family) : problem(404, 'not_found');
    }),
    http.post(`${API}${BASE}/staff/guardians/:guardianId/account`, async ({ request, params }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const guardian = api.families.flatMap((f) => f.guardians).find((g) => g.id === params.guardianId);
      if (!guardian) return problem(404, 'not_found');
      if (guardian.account) return problem(409, 'account_exists');
      const text = await request.text();
      const body = (text ? JSON.parse(text) : {}) as { identifier?: string };
      const identifier = body.identifier ?? `${guardian.firstName}.${guardian.lastName}`.toLowerCase();
      if (allAccounts().some((a) => a.identifier === identifier)) return problem(409, 'identifier_taken');
      guardian.account = {
        id: `acc_${guardian.id}`,
        identifier,
        email: guardian.email,
        status: 'pending_activation',
        lockedUntil: null,
        activationExpiresAt: '2030-11-28T13:32:00Z',
      };
      return HttpResponse.json(guardian.account, { status: 201 });
    }),
    http.post(`${API}${BASE}/staff/accounts/:accountId/activation-email`, ({ request, params }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const found = allAccounts().find((a) => a.id === params.accountId);
      if (!found) return problem(404, 'not_found');
      if (found.status !== 'pending_activation') return problem(409, 'account_already_active');
      return HttpResponse.json(found, { status: 202 });
    }),
    http.post(`${API}${BASE}/staff/accounts/:accountId/unlock`, ({ request, params }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const found = allAccounts().find((a) => a.id === params.accountId);
      if (!found) return problem(404, 'not_found');
      found.lockedUntil = null;
      return HttpResponse.json(found);
    }),
    http.get(`${API}${BASE}/staff/pending-bookings`, ({ request }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const url = new URL(request.url);
      const activityId = url.searchParams.get('activityId');
      const limit = Number(url.searchParams.get('limit') ?? 200);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) return problem(400, 'validation_failed');
      const items = api.pending
        .filter((p) => !activityId || p.activityId === activityId)
        .sort((a, b) => a.date.localeCompare(b.date))
        .slice(0, limit);
      return HttpResponse.json({ items });
    }),
    http.post(`${API}${BASE}/staff/booking-decisions`, async ({ request }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const body = (await request.json()) as { decisions?: BookingDecision[] };
      const decisions = body.decisions;
      if (
        !Array.isArray(decisions) ||
        decisions.length < 1 ||
        decisions.length > 500 ||
        decisions.some((d) => !d.bookingId || !['accept', 'refuse'].includes(d.decision) || (d.comment?.length ?? 0) > 300)
      )
        return problem(400, 'validation_failed');
      api.decisions.push(decisions);
      const results: BookingDecisionResult[] = decisions.map((d) => {
        const index = api.pending.findIndex((p) => p.bookingId === d.bookingId);
        if (index < 0) return { bookingId: d.bookingId, state: 'not_pending' };
        api.pending.splice(index, 1);
        if (d.decision === 'refuse' || api.full.includes(d.bookingId)) return { bookingId: d.bookingId, state: 'refused' };
        return { bookingId: d.bookingId, state: 'booked' };
      });
      return HttpResponse.json({ results });
    }),
    http.get(`${API}${BASE}/staff/facilities`, ({ request }) => {
      record(request);
      if (!has('admin')) return problem(403, 'forbidden');
      return HttpResponse.json({ items: api.facilities });
    }),
    http.get(`${API}${BASE}/staff/closures`, ({ request }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const from = new URL(request.url).searchParams.get('from') ?? '';
      const items = api.closures.filter((c) => c.end >= from).sort((a, b) => a.start.localeCompare(b.start));
      return HttpResponse.json({ items });
    }),
    http.post(`${API}${BASE}/staff/closures`, async ({ request }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const body = (await request.json()) as { facilityId: string | null; start: string; end: string; label: string };
      if (!body.label || !body.start || !body.end || body.start > body.end) return problem(400, 'validation_failed');
      if (body.facilityId !== null && !api.facilities.some((f) => f.id === body.facilityId)) return problem(400, 'validation_failed');
      const closure: Closure = { id: `clo_new_${api.closures.length + 1}`, ...body };
      api.closures.push(closure);
      return HttpResponse.json({ closure, cancelledBookings: api.cancelledOnClose }, { status: 201 });
    }),
    http.delete(`${API}${BASE}/staff/closures/:closureId`, ({ request, params }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const index = api.closures.findIndex((c) => c.id === params.closureId);
      if (index < 0) return problem(404, 'not_found');
      api.closures.splice(index, 1);
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${API}${BASE}/staff/attendance/activities`, ({ request }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(new URL(request.url).searchParams.get('date') ?? '')) return problem(400, 'validation_failed');
      return HttpResponse.json({ items: api.attendanceActivities });
    }),
    http.get(`${API}${BASE}/staff/attendance`, ({ request }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const url = new URL(request.url);
      const register = registerOf(url.searchParams.get('activityId') ?? '', url.searchParams.get('date') ?? '');
      return register ? HttpResponse.json(register) : problem(404, 'not_found');
    }),
    http.put(`${API}${BASE}/staff/attendance`, async ({ request }) => {
      record(request);
      if (!has('admin', 'agent')) return problem(403, 'forbidden');
      const body = (await request.json()) as StaffApi['recordedAttendance'][number];
      if (body.date > today) return problem(409, 'attendance_in_future');
      api.recordedAttendance.push(body);
      api.attendanceEntries = api.attendanceEntries.map((e) => ({
        ...e,
        attendance: body.records.find((r) => r.childId === e.childId)?.status ?? null,
      }));
      const register = registerOf(body.activityId, body.date);
      return register ? HttpResponse.json(register) : problem(404, 'not_found');
    }),
    http.put(`${API}${BASE}/staff/banner`, async ({ request }) => {
      record(request);
      if (!has('admin')) return problem(403, 'forbidden');
      const body = (await request.json()) as { kind: Banner['kind']; message: string };
      api.banner = { ...body, updatedAt: new Date().toISOString() };
      return HttpResponse.json(api.banner);
    }),
    http.delete(`${API}${BASE}/staff/banner`, ({ request }) => {
      record(request);
      if (!has('admin')) return problem(403, 'forbidden');
      api.banner = null;
      return new HttpResponse(null, { status: 204 });
    }),
    http.put(`${API}${BASE}/staff/logo`, async ({ request }) => {
      record(request);
      if (!has('admin')) return problem(403, 'forbidden');
      const bytes = new Uint8Array(await request.arrayBuffer());
      // The type from the content, as the server reads it.
      const mediaType = bytes[0] === 0x89 && bytes[1] === 0x50 ? 'image/png' : bytes[0] === 0xff && bytes[1] === 0xd8 ? 'image/jpeg' : null;
      if (!mediaType) return problem(415, 'file_type_not_allowed');
      const name = decodeURIComponent(request.headers.get('X-PF-Filename') ?? 'logo');
      api.logo = { name, mediaType, bytes };
      return HttpResponse.json({
        id: 'file_logo',
        name,
        mediaType,
        size: bytes.length,
        sha256: '0'.repeat(64),
        uploadedAt: new Date().toISOString(),
      });
    }),
    http.get(`${API}${BASE}/staff/logo`, ({ request }) => {
      record(request);
      if (!has('admin')) return problem(403, 'forbidden');
      if (!api.logo) return problem(404, 'not_found');
      return new HttpResponse(api.logo.bytes.slice().buffer, {
        headers: { 'Content-Type': api.logo.mediaType, 'Content-Disposition': `attachment; filename="${api.logo.name}"` },
      });
    }),
    http.delete(`${API}${BASE}/staff/logo`, ({ request }) => {
      record(request);
      if (!has('admin')) return problem(403, 'forbidden');
      api.logo = null;
      return new HttpResponse(null, { status: 204 });
    }),
  );
  return api;
}
