/**
 * What a billing run records of the days it bills (`billed_days`, migration 0015): a mask of
 * days per child, activity, month and run. Released days billed again exactly, the unique
 * index refusing two claims against the same days in force, and the migration converting
 * per-day `billed_items` to masks and back with the history kept.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { QueryTypes } from 'sequelize';
import { Child } from '../src/modules/families/family.models.js';
import { migrator } from '../src/platform/db/migrate.js';
import {
  type BilledDaysRow,
  billedDaysInForce,
  billedDaysRows,
  canteenDays,
  datesOf,
  putBookings,
  quickFamilies,
} from './support/billing-fixture.js';
import { type BookingWorld, bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';
const MONTH = '2026-03';

describe('billed days: one row per child, activity and month, holding a mask of its days', () => {
  let t: TestServer;
  let w: BookingWorld;
  let staff: string;
  let booker: string;
  let bookerFamily: string;
  let attender: string;
  const days = canteenDays(MONTH);
  const first = days.slice(0, 10);
  const late = days.slice(10, 12);

  before(async () => {
    t = await startTestServer({ smtp: false });
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    [booker = '', attender = ''] = await quickFamilies(t.server.ctx, t.communes.a.id, 2, 'BD');
    bookerFamily = (await Child.findByPk(booker))?.family_id ?? '';
    const tariff = await t.api(`${A}/staff/activities/${w.cantine.id}/tariff`, {
      method: 'PUT',
      token: staff,
      body: { brackets: [{ upToQuotient: null, unitPriceCents: 200 }] },
    });
    assert.equal(tariff.status, 200, JSON.stringify(tariff.body));
    const fee = await t.api(`${A}/staff/flat-fees`, { token: staff, body: { label: 'Adhésion', amountCents: 1000, frequency: 'yearly' } });
    assert.equal(fee.status, 201, JSON.stringify(fee.body));
  });
  after(() => t.close());

  const run = async () => {
    const r = await t.api(`${A}/staff/billing-runs`, { token: staff, body: { month: MONTH } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as { invoiceCount: number; invoiceNumbers: string[] };
  };
  const invoiceByNumber = async (number: string) => {
    const list = await t.api(`${A}/staff/invoices?familyId=${bookerFamily}`, { token: staff });
    const found = (list.body.items as { id: string; number: string }[]).find((i) => i.number === number);
    assert.ok(found, `invoice ${number}`);
    const detail = await t.api(`${A}/staff/invoices/${found.id}`, { token: staff });
    return detail.body as { id: string; lines: { label: string; quantity: number }[] };
  };
  const lines = (invoice: { lines: { label: string; quantity: number }[] }) => invoice.lines.map((l) => [l.label, l.quantity]);
  const rows = () => billedDaysRows(t.server.ctx.db.sequelize, [MONTH]);

  it('a corrected invoice after a cancelling credit note bills exactly the released days, and the fee again', async () => {
    await putBookings(t.server.ctx, t.communes.a.id, booker, w.cantine.id, first);
    const [firstNumber = ''] = (await run()).invoiceNumbers;
    await putBookings(t.server.ctx, t.communes.a.id, booker, w.cantine.id, late);
    const [lateNumber = ''] = (await run()).invoiceNumbers;
    assert.deepEqual(lines(await invoiceByNumber(lateNumber)), [['Cantine', 2]]);

    const original = await invoiceByNumber(firstNumber);
    assert.deepEqual(lines(original), [
      ['Cantine', 10],
      ['Adhésion', 1],
    ]);
    const cancel = await t.api(`${A}/staff/invoices/${original.id}/credit-notes`, {
      token: staff,
      body: { kind: 'cancel', reason: 'Erreur de facturation' },
    });
    assert.equal(cancel.status, 201, JSON.stringify(cancel.body));

    const corrected = await run();
    assert.equal(corrected.invoiceCount, 1);
    assert.deepEqual(lines(await invoiceByNumber(corrected.invoiceNumbers[0] ?? '')), [
      ['Cantine', 10],
      ['Adhésion', 1],
    ]);
    // The released row's days, exactly, claimed against the late run's days still in force.
    const [released, kept, again, ...more] = await rows();
    assert.deepEqual(more, []);
    assert.ok(released && kept && again);
    assert.deepEqual([released.released, kept.released, again.released], [true, false, false]);
    assert.deepEqual(datesOf(released), first);
    assert.deepEqual(datesOf(kept), late);
    assert.deepEqual(datesOf(again), first);
    assert.equal(again.in_force_before, kept.days);
    assert.deepEqual(
      (await billedDaysInForce(t.server.ctx.db.sequelize, [MONTH])).sort(),
      [...first, ...late].map((date) => `${booker}:${w.cantine.id}:${date}`).sort(),
    );
    assert.equal((await run()).invoiceCount, 0);
  });

  it('the database refuses a second claim against the same days in force', async () => {
    const [, kept] = await rows();
    assert.ok(kept);
    const sequelize = t.server.ctx.db.sequelize;
    const no = t.server.ctx.db.dialect === 'postgres' ? 'false' : '0';
    // What a run not serialised with the late run would have written: the same days, against the same state.
    const insert = () =>
      t.server.ctx.db.write((transaction) =>
        sequelize.query(
          `INSERT INTO billed_days (commune_id, kind, run_id, family_id, child_id, activity_id, month, days, quantity, in_force_before, released)
           VALUES (:communeId, 'booking', 'a-rival-run', :familyId, :childId, :activityId, :month, :days, :quantity, :before, ${no})`,
          {
            replacements: {
              communeId: t.communes.a.id,
              familyId: kept.family_id,
              childId: kept.child_id,
              activityId: kept.activity_id,
              month: MONTH,
              days: kept.days,
              quantity: kept.quantity,
              before: kept.in_force_before,
            },
            transaction,
            type: QueryTypes.INSERT,
          },
        ),
      );
    await assert.rejects(insert, { name: 'SequelizeUniqueConstraintError' });
  });

  it('migration 0015 turns per-day items into masks and back, days billed staying billed, released staying released', async () => {
    // An attended, unbooked day billed too (the other kind).
    await enrolChild(t.server.ctx, t.communes.a.id, attender, [w.cantine]);
    const settings = await t.api(`${A}/staff/billing-settings`, {
      method: 'PUT',
      token: staff,
      body: { paymentTermDays: 30, billUnbookedAttendance: true, issuerAddress: null },
    });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    const register = await t.api(`${A}/staff/attendance`, {
      method: 'PUT',
      token: staff,
      body: { activityId: w.cantine.id, date: days[3], records: [{ childId: attender, status: 'present' }] },
    });
    assert.equal(register.status, 200, JSON.stringify(register.body));
    assert.equal((await run()).invoiceCount, 1);
    const before = await rows();
    assert.equal(before.length, 4);

    const sequelize = t.server.ctx.db.sequelize;
    const umzug = migrator(t.server.ctx.db);
    await umzug.down({ to: '0015-billed-days' });
    const items = await sequelize.query<{ kind: string; ref_id: string; run_id: string; date: string; released: unknown }>(
      `SELECT i.kind, i.ref_id, i.run_id, i.date, i.released FROM billed_items i WHERE i.kind <> 'fee' ORDER BY i.id`,
      { type: QueryTypes.SELECT },
    );
    // One item per day of each mask, pointing at the booking (or attendance) of that day.
    const expected = before.flatMap((row) => datesOf(row).map((date) => [row.kind, row.run_id, date, row.released]));
    assert.deepEqual(
      items.map((i) => [i.kind, i.run_id, String(i.date).slice(0, 10), i.released === true || Number(i.released) === 1]).sort(),
      expected.sort(),
    );
    const refs = await sequelize.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM billed_items i
       LEFT JOIN bookings b ON i.kind = 'booking' AND b.id = i.ref_id AND b.date = i.date AND b.child_id = i.child_id
       LEFT JOIN attendances a ON i.kind = 'attendance' AND a.id = i.ref_id AND a.date = i.date AND a.child_id = i.child_id
       WHERE i.kind <> 'fee' AND b.id IS NULL AND a.id IS NULL`,
      { type: QueryTypes.SELECT },
    );
    assert.equal(Number(refs[0]?.n), 0, 'every item refers to its own booking or attendance');

    await umzug.up();
    const after = await rows();
    const comparable = (r: BilledDaysRow) => [
      r.kind,
      r.run_id,
      r.family_id,
      r.child_id,
      r.activity_id,
      r.month,
      r.days,
      r.quantity,
      r.released,
    ];
    assert.deepEqual(after.map(comparable).sort(), before.map(comparable).sort());
    // Rows in force: each claimed against a different state, which never holds its own days.
    const inForce = after.filter((r) => !r.released);
    for (const r of inForce) assert.equal(r.days & r.in_force_before, 0);
    const keys = inForce.map((r) => `${r.kind}:${r.child_id}:${r.activity_id}:${r.month}:${r.in_force_before}`);
    assert.equal(new Set(keys).size, keys.length);
    // And billing goes on as before: nothing billed twice.
    assert.equal((await run()).invoiceCount, 0);
  });
});
