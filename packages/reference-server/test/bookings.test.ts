import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ActivityDay, Booking } from '../src/modules/bookings/booking.models.js';
import { createPeriod } from '../src/modules/bookings/provisioning.js';
import { addDays } from '../src/modules/bookings/rules/civil-date.js';
import { addChildren, type BookingWorld, bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';

describe('bookings: options, planner, requests', () => {
  let t: TestServer;
  let w: BookingWorld;
  let parent: Awaited<ReturnType<typeof activatedParent>>;
  let other: Awaited<ReturnType<typeof activatedParent>>;
  let childId: string;

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    parent = await activatedParent(t, 'alpha', 'planning@example.fr', { first: 'Paule', last: 'Planning' });
    other = await activatedParent(t, 'alpha', 'voisine@example.fr', { first: 'Vera', last: 'Voisine' });
    childId = parent.family.children[0].id;
    await enrolChild(t.server.ctx, t.communes.a.id, childId, [w.cantine, w.mercredi]);
  });
  after(() => t.close());

  const submit = (lines: { date: string; activityId: string; action: 'add' | 'cancel' }[], headers: Record<string, string> = {}) =>
    t.api(`${A}/children/${childId}/periods/${w.period.id}/requests`, { token: parent.parentToken, body: { lines }, headers });

  it('options list the enrolled activities and the open period; a child enrolled nowhere gets the reason', async () => {
    const options = await t.api(`${A}/children/${childId}/booking-options`, { token: parent.parentToken });
    assert.equal(options.status, 200);
    assert.equal(options.body.notice, null);
    assert.deepEqual(
      options.body.facilities.map((f: { name: string }) => f.name),
      ['ALP Primaire'],
    );
    assert.deepEqual(
      options.body.facilities[0].activities.map((a: { name: string }) => a.name),
      ['Cantine', 'ALE mercredi'],
    );
    assert.equal(options.body.facilities[0].periods[0].status, 'open');

    const otherChild = other.family.children[0].id;
    const none = await t.api(`${A}/children/${otherChild}/booking-options`, { token: other.parentToken });
    assert.deepEqual(none.body.notice, { code: 'not_enrolled', nextOpening: null });
  });

  it('the planner shows open days only (no closure), with deadlines and what can change', async () => {
    const planner = await t.api(`${A}/children/${childId}/periods/${w.period.id}/planner`, { token: parent.parentToken });
    assert.equal(planner.status, 200);
    const dates = planner.body.days.map((d: { date: string }) => d.date);
    assert.equal(dates[0], w.monday);
    assert.ok(!dates.includes(w.closedDay), 'the closed Friday is not offered');
    assert.ok(!dates.includes(addDays(w.monday, 5)), 'no Saturday');
    const mondayCells = planner.body.days[0].cells;
    const cantine = mondayCells.find((c: { activityId: string }) => c.activityId === w.cantine.id);
    assert.deepEqual([cantine.state, cantine.changeable, cantine.lockedReason, cantine.placesLeft], ['none', true, null, null]);
    const vacances = mondayCells.find((c: { activityId: string }) => c.activityId === w.vacances.id);
    assert.deepEqual([vacances.changeable, vacances.lockedReason, vacances.placesLeft], [false, 'not_enrolled', 20]);
    const mercrediOnMonday = mondayCells.find((c: { activityId: string }) => c.activityId === w.mercredi.id);
    assert.equal(mercrediOnMonday, undefined, 'ALE mercredi does not run on Mondays: no cell to book');
    const wednesday = planner.body.days.find((d: { date: string }) => d.date === addDays(w.monday, 2));
    assert.ok(wednesday.cells.some((c: { activityId: string }) => c.activityId === w.mercredi.id));
  });

  it('booking Mondays and Thursdays: one numbered request, every line accepted, the planner follows', async () => {
    const days = [0, 3, 7, 10, 14, 17].map((n) => addDays(w.monday, n));
    const result = await submit(days.map((date) => ({ date, activityId: w.cantine.id, action: 'add' as const })));
    assert.equal(result.status, 201);
    assert.equal(result.body.status, 'accepted');
    assert.ok(Number.isInteger(result.body.number) && result.body.number >= 1);
    assert.equal(result.body.referent.displayName, 'Paule Planning');
    assert.equal(result.body.childName, `Ève Planning`);
    assert.deepEqual(
      result.body.lines.map((l: { outcome: string }) => l.outcome),
      days.map(() => 'accepted'),
    );

    const planner = await t.api(`${A}/children/${childId}/periods/${w.period.id}/planner`, { token: parent.parentToken });
    const booked = planner.body.days.filter((d: { cells: { activityId: string; state: string }[] }) =>
      d.cells.some((c) => c.activityId === w.cantine.id && c.state === 'booked'),
    );
    assert.deepEqual(
      booked.map((d: { date: string }) => d.date),
      days,
    );
  });

  it('cancelling a day is a new request; « Mes réservations » lists both, newest first', async () => {
    const day = addDays(w.monday, 3);
    const cancel = await submit([{ date: day, activityId: w.cantine.id, action: 'cancel' }]);
    assert.equal(cancel.status, 201);
    assert.deepEqual(cancel.body.lines[0], {
      date: day,
      activityId: w.cantine.id,
      activityName: 'Cantine',
      action: 'cancel',
      outcome: 'accepted',
      reason: null,
      comment: null,
    });
    const list = await t.api(`${A}/booking-requests`, { token: parent.parentToken });
    assert.equal(list.body.items[0].id, cancel.body.id);
    assert.ok(list.body.items[0].number > list.body.items[1].number);
    const detail = await t.api(`${A}/booking-requests/${cancel.body.id}`, { token: parent.parentToken });
    assert.equal(detail.body.periodName, 'Semaines de test');
    const again = await submit([{ date: day, activityId: w.cantine.id, action: 'cancel' }]);
    assert.deepEqual([again.body.status, again.body.lines[0].reason], ['refused', 'not_booked']);
  });

  it('each refused line says why, in the same atomic request as the accepted ones', async () => {
    const result = await submit([
      { date: w.closedDay, activityId: w.cantine.id, action: 'add' },
      { date: addDays(w.monday, 40), activityId: w.cantine.id, action: 'add' },
      { date: w.monday, activityId: w.vacances.id, action: 'add' },
      { date: w.monday, activityId: w.cantine.id, action: 'add' },
      { date: addDays(w.monday, 1), activityId: w.cantine.id, action: 'add' },
    ]);
    assert.equal(result.body.status, 'partially_accepted');
    assert.deepEqual(
      result.body.lines.map((l: { outcome: string; reason: string | null }) => [l.outcome, l.reason]),
      [
        ['refused', 'closed'],
        ['refused', 'not_in_period'],
        ['refused', 'not_enrolled'],
        ['refused', 'already_booked'],
        ['accepted', null],
      ],
    );
  });

  it('an activity staff decide gives a pending line, holding no place yet', async () => {
    const wednesday = addDays(w.monday, 2);
    const result = await submit([{ date: wednesday, activityId: w.mercredi.id, action: 'add' }]);
    assert.deepEqual([result.body.status, result.body.lines[0].outcome], ['pending', 'pending']);
    const booking = await Booking.findOne({ where: { child_id: childId, activity_id: w.mercredi.id, date: wednesday } });
    assert.equal(booking?.state, 'pending');
  });

  it('past the deadline, or outside the booking window, the server refuses', async () => {
    const ctx = t.server.ctx;
    const tomorrow = addDays(new Date().toISOString().slice(0, 10), 1);
    const late = await createPeriod(ctx, w.facility, {
      name: 'Trop tard',
      start: tomorrow,
      end: addDays(tomorrow, 6),
      opensAt: new Date(Date.now() - 3_600_000),
      closesAt: new Date(Date.now() + 86_400_000),
      activities: [w.cantine],
    });
    const lines = [0, 1, 2, 3, 4, 5, 6].map((n) => ({ date: addDays(tomorrow, n), activityId: w.cantine.id, action: 'add' as const }));
    const lateResult = await t.api(`${A}/children/${childId}/periods/${late.id}/requests`, {
      token: parent.parentToken,
      body: { lines: lines.slice(0, 1) },
    });
    assert.ok(['deadline_passed', 'closed'].includes(lateResult.body.lines[0].reason), JSON.stringify(lateResult.body.lines[0]));

    const upcoming = await createPeriod(ctx, w.facility, {
      name: 'Pas encore ouverte',
      start: addDays(w.monday, 21),
      end: addDays(w.monday, 25),
      opensAt: new Date(Date.now() + 86_400_000),
      closesAt: new Date(Date.now() + 10 * 86_400_000),
      activities: [w.cantine],
    });
    const early = await t.api(`${A}/children/${childId}/periods/${upcoming.id}/requests`, {
      token: parent.parentToken,
      body: { lines: [{ date: addDays(w.monday, 21), activityId: w.cantine.id, action: 'add' }] },
    });
    assert.deepEqual([early.body.lines[0].outcome, early.body.lines[0].reason], ['refused', 'period_not_open']);
  });

  it('the same Idempotency-Key answers the first request again and books nothing twice', async () => {
    const date = addDays(w.monday, 4);
    const key = 'booking-retry-0001';
    const first = await submit([{ date, activityId: w.cantine.id, action: 'add' }], { 'Idempotency-Key': key });
    const second = await submit([{ date, activityId: w.cantine.id, action: 'add' }], { 'Idempotency-Key': key });
    assert.equal(second.body.number, first.body.number);
    assert.equal(second.body.lines[0].outcome, 'accepted');
    assert.deepEqual(second.body, first.body);
    // Twins sent together (a double click): one request, answered twice the same.
    const twinDate = addDays(w.monday, 3);
    const twins = await Promise.all(
      [1, 2].map(() => submit([{ date: twinDate, activityId: w.cantine.id, action: 'add' }], { 'Idempotency-Key': 'booking-twin-0001' })),
    );
    assert.deepEqual(
      twins.map((r) => r.status),
      [201, 201],
    );
    assert.deepEqual(twins[1]?.body, twins[0]?.body);
    assert.equal(twins[0]?.body.lines[0].outcome, 'accepted');
    const list = await t.api(`${A}/booking-requests?limit=100`, { token: parent.parentToken });
    assert.equal(list.body.items.filter((r: { id: string }) => r.id === twins[0]?.body.id).length, 1);
    assert.equal(list.body.items.filter((r: { number: number }) => r.number === twins[1]?.body.number).length, 1);
  });

  it("another family's child, planner and requests are not found", async () => {
    const mine = await submit([{ date: addDays(w.monday, 8), activityId: w.cantine.id, action: 'add' }]);
    const cases = [
      `${A}/children/${childId}/booking-options`,
      `${A}/children/${childId}/periods/${w.period.id}/planner`,
      `${A}/booking-requests/${mine.body.id}`,
    ];
    for (const path of cases) assert.equal((await t.api(path, { token: other.parentToken })).status, 404, path);
    const post = await t.api(`${A}/children/${childId}/periods/${w.period.id}/requests`, {
      token: other.parentToken,
      body: { lines: [{ date: w.monday, activityId: w.cantine.id, action: 'add' }] },
    });
    assert.equal(post.status, 404);
    const list = await t.api(`${A}/booking-requests`, { token: other.parentToken });
    assert.equal(list.body.items.length, 0);
  });

  it('a child enrolled nowhere has every day refused as not enrolled; a period that does not exist is not found', async () => {
    const otherChild = other.family.children[0].id;
    const lines = [{ date: w.monday, activityId: w.cantine.id, action: 'add' }];
    const refused = await t.api(`${A}/children/${otherChild}/periods/${w.period.id}/requests`, {
      token: other.parentToken,
      body: { lines },
    });
    assert.equal(refused.status, 201, JSON.stringify(refused.body));
    assert.equal(refused.body.status, 'refused');
    assert.deepEqual(
      refused.body.lines.map((l: { reason: string }) => l.reason),
      ['not_enrolled'],
    );
    const unknown = await t.api(`${A}/children/${otherChild}/periods/00000000-0000-4000-8000-000000000000/requests`, {
      token: other.parentToken,
      body: { lines },
    });
    assert.equal(unknown.status, 404);
  });
});

