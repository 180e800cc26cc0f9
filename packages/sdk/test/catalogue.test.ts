import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, civilDateOf, weekday } from '../../reference-server/src/modules/bookings/rules/civil-date.js';
import {
  activatedParent,
  PARENT_PASSWORD,
  STAFF_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../reference-server/test/support/harness.js';
import { ConflictError, createPortailClient, NotFoundError, type PortailClient } from '../src/index.js';

describe('SDK: the staff back office of the catalogue', () => {
  let t: TestServer;
  let staff: PortailClient;
  let childId: string;
  let parentIdentifier: string;

  before(async () => {
    t = await startTestServer();
    const parent = await activatedParent(t, 'alpha', 'sdk.catalogue@example.fr', { first: 'Samuel', last: 'Catalogue' });
    childId = parent.family.children[0].id;
    parentIdentifier = parent.account.identifier;
    staff = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await staff.login('admin.alpha', STAFF_PASSWORD);
  });
  after(() => t.close());

  it('facility → activity → period → enrolment → a booking → capacity and closure conflicts, typed end to end', async () => {
    const today = civilDateOf(new Date());
    const monday = addDays(today, 35 - (weekday(today) - 1));
    const facility = await staff.createFacility('ALE Primaire', { idempotencyKey: 'sdk-facility-0001' });
    assert.equal((await staff.createFacility('ALE Primaire', { idempotencyKey: 'sdk-facility-0001' })).id, facility.id);
    await staff.renameFacility(facility.id, 'ALE Primaire Jaurès');
    const rule = { kind: 'days_before' as const, days: 2, time: '12:00' };
    const activity = await staff.createActivity(facility.id, {
      name: 'ALE vacances',
      bookingDeadline: rule,
      cancellationDeadline: rule,
      capacityPerDay: 1,
      weekdays: [1, 2, 3, 4, 5],
    });
    const [listed] = await staff.listFacilities();
    assert.deepEqual([listed?.name, listed?.activities.map((a) => a.weekdays)], ['ALE Primaire Jaurès', [[1, 2, 3, 4, 5]]]);
    const period = await staff.createBookingPeriod({
      facilityId: facility.id,
      name: 'Vacances de printemps',
      start: monday,
      end: addDays(monday, 4),
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      activityIds: [activity.id],
    });
    assert.equal((await staff.updateBookingPeriod(period.id, { name: 'Printemps' })).name, 'Printemps');
    assert.deepEqual(
      (await staff.listStaffBookingPeriods({ facilityId: facility.id })).map((p) => p.status),
      ['open'],
    );
    const enrolment = await staff.createEnrolment(childId, { activityId: activity.id, validFrom: '2020-09-01', validTo: '2099-08-31' });
    assert.equal((await staff.listEnrolments(childId))[0]?.activityName, 'ALE vacances');

    const parent = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await parent.login(parentIdentifier, PARENT_PASSWORD);
    await parent.submitBookingRequest(childId, period.id, [{ date: monday, activityId: activity.id, action: 'add' }]);
    await parent.submitBookingRequest(childId, period.id, [{ date: addDays(monday, 1), activityId: activity.id, action: 'add' }]);

    await assert.rejects(staff.updateActivity(activity.id, { capacityPerDay: 0 }), (error: unknown) => {
      assert.ok(error instanceof ConflictError);
      assert.equal(error.code, 'capacity_below_bookings');
      assert.deepEqual(error.problem?.dates, [monday, addDays(monday, 1)]);
      return true;
    });
    assert.equal((await staff.updateActivity(activity.id, { capacityPerDay: 10 })).capacityPerDay, 10);
    await assert.rejects(staff.deleteBookingPeriod(period.id), (error: unknown) => error instanceof ConflictError);

    const closed = await staff.createClosure({ facilityId: facility.id, start: monday, end: monday, label: 'Journée pédagogique' });
    assert.equal(closed.cancelledBookings, 1);
    assert.deepEqual(
      (await staff.listClosures({ from: monday })).map((c) => c.label),
      ['Journée pédagogique'],
    );
    await staff.deleteClosure(closed.closure.id);
    await assert.rejects(staff.deleteClosure(closed.closure.id), (error: unknown) => error instanceof NotFoundError);
    assert.equal((await staff.endEnrolment(enrolment.id, '2098-08-31')).validTo, '2098-08-31');
    await staff.deleteEnrolment(enrolment.id);
    assert.deepEqual(await staff.listEnrolments(childId), []);
  });
});
