// The parents' booking endpoints of the mock API (booking options, planner, requests,
// « Mes réservations »), with the contract's paths, bodies and status codes.
import type { BookingLine, BookingOptions, BookingRequest, Planner, PlannerCell } from '../core/types.js';
import { API, BASE, HttpResponse, http, worker } from './mock-api.js';

export const CANTINE = 'act_cantine';
export const GARDERIE = 'act_garderie';
export const PERIOD = 'per_1';

const activities: BookingOptions['facilities'][number]['activities'] = [
  {
    id: CANTINE,
    name: 'Cantine',
    unit: 'day',
    processing: 'immediate',
    bookingDeadline: { kind: 'days_before', days: 2, time: '12:00' },
    cancellationDeadline: { kind: 'days_before', days: 2, time: '12:00' },
    capacityPerDay: 30,
    overflow: 'refuse',
  },
  {
    id: GARDERIE,
    name: 'Garderie du soir',
    unit: 'slot',
    processing: 'staff_review',
    bookingDeadline: { kind: 'weekday_of_previous_week', weekday: 4, time: '12:00' },
    cancellationDeadline: { kind: 'weekday_of_previous_week', weekday: 4, time: '12:00' },
    capacityPerDay: null,
    overflow: 'waiting_list',
  },
];

const period = {
  id: PERIOD,
  facilityId: 'fac_1',
  name: 'Semaines 11 et 12',
  start: '2026-03-09',
  end: '2026-03-20',
  opensAt: '2026-02-01T08:00:00Z',
  closesAt: '2026-03-18T12:00:00Z',
  status: 'open' as const,
  activityIds: [CANTINE, GARDERIE],
};

export function bookingOptions(childId: string): BookingOptions {
  return {
    childId,
    facilities: [
      {
        id: 'fac_1',
        name: 'Groupe scolaire Jules Ferry',
        activities,
        periods: [{ ...period }, { ...period, id: 'per_0', name: 'Semaines 7 et 8', status: 'closed' }],
      },
    ],
    notice: null,
  };
}

/** Mon 9 – Fri 20 March 2026 (Wednesday 11 has no canteen: closed). */
export const DATES = [
  '2026-03-09',
  '2026-03-10',
  '2026-03-11',
  '2026-03-12',
  '2026-03-13',
  '2026-03-16',
  '2026-03-17',
  '2026-03-18',
  '2026-03-19',
  '2026-03-20',
];

function cell(activityId: string, over: Partial<PlannerCell> = {}): PlannerCell {
  return {
    activityId,
    state: 'none',
    changeable: true,
    lockedReason: null,
    placesLeft: activityId === CANTINE ? 12 : null,
    deadline: '2026-03-07T11:00:00Z',
    ...over,
  };
}

/** The canteen: 9 booked and locked (deadline passed), 10 free but locked, 11 not running (no cell), 12 booked (can be cancelled), 13 full. */
export function planner(childId: string): Planner {
  const cantine: Record<string, Partial<PlannerCell>> = {
    '2026-03-09': { state: 'booked', changeable: false, lockedReason: 'deadline_passed' },
    '2026-03-10': { changeable: false, lockedReason: 'deadline_passed' },
    '2026-03-12': { state: 'booked' },
    '2026-03-13': { changeable: false, lockedReason: 'full', placesLeft: 0 },
  };
  const garderie: Record<string, Partial<PlannerCell>> = {
    '2026-03-09': { state: 'pending' },
    '2026-03-10': { state: 'waiting_list' },
    '2026-03-11': { state: 'refused' },
    '2026-03-12': { state: 'cancelled' },
    '2026-03-13': { state: 'excused_absence', changeable: false, lockedReason: 'deadline_passed' },
  };
  return {
    childId,
    period: { ...period },
    activities,
    days: DATES.map((date) => ({
      date,
      cells: date === '2026-03-11' ? [cell(GARDERIE, garderie[date])] : [cell(CANTINE, cantine[date]), cell(GARDERIE, garderie[date])],
    })),
  };
}

export function sampleRequest(number: number, over: Partial<BookingRequest> = {}): BookingRequest {
  return {
    id: `req_${number}`,
    number,
    childId: 'c_1',
    childName: 'Léa Dupont',
    periodId: PERIOD,
    periodName: period.name,
    referent: { accountId: 'acc_1', displayName: 'Marie Dupont' },
    status: 'accepted',
    createdAt: `2026-03-0${Math.min(number, 9)}T09:30:00Z`,
    lines: [{ date: '2026-03-16', activityId: CANTINE, activityName: 'Cantine', action: 'add', outcome: 'accepted', reason: null }],
    ...over,
  };
}

export interface BookingApi {
  /** Each submission: child, period, body lines and Idempotency-Key. */
  submissions: { childId: string; periodId: string; lines: BookingLine[]; key: string | null }[];
  plannerCalls: string[];
  /** « Mes réservations », newest first. */
  requests: BookingRequest[];
}

/** Installs the booking endpoints; a line on 2026-03-19 is refused (full), the evening care waits for staff. */
export function useBookingApi(state: Partial<BookingApi> = {}): BookingApi {
  const api: BookingApi = { submissions: [], plannerCalls: [], requests: [], ...state };
  const names: Record<string, string> = { [CANTINE]: 'Cantine', [GARDERIE]: 'Garderie du soir' };
  worker.use(
    http.get(`${API}${BASE}/children/:childId/booking-options`, ({ params }) => HttpResponse.json(bookingOptions(String(params.childId)))),
    http.get(`${API}${BASE}/children/:childId/periods/:periodId/planner`, ({ params }) => {
      api.plannerCalls.push(String(params.childId));
      return HttpResponse.json(planner(String(params.childId)));
    }),
    http.post(`${API}${BASE}/children/:childId/periods/:periodId/requests`, async ({ params, request }) => {
      const body = (await request.json()) as { lines: BookingLine[] };
      api.submissions.push({
        childId: String(params.childId),
        periodId: String(params.periodId),
        lines: body.lines,
        key: request.headers.get('Idempotency-Key'),
      });
      const lines: BookingRequest['lines'] = body.lines.map((l) => {
        const refused = l.date === '2026-03-19';
        const outcome = refused ? 'refused' : l.activityId === GARDERIE ? 'pending' : 'accepted';
        return { ...l, activityName: names[l.activityId] ?? l.activityId, outcome, reason: refused ? 'full' : null };
      });
      const accepted = lines.filter((l) => l.outcome === 'accepted').length;
      const status: BookingRequest['status'] =
        accepted === lines.length
          ? 'accepted'
          : lines.every((l) => l.outcome === 'refused')
            ? 'refused'
            : accepted > 0
              ? 'partially_accepted'
              : 'pending';
      const created = sampleRequest(api.requests.length + 1, {
        childId: String(params.childId),
        childName: String(params.childId) === 'c_2' ? 'Tom Dupont' : 'Léa Dupont',
        status,
        lines,
        createdAt: new Date().toISOString(),
      });
      api.requests.unshift(created);
      return HttpResponse.json(created, { status: 201 });
    }),
    http.get(`${API}${BASE}/booking-requests`, ({ request }) => {
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const items = api.requests.slice(start, start + limit);
      const next = start + limit < api.requests.length ? String(start + limit) : null;
      return HttpResponse.json({ items, nextCursor: next });
    }),
  );
  return api;
}
