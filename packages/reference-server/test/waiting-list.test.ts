import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Activity } from '../src/modules/bookings/booking.models.js';
import { ActivityDay, Booking } from '../src/modules/bookings/booking.models.js';
import { createActivity, createPeriod } from '../src/modules/bookings/provisioning.js';
import { addDays } from '../src/modules/bookings/rules/civil-date.js';
import { frenchDate } from '../src/platform/mail/french-date.js';
import { type BookingWorld, bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';
type Parent = Awaited<ReturnType<typeof activatedParent>>;

describe('bookings: a waiting list that moves when a place is given back', () => {
  let t: TestServer;
  let w: BookingWorld;
  let stage: Activity;
  let periodId: string;
  const parents: Parent[] = [];

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    // Two places a day; beyond them, families join the waiting list.
    stage = await createActivity(t.server.ctx, w.facility, {
      name: 'Stage poterie',
      bookingDeadline: { kind: 'days_before', days: 2, time: '12:00' },
      cancellationDeadline: { kind: 'days_before', days: 2, time: '12:00' },
      capacityPerDay: 2,
      overflow: 'waiting_list',
      weekdays: [1, 2, 3, 4, 5],
    });
    const period = await createPeriod(t.server.ctx, w.facility, {
      name: 'Stage',
      start: w.monday,
      end: addDays(w.monday, 4),
      opensAt: new Date(Date.now() - 3_600_000),
      closesAt: new Date(Date.now() + 20 * 86_400_000),
      activities: [stage],
    });
    periodId = period.id;
    for (const [login, name] of [
      ['anne', 'Anne'],
      ['bruno', 'Bruno'],
      ['chloe', 'Chloé'],
      ['denis', 'Denis'],
    ] as const) {
      const parent = await activatedParent(t, 'alpha', `${login}.attente@example.fr`, { first: name, last: 'Attente' });
      await enrolChild(t.server.ctx, t.communes.a.id, parent.family.children[0].id, [stage]);
      parents.push(parent);
    }
  });
  after(() => t.close());

  const request = (parent: Parent, date: string, action: 'add' | 'cancel') =>
    t.api(`${A}/children/${parent.family.children[0].id}/periods/${periodId}/requests`, {
      token: parent.parentToken,
      body: { lines: [{ date, activityId: stage.id, action }] },
    });
  const stateOf = async (parent: Parent, date: string) =>
    (await Booking.findOne({ where: { child_id: parent.family.children[0].id, activity_id: stage.id, date } }))?.state;

  it('past the capacity a request joins the waiting list; a cancellation gives the place to the first in line, who is told by mail', async () => {
    const day = addDays(w.monday, 1);
    const [anne, bruno, chloe, denis] = parents as [Parent, Parent, Parent, Parent];
    for (const parent of [anne, bruno]) assert.equal((await request(parent, day, 'add')).body.lines[0].outcome, 'accepted');
    assert.equal((await request(chloe, day, 'add')).body.lines[0].outcome, 'waiting_list');
    assert.equal((await request(denis, day, 'add')).body.lines[0].outcome, 'waiting_list');

    const cancelled = await request(anne, day, 'cancel');
    assert.equal(cancelled.status, 201);
    assert.equal(cancelled.body.lines[0].outcome, 'accepted');

    assert.equal(await stateOf(anne, day), 'cancelled');
    assert.equal(await stateOf(chloe, day), 'booked', 'the first on the list gets the place');
    assert.equal(await stateOf(denis, day), 'waiting_list', 'the next one still waits');
    assert.equal((await ActivityDay.findOne({ where: { activity_id: stage.id, date: day } }))?.booked, 2, 'never more than the capacity');

    const mail = await t.mail.waitFor('chloe.attente@example.fr', /une place s'est libérée/);
    assert.match(mail.text, /Stage poterie/);
    assert.match(mail.text, /Bonjour Chloé Attente/);

    const planner = await t.api(`${A}/children/${chloe.family.children[0].id}/periods/${periodId}/planner`, { token: chloe.parentToken });
    const cell = planner.body.days.find((d: { date: string }) => d.date === day).cells[0];
    assert.equal(cell.state, 'booked');
  });

  it('cancelling a place on the waiting list frees nothing and promotes nobody', async () => {
    const day = addDays(w.monday, 2);
    const [anne, bruno, chloe, denis] = parents as [Parent, Parent, Parent, Parent];
    for (const parent of [anne, bruno]) await request(parent, day, 'add');
    await request(chloe, day, 'add');
    await request(denis, day, 'add');
    const left = await request(chloe, day, 'cancel');
    assert.equal(left.body.lines[0].outcome, 'accepted');
    assert.equal(await stateOf(chloe, day), 'cancelled');
    assert.equal(await stateOf(denis, day), 'waiting_list');
    assert.equal((await ActivityDay.findOne({ where: { activity_id: stage.id, date: day } }))?.booked, 2);
  });

  it('staff raising the capacity give the new places to the waiting list in order, and those families are told', async () => {
    const day = addDays(w.monday, 3);
    const [anne, bruno, chloe, denis] = parents as [Parent, Parent, Parent, Parent];
    for (const parent of [anne, bruno, chloe, denis]) await request(parent, day, 'add');
    assert.equal(await stateOf(chloe, day), 'waiting_list');
    assert.equal(await stateOf(denis, day), 'waiting_list');

    const admin = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    const raised = await t.api(`${A}/staff/activities/${stage.id}`, { method: 'PATCH', token: admin, body: { capacityPerDay: 3 } });
    assert.equal(raised.status, 200);
    assert.equal(raised.body.capacityPerDay, 3);
    assert.equal(await stateOf(chloe, day), 'booked', 'the first in line gets the new place');
    assert.equal(await stateOf(denis, day), 'waiting_list', 'one new place, one family promoted');
    assert.equal((await ActivityDay.findOne({ where: { activity_id: stage.id, date: day } }))?.booked, 3);
    const toldOf = (date: string) =>
      t.mail.mails.find((m) => m.to.includes('chloe.attente@example.fr') && m.text.includes(frenchDate(date)));
    for (let tries = 0; !toldOf(day) && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.match(toldOf(day)?.subject ?? '', /une place s'est libérée/, 'Chloé is told of the day by mail');

    // Back to two: refused, since three are booked on that day; nothing moves.
    const lower = await t.api(`${A}/staff/activities/${stage.id}`, { method: 'PATCH', token: admin, body: { capacityPerDay: 2 } });
    assert.equal(lower.status, 409);
    assert.equal(await stateOf(denis, day), 'waiting_list');
  });
});
