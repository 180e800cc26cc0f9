/**
 * Documents (« Documents »): staff publish menus, plannings and forms for all families or
 * one facility's families, for a validity range; parents list and download the ones meant
 * for them, and nothing else.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { createFacility } from '../src/modules/bookings/provisioning.js';
import { addDays, civilDateOf } from '../src/modules/bookings/rules/civil-date.js';
import { PublishedDocument } from '../src/modules/documents/document.model.js';
import { StoredFile } from '../src/platform/files/stored-file.model.js';
import { type BookingWorld, bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.alloc(17),
]);
const MAX = 64 * 1024;

interface Publish {
  category?: string;
  title: string;
  validFrom?: string;
  validTo?: string;
  facilityId?: string;
  bytes?: Buffer;
  type?: string;
  name?: string;
  token?: string;
  commune?: string;
}

describe('documents', () => {
  let t: TestServer;
  let w: BookingWorld;
  let staff: string;
  /** Family with a child enrolled at « ALP Primaire » (w.facility). */
  let enrolled: Awaited<ReturnType<typeof activatedParent>>;
  /** Family with no enrolment. */
  let other: Awaited<ReturnType<typeof activatedParent>>;
  let betaParent: Awaited<ReturnType<typeof activatedParent>>;
  const today = civilDateOf(new Date());

  async function publish(p: Publish) {
    const query = new URLSearchParams({
      category: p.category ?? 'canteen_menu',
      title: p.title,
      validFrom: p.validFrom ?? addDays(today, -1),
      validTo: p.validTo ?? addDays(today, 30),
      ...(p.facilityId ? { facilityId: p.facilityId } : {}),
    });
    const response = await fetch(`${t.url}/v1/communes/${p.commune ?? 'alpha'}/staff/documents?${query}`, {
      method: 'POST',
      headers: {
        'Content-Type': p.type ?? 'application/pdf',
        'X-PF-Client': 'tests',
        Authorization: `Bearer ${p.token ?? staff}`,
        ...(p.name ? { 'X-PF-Filename': encodeURIComponent(p.name) } : {}),
      },
      body: new Uint8Array(p.bytes ?? PDF),
    });
    return { status: response.status, body: await response.json() };
  }

  const listFor = async (token: string, query = '') => {
    const result = await t.api(`${A}/documents${query}`, { token });
    assert.equal(result.status, 200, JSON.stringify(result.body));
    return result.body.items as { id: string; title: string; category: string }[];
  };
  const download = (token: string, id: string, commune = 'alpha') =>
    fetch(`${t.url}/v1/communes/${commune}/documents/${id}/file`, {
      headers: { Authorization: `Bearer ${token}`, 'X-PF-Client': 'tests' },
    });

  before(async () => {
    t = await startTestServer({ config: { files: { maxBytes: MAX } } });
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    enrolled = await activatedParent(t, 'alpha', 'inscrite@example.fr', { first: 'Inès', last: 'Inscrite' });
    other = await activatedParent(t, 'alpha', 'autre@example.fr', { first: 'Octave', last: 'Autre' });
    betaParent = await activatedParent(t, 'beta', 'beta@example.fr', { first: 'Béa', last: 'Beta' });
    await enrolChild(t.server.ctx, t.communes.a.id, enrolled.family.children[0].id, [w.cantine]);
  });
  after(() => t.close());

  it('a document for all families reaches every family of the commune, and only of that commune', async () => {
    const menu = await publish({ title: 'Menus de novembre', name: 'menus-novembre.pdf' });
    assert.equal(menu.status, 201, JSON.stringify(menu.body));
    assert.deepEqual(menu.body.audience, { kind: 'all', facilityId: null, facilityName: null });
    assert.equal(menu.body.file.mediaType, 'application/pdf');
    for (const parent of [enrolled, other]) assert.ok((await listFor(parent.parentToken)).some((d) => d.id === menu.body.id));
    // Beta's parent: their own commune has no such document; alpha's path refuses their session.
    assert.equal((await download(betaParent.parentToken, menu.body.id, 'beta')).status, 404);
    assert.equal((await download(betaParent.parentToken, menu.body.id, 'alpha')).status, 401);
    const betaList = await t.api('/v1/communes/beta/documents', { token: betaParent.parentToken });
    assert.deepEqual(betaList.body.items, []);
  });

  it("a facility's document reaches only the families with a child enrolled there: the others can neither list nor download it", async () => {
    const planning = await publish({ category: 'activity_planning', title: 'Planning ALP', facilityId: w.facility.id });
    assert.equal(planning.status, 201);
    assert.deepEqual(planning.body.audience, { kind: 'facility', facilityId: w.facility.id, facilityName: 'ALP Primaire' });
    assert.ok((await listFor(enrolled.parentToken)).some((d) => d.id === planning.body.id));
    assert.ok(!(await listFor(other.parentToken)).some((d) => d.id === planning.body.id));
    assert.equal((await download(enrolled.parentToken, planning.body.id)).status, 200);
    const refused = await download(other.parentToken, planning.body.id);
    assert.equal(refused.status, 404);
    assert.match(refused.headers.get('content-type') ?? '', /problem\+json/);
    // Another facility's document: not even the enrolled family sees it.
    const elsewhere = await createFacility(t.server.ctx, t.communes.a.id, 'Accueil du Bourg');
    const theirs = await publish({ category: 'activity_planning', title: 'Planning Bourg', facilityId: elsewhere.id });
    assert.ok(!(await listFor(enrolled.parentToken)).some((d) => d.id === theirs.body.id));
    assert.equal((await download(enrolled.parentToken, theirs.body.id)).status, 404);
  });

  it('a download is an attachment with a safe name, its real type and nosniff', async () => {
    const form = await publish({
      category: 'enrolment_form',
      title: 'Dossier',
      bytes: PNG,
      type: 'application/pdf',
      name: '../../etc/Fiche "inscription"\r\n.pdf',
    });
    assert.equal(form.status, 201);
    assert.equal(form.body.file.name, 'Fiche _inscription_.png');
    const response = await download(enrolled.parentToken, form.body.id);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/png');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const disposition = response.headers.get('content-disposition') ?? '';
    assert.match(disposition, /^attachment; filename="Fiche _inscription_.png"/);
    assert.ok(!/[\r\n/\\]/.test(disposition));
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), PNG);
  });

  it('parents see documents valid today only, by category, newest first', async () => {
    const older = await publish({ category: 'school_pre_enrolment', title: 'Pré-inscription (ancien)', validFrom: addDays(today, -20) });
    const newer = await publish({ category: 'school_pre_enrolment', title: 'Pré-inscription', validFrom: addDays(today, -2) });
    const future = await publish({ category: 'school_pre_enrolment', title: 'Plus tard', validFrom: addDays(today, 5) });
    const expired = await publish({
      category: 'school_pre_enrolment',
      title: 'Fini',
      validFrom: addDays(today, -30),
      validTo: addDays(today, -1),
    });
    const items = await listFor(other.parentToken, '?category=school_pre_enrolment');
    assert.deepEqual(
      items.map((d) => d.id),
      [newer.body.id, older.body.id],
    );
    for (const hidden of [future, expired]) assert.equal((await download(other.parentToken, hidden.body.id)).status, 404);
    // Staff see them all.
    const all = await t.api(`${A}/staff/documents?category=school_pre_enrolment`, { token: staff });
    assert.equal(all.body.items.length, 4);
  });

  it('unpublishing hides a document from families at once; staff still list and download it', async () => {
    const menu = await publish({ title: 'Menus à retirer' });
    const before_ = await listFor(other.parentToken);
    assert.ok(before_.some((d) => d.id === menu.body.id));
    const unpublished = await t.api(`${A}/staff/documents/${menu.body.id}`, { method: 'DELETE', token: staff });
    assert.equal(unpublished.status, 200);
    assert.ok(unpublished.body.unpublishedAt);
    assert.ok(!(await listFor(other.parentToken)).some((d) => d.id === menu.body.id));
    assert.equal((await download(other.parentToken, menu.body.id)).status, 404);
    const staffFile = await fetch(`${t.url}${A}/staff/documents/${menu.body.id}/file`, { headers: { Authorization: `Bearer ${staff}` } });
    assert.equal(staffFile.status, 200);
    const actions = (await AuditEntry.findAll({ where: { target_id: menu.body.id } })).map((e) => e.action).sort();
    assert.deepEqual(actions, ['document.published', 'document.unpublished']);
    // Another commune's admin cannot reach it through their own commune.
    const betaAdmin = await t.login('beta', 'admin.beta', STAFF_PASSWORD);
    const fromBeta = await t.api(`/v1/communes/beta/staff/documents/${menu.body.id}`, { method: 'DELETE', token: betaAdmin });
    assert.equal(fromBeta.status, 404);
  });

  it('a refused upload — wrong type, empty, too large, bad dates, unknown facility — is explained and leaves nothing behind', async () => {
    const count = async () => [await StoredFile.count(), await PublishedDocument.count()];
    const start = await count();
    const cases: [Publish, number, string][] = [
      [{ title: 'Programme', bytes: Buffer.from('MZ\x90\x00 not a document'), name: 'menu.pdf' }, 415, 'file_type_not_allowed'],
      [{ title: 'Vide', bytes: Buffer.alloc(0) }, 400, 'file_empty'],
      [{ title: 'Énorme', bytes: Buffer.concat([PDF, Buffer.alloc(MAX)]) }, 413, 'file_too_large'],
      [{ title: 'À l’envers', validFrom: addDays(today, 3), validTo: today }, 400, 'validation_failed'],
      [{ title: 'Ailleurs', facilityId: 'no-such-facility' }, 400, 'validation_failed'],
      [{ title: 'Menu', category: 'recette' }, 400, 'validation_failed'],
    ];
    for (const [input, status, code] of cases) {
      const result = await publish(input);
      assert.equal(result.status, status, `${input.title}: ${JSON.stringify(result.body)}`);
      assert.equal(result.body.code, code, input.title);
    }
    assert.deepEqual(await count(), start);
  });

  it('only admins and agents publish and see the staff list; a parent cannot', async () => {
    const parentTry = await publish({ title: 'Faux menu', token: enrolled.parentToken });
    assert.equal(parentTry.status, 403);
    const staffList = await t.api(`${A}/staff/documents`, { token: enrolled.parentToken });
    assert.equal(staffList.status, 403);
  });
});
