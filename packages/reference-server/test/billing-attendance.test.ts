import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canteenDays } from './support/billing-fixture.js';
import { type BookingWorld, bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';
const MONTH = '2026-03';

describe('billing: days a child was present without a booking', () => {
  let t: TestServer;
  let w: BookingWorld;
  let staff: string;
  let parent: Awaited<ReturnType<typeof activatedParent>>;
  let childId: string;
  const [day] = canteenDays(MONTH);

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    parent = await activatedParent(t, 'alpha', 'presente@example.fr', { first: 'Pia', last: 'Présente' });
    childId = parent.family.children[0].id;
    await enrolChild(t.server.ctx, t.communes.a.id, childId, [w.cantine]);
    const price = await t.api(`${A}/staff/activities/${w.cantine.id}/tariff`, {
      method: 'PUT',
      token: staff,
      body: { brackets: [{ upToQuotient: null, unitPriceCents: 350 }] },
    });
    assert.equal(price.status, 200, JSON.stringify(price.body));
    // The register: present at the canteen that day, with no booking.
    const register = await t.api(`${A}/staff/attendance`, {
      method: 'PUT',
      token: staff,
      body: { activityId: w.cantine.id, date: day, records: [{ childId, status: 'present' }] },
    });
    assert.equal(register.status, 200, JSON.stringify(register.body));
  });
  after(() => t.close());

  const settings = (billUnbookedAttendance: boolean) =>
    t.api(`${A}/staff/billing-settings`, {
      method: 'PUT',
      token: staff,
      body: { paymentTermDays: 30, billUnbookedAttendance, issuerAddress: null },
    });
  const invoices = async () => (await t.api(`${A}/invoices`, { token: parent.parentToken })).body.items as { id: string }[];

  it('not billed while the commune does not bill unbooked attendance', async () => {
    assert.equal((await settings(false)).status, 200);
    const run = await t.api(`${A}/staff/billing-runs`, { token: staff, body: { month: MONTH } });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    assert.deepEqual(await invoices(), []);
  });

  it('billed like a booked day once the commune says so, and only once', async () => {
    assert.equal((await settings(true)).status, 200);
    const run = await t.api(`${A}/staff/billing-runs`, { token: staff, body: { month: MONTH } });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    const [invoice] = await invoices();
    assert.ok(invoice, 'the family has an invoice');
    const detail = await t.api(`${A}/invoices/${invoice.id}`, { token: parent.parentToken });
    const canteen = detail.body.lines.filter((l: { label: string }) => l.label === 'Cantine');
    assert.deepEqual(
      canteen.map((l: { quantity: number; unitPriceCents: number }) => [l.quantity, l.unitPriceCents]),
      [[1, 350]],
    );
    const again = await t.api(`${A}/staff/billing-runs`, { token: staff, body: { month: MONTH } });
    assert.equal(again.body.invoiceCount, 0, 'the attended day is never billed twice');
  });
});