describe('bookings: capacity under concurrency', () => {
  let t: TestServer;
  let w: BookingWorld;

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
  });
  after(() => t.close());

  it('200 concurrent requests for 20 places: exactly 20 accepted, 180 refused « full », counter at 20', async () => {
    const parent = await activatedParent(t, 'alpha', 'nombreuse@example.fr', { first: 'Nina', last: 'Nombreux' });
    const children = await addChildren(t.server.ctx, t.communes.a.id, parent.family.id, 200);
    for (const id of children) await enrolChild(t.server.ctx, t.communes.a.id, id, [w.vacances]);
    const date = addDays(w.monday, 1);
    const results = await Promise.all(
      children.map((id) =>
        t.api(`${A}/children/${id}/periods/${w.period.id}/requests`, {
          token: parent.parentToken,
          body: { lines: [{ date, activityId: w.vacances.id, action: 'add' }] },
        }),
      ),
    );
    assert.deepEqual(new Set(results.map((r) => r.status)), new Set([201]));
    const outcomes = results.map((r) => `${r.body.lines[0].outcome}:${r.body.lines[0].reason}`);
    assert.equal(outcomes.filter((o) => o === 'accepted:null').length, 20);
    assert.equal(outcomes.filter((o) => o === 'refused:full').length, 180);
    assert.equal(await Booking.count({ where: { activity_id: w.vacances.id, date, state: 'booked' } }), 20);
    assert.equal((await ActivityDay.findOne({ where: { activity_id: w.vacances.id, date } }))?.booked, 20);
    const numbers = results.map((r) => r.body.number as number).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, 200, 'every request has its own number');
    assert.equal(numbers[numbers.length - 1]! - numbers[0]!, 199, 'numbers are gapless');
  });
});
