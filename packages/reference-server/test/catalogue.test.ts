/**
 * The staff back office of the bookings catalogue, through the API only: facilities,
 * activities, booking periods, closures and enrolments — each rule, each refusal, tenant
 * isolation, and what parents then see.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { Activity, ActivityDay, Booking } from '../src/modules/bookings/booking.models.js';
import { addDays, civilDateOf, weekday } from '../src/modules/bookings/rules/civil-date.js';
import { createStaffAccount } from '../src/modules/communes/provisioning.js';
import { addChildren, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';
const B = '/v1/communes/beta';
const noon = (days: number) => ({ kind: 'days_before', days, time: '12:00' });

/** Monday five weeks from now: no deadline has passed on any day of the weeks after it. */
function mondayAhead(): string {
  const today = civilDateOf(new Date());
  return addDays(today, 35 - (weekday(today) - 1));
}

describe('catalogue: the staff back office of bookings', () => {
  let t: TestServer;
  let admin: string;
  let agent: string;
  let betaAdmin: string;
  let parent: Awaited<ReturnType<typeof activatedParent>>;
  let childId: string;
  const monday = mondayAhead();

  before(async () => {
    t = await startTestServer();
    await createStaffAccount(t.server.ctx, t.communes.a, {
      identifier: 'agent.alpha',
      email: 'agent@alpha.example',
      displayName: 'Agent',
      roles: ['agent'],
      password: STAFF_PASSWORD,
    });
    admin = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    agent = await t.login('alpha', 'agent.alpha', STAFF_PASSWORD);
    betaAdmin = await t.login('beta', 'admin.beta', STAFF_PASSWORD);
    parent = await activatedParent(t, 'alpha', 'catalogue@example.fr', { first: 'Claire', last: 'Catalogue' });
    childId = parent.family.children[0].id;
  });
  after(() => t.close());

  /** A facility with a canteen (Mon, Tue, Thu, Fri) and a capped holiday activity, an open period, the child enrolled — all by API. */
  async function world(name: string, capacity = 2) {
    const facility = await t.api(`${A}/staff/facilities`, { token: admin, body: { name } });
    assert.equal(facility.status, 201, JSON.stringify(facility.body));
    const cantine = await t.api(`${A}/staff/facilities/${facility.body.id}/activities`, {
      token: admin,
      body: { name: 'Cantine', bookingDeadline: noon(2), cancellationDeadline: noon(2), weekdays: [1, 2, 4, 5], position: 1 },
    });
    const vacances = await t.api(`${A}/staff/facilities/${facility.body.id}/activities`, {
      token: admin,
      body: {
        name: 'ALE vacances',
        bookingDeadline: noon(2),
        cancellationDeadline: noon(2),
        capacityPerDay: capacity,
        weekdays: [1, 2, 3, 4, 5],
        position: 2,
      },
    });
    const mercredi = await t.api(`${A}/staff/facilities/${facility.body.id}/activities`, {
      token: admin,
      body: {
        name: 'ALE mercredi',
        processing: 'staff_review',
        bookingDeadline: { kind: 'weekday_of_previous_week', weekday: 4, time: '12:00' },
        cancellationDeadline: noon(2),
        weekdays: [3],
        position: 3,
      },
    });
    for (const activity of [cantine, vacances, mercredi]) assert.equal(activity.status, 201, JSON.stringify(activity.body));
    const period = await t.api(`${A}/staff/booking-periods`, {
      token: admin,
      body: {
        facilityId: facility.body.id,
        name: `${name} — semaines de test`,
        start: monday,
        end: addDays(monday, 18),
        opensAt: new Date(Date.now() - 3_600_000).toISOString(),
        closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
        activityIds: [cantine.body.id, vacances.body.id, mercredi.body.id],
      },
    });
    assert.equal(period.status, 201, JSON.stringify(period.body));
    return {
      facility: facility.body as { id: string; name: string },
      cantine: cantine.body as { id: string },
      vacances: vacances.body as { id: string },
      mercredi: mercredi.body as { id: string },
      period: period.body as { id: string },
    };
  }

  async function enrol(child: string, activityId: string, token = admin) {
    const result = await t.api(`${A}/staff/children/${child}/enrolments`, {
      token,
      body: { activityId, validFrom: '2020-09-01', validTo: '2099-08-31' },
    });
    assert.equal(result.status, 201, JSON.stringify(result.body));
    return result.body as { id: string };
  }

  async function book(child: string, periodId: string, lines: { date: string; activityId: string; action?: 'add' | 'cancel' }[]) {
    const result = await t.api(`${A}/children/${child}/periods/${periodId}/requests`, {
      token: parent.parentToken,
      body: { lines: lines.map((l) => ({ action: 'add', ...l })) },
    });
    assert.equal(result.status, 201, JSON.stringify(result.body));
    return result.body as { id: string; status: string; lines: { outcome: string; reason: string | null }[] };
  }

  const booked = async (activityId: string, date: string) =>
    (await ActivityDay.findOne({ where: { activity_id: activityId, date } }))?.booked ?? 0;

  it('facilities: created (idempotently), listed with their activities by position, renamed — admin only, audited', async () => {
    const key = { 'Idempotency-Key': 'create-facility-0001' };
    const first = await t.api(`${A}/staff/facilities`, { token: admin, body: { name: 'ALP Maternel' }, headers: key });
    const again = await t.api(`${A}/staff/facilities`, { token: admin, body: { name: 'ALP Maternel' }, headers: key });
    assert.equal(first.status, 201);
    assert.equal(again.body.id, first.body.id, 'a retry with the same key creates nothing');
    const other = await t.api(`${A}/staff/facilities`, { token: admin, body: { name: 'Autre' }, headers: key });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'idempotency_conflict');

    const w = await world('ALE Primaire');
    const list = await t.api(`${A}/staff/facilities`, { token: admin });
    const primaire = list.body.items.find((f: { id: string }) => f.id === w.facility.id);
    assert.deepEqual(
      primaire.activities.map((a: { name: string; position: number; weekdays: number[] }) => [a.name, a.position, a.weekdays]),
      [
        ['Cantine', 1, [1, 2, 4, 5]],
        ['ALE vacances', 2, [1, 2, 3, 4, 5]],
        ['ALE mercredi', 3, [3]],
      ],
    );
    assert.equal(list.body.items.filter((f: { name: string }) => f.name === 'ALP Maternel').length, 1);

    const renamed = await t.api(`${A}/staff/facilities/${first.body.id}`, {
      method: 'PATCH',
      token: admin,
      body: { name: 'ALP Maternel Pasteur' },
    });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.name, 'ALP Maternel Pasteur');
    assert.equal((await t.api(`${A}/staff/facilities`, { token: agent })).status, 403, 'an agent does not manage the catalogue');
    assert.equal((await t.api(`${A}/staff/facilities`, { token: parent.parentToken })).status, 403);
    const audited = await AuditEntry.findAll({ where: { target_id: first.body.id } });
    assert.deepEqual(audited.map((e) => e.action).sort(), ['facility.created', 'facility.renamed']);
  });

  it('activities: every setting is kept and changed; bad settings are refused by the contract', async () => {
    const w = await world('Cantine Jules Ferry');
    const patched = await t.api(`${A}/staff/activities/${w.mercredi.id}`, {
      method: 'PATCH',
      token: admin,
      body: {
        name: 'ALE mercredi après-midi',
        unit: 'half_day',
        processing: 'immediate',
        bookingDeadline: { kind: 'days_before', days: 7, time: '08:30', extra: 'dropped' },
        overflow: 'waiting_list',
        capacityPerDay: 12,
        weekdays: [3, 6],
        position: 9,
      },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.deepEqual(
      {
        ...patched.body,
        id: undefined,
        facilityId: undefined,
      },
      {
        id: undefined,
        facilityId: undefined,
        name: 'ALE mercredi après-midi',
        unit: 'half_day',
        processing: 'immediate',
        bookingDeadline: { kind: 'days_before', days: 7, time: '08:30' },
        cancellationDeadline: noon(2),
        capacityPerDay: 12,
        overflow: 'waiting_list',
        weekdays: [3, 6],
        position: 9,
      },
    );
    for (const bad of [
      { weekdays: [0] },
      { weekdays: [] },
      { capacityPerDay: -1 },
      { bookingDeadline: { kind: 'days_before', days: 2, time: '25:00' } },
      { processing: 'maybe' },
      {},
    ]) {
      const refused = await t.api(`${A}/staff/activities/${w.mercredi.id}`, { method: 'PATCH', token: admin, body: bad });
      assert.equal(refused.status, 400, JSON.stringify(bad));
      assert.equal(refused.body.code, 'validation_failed');
    }
    const missing = await t.api(`${A}/staff/activities/no-such-activity`, { method: 'PATCH', token: admin, body: { name: 'x' } });
    assert.equal(missing.status, 404);
  });

  it('capacity: lowering it below the places already taken on a future day is refused with those days; raising it just works', async () => {
    const w = await world('ALSH été', 3);
    const [twin1, twin2] = await addChildren(t.server.ctx, t.communes.a.id, parent.family.id, 2);
    assert.ok(twin1 && twin2);
    const [tuesday, thursday] = [addDays(monday, 1), addDays(monday, 3)];
    for (const child of [childId, twin1, twin2]) await enrol(child, w.vacances.id);
    await book(childId, w.period.id, [
      { date: tuesday, activityId: w.vacances.id },
      { date: thursday, activityId: w.vacances.id },
    ]);
    await book(twin1, w.period.id, [
      { date: tuesday, activityId: w.vacances.id },
      { date: thursday, activityId: w.vacances.id },
    ]);
    await book(twin2, w.period.id, [{ date: tuesday, activityId: w.vacances.id }]);
    assert.equal(await booked(w.vacances.id, tuesday), 3);

    const lower = await t.api(`${A}/staff/activities/${w.vacances.id}`, { method: 'PATCH', token: admin, body: { capacityPerDay: 1 } });
    assert.equal(lower.status, 409);
    assert.equal(lower.body.code, 'capacity_below_bookings');
    assert.deepEqual(lower.body.dates, [tuesday, thursday]);
    assert.match(lower.body.detail, /at least 3/);
    const toTwo = await t.api(`${A}/staff/activities/${w.vacances.id}`, { method: 'PATCH', token: admin, body: { capacityPerDay: 2 } });
    assert.deepEqual(toTwo.body.dates, [tuesday], 'Thursday holds 2: only Tuesday is in the way');
    const listed = await t.api(`${A}/staff/facilities`, { token: admin });
    const vacances = listed.body.items
      .flatMap((f: { activities: { id: string; capacityPerDay: number | null }[] }) => f.activities)
      .find((a: { id: string }) => a.id === w.vacances.id);
    assert.equal(vacances.capacityPerDay, 3, 'a refused change changes nothing');

    // Same figure, or unlimited, or more: accepted; new places can be booked at once.
    assert.equal(
      (await t.api(`${A}/staff/activities/${w.vacances.id}`, { method: 'PATCH', token: admin, body: { capacityPerDay: 3 } })).status,
      200,
    );
    const friday = addDays(monday, 4);
    const [twin3] = await addChildren(t.server.ctx, t.communes.a.id, parent.family.id, 1);
    assert.ok(twin3);
    await enrol(twin3, w.vacances.id);
    const full = await book(twin3, w.period.id, [{ date: tuesday, activityId: w.vacances.id }]);
    assert.equal(full.lines[0]?.reason, 'full');
    const raised = await t.api(`${A}/staff/activities/${w.vacances.id}`, { method: 'PATCH', token: admin, body: { capacityPerDay: 4 } });
    assert.equal(raised.status, 200);
    assert.equal(raised.body.capacityPerDay, 4);
    const now = await book(twin3, w.period.id, [
      { date: tuesday, activityId: w.vacances.id },
      { date: friday, activityId: w.vacances.id },
    ]);
    assert.equal(now.status, 'accepted');
    assert.equal(await booked(w.vacances.id, tuesday), 4);
    // From unlimited to a figure is a lowering too.
    assert.equal(
      (await t.api(`${A}/staff/activities/${w.vacances.id}`, { method: 'PATCH', token: admin, body: { capacityPerDay: null } })).status,
      200,
    );
    const capped = await t.api(`${A}/staff/activities/${w.vacances.id}`, { method: 'PATCH', token: admin, body: { capacityPerDay: 3 } });
    assert.equal(capped.status, 409);
    assert.deepEqual(capped.body.dates, [tuesday]);
  });

  it('periods: created, listed whatever their state, changed; each rule refused with the field named', async () => {
    const w = await world('Accueil périscolaire');
    const other = await world('Autre accueil');
    const base = {
      facilityId: w.facility.id,
      name: 'Semaines 11 à 13',
      start: '2099-03-09',
      end: '2099-03-27',
      opensAt: '2099-02-16T08:00:00+01:00',
      closesAt: '2099-03-06T12:00:00+01:00',
      activityIds: [w.cantine.id],
    };
    const created = await t.api(`${A}/staff/booking-periods`, { token: admin, body: base });
    assert.equal(created.status, 201);
    assert.equal(created.body.status, 'upcoming');
    assert.equal(created.body.opensAt, '2099-02-16T07:00:00.000Z');

    const refusals: [Record<string, unknown>, string][] = [
      [{ start: '2099-03-28' }, '/body/end'],
      [{ closesAt: '2099-02-16T08:00:00+01:00' }, '/body/closesAt'],
      [{ activityIds: [other.cantine.id] }, '/body/activityIds'],
      [{ activityIds: [w.cantine.id, 'no-such-activity'] }, '/body/activityIds'],
      [{ facilityId: 'no-such-facility' }, '/body/facilityId'],
      [{ start: '2099-01-01', end: '2100-12-31' }, '/body/end'],
    ];
    for (const [change, path] of refusals) {
      const refused = await t.api(`${A}/staff/booking-periods`, { token: admin, body: { ...base, ...change } });
      assert.equal(refused.status, 400, JSON.stringify(change));
      assert.equal(refused.body.code, 'validation_failed');
      assert.ok(
        refused.body.errors.some((e: { path: string }) => e.path === path),
        `${JSON.stringify(change)} → ${JSON.stringify(refused.body.errors)}`,
      );
    }
    const pastPeriod = await t.api(`${A}/staff/booking-periods`, {
      token: admin,
      body: {
        ...base,
        name: 'Année passée',
        start: '2020-01-06',
        end: '2020-01-10',
        opensAt: '2019-12-01T08:00:00Z',
        closesAt: '2020-01-01T08:00:00Z',
      },
    });
    const list = await t.api(`${A}/staff/booking-periods?facilityId=${w.facility.id}`, { token: admin });
    assert.deepEqual(
      list.body.items.map((p: { name: string; status: string }) => [p.name, p.status]),
      [
        ['Année passée', 'closed'],
        ['Accueil périscolaire — semaines de test', 'open'],
        ['Semaines 11 à 13', 'upcoming'],
      ],
    );

    const moved = await t.api(`${A}/staff/booking-periods/${created.body.id}`, {
      method: 'PATCH',
      token: admin,
      body: { end: '2099-04-03', activityIds: [w.cantine.id, w.vacances.id], name: 'Semaines 11 à 14' },
    });
    assert.equal(moved.status, 200);
    assert.deepEqual(
      [moved.body.name, moved.body.start, moved.body.end, moved.body.activityIds],
      ['Semaines 11 à 14', '2099-03-09', '2099-04-03', [w.cantine.id, w.vacances.id]],
    );
    const badMove = await t.api(`${A}/staff/booking-periods/${created.body.id}`, {
      method: 'PATCH',
      token: admin,
      body: { end: '2099-03-01' },
    });
    assert.equal(badMove.status, 400);
    const foreign = await t.api(`${A}/staff/booking-periods/${created.body.id}`, {
      method: 'PATCH',
      token: admin,
      body: { activityIds: [other.vacances.id] },
    });
    assert.equal(foreign.status, 400, 'activities of another facility are refused on change too');

    const deleted = await t.api(`${A}/staff/booking-periods/${pastPeriod.body.id}`, { method: 'DELETE', token: admin });
    assert.equal(deleted.status, 204);
    assert.equal((await t.api(`${A}/staff/booking-periods/${pastPeriod.body.id}`, { method: 'DELETE', token: admin })).status, 404);
  });

  it('a period someone booked in cannot be deleted (409), and keeps its bookings', async () => {
    const w = await world('Restaurant scolaire');
    await enrol(childId, w.cantine.id);
    await book(childId, w.period.id, [{ date: monday, activityId: w.cantine.id }]);
    const refused = await t.api(`${A}/staff/booking-periods/${w.period.id}`, { method: 'DELETE', token: admin });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'period_has_bookings');
    const planner = await t.api(`${A}/children/${childId}/periods/${w.period.id}/planner`, { token: parent.parentToken });
    assert.equal(planner.status, 200);
  });

  it('a closure cancels the bookings of its days at once, gives places back, refuses pending lines, and mails each family once', async () => {
    const w = await world('ALP Les Tilleuls', 5);
    const otherFacility = await world('ALP Les Chênes', 5);
    for (const a of [w.cantine, w.vacances, w.mercredi, otherFacility.cantine]) await enrol(childId, a.id);
    const [mon2, tue2, wed2, thu2] = [addDays(monday, 7), addDays(monday, 8), addDays(monday, 9), addDays(monday, 10)];
    const first = await book(childId, w.period.id, [
      { date: monday, activityId: w.cantine.id },
      { date: mon2, activityId: w.cantine.id },
      { date: tue2, activityId: w.vacances.id },
      { date: thu2, activityId: w.cantine.id },
    ]);
    assert.equal(first.status, 'accepted');
    const pending = await book(childId, w.period.id, [{ date: wed2, activityId: w.mercredi.id }]);
    assert.equal(pending.status, 'pending');
    await book(childId, otherFacility.period.id, [{ date: tue2, activityId: otherFacility.cantine.id }]);
    assert.equal(await booked(w.vacances.id, tue2), 1);
    t.mail.clear();

    const key = { 'Idempotency-Key': 'closure-tilleuls-0001' };
    const body = { facilityId: w.facility.id, start: mon2, end: wed2, label: "Pont de l'Ascension" };
    const closed = await t.api(`${A}/staff/closures`, { token: agent, body, headers: key });
    assert.equal(closed.status, 201, JSON.stringify(closed.body));
    assert.equal(
      closed.body.cancelledBookings,
      3,
      'Monday and Tuesday booked, Wednesday pending; Thursday and the other facility untouched',
    );
    assert.deepEqual(closed.body.closure, {
      id: closed.body.closure.id,
      facilityId: w.facility.id,
      start: mon2,
      end: wed2,
      label: "Pont de l'Ascension",
    });
    assert.equal(await booked(w.vacances.id, tue2), 0, 'the place is given back');

    const states = await Booking.findAll({ where: { child_id: childId }, attributes: ['activity_id', 'date', 'state'] });
    const stateOf = (activityId: string, date: string) => states.find((b) => b.activity_id === activityId && b.date === date)?.state;
    assert.equal(stateOf(w.cantine.id, mon2), 'cancelled');
    assert.equal(stateOf(w.vacances.id, tue2), 'cancelled');
    assert.equal(stateOf(w.mercredi.id, wed2), 'cancelled');
    assert.equal(stateOf(w.cantine.id, thu2), 'booked');
    assert.equal(stateOf(w.cantine.id, monday), 'booked');
    assert.equal(stateOf(otherFacility.cantine.id, tue2), 'booked', 'a facility closure leaves other facilities alone');

    const request = await t.api(`${A}/booking-requests/${pending.id}`, { token: parent.parentToken });
    assert.deepEqual(
      [request.body.status, request.body.lines[0].reason, request.body.lines[0].comment],
      ['refused', 'closed', "Pont de l'Ascension"],
    );
    const staffQueue = await t.api(`${A}/staff/pending-bookings?activityId=${w.mercredi.id}`, { token: agent });
    assert.equal(staffQueue.body.items.length, 0);

    const planner = await t.api(`${A}/children/${childId}/periods/${w.period.id}/planner`, { token: parent.parentToken });
    const days = planner.body.days.map((d: { date: string }) => d.date);
    for (const day of [mon2, tue2, wed2]) assert.ok(!days.includes(day), `${day} is no longer offered`);
    const rebook = await book(childId, w.period.id, [{ date: mon2, activityId: w.cantine.id }]);
    assert.equal(rebook.lines[0]?.reason, 'closed');

    const mail = await t.mail.waitFor('catalogue@example.fr', /réservations annulées/);
    assert.match(mail.subject, /Pont de l'Ascension/);
    assert.match(mail.text, /L'accueil « ALP Les Tilleuls » est fermé du lundi/);
    assert.match(mail.text, /Cantine \(Ève\)/);
    assert.match(mail.text, /ALE vacances \(Ève\)/);
    assert.match(mail.text, /ALE mercredi \(Ève\)/);
    assert.equal(mail.text.match(/^- /gm)?.length, 3);

    // A retry with the same key answers the first result: nothing cancelled again, no second mail.
    const replay = await t.api(`${A}/staff/closures`, { token: agent, body, headers: key });
    assert.deepEqual(replay.body, closed.body);
    await t.server.ctx.background.idle();
    assert.equal(t.mail.mailsTo('catalogue@example.fr').length, 1);
    const audited = await AuditEntry.count({ where: { action: 'booking.cancelled_by_closure' } });
    assert.equal(audited, 3);
    assert.equal(await AuditEntry.count({ where: { action: 'closure.created', target_id: closed.body.closure.id } }), 1);

    // Listed; deleted → the days can be booked again (cancelled ones stay cancelled).
    const list = await t.api(`${A}/staff/closures?from=${monday}`, { token: agent });
    assert.ok(list.body.items.some((c: { id: string }) => c.id === closed.body.closure.id));
    const removed = await t.api(`${A}/staff/closures/${closed.body.closure.id}`, { method: 'DELETE', token: agent });
    assert.equal(removed.status, 204);
    const reopened = await book(childId, w.period.id, [{ date: mon2, activityId: w.cantine.id }]);
    assert.equal(reopened.status, 'accepted');
  });

  it('a commune-wide closure with no booking cancels nothing and mails nobody; bad ranges and facilities are refused', async () => {
    t.mail.clear();
    const holidays = await t.api(`${A}/staff/closures`, {
      token: admin,
      body: { facilityId: null, start: '2099-12-19', end: '2100-01-03', label: 'Vacances de Noël' },
    });
    assert.equal(holidays.status, 201);
    assert.equal(holidays.body.cancelledBookings, 0);
    assert.equal(holidays.body.closure.facilityId, null);
    await t.server.ctx.background.idle();
    assert.equal(t.mail.mails.length, 0);
    const backwards = await t.api(`${A}/staff/closures`, {
      token: admin,
      body: { facilityId: null, start: '2099-12-19', end: '2099-12-01', label: 'À l’envers' },
    });
    assert.equal(backwards.status, 400);
    const unknown = await t.api(`${A}/staff/closures`, {
      token: admin,
      body: { facilityId: 'no-such-facility', start: '2099-12-01', end: '2099-12-01', label: 'Inconnu' },
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].path, '/body/facilityId');
    const asParent = await t.api(`${A}/staff/closures`, { token: parent.parentToken });
    assert.equal(asParent.status, 403);
  });

  it('enrolments: listed, created, overlapping refused, ended, deleted; parents can book only while enrolled', async () => {
    const w = await world('Garderie du matin');
    const enrolment = await t.api(`${A}/staff/children/${childId}/enrolments`, {
      token: agent,
      body: { activityId: w.cantine.id, validFrom: '2020-09-01', validTo: '2099-08-31' },
    });
    assert.equal(enrolment.status, 201);
    assert.deepEqual(
      { ...enrolment.body, id: undefined },
      {
        id: undefined,
        childId,
        activityId: w.cantine.id,
        activityName: 'Cantine',
        facilityId: w.facility.id,
        validFrom: '2020-09-01',
        validTo: '2099-08-31',
      },
    );
    const overlap = await t.api(`${A}/staff/children/${childId}/enrolments`, {
      token: agent,
      body: { activityId: w.cantine.id, validFrom: '2098-09-01', validTo: '2100-08-31' },
    });
    assert.equal(overlap.status, 409);
    assert.equal(overlap.body.code, 'enrolment_overlaps');
    const backwards = await t.api(`${A}/staff/children/${childId}/enrolments`, {
      token: agent,
      body: { activityId: w.vacances.id, validFrom: '2027-09-01', validTo: '2027-08-31' },
    });
    assert.equal(backwards.status, 400);
    const list = await t.api(`${A}/staff/children/${childId}/enrolments`, { token: agent });
    assert.ok(list.body.items.some((e: { id: string }) => e.id === enrolment.body.id));

    assert.equal((await book(childId, w.period.id, [{ date: monday, activityId: w.cantine.id }])).status, 'accepted');
    const ended = await t.api(`${A}/staff/enrolments/${enrolment.body.id}`, {
      method: 'PATCH',
      token: agent,
      body: { validTo: addDays(monday, 3) },
    });
    assert.equal(ended.status, 200);
    assert.equal(ended.body.validTo, addDays(monday, 3));
    const later = await book(childId, w.period.id, [
      { date: addDays(monday, 1), activityId: w.cantine.id },
      { date: addDays(monday, 7), activityId: w.cantine.id },
    ]);
    assert.deepEqual(
      later.lines.map((l) => l.reason),
      [null, 'not_enrolled'],
    );
    const beforeStart = await t.api(`${A}/staff/enrolments/${enrolment.body.id}`, {
      method: 'PATCH',
      token: agent,
      body: { validTo: '2019-01-01' },
    });
    assert.equal(beforeStart.status, 400);

    const removed = await t.api(`${A}/staff/enrolments/${enrolment.body.id}`, { method: 'DELETE', token: agent });
    assert.equal(removed.status, 204);
    const options = await t.api(`${A}/children/${childId}/booking-options`, { token: parent.parentToken });
    assert.ok(!options.body.facilities.some((f: { id: string }) => f.id === w.facility.id));
    assert.deepEqual((await AuditEntry.findAll({ where: { target_id: enrolment.body.id } })).map((e) => e.action).sort(), [
      'enrolment.created',
      'enrolment.deleted',
      'enrolment.ended',
    ]);
  });

  /** `count` children of the family, enrolled in `activityId`, each asking for `date` at once, while `staffChange` runs among them. */
  async function rush<T>(count: number, activityId: string, periodId: string, date: string, staffChange: () => Promise<T>) {
    const children = await addChildren(t.server.ctx, t.communes.a.id, parent.family.id, count);
    const activity = await Activity.findByPk(activityId);
    assert.ok(activity);
    for (const child of children) await enrolChild(t.server.ctx, t.communes.a.id, child, [activity]);
    const ask = (child: string) =>
      t.api(`${A}/children/${child}/periods/${periodId}/requests`, {
        token: parent.parentToken,
        body: { lines: [{ date, activityId, action: 'add' }] },
      });
    const half = Math.floor(count / 2);
    const first = children.slice(0, half).map(ask);
    const change = staffChange();
    const rest = children.slice(half).map(ask);
    const answers = await Promise.all([...first, ...rest]);
    for (const answer of answers) assert.equal(answer.status, 201, JSON.stringify(answer.body));
    const result = await change;
    const states = await Booking.findAll({ where: { activity_id: activityId, date }, attributes: ['state'] });
    const count_ = (state: string) => states.filter((b) => b.state === state).length;
    return {
      result,
      booked: count_('booked'),
      active: states.length - count_('cancelled') - count_('refused'),
      counter: await booked(activityId, date),
    };
  }

  it('lowering the capacity during a booking rush never leaves a day above it', async () => {
    const w = await world('Rush capacité', 20);
    const day = addDays(monday, 14);
    const {
      result,
      booked: held,
      counter,
    } = await rush(24, w.vacances.id, w.period.id, day, () =>
      t.api(`${A}/staff/activities/${w.vacances.id}`, { method: 'PATCH', token: admin, body: { capacityPerDay: 4 } }),
    );
    assert.equal(counter, held, 'the counter is the number of booked days');
    if (result.status === 200) assert.ok(held <= 4, `capacity 4 accepted, yet ${held} booked`);
    else {
      assert.equal(result.body.code, 'capacity_below_bookings');
      assert.ok(held <= 20);
    }
  });

  it('a closure during a booking rush leaves no booking on the closed day', async () => {
    const w = await world('Rush fermeture', 30);
    const day = addDays(monday, 15);
    const { result, active, counter } = await rush(24, w.vacances.id, w.period.id, day, () =>
      t.api(`${A}/staff/closures`, { token: admin, body: { facilityId: w.facility.id, start: day, end: day, label: 'Sortie annulée' } }),
    );
    assert.equal(result.status, 201);
    assert.equal(active, 0, `${active} booking(s) survived the closure (${result.body.cancelledBookings} cancelled by it)`);
    assert.equal(counter, 0, 'every place given back');
  });

  it("tenant isolation: another commune's staff reach none of these objects, and the lists are their own", async () => {
    const w = await world('Accueil secret');
    const enrolment = await enrol(childId, w.cantine.id);
    const closure = await t.api(`${A}/staff/closures`, {
      token: admin,
      body: { facilityId: w.facility.id, start: '2099-06-01', end: '2099-06-01', label: 'Fermeture' },
    });
    const attempts: [string, string, unknown?][] = [
      ['PATCH', `${B}/staff/facilities/${w.facility.id}`, { name: 'Volé' }],
      [
        'POST',
        `${B}/staff/facilities/${w.facility.id}/activities`,
        { name: 'Intrus', bookingDeadline: noon(1), cancellationDeadline: noon(1), weekdays: [1] },
      ],
      ['PATCH', `${B}/staff/activities/${w.cantine.id}`, { capacityPerDay: 0 }],
      ['PATCH', `${B}/staff/booking-periods/${w.period.id}`, { name: 'Volé' }],
      ['DELETE', `${B}/staff/booking-periods/${w.period.id}`],
      ['DELETE', `${B}/staff/closures/${closure.body.closure.id}`],
      ['GET', `${B}/staff/children/${childId}/enrolments`],
      ['POST', `${B}/staff/children/${childId}/enrolments`, { activityId: w.cantine.id, validFrom: '2030-01-01', validTo: '2030-12-31' }],
      ['PATCH', `${B}/staff/enrolments/${enrolment.id}`, { validTo: '2030-01-01' }],
      ['DELETE', `${B}/staff/enrolments/${enrolment.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const result = await t.api(path, { method, token: betaAdmin, ...(body === undefined ? {} : { body }) });
      assert.equal(result.status, 404, `${method} ${path}: ${result.status}`);
    }
    // Beta's own objects cannot point at alpha's either.
    const betaFacility = await t.api(`${B}/staff/facilities`, { token: betaAdmin, body: { name: 'Accueil bêta' } });
    const crossPeriod = await t.api(`${B}/staff/booking-periods`, {
      token: betaAdmin,
      body: {
        facilityId: betaFacility.body.id,
        name: 'Mélange',
        start: '2099-01-05',
        end: '2099-01-09',
        opensAt: '2098-12-01T08:00:00Z',
        closesAt: '2098-12-20T08:00:00Z',
        activityIds: [w.cantine.id],
      },
    });
    assert.equal(crossPeriod.status, 400);
    const crossClosure = await t.api(`${B}/staff/closures`, {
      token: betaAdmin,
      body: { facilityId: w.facility.id, start: '2099-01-05', end: '2099-01-05', label: 'Mélange' },
    });
    assert.equal(crossClosure.status, 400);
    const [facilities, periods, closures] = await Promise.all(
      ['facilities', 'booking-periods', 'closures'].map((what) => t.api(`${B}/staff/${what}`, { token: betaAdmin })),
    );
    assert.deepEqual(
      facilities?.body.items.map((f: { name: string }) => f.name),
      ['Accueil bêta'],
    );
    assert.deepEqual(periods?.body.items, []);
    assert.deepEqual(closures?.body.items, []);
    // And alpha's objects are as they were.
    const period = await t.api(`${A}/staff/booking-periods?facilityId=${w.facility.id}`, { token: admin });
    assert.equal(period.body.items[0].name, 'Accueil secret — semaines de test');
    assert.equal((await t.api(`${A}/staff/children/${childId}/enrolments`, { token: admin })).body.items.length > 0, true);
  });
});
