import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays, civilDateOf } from '../../reference-server/src/modules/bookings/rules/civil-date.js';
import { type BookingWorld, bookingWorld, enrolChild } from '../../reference-server/test/support/bookings-fixture.js';
import {
  activatedParent,
  PARENT_PASSWORD,
  STAFF_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../reference-server/test/support/harness.js';
import { createPortailClient, FileRejectedError, NotFoundError } from '../src/index.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

describe('SDK: documents and data rights', () => {
  let t: TestServer;
  let w: BookingWorld;
  let enrolled: string;
  let notEnrolled: string;
  const today = civilDateOf(new Date());

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    const a = await activatedParent(t, 'alpha', 'sdk.docs@example.fr', { first: 'Dora', last: 'Docs' });
    const b = await activatedParent(t, 'alpha', 'sdk.autre@example.fr', { first: 'Otto', last: 'Autre' });
    enrolled = a.account.identifier;
    notEnrolled = b.account.identifier;
    await enrolChild(t.server.ctx, t.communes.a.id, a.family.children[0].id, [w.cantine]);
  });
  after(() => t.close());

  it('staff publish a menu for everyone and a planning for one facility; each parent lists and downloads theirs only', async () => {
    const staff = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await staff.login('admin.alpha', STAFF_PASSWORD);
    const period = { validFrom: addDays(today, -1), validTo: addDays(today, 30) };
    const menu = await staff.publishDocument(
      { category: 'canteen_menu', title: 'Menus de la cantine — décembre', ...period },
      new Blob([PDF], { type: 'application/pdf' }),
      'menus décembre.pdf',
    );
    assert.equal(menu.file.name, 'menus décembre.pdf');
    const planning = await staff.publishDocument(
      { category: 'activity_planning', title: 'Planning ALP', facilityId: w.facility.id, ...period },
      PDF,
    );
    await assert.rejects(
      staff.publishDocument({ category: 'enrolment_form', title: 'Pas un PDF', ...period }, new TextEncoder().encode('hello')),
      FileRejectedError,
    );
    assert.equal((await staff.listStaffDocuments()).length, 2);

    const a = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await a.login(enrolled, PARENT_PASSWORD);
    assert.deepEqual((await a.listDocuments()).map((d) => d.id).sort(), [menu.id, planning.id].sort());
    const file = await a.downloadDocument(menu.id);
    assert.equal(file.name, 'menus décembre.pdf');
    assert.equal(file.mediaType, 'application/pdf');
    assert.deepEqual(new Uint8Array(await file.blob.arrayBuffer()), PDF);

    const b = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await b.login(notEnrolled, PARENT_PASSWORD);
    assert.deepEqual((await b.listDocuments({ category: 'activity_planning' })).length, 0);
    await assert.rejects(b.downloadDocument(planning.id), NotFoundError);

    const unpublished = await staff.unpublishDocument(menu.id);
    assert.ok(unpublished.unpublishedAt);
    await assert.rejects(a.downloadDocument(menu.id), NotFoundError);
    assert.equal((await staff.downloadStaffDocument(menu.id)).mediaType, 'application/pdf');
  });

  it("a parent saves their family's data; an admin reads who looked at it, and runs the retention job dry", async () => {
    const a = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await a.login(enrolled, PARENT_PASSWORD);
    const family = await a.getMyFamily();
    const exported = await a.exportMyFamilyData();
    assert.match(exported.name ?? '', /^donnees-famille-alpha-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await exported.blob.text());
    assert.equal(data.tables.families[0].id, family.id);

    const admin = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await admin.login('admin.alpha', STAFF_PASSWORD);
    await admin.getFamily(family.id);
    const entries = [];
    for await (const entry of admin.iterateAuditLog({ familyId: family.id, limit: 1 })) entries.push(entry.action);
    assert.ok(entries.includes('family.read'));
    assert.ok(entries.includes('family.data_exported'));

    assert.equal((await admin.getRetentionSettings()).months, 36);
    assert.equal((await admin.setRetentionSettings(48)).months, 48);
    const report = await admin.runRetention({ dryRun: true });
    assert.equal(report.dryRun, true);
    assert.deepEqual(report.families, []);
  });
});
