import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { createStaffAccount } from '../src/modules/communes/provisioning.js';
import { Guardian } from '../src/modules/families/family.models.js';
import { AuthorisedPerson, EmailChange } from '../src/modules/family-changes/family-changes.models.js';
import { normalisePhone } from '../src/modules/family-changes/phones.js';
import { StoredFile } from '../src/platform/files/stored-file.model.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';
const MAX_BYTES = 64 * 1024;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** A Windows program (MZ header) renamed « certificat.pdf ». */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(200)]);

const healthSheet = {
  allergies: 'Arachide',
  pai: true,
  doctorName: 'Dr Morel',
  doctorPhone: '02.40.12.34.56',
  vaccinationsUpToDate: true,
};

describe('« Mes informations » and change requests staff validate', () => {
  let t: TestServer;
  let admin: string;
  let agent: string;
  let billing: string;
  let beta: string;
  let parent: Awaited<ReturnType<typeof activatedParent>>;
  let other: Awaited<ReturnType<typeof activatedParent>>;

  async function upload(requestId: string, token: string | null, bytes: Buffer, type: string, name?: string) {
    const headers: Record<string, string> = { 'Content-Type': type, 'X-PF-Client': 'tests' };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (name !== undefined) headers['X-PF-Filename'] = encodeURIComponent(name);
    const response = await fetch(`${t.url}${A}/change-requests/${requestId}/attachments`, {
      method: 'POST',
      headers,
      body: new Uint8Array(bytes),
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
  }

  async function download(requestId: string, attachmentId: string, token: string | null, commune = 'alpha') {
    const response = await fetch(`${t.url}/v1/communes/${commune}/change-requests/${requestId}/attachments/${attachmentId}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async function ask(token: string, change: unknown, comment?: string) {
    return t.api(`${A}/family/change-requests`, { token, body: { change, ...(comment ? { comment } : {}) } });
  }

  const family = (token: string) => t.api(`${A}/family`, { token });

  before(async () => {
    t = await startTestServer({ config: { files: { maxBytes: MAX_BYTES } } });
    admin = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    beta = await t.login('beta', 'admin.beta', STAFF_PASSWORD);
    parent = await activatedParent(t, 'alpha', 'profil@example.fr', { first: 'Paule', last: 'Profil' });
    other = await activatedParent(t, 'alpha', 'voisine@example.fr', { first: 'Vera', last: 'Voisine' });
    for (const role of ['agent', 'billing'] as const) {
      await createStaffAccount(t.server.ctx, t.communes.a, {
        identifier: `${role}.alpha`,
        email: `${role}@alpha.example`,
        displayName: role,
        roles: [role],
        password: STAFF_PASSWORD,
      });
    }
    agent = await t.login('alpha', 'agent.alpha', STAFF_PASSWORD);
    billing = await t.login('alpha', 'billing.alpha', STAFF_PASSWORD);
  });
  after(() => t.close());

  it('keeps phone numbers the way a town hall writes them, and refuses what is not one', () => {
    assert.equal(normalisePhone('0612345678'), '06 12 34 56 78');
    assert.equal(normalisePhone('06.12.34.56.78'), '06 12 34 56 78');
    assert.equal(normalisePhone('+33 6 12 34 56 78'), '06 12 34 56 78');
    assert.equal(normalisePhone('+44 20 7946 0958'), '+442079460958');
    assert.equal(normalisePhone('123456'), null);
    assert.equal(normalisePhone('0012345678'), null);
  });

  it('lets a parent change their own phone and the family address at once, audited; other families are untouched', async () => {
    const changed = await t.api(`${A}/family/contact`, {
      method: 'PATCH',
      token: parent.parentToken,
      body: { phone: '0612345678', address: { line1: ' 3 rue des Lilas ', postalCode: '44100', city: 'Nantes' } },
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.guardians[0].phone, '06 12 34 56 78');
    assert.deepEqual(changed.body.address, { line1: '3 rue des Lilas', line2: null, postalCode: '44100', city: 'Nantes' });
    const again = await family(parent.parentToken);
    assert.equal(again.body.address.line1, '3 rue des Lilas');
    assert.equal((await family(other.parentToken)).body.address.line1, '1 place de la Mairie');
    const logged = await AuditEntry.findOne({ where: { action: 'family.contact_updated', target_id: parent.family.id } });
    assert.ok(logged, 'the change is in the audit log');
    assert.equal(JSON.stringify(logged.toJSON()).includes('Lilas'), false, 'no personal data in the log');
  });

  it('refuses a wrong phone number or postal code, naming the field, and changes nothing', async () => {
    const badPhone = await t.api(`${A}/family/contact`, {
      method: 'PATCH',
      token: parent.parentToken,
      body: { phone: '12 34', address: { line1: 'Ailleurs', postalCode: '44000', city: 'Nantes' } },
    });
    assert.equal(badPhone.status, 400);
    assert.equal(badPhone.body.code, 'validation_failed');
    const badCode = await t.api(`${A}/family/contact`, {
      method: 'PATCH',
      token: parent.parentToken,
      body: { address: { line1: 'Ailleurs', postalCode: '4400', city: 'Nantes' } },
    });
    assert.equal(badCode.status, 400);
    const empty = await t.api(`${A}/family/contact`, { method: 'PATCH', token: parent.parentToken, body: {} });
    assert.equal(empty.status, 400);
    const now = await family(parent.parentToken);
    assert.equal(now.body.address.line1, '3 rue des Lilas');
    assert.equal(now.body.guardians[0].phone, '06 12 34 56 78');
    // Staff have no family of their own here.
    const asStaff = await t.api(`${A}/family/contact`, { method: 'PATCH', token: admin, body: { phone: '0612345678' } });
    assert.equal(asStaff.status, 403);
  });

  it('changes the email only once the link sent to the NEW address is opened; the old address is told; the link works once', async () => {
    const asked = await t.api(`${A}/family/email-change`, { token: parent.parentToken, body: { email: 'Paule.Nouvelle@Example.fr' } });
    assert.equal(asked.status, 202, JSON.stringify(asked.body));
    assert.equal(asked.body.pendingEmail, 'paule.nouvelle@example.fr');
    const mail = await t.mail.waitFor('paule.nouvelle@example.fr', /confirmez votre nouvelle adresse/);
    const token = /#pf-confirm-email=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
    assert.ok(token, mail.text);
    // Stored hashed only.
    const row = await EmailChange.findOne({ where: { new_email: 'paule.nouvelle@example.fr' } });
    assert.ok(row && row.token_hash !== token && !JSON.stringify(row.toJSON()).includes(token));
    // Until confirmed, the old address stays.
    assert.equal((await family(parent.parentToken)).body.guardians[0].email, 'profil@example.fr');

    const confirmed = await t.api(`${A}/auth/confirm-email`, { body: { token } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.email, 'paule.nouvelle@example.fr');
    assert.equal((await family(parent.parentToken)).body.guardians[0].email, 'paule.nouvelle@example.fr');
    const me = await t.api(`${A}/me`, { token: parent.parentToken });
    assert.equal(me.status, 200);
    const notice = await t.mail.waitFor('profil@example.fr', /votre adresse e-mail a changé/);
    assert.match(notice.text, /paule\.nouvelle@example\.fr/);

    const twice = await t.api(`${A}/auth/confirm-email`, { body: { token } });
    assert.equal(twice.status, 410);
    assert.equal(twice.body.code, 'invalid_token');
    // Another commune cannot use it either (checked with a fresh link below).
    assert.ok(await AuditEntry.findOne({ where: { action: 'email.changed', target_id: parent.account.id } }));
  });

  it('refuses an expired or superseded link, and a link of another commune, leaving the email as it was', async () => {
    await t.api(`${A}/family/email-change`, { token: other.parentToken, body: { email: 'premiere@example.fr' } });
    const first = await t.mail.waitFor('premiere@example.fr', /confirmez/);
    await t.api(`${A}/family/email-change`, { token: other.parentToken, body: { email: 'seconde@example.fr' } });
    const second = await t.mail.waitFor('seconde@example.fr', /confirmez/);
    const firstToken = /#pf-confirm-email=([A-Za-z0-9_-]+)/.exec(first.text)?.[1];
    const secondToken = /#pf-confirm-email=([A-Za-z0-9_-]+)/.exec(second.text)?.[1];
    assert.equal((await t.api(`${A}/auth/confirm-email`, { body: { token: firstToken } })).status, 410, 'superseded');
    assert.equal((await t.api('/v1/communes/beta/auth/confirm-email', { body: { token: secondToken } })).status, 410, 'other commune');
    await t.server.ctx.db.write((transaction) =>
      EmailChange.update({ expires_at: new Date(Date.now() - 1000) }, { where: { new_email: 'seconde@example.fr' }, transaction }),
    );
    assert.equal((await t.api(`${A}/auth/confirm-email`, { body: { token: secondToken } })).status, 410, 'expired');
    assert.equal((await family(other.parentToken)).body.guardians[0].email, 'voisine@example.fr');
    const same = await t.api(`${A}/family/email-change`, { token: other.parentToken, body: { email: 'voisine@example.fr' } });
    assert.equal(same.status, 400);
  });

  it('a health-sheet request waits for staff with its PDF; the old value stays until staff accept; then the family sees the new one', async () => {
    const childId: string = parent.family.children[0].id;
    const before = await family(parent.parentToken);
    assert.equal(before.body.children[0].healthSheet, null);

    const asked = await ask(parent.parentToken, { kind: 'health_sheet', childId, healthSheet }, 'Nouveau PAI signé');
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    assert.equal(asked.body.status, 'pending');
    assert.equal(asked.body.change.healthSheet.doctorPhone, '02 40 12 34 56');
    const attached = await upload(asked.body.id, parent.parentToken, PDF, 'application/octet-stream', 'pai.pdf');
    assert.equal(attached.status, 201, JSON.stringify(attached.body));
    assert.equal(attached.body.attachments.length, 1);
    assert.equal(attached.body.attachments[0].name, 'pai.pdf');
    assert.equal(attached.body.attachments[0].mediaType, 'application/pdf');

    // Still the old value everywhere.
    assert.equal((await family(parent.parentToken)).body.children[0].healthSheet, null);
    const staffView = await t.api(`${A}/staff/families/${parent.family.id}`, { token: admin });
    assert.equal(staffView.body.children[0].healthSheet, null);

    const pending = await t.api(`${A}/staff/change-requests`, { token: agent });
    assert.equal(pending.status, 200);
    const mine = pending.body.items.find((r: { id: string }) => r.id === asked.body.id);
    assert.ok(mine, 'listed for staff');
    assert.equal(mine.familyNumber, parent.family.number);
    const file = await download(asked.body.id, mine.attachments[0].id, agent);
    assert.equal(file.status, 200);
    assert.deepEqual(file.bytes, PDF);
    assert.ok(await AuditEntry.findOne({ where: { action: 'change_request.attachment_read', target_id: asked.body.id } }));

    const accepted = await t.api(`${A}/staff/change-requests/${asked.body.id}/accept`, { token: agent, body: {} });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.status, 'accepted');
    assert.ok(accepted.body.decidedAt);
    const after = await family(parent.parentToken);
    assert.deepEqual(after.body.children[0].healthSheet, { ...healthSheet, doctorPhone: '02 40 12 34 56' });
    assert.ok(await AuditEntry.findOne({ where: { action: 'change_request.accepted', target_id: asked.body.id } }));
    // A decided request takes no more files and no second decision.
    assert.equal((await upload(asked.body.id, parent.parentToken, PDF, 'application/pdf')).status, 409);
    const again = await t.api(`${A}/staff/change-requests/${asked.body.id}/reject`, { token: admin, body: { comment: 'Non' } });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'change_request_decided');
  });

  it('refuses a file of the wrong type or too large, with a clear code, and keeps nothing of it', async () => {
    const asked = await ask(parent.parentToken, { kind: 'family_status', familyStatus: 'separated' });
    const filesBefore = await StoredFile.count();
    const exe = await upload(asked.body.id, parent.parentToken, EXE, 'application/pdf', 'certificat.pdf');
    assert.equal(exe.status, 415);
    assert.equal(exe.body.code, 'file_type_not_allowed');
    assert.match(exe.contentType, /application\/problem\+json/);
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_BYTES)]);
    const tooLarge = await upload(asked.body.id, parent.parentToken, big, 'application/pdf', 'gros.pdf');
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.code, 'file_too_large');
    const empty = await upload(asked.body.id, parent.parentToken, Buffer.alloc(0), 'application/pdf');
    assert.equal(empty.status, 400);
    assert.equal(await StoredFile.count(), filesBefore, 'nothing stored');
    const listed = await t.api(`${A}/family/change-requests`, { token: parent.parentToken });
    assert.equal(listed.body.items.find((r: { id: string }) => r.id === asked.body.id).attachments.length, 0);
  });

  it('takes at most five files per request', async () => {
    const asked = await ask(parent.parentToken, { kind: 'family_status', familyStatus: 'divorced' });
    for (let i = 0; i < 5; i++) assert.equal((await upload(asked.body.id, parent.parentToken, PDF, 'application/pdf')).status, 201);
    const sixth = await upload(asked.body.id, parent.parentToken, PDF, 'application/pdf');
    assert.equal(sixth.status, 409);
    assert.equal(sixth.body.code, 'too_many_attachments');
  });

  it('a rejection needs a comment, changes nothing, and the family sees why', async () => {
    const asked = await ask(parent.parentToken, { kind: 'family_status', familyStatus: 'widowed' });
    const bare = await t.api(`${A}/staff/change-requests/${asked.body.id}/reject`, { token: admin, body: { comment: '  ' } });
    assert.equal(bare.status, 400);
    const rejected = await t.api(`${A}/staff/change-requests/${asked.body.id}/reject`, {
      token: admin,
      body: { comment: 'Merci de joindre un justificatif.' },
    });
    assert.equal(rejected.status, 200);
    const mine = await t.api(`${A}/family/change-requests`, { token: parent.parentToken });
    const seen = mine.body.items.find((r: { id: string }) => r.id === asked.body.id);
    assert.equal(seen.status, 'rejected');
    assert.equal(seen.staffComment, 'Merci de joindre un justificatif.');
    assert.equal((await family(parent.parentToken)).body.familyStatus, null);
    const decided = await t.api(`${A}/staff/change-requests?status=rejected`, { token: admin });
    assert.ok(decided.body.items.some((r: { id: string }) => r.id === asked.body.id));
  });

  it('family status and shared custody change when staff accept; custody needs two different guardians of the family', async () => {
    const status = await ask(parent.parentToken, { kind: 'family_status', familyStatus: 'civil_partnership' });
    await t.api(`${A}/staff/change-requests/${status.body.id}/accept`, { token: admin, body: {} });
    assert.equal((await family(parent.parentToken)).body.familyStatus, 'civil_partnership');

    const g1 = parent.guardianId;
    const g2 = other.guardianId; // another family's guardian
    const foreign = await ask(parent.parentToken, {
      kind: 'shared_custody',
      sharedCustody: { billedGuardianId: g1, evenWeeksGuardianId: g1, oddWeeksGuardianId: g2 },
    });
    assert.equal(foreign.status, 422);
    assert.equal(foreign.body.code, 'change_not_applicable');
    // With a second guardian in the family, shared custody can be set.
    const secondId = 'second-guardian-of-profil';
    await t.server.ctx.db.write((transaction) =>
      Guardian.create(
        {
          id: secondId,
          commune_id: t.communes.a.id,
          family_id: parent.family.id,
          first_name: 'Pierre',
          last_name: 'Profil',
          relation: 'father',
          email: 'pierre@example.fr',
          phone: null,
          position: 1,
        },
        { transaction },
      ),
    );
    const same = await ask(parent.parentToken, {
      kind: 'shared_custody',
      sharedCustody: { billedGuardianId: g1, evenWeeksGuardianId: g1, oddWeeksGuardianId: g1 },
    });
    assert.equal(same.status, 422);
    const custody = { billedGuardianId: secondId, evenWeeksGuardianId: g1, oddWeeksGuardianId: secondId };
    const asked = await ask(parent.parentToken, { kind: 'shared_custody', sharedCustody: custody });
    assert.equal(asked.status, 201, JSON.stringify(asked.body));
    assert.equal((await family(parent.parentToken)).body.sharedCustody, null);
    await t.api(`${A}/staff/change-requests/${asked.body.id}/accept`, { token: agent, body: {} });
    assert.deepEqual((await family(parent.parentToken)).body.sharedCustody, custody);
    const ended = await ask(parent.parentToken, { kind: 'shared_custody', sharedCustody: null });
    await t.api(`${A}/staff/change-requests/${ended.body.id}/accept`, { token: agent, body: {} });
    assert.equal((await family(parent.parentToken)).body.sharedCustody, null);
  });

  it('authorised persons: added and removed through accepted requests; a removal of someone not in the family is not found', async () => {
    const added = await ask(parent.parentToken, {
      kind: 'authorised_person_add',
      person: { name: 'Jacqueline Profil', relation: 'grand-mère', phone: '+33 6 11 22 33 44' },
    });
    assert.equal(added.status, 201);
    assert.deepEqual((await family(parent.parentToken)).body.authorisedPersons, []);
    await t.api(`${A}/staff/change-requests/${added.body.id}/accept`, { token: admin, body: {} });
    const persons = (await family(parent.parentToken)).body.authorisedPersons;
    assert.equal(persons.length, 1);
    assert.deepEqual(persons[0], { id: persons[0].id, name: 'Jacqueline Profil', relation: 'grand-mère', phone: '06 11 22 33 44' });

    assert.equal((await ask(other.parentToken, { kind: 'authorised_person_remove', personId: persons[0].id })).status, 404);
    const removal = await ask(parent.parentToken, { kind: 'authorised_person_remove', personId: persons[0].id });
    assert.equal(removal.status, 201);
    const twice = await ask(parent.parentToken, { kind: 'authorised_person_remove', personId: persons[0].id });
    await t.api(`${A}/staff/change-requests/${removal.body.id}/accept`, { token: admin, body: {} });
    assert.deepEqual((await family(parent.parentToken)).body.authorisedPersons, []);
    // The second removal no longer fits: refused, and it stays pending (all or nothing).
    const stale = await t.api(`${A}/staff/change-requests/${twice.body.id}/accept`, { token: admin, body: {} });
    assert.equal(stale.status, 422);
    const mine = await t.api(`${A}/family/change-requests`, { token: parent.parentToken });
    assert.equal(mine.body.items.find((r: { id: string }) => r.id === twice.body.id).status, 'pending');
    const badPhone = await ask(parent.parentToken, {
      kind: 'authorised_person_add',
      person: { name: 'X', relation: 'oncle', phone: '999999' },
    });
    assert.equal(badPhone.status, 400);
  });

  it('isolation: another family, another commune and the billing role reach none of a family’s requests or files', async () => {
    const childId: string = parent.family.children[0].id;
    const asked = await ask(parent.parentToken, { kind: 'health_sheet', childId, healthSheet });
    const file = await upload(asked.body.id, parent.parentToken, PDF, 'application/pdf', 'ordonnance.pdf');
    const attachmentId: string = file.body.attachments[0].id;
    const filesBefore = await StoredFile.count();

    // Another family: not in its list, cannot upload (nothing stored), download, or ask for A's child.
    const theirs = await t.api(`${A}/family/change-requests`, { token: other.parentToken });
    assert.equal(
      theirs.body.items.some((r: { familyId: string }) => r.familyId === parent.family.id),
      false,
    );
    assert.equal((await upload(asked.body.id, other.parentToken, PDF, 'application/pdf')).status, 404);
    assert.equal((await download(asked.body.id, attachmentId, other.parentToken)).status, 404);
    assert.equal((await ask(other.parentToken, { kind: 'health_sheet', childId, healthSheet })).status, 404);
    assert.equal(await StoredFile.count(), filesBefore);
    // Another commune's staff: their token is not valid here; on their own commune the request does not exist.
    assert.equal((await download(asked.body.id, attachmentId, beta)).status, 401);
    assert.equal((await download(asked.body.id, attachmentId, beta, 'beta')).status, 404);
    assert.equal((await t.api(`/v1/communes/beta/staff/change-requests/${asked.body.id}/accept`, { token: beta, body: {} })).status, 404);
    assert.equal((await t.api(`/v1/communes/beta/staff/change-requests`, { token: beta })).body.items.length, 0);
    // Billing staff do not handle family changes.
    assert.equal((await t.api(`${A}/staff/change-requests`, { token: billing })).status, 403);
    assert.equal((await download(asked.body.id, attachmentId, billing)).status, 403);
    assert.equal((await t.api(`${A}/staff/change-requests/${asked.body.id}/accept`, { token: billing, body: {} })).status, 403);
    // Parents cannot decide.
    assert.equal((await t.api(`${A}/staff/change-requests/${asked.body.id}/accept`, { token: parent.parentToken, body: {} })).status, 403);
    // Anonymous.
    assert.equal((await download(asked.body.id, attachmentId, null)).status, 401);
    assert.equal((await upload(asked.body.id, null, PDF, 'application/pdf')).status, 401);
    // An attachment id of another request is not found.
    const otherRequest = await ask(parent.parentToken, { kind: 'family_status', familyStatus: 'single' });
    assert.equal((await download(otherRequest.body.id, attachmentId, parent.parentToken)).status, 404);
    // The family itself downloads its file.
    assert.equal((await download(asked.body.id, attachmentId, parent.parentToken)).status, 200);
  });

  it('a family has at most 20 requests waiting at once', async () => {
    const fresh = await activatedParent(t, 'alpha', 'nombreuse@example.fr', { first: 'Nina', last: 'Nombreuse' });
    for (let i = 0; i < 20; i++) {
      assert.equal((await ask(fresh.parentToken, { kind: 'family_status', familyStatus: 'married' })).status, 201);
    }
    const over = await ask(fresh.parentToken, { kind: 'family_status', familyStatus: 'married' });
    assert.equal(over.status, 409);
    assert.equal(over.body.code, 'too_many_pending_requests');
    const mine = await t.api(`${A}/family/change-requests`, { token: fresh.parentToken });
    await t.api(`${A}/staff/change-requests/${mine.body.items[0].id}/reject`, { token: admin, body: { comment: 'Doublon.' } });
    assert.equal((await ask(fresh.parentToken, { kind: 'family_status', familyStatus: 'married' })).status, 201);
  });

  it('concurrent accepts and rejects of one request: exactly one wins and the change is applied once', async () => {
    const asked = await ask(parent.parentToken, {
      kind: 'authorised_person_add',
      person: { name: 'Marc Concurrent', relation: 'voisin', phone: '0699887766' },
    });
    const decisions = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.api(`${A}/staff/change-requests/${asked.body.id}/${i % 2 === 0 ? 'accept' : 'reject'}`, {
          token: i % 3 === 0 ? agent : admin,
          body: i % 2 === 0 ? {} : { comment: 'Doublon' },
        }),
      ),
    );
    const statuses = decisions.map((d) => d.status);
    assert.equal(statuses.filter((s) => s === 200).length, 1, String(statuses));
    assert.equal(statuses.filter((s) => s === 409).length, 11, String(statuses));
    const winner = decisions.find((d) => d.status === 200);
    const count = await AuthorisedPerson.count({ where: { family_id: parent.family.id, name: 'Marc Concurrent' } });
    assert.equal(count, winner?.body.status === 'accepted' ? 1 : 0);
  });
});
