import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  activatedParent,
  PARENT_PASSWORD,
  STAFF_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../reference-server/test/support/harness.js';
import { ConflictError, createPortailClient, FileRejectedError, NotFoundError } from '../src/index.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

describe('SDK: « Mes informations » and change requests', () => {
  let t: TestServer;
  let identifier: string;
  let childId: string;

  before(async () => {
    t = await startTestServer();
    const parent = await activatedParent(t, 'alpha', 'sdk.profil@example.fr', { first: 'Sacha', last: 'Sdk' });
    identifier = parent.account.identifier;
    childId = parent.family.children[0].id;
  });
  after(() => t.close());

  it('a parent edits the phone and address, changes the email by link, asks for a health-sheet change with a PDF; staff accept it', async () => {
    const parent = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await parent.login(identifier, PARENT_PASSWORD);

    const updated = await parent.updateMyContact({
      phone: '06 98 76 54 32',
      address: { line1: '12 rue du Port', postalCode: '34540', city: 'Balaruc-le-Vieux' },
    });
    assert.equal(updated.guardians[0]?.phone, '06 98 76 54 32');
    assert.equal(updated.address.city, 'Balaruc-le-Vieux');

    const pending = await parent.requestEmailChange('sacha.nouveau@example.fr');
    assert.equal(pending.pendingEmail, 'sacha.nouveau@example.fr');
    const mail = await t.mail.waitFor('sacha.nouveau@example.fr', /confirmez/);
    const token = /#pf-confirm-email=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
    const anonymous = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    assert.equal(await anonymous.confirmEmailChange(token), 'sacha.nouveau@example.fr');
    assert.equal((await parent.getMyFamily()).guardians[0]?.email, 'sacha.nouveau@example.fr');

    const request = await parent.createChangeRequest(
      {
        kind: 'health_sheet',
        childId,
        healthSheet: { allergies: 'Œufs', pai: false, doctorName: null, doctorPhone: null, vaccinationsUpToDate: true },
      },
      { comment: 'Nouvelle allergie' },
    );
    assert.equal(request.status, 'pending');
    await assert.rejects(
      parent.uploadChangeRequestAttachment(request.id, new Uint8Array([0x4d, 0x5a, 1, 2, 3, 4, 5, 6]), 'virus.pdf'),
      (e: unknown) => e instanceof FileRejectedError && e.code === 'file_type_not_allowed',
    );
    const withFile = await parent.uploadChangeRequestAttachment(request.id, new Blob([PDF], { type: 'application/pdf' }), 'allergie.pdf');
    const attachment = withFile.attachments[0];
    assert.ok(attachment);
    assert.equal((await parent.getMyFamily()).children[0]?.healthSheet, null);

    const staff = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await staff.login('admin.alpha', STAFF_PASSWORD);
    const waiting = await staff.listChangeRequests();
    assert.ok(waiting.some((r) => r.id === request.id));
    const file = await staff.downloadChangeRequestAttachment(request.id, attachment.id);
    assert.equal(file.name, 'allergie.pdf');
    assert.deepEqual(new Uint8Array(await file.blob.arrayBuffer()), PDF);
    const accepted = await staff.acceptChangeRequest(request.id);
    assert.equal(accepted.status, 'accepted');
    await assert.rejects(staff.rejectChangeRequest(request.id, 'Trop tard'), (e: unknown) => e instanceof ConflictError);
    assert.equal((await parent.getMyFamily()).children[0]?.healthSheet?.allergies, 'Œufs');

    const status = await parent.createChangeRequest({ kind: 'family_status', familyStatus: 'single' });
    const rejected = await staff.rejectChangeRequest(status.id, 'Merci de fournir le jugement.');
    assert.equal(rejected.status, 'rejected');
    const mine = await parent.listMyChangeRequests();
    assert.equal(mine.find((r) => r.id === status.id)?.staffComment, 'Merci de fournir le jugement.');
    await assert.rejects(
      parent.createChangeRequest({ kind: 'authorised_person_remove', personId: 'nobody' }),
      (e: unknown) => e instanceof NotFoundError,
    );
  });
});
