import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../reference-server/src/modules/bookings/rules/civil-date.js';
import { type BookingWorld, bookingWorld, enrolChild } from '../../reference-server/test/support/bookings-fixture.js';
import {
  activatedParent,
  PARENT_PASSWORD,
  STAFF_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../reference-server/test/support/harness.js';
import { createPortailClient, NotFoundError } from '../src/index.js';

describe('SDK: bookings', () => {
  let t: TestServer;
  let w: BookingWorld;
  let identifier: string;
  let childId: string;

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    const parent = await activatedParent(t, 'alpha', 'sdk.planning@example.fr', { first: 'Sacha', last: 'Sdk' });
    identifier = parent.account.identifier;
    childId = parent.family.children[0].id;
    await enrolChild(t.server.ctx, t.communes.a.id, childId, [w.cantine]);
  });
  after(() => t.close());

  it('options → planner → request → « Mes réservations », typed end to end', async () => {
    const client = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await client.login(identifier, PARENT_PASSWORD);
    const options = await client.getBookingOptions(childId);
    const period = options.facilities[0]?.periods[0];
    assert.ok(period);
    const planner = await client.getPlanner(childId, period.id);
    const free = planner.days.flatMap((d) =>
      d.cells.filter((c) => c.changeable && c.state === 'none').map((c) => ({ date: d.date, activityId: c.activityId })),
    );
    assert.ok(free.length > 0);
    const request = await client.submitBookingRequest(
      childId,
      period.id,
      free.slice(0, 3).map((f) => ({ ...f, action: 'add' as const })),
    );
    assert.equal(request.status, 'accepted');
    const listed: number[] = [];
    for await (const r of client.iterateBookingRequests({ limit: 1 })) listed.push(r.number);
    assert.deepEqual(listed, [request.number]);
    assert.equal((await client.getBookingRequest(request.id)).lines.length, 3);
  });

  it('the calendar address serves the family bookings as ICS', async () => {
    const client = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await client.login(identifier, PARENT_PASSWORD);
    const url = await client.createCalendarFeed();
    const ics = await (await fetch(url)).text();
    assert.match(ics, /BEGIN:VEVENT[\s\S]*SUMMARY:Cantine — Ève/);
  });

  it('a retry with the same key answers the same request', async () => {
    const client = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await client.login(identifier, PARENT_PASSWORD);
    const lines = [{ date: addDays(w.monday, 14), activityId: w.cantine.id, action: 'add' as const }];
    const first = await client.submitBookingRequest(childId, w.period.id, lines, { idempotencyKey: 'sdk-booking-key-1' });
    const again = await client.submitBookingRequest(childId, w.period.id, lines, { idempotencyKey: 'sdk-booking-key-1' });
    assert.equal(again.id, first.id);
  });

  it('staff list pending days and decide them', async () => {
    await enrolChild(t.server.ctx, t.communes.a.id, childId, [w.mercredi]);
    const parentClient = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await parentClient.login(identifier, PARENT_PASSWORD);
    await parentClient.submitBookingRequest(childId, w.period.id, [
      { date: addDays(w.monday, 2), activityId: w.mercredi.id, action: 'add' },
    ]);
    const staff = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await staff.login('admin.alpha', STAFF_PASSWORD);
    const pending = await staff.listPendingBookings();
    assert.equal(pending.length, 1);
    const results = await staff.decideBookings([{ bookingId: pending[0]?.bookingId ?? '', decision: 'accept' }]);
    assert.deepEqual(
      results.map((r) => r.state),
      ['booked'],
    );
  });

  it("another family's child is a NotFoundError", async () => {
    const stranger = await activatedParent(t, 'alpha', 'sdk.stranger@example.fr', { first: 'Sam', last: 'Autre' });
    const client = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await client.login(stranger.account.identifier, PARENT_PASSWORD);
    await assert.rejects(client.getPlanner(childId, w.period.id), NotFoundError);
  });
});
