import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { createActivity, createPeriod } from '../src/modules/bookings/provisioning.js';
import { addDays } from '../src/modules/bookings/rules/civil-date.js';
import { addChildren, type BookingWorld, bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';

describe('bookings: staff decide pending requests', () => {
  let t: TestServer;
  let w: BookingWorld;
  let parent: Awaited<ReturnType<typeof activatedParent>>;
  let staff: string;
  let childId: string;

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    parent = await activatedParent(t, 'alpha', 'decision@example.fr', { first: 'Denise', last: 'Décision' });
    childId = parent.family.children[0].id;
    await enrolChild(t.server.ctx, t.communes.a.id, childId, [w.mercredi]);
    staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
  });
  after(() => t.close());

  it('staff see pending days, accept one and refuse one with a comment; the family sees both outcomes', async () => {
    const [wed1, wed2] = [addDays(w.monday, 2), addDays(w.monday, 9)];
    const request = await t.api(`${A}/children/${childId}/periods/${w.period.id}/requests`, {
      token: parent.parentToken,
      body: { lines: [wed1, wed2].map((date) => ({ date, activityId: w.mercredi.id, action: 'add' })) },
    });
    assert.equal(request.body.status, 'pending');

    const pending = await t.api(`${A}/staff/pending-bookings`, { token: staff });
    assert.equal(pending.status, 200);
    assert.deepEqual(
      pending.body.items.map((p: { date: string; childName: string; requestNumber: number }) => [p.date, p.childName, p.requestNumber]),
      [
        [wed1, 'Ève Décision', request.body.number],
        [wed2, 'Ève Décision', request.body.number],
      ],
    );
    assert.match(pending.body.items[0].familyNumber, /^F-\d{4}$/);

    const [first, second] = pending.body.items as { bookingId: string }[];
    const decided = await t.api(`${A}/staff/booking-decisions`, {
      token: staff,
      body: {
        decisions: [
          { bookingId: first?.bookingId, decision: 'accept' },
          { bookingId: second?.bookingId, decision: 'refuse', comment: 'Sortie scolaire ce mercredi : accueil fermé.' },
        ],
      },
    });
    assert.deepEqual(
      decided.body.results.map((r: { state: string }) => r.state),
      ['booked', 'refused'],
    );

    const seen = await t.api(`${A}/booking-requests/${request.body.id}`, { token: parent.parentToken });
    assert.equal(seen.body.status, 'partially_accepted');
    assert.deepEqual(
      seen.body.lines.map((l: { outcome: string; reason: string | null; comment: string | null }) => [l.outcome, l.reason, l.comment]),
      [
        ['accepted', null, null],
        ['refused', 'refused_by_staff', 'Sortie scolaire ce mercredi : accueil fermé.'],
      ],
    );
    const again = await t.api(`${A}/staff/booking-decisions`, {
      token: staff,
      body: { decisions: [{ bookingId: first?.bookingId, decision: 'refuse' }] },
    });
    assert.equal(again.body.results[0].state, 'not_pending', 'a decided day is not decided twice');
    assert.equal(await AuditEntry.count({ where: { action: ['booking.accepted', 'booking.refused'] } }), 2);
    assert.equal((await t.api(`${A}/staff/pending-bookings`, { token: staff })).body.items.length, 0);
  });

  it('accepting more than the places left never overbooks: the rest is refused « complet »', async () => {
    const ctx = t.server.ctx;
    const atelier = await createActivity(ctx, w.facility, {
      name: 'Atelier du mercredi',
      processing: 'staff_review',
      bookingDeadline: { kind: 'days_before', days: 2, time: '12:00' },
      cancellationDeadline: { kind: 'days_before', days: 2, time: '12:00' },
      capacityPerDay: 1,
      weekdays: [3],
    });
    const period = await createPeriod(ctx, w.facility, {
      name: 'Atelier',
      start: w.monday,
      end: addDays(w.monday, 6),
      opensAt: new Date(Date.now() - 3_600_000),
      closesAt: new Date(Date.now() + 86_400_000),
      activities: [atelier],
    });
    const twins = await addChildren(ctx, t.communes.a.id, parent.family.id, 2);
    const wednesday = addDays(w.monday, 2);
    for (const id of twins) {
      await enrolChild(ctx, t.communes.a.id, id, [atelier]);
      await t.api(`${A}/children/${id}/periods/${period.id}/requests`, {
        token: parent.parentToken,
        body: { lines: [{ date: wednesday, activityId: atelier.id, action: 'add' }] },
      });
    }
    const pending = await t.api(`${A}/staff/pending-bookings?activityId=${atelier.id}`, { token: staff });
    assert.equal(pending.body.items.length, 2);
    const decided = await t.api(`${A}/staff/booking-decisions`, {
      token: staff,
      body: { decisions: pending.body.items.map((p: { bookingId: string }) => ({ bookingId: p.bookingId, decision: 'accept' })) },
    });
    assert.deepEqual(decided.body.results.map((r: { state: string }) => r.state).sort(), ['booked', 'refused']);
    const list = await t.api(`${A}/booking-requests?limit=2`, { token: parent.parentToken });
    const reasons = list.body.items.map((r: { lines: { reason: string | null }[] }) => r.lines[0]?.reason).sort();
    assert.deepEqual(reasons, ['full', null]);
  });
});
