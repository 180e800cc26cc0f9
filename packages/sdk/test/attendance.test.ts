import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Booking } from '../../reference-server/src/modules/bookings/booking.models.js';
import { addDays, civilDateOf } from '../../reference-server/src/modules/bookings/rules/civil-date.js';
import { type BookingWorld, bookingWorld, enrolChild } from '../../reference-server/test/support/bookings-fixture.js';
import {
  activatedParent,
  PARENT_PASSWORD,
  STAFF_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../reference-server/test/support/harness.js';
import { createPortailClient, FileRejectedError, fileNameOf } from '../src/index.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

describe('SDK: attendance and absences', () => {
  let t: TestServer;
  let w: BookingWorld;
  let identifier: string;
  let childId: string;
  const today = civilDateOf(new Date());

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    const parent = await activatedParent(t, 'alpha', 'sdk.absence@example.fr', { first: 'Sami', last: 'Sdk' });
    identifier = parent.account.identifier;
    childId = parent.family.children[0].id;
    await enrolChild(t.server.ctx, t.communes.a.id, childId, [w.cantine]);
    for (const date of [today, w.monday]) {
      await t.server.ctx.db.write((transaction) =>
        Booking.create(
          {
            id: randomUUID(),
            commune_id: t.communes.a.id,
            child_id: childId,
            activity_id: w.cantine.id,
            date,
            state: 'booked',
            updated_at: new Date(),
          },
          { transaction },
        ),
      );
    }
  });
  after(() => t.close());

  it('a parent declares an absence with a certificate; staff take the register, read the certificate and excuse it', async () => {
    const parent = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await parent.login(identifier, PARENT_PASSWORD);
    const declared = await parent.declareAbsence(childId, { activityId: w.cantine.id, date: w.monday, comment: 'Rendez-vous médical.' });
    assert.equal(declared.status, 'declared');
    const withDocument = await parent.uploadAbsenceDocument(
      declared.id,
      new Blob([PDF], { type: 'application/pdf' }),
      'certificat d’Ève.pdf',
    );
    assert.equal(withDocument.document?.name, 'certificat d’Ève.pdf');
    await assert.rejects(
      parent.uploadAbsenceDocument(declared.id, new TextEncoder().encode('pas un PDF'), 'faux.pdf'),
      (error: unknown) => error instanceof FileRejectedError && error.code === 'file_type_not_allowed' && error.status === 415,
    );
    assert.deepEqual(
      (await parent.listChildAbsences(childId)).map((a) => [a.id, a.document?.mediaType]),
      [[declared.id, 'application/pdf']],
    );

    const staff = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await staff.login('admin.alpha', STAFF_PASSWORD);
    const activities = await staff.listAttendanceActivities(today);
    assert.deepEqual(
      activities.filter((a) => a.activityId === w.cantine.id).map((a) => [a.activityName, a.expected]),
      [['Cantine', 1]],
    );
    const register = await staff.recordAttendance(w.cantine.id, today, [{ childId, status: 'present' }]);
    assert.deepEqual(
      register.entries.map((e) => [e.childName, e.bookingState, e.attendance]),
      [['Ève Sdk', 'booked', 'present']],
    );
    assert.equal((await staff.getAttendanceRegister(w.cantine.id, today)).entries.length, 1);

    const toDecide = await staff.listAbsences();
    assert.deepEqual(
      toDecide.map((a) => a.id),
      [declared.id],
    );
    const file = await staff.downloadAbsenceDocument(declared.id);
    assert.equal(file.name, 'certificat d’Ève.pdf');
    assert.equal(file.mediaType, 'application/pdf');
    assert.deepEqual(new Uint8Array(await file.blob.arrayBuffer()), PDF);
    const excused = await staff.markAbsence({ childId, activityId: w.cantine.id, date: w.monday, excused: true });
    assert.equal(excused.status, 'excused');
    assert.deepEqual(await staff.listAbsences(), []);
  });

  it('reads both forms of a Content-Disposition file name', () => {
    assert.equal(fileNameOf('attachment; filename="scan.png"'), 'scan.png');
    assert.equal(
      fileNameOf(`attachment; filename="certificat d?Eve.pdf"; filename*=UTF-8''certificat%20d%E2%80%99%C3%88ve.pdf`),
      'certificat d’Ève.pdf',
    );
    assert.equal(fileNameOf(null), null);
  });
});
