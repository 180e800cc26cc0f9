import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { Absence, Attendance } from '../src/modules/attendance/attendance.models.js';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { Booking, type BookingStateName } from '../src/modules/bookings/booking.models.js';
import { createPeriod } from '../src/modules/bookings/provisioning.js';
import { addDays, civilDateOf, weekday } from '../src/modules/bookings/rules/civil-date.js';
import { sanitiseFileName } from '../src/platform/files/files.js';
import { StoredFile } from '../src/platform/files/stored-file.model.js';
import { addChildren, type BookingWorld, bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';

/** Small files that are what their first bytes say. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
]);
/** A Windows program (MZ header) renamed « certificat.pdf ». */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(200)]);

/** The last day before today on which the cantine runs (Mon, Tue, Thu, Fri). */
function lastCantineDayBefore(date: string): string {
  let day = addDays(date, -1);
  while (![1, 2, 4, 5].includes(weekday(day))) day = addDays(day, -1);
  return day;
}

describe('attendance (« l’appel ») and absences', () => {
  let t: TestServer;
  let w: BookingWorld;
  let staff: string;
  let parent: Awaited<ReturnType<typeof activatedParent>>;
  let other: Awaited<ReturnType<typeof activatedParent>>;
  let childId: string;
  let siblings: string[];
  const today = civilDateOf(new Date());
  const past = lastCantineDayBefore(today);

  async function book(child: string, date: string, state: BookingStateName, activityId = w.cantine.id): Promise<string> {
    const id = randomUUID();
    await t.server.ctx.db.write((transaction) =>
      Booking.create(
        { id, commune_id: t.communes.a.id, child_id: child, activity_id: activityId, date, state, updated_at: new Date() },
        { transaction },
      ),
    );
    return id;
  }

  async function stateOf(child: string, date: string): Promise<string | undefined> {
    return (await Booking.findOne({ where: { child_id: child, activity_id: w.cantine.id, date } }))?.state;
  }

  async function upload(absenceId: string, token: string | null, bytes: Buffer, type: string, name?: string) {
    const headers: Record<string, string> = { 'Content-Type': type, 'X-PF-Client': 'tests' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (name !== undefined) headers['X-PF-Filename'] = encodeURIComponent(name);
    const response = await fetch(`${t.url}${A}/absences/${absenceId}/document`, { method: 'PUT', headers, body: new Uint8Array(bytes) });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
  }

  async function download(absenceId: string, token: string | null, commune = 'alpha') {
    const response = await fetch(`${t.url}/v1/communes/${commune}/absences/${absenceId}/document`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    parent = await activatedParent(t, 'alpha', 'appel@example.fr', { first: 'Anne', last: 'Appel' });
    other = await activatedParent(t, 'alpha', 'voisin@example.fr', { first: 'Victor', last: 'Voisin' });
    childId = parent.family.children[0].id;
    siblings = await addChildren(t.server.ctx, t.communes.a.id, parent.family.id, 4);
    for (const id of [childId, ...siblings]) await enrolChild(t.server.ctx, t.communes.a.id, id, [w.cantine]);
  });
  after(() => t.close());

  it('the register lists the children expected that day with their booking state, and nothing yet recorded', async () => {
    await book(childId, past, 'booked');
    await book(siblings[0] as string, past, 'pending');
    await book(siblings[1] as string, past, 'waiting_list');
    await book(siblings[2] as string, past, 'cancelled');
    const register = await t.api(`${A}/staff/attendance?activityId=${w.cantine.id}&date=${past}`, { token: staff });
    assert.equal(register.status, 200);
    assert.equal(register.body.activityName, 'Cantine');
    assert.equal(register.body.recordable, true);
    const entries = register.body.entries as {
      childId: string;
      childName: string;
      familyNumber: string;
      bookingState: string;
      attendance: string | null;
    }[];
    assert.deepEqual(
      entries.map((e) => [e.childName, e.bookingState, e.attendance]),
      [
        ['Ève Appel', 'booked', null],
        ['Enfant0 Nombreux', 'pending', null],
        ['Enfant1 Nombreux', 'waiting_list', null],
      ],
      'a cancelled day is not expected',
    );
    assert.equal(entries[0]?.familyNumber, parent.family.number);
    const day = await t.api(`${A}/staff/attendance/activities?date=${past}`, { token: staff });
    assert.equal(day.status, 200);
    assert.deepEqual(
      day.body.items.map((a: { activityName: string; facilityName: string; expected: number; recorded: number }) => [
        a.facilityName,
        a.activityName,
        a.expected,
        a.recorded,
      ]),
      [
        ['ALP Primaire', 'Cantine', 3, 0],
        ['ALP Primaire', 'ALE vacances', 0, 0],
      ],
      'the activities running that day, with the children expected',
    );
    const future = await t.api(`${A}/staff/attendance?activityId=${w.cantine.id}&date=${w.monday}`, { token: staff });
    assert.equal(future.body.recordable, false);
  });

  it('recording the day in bulk, then again, replaces the register and never duplicates; each recording is audited', async () => {
    const body = (records: { childId: string; status: string }[]) => ({ activityId: w.cantine.id, date: past, records });
    const first = await t.api(`${A}/staff/attendance`, {
      method: 'PUT',
      token: staff,
      body: body([
        { childId, status: 'present' },
        { childId: siblings[0] as string, status: 'absent' },
      ]),
    });
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.entries.map((e: { childName: string; attendance: string | null }) => [e.childName, e.attendance]),
      [
        ['Ève Appel', 'present'],
        ['Enfant0 Nombreux', 'absent'],
        ['Enfant1 Nombreux', null],
      ],
    );
    const again = await t.api(`${A}/staff/attendance`, {
      method: 'PUT',
      token: staff,
      body: body([{ childId, status: 'absent' }]),
    });
    assert.equal(again.status, 200);
    assert.deepEqual(
      again.body.entries.map((e: { attendance: string | null }) => e.attendance),
      ['absent', null, null],
    );
    assert.equal(await Attendance.count({ where: { activity_id: w.cantine.id, date: past } }), 1);
    const same = await t.api(`${A}/staff/attendance`, { method: 'PUT', token: staff, body: body([{ childId, status: 'absent' }]) });
    assert.deepEqual(same.body, again.body, 'recording the same register twice changes nothing');
    assert.equal(await Attendance.count({ where: { activity_id: w.cantine.id, date: past } }), 1);
    assert.equal(await AuditEntry.count({ where: { action: 'attendance.recorded', target_id: `${w.cantine.id}/${past}` } }), 3);
  });

  it('an enrolled child present without a booking is recorded as an unbooked attendance; a child not enrolled is refused', async () => {
    const walkIn = siblings[3] as string;
    const recorded = await t.api(`${A}/staff/attendance`, {
      method: 'PUT',
      token: staff,
      body: {
        activityId: w.cantine.id,
        date: past,
        records: [
          { childId, status: 'absent' },
          { childId: walkIn, status: 'present' },
        ],
      },
    });
    assert.equal(recorded.status, 200);
    const entry = recorded.body.entries.find((e: { childId: string }) => e.childId === walkIn);
    assert.deepEqual([entry.bookingState, entry.attendance], ['none', 'present']);
    assert.equal((await Attendance.findOne({ where: { child_id: walkIn, date: past } }))?.booking_id, null);

    const stranger: string = other.family.children[0].id;
    const refused = await t.api(`${A}/staff/attendance`, {
      method: 'PUT',
      token: staff,
      body: { activityId: w.cantine.id, date: past, records: [{ childId: stranger, status: 'present' }] },
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'child_not_enrolled');
    assert.equal(await Attendance.count({ where: { activity_id: w.cantine.id, date: past } }), 2, 'a refused recording changes nothing');
  });

  it('attendance cannot be recorded for a day still to come', async () => {
    const tomorrow = addDays(today, 1);
    const refused = await t.api(`${A}/staff/attendance`, {
      method: 'PUT',
      token: staff,
      body: { activityId: w.cantine.id, date: tomorrow, records: [{ childId, status: 'present' }] },
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'attendance_in_future');
    const todayOk = await t.api(`${A}/staff/attendance`, {
      method: 'PUT',
      token: staff,
      body: { activityId: w.cantine.id, date: today, records: [{ childId, status: 'present' }] },
    });
    assert.equal(todayOk.status, 200, 'today can be recorded');
  });

  it('an excused absence is not billed: the booking becomes excused_absence and the family sees it in the planner; not excused puts it back', async () => {
    const period = await createPeriod(t.server.ctx, w.facility, {
      name: 'Semaines passées',
      start: addDays(past, -7),
      end: addDays(today, 7),
      opensAt: new Date(Date.now() - 30 * 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      activities: [w.cantine],
    });
    const excused = await t.api(`${A}/staff/absences`, {
      token: staff,
      body: { childId, activityId: w.cantine.id, date: past, excused: true, comment: 'Certificat médical reçu.' },
    });
    assert.equal(excused.status, 200);
    assert.deepEqual([excused.body.status, excused.body.declaredBy, excused.body.document], ['excused', 'staff', null]);
    assert.equal(await stateOf(childId, past), 'excused_absence');
    const planner = await t.api(`${A}/children/${childId}/periods/${period.id}/planner`, { token: parent.parentToken });
    const cell = planner.body.days.find((d: { date: string }) => d.date === past)?.cells[0];
    assert.equal(cell?.state, 'excused_absence');

    const register = await t.api(`${A}/staff/attendance?activityId=${w.cantine.id}&date=${past}`, { token: staff });
    const entry = register.body.entries.find((e: { childId: string }) => e.childId === childId);
    assert.deepEqual([entry.bookingState, entry.absence?.status], ['excused_absence', 'excused']);

    const notExcused = await t.api(`${A}/staff/absences`, {
      token: staff,
      body: { childId, activityId: w.cantine.id, date: past, excused: false },
    });
    assert.deepEqual([notExcused.body.id, notExcused.body.status], [excused.body.id, 'not_excused']);
    assert.equal(await stateOf(childId, past), 'booked');
    assert.equal(await Absence.count({ where: { child_id: childId, date: past } }), 1);
    assert.equal(await AuditEntry.count({ where: { action: ['absence.excused', 'absence.not_excused'], target_id: excused.body.id } }), 2);

    const unbooked = await t.api(`${A}/staff/absences`, {
      token: staff,
      body: { childId: siblings[3], activityId: w.cantine.id, date: past, excused: true },
    });
    assert.equal(unbooked.status, 409, 'an unbooked day has no absence to excuse');
    assert.equal(unbooked.body.code, 'not_booked');
  });

  it('a parent declares an absence on a booked day, joins a certificate; staff then decide it', async () => {
    const day = addDays(w.monday, 0);
    await book(childId, day, 'booked');
    const declared = await t.api(`${A}/children/${childId}/absences`, {
      token: parent.parentToken,
      body: { activityId: w.cantine.id, date: day, comment: 'Angine, certificat à suivre.' },
    });
    assert.equal(declared.status, 201);
    assert.deepEqual([declared.body.status, declared.body.declaredBy], ['declared', 'family']);
    const twice = await t.api(`${A}/children/${childId}/absences`, {
      token: parent.parentToken,
      body: { activityId: w.cantine.id, date: day },
    });
    assert.deepEqual([twice.status, twice.body.id], [200, declared.body.id]);
    const notBooked = await t.api(`${A}/children/${childId}/absences`, {
      token: parent.parentToken,
      body: { activityId: w.cantine.id, date: addDays(day, 1) },
    });
    assert.deepEqual([notBooked.status, notBooked.body.code], [409, 'not_booked']);
    const notMine = await t.api(`${A}/children/${childId}/absences`, {
      token: other.parentToken,
      body: { activityId: w.cantine.id, date: day },
    });
    assert.equal(notMine.status, 404, "another family's child is not found");

    const stored = await upload(declared.body.id, parent.parentToken, PDF, 'application/pdf', '../../certificat médical <Ève>.pdf');
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
    assert.equal(stored.body.document.name, 'certificat médical _Ève_.pdf');
    assert.equal(stored.body.document.mediaType, 'application/pdf');
    assert.equal(stored.body.document.size, PDF.length);
    assert.match(stored.body.document.sha256, /^[0-9a-f]{64}$/);

    const toDecide = await t.api(`${A}/staff/absences`, { token: staff });
    assert.deepEqual(
      toDecide.body.items.map((a: { id: string; childName: string; document: { name: string } | null }) => [
        a.id,
        a.childName,
        a.document?.name,
      ]),
      [[declared.body.id, 'Ève Appel', 'certificat médical _Ève_.pdf']],
    );
    const mine = await t.api(`${A}/children/${childId}/absences`, { token: parent.parentToken });
    assert.equal(mine.body.items.length, 2);

    const decided = await t.api(`${A}/staff/absences`, {
      token: staff,
      body: { childId, activityId: w.cantine.id, date: day, excused: true },
    });
    assert.deepEqual([decided.body.id, decided.body.status, decided.body.declaredBy], [declared.body.id, 'excused', 'family']);
    assert.equal(await stateOf(childId, day), 'excused_absence');
    const late = await upload(declared.body.id, parent.parentToken, PDF, 'application/pdf', 'autre.pdf');
    assert.deepEqual([late.status, late.body.code], [409, 'absence_already_decided']);
  });

  it('concurrent recordings of one day and concurrent decisions on one absence never duplicate nor fail', async () => {
    const day = addDays(past, -7);
    const kids = [childId, ...siblings];
    for (const id of kids) await book(id, day, 'booked');
    const recordings = await Promise.all(
      kids.map((_, i) =>
        t.api(`${A}/staff/attendance`, {
          method: 'PUT',
          token: staff,
          body: { activityId: w.cantine.id, date: day, records: kids.slice(0, i + 1).map((id) => ({ childId: id, status: 'present' })) },
        }),
      ),
    );
    assert.deepEqual(
      recordings.map((r) => r.status),
      kids.map(() => 200),
    );
    const rows = await Attendance.findAll({ where: { activity_id: w.cantine.id, date: day } });
    assert.equal(new Set(rows.map((r) => r.child_id)).size, rows.length, 'one row per child');
    assert.ok(rows.length >= 1 && rows.length <= kids.length);

    const decisions = await Promise.all([
      t.api(`${A}/children/${childId}/absences`, { token: parent.parentToken, body: { activityId: w.cantine.id, date: day } }),
      ...[true, false, true].map((excused) =>
        t.api(`${A}/staff/absences`, { token: staff, body: { childId, activityId: w.cantine.id, date: day, excused } }),
      ),
    ]);
    assert.ok(
      decisions.every((d) => d.status < 300 || d.body.code === 'not_booked'),
      JSON.stringify(decisions.map((d) => d.body)),
    );
    assert.equal(await Absence.count({ where: { child_id: childId, date: day } }), 1);
  });

  it('keeps uploaded names harmless: no path, no control characters, the real extension, 100 characters at most', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom(...(['application/pdf', 'image/jpeg', 'image/png'] as const)),
        (name, type) => {
          const safe = sanitiseFileName(name, type);
          assert.doesNotMatch(safe, /[/\\\p{Cc}<>:"|?*]/u);
          assert.ok(safe.endsWith({ 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' }[type]));
          assert.ok([...safe].length <= 104);
          assert.ok(!safe.startsWith('.'));
        },
      ),
    );
    assert.equal(sanitiseFileName('C:\\Users\\moi\\Bulletin.JPEG', 'image/jpeg'), 'Bulletin.jpg');
    assert.equal(sanitiseFileName('..', 'application/pdf'), 'document.pdf');
  });

  describe('supporting documents', () => {
    let absenceId: string;
    let day: string;
    before(async () => {
      day = addDays(w.monday, 1);
      await book(childId, day, 'booked');
      const declared = await t.api(`${A}/children/${childId}/absences`, {
        token: parent.parentToken,
        body: { activityId: w.cantine.id, date: day },
      });
      absenceId = declared.body.id;
    });

    it('is typed by its content: a PNG named « .pdf » is kept as a PNG; it replaces the previous document', async () => {
      const first = await upload(absenceId, parent.parentToken, PDF, 'application/pdf', 'certificat.pdf');
      const filesBefore = await StoredFile.count();
      const second = await upload(absenceId, parent.parentToken, PNG, 'application/pdf', 'photo du certificat.pdf');
      assert.equal(second.status, 200);
      assert.deepEqual([second.body.document.mediaType, second.body.document.name], ['image/png', 'photo du certificat.png']);
      assert.notEqual(second.body.document.id, first.body.document.id);
      assert.equal(await StoredFile.count(), filesBefore, 'the replaced file is deleted');
      const untitled = await upload(absenceId, parent.parentToken, PDF, 'application/octet-stream');
      assert.equal(untitled.body.document.name, 'document.pdf');
    });

    it('refuses a program renamed .pdf, an empty file, a file too large or another type — and keeps nothing', async () => {
      const kept = await upload(absenceId, parent.parentToken, PDF, 'application/pdf', 'certificat.pdf');
      const files = await StoredFile.count();
      const refusals: [Buffer, string, string, number, string][] = [
        [EXE, 'application/pdf', 'certificat.pdf', 415, 'file_type_not_allowed'],
        [Buffer.from('Ceci est un certificat, promis.'), 'application/pdf', 'certificat.pdf', 415, 'file_type_not_allowed'],
        [Buffer.alloc(0), 'application/pdf', 'vide.pdf', 400, 'file_empty'],
        [Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]), 'application/pdf', 'énorme.pdf', 413, 'file_too_large'],
        [PDF, 'text/html', 'page.html', 415, 'file_type_not_allowed'],
      ];
      for (const [bytes, type, name, status, code] of refusals) {
        const refused = await upload(absenceId, parent.parentToken, bytes, type, name);
        assert.equal(refused.status, status, `${name}: ${JSON.stringify(refused.body)}`);
        assert.match(refused.contentType, /application\/problem\+json/);
        assert.equal(refused.body.code, code, name);
      }
      assert.equal(await StoredFile.count(), files, 'nothing stored');
      assert.equal((await Absence.findByPk(absenceId))?.document_id, kept.body.document.id, 'the document in place stays');
    });

    it('is downloaded by the family and the commune’s staff only, byte for byte; staff downloads are audited', async () => {
      const stored = await upload(absenceId, parent.parentToken, PDF, 'application/pdf', 'certificat.pdf');
      const byParent = await download(absenceId, parent.parentToken);
      assert.equal(byParent.status, 200);
      assert.equal(byParent.headers.get('content-type'), 'application/pdf');
      assert.match(byParent.headers.get('content-disposition') ?? '', /^attachment; filename="?certificat\.pdf"?$/);
      assert.ok(byParent.bytes.equals(PDF));
      assert.equal(stored.body.document.sha256, (await StoredFile.findByPk(stored.body.document.id))?.sha256);

      const audited = await AuditEntry.count({ where: { action: 'absence.document_read', target_id: absenceId } });
      const byStaff = await download(absenceId, staff);
      assert.equal(byStaff.status, 200);
      assert.ok(byStaff.bytes.equals(PDF));
      assert.equal(await AuditEntry.count({ where: { action: 'absence.document_read', target_id: absenceId } }), audited + 1);
      const staffUpload = await upload(absenceId, staff, PNG, 'image/png', 'scan.png');
      assert.equal(staffUpload.status, 200, 'staff may join a document too');

      assert.equal((await download(absenceId, other.parentToken)).status, 404, 'another family');
      assert.equal((await upload(absenceId, other.parentToken, PDF, 'application/pdf')).status, 404);
      assert.equal((await download(absenceId, null)).status, 401);
      const beta = await t.login('beta', 'admin.beta', STAFF_PASSWORD);
      assert.equal((await download(absenceId, beta)).status, 401, "another commune's staff on this commune");
      assert.equal((await download(absenceId, beta, 'beta')).status, 404, "…and on their own commune's path");
      assert.equal((await upload(absenceId, beta, PDF, 'application/pdf')).status, 401);
    });
  });
});
