import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';
const base = {
  address: { line1: '5 allée des Cerisiers', postalCode: '44100', city: 'Nantes' },
  guardians: [
    { firstName: 'Hélène', lastName: 'Garnier', relation: 'mother', email: 'Helene.Garnier@Example.fr', phone: '06 01 02 03 04' },
  ],
  children: [
    { firstName: 'Tom', lastName: 'Garnier', birthDate: '2019-02-01', school: 'École Jean-Moulin', grade: 'GS' },
    { firstName: 'Lina', lastName: 'Garnier', birthDate: '2016-10-12', grade: 'CM1' },
  ],
};

describe('families', () => {
  let t: TestServer;
  let staff: string;
  before(async () => {
    t = await startTestServer();
    staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
  });
  after(() => t.close());

  it('staff create a family; it gets the next number; guardians and children keep their order', async () => {
    const first = await t.api(`${A}/staff/families`, { token: staff, body: base });
    assert.equal(first.status, 201);
    assert.match(first.body.number, /^F-\d{4}$/);
    assert.deepEqual(
      first.body.children.map((c: { firstName: string }) => c.firstName),
      ['Tom', 'Lina'],
    );
    assert.equal(first.body.guardians[0].email, 'helene.garnier@example.fr', 'emails are stored lower-case');
    assert.equal(first.body.guardians[0].account, null, 'staff see that no account exists yet');
    const second = await t.api(`${A}/staff/families`, { token: staff, body: base });
    assert.equal(Number(second.body.number.slice(2)), Number(first.body.number.slice(2)) + 1);
  });

  it('a chosen number already used is a 409 family_number_taken, and nothing is created', async () => {
    await t.api(`${A}/staff/families`, { token: staff, body: { ...base, number: 'X-1' } });
    const before = await t.api(`${A}/staff/families?limit=100`, { token: staff });
    const dup = await t.api(`${A}/staff/families`, { token: staff, body: { ...base, number: 'X-1' } });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.code, 'family_number_taken');
    const afterList = await t.api(`${A}/staff/families?limit=100`, { token: staff });
    assert.equal(afterList.body.items.length, before.body.items.length);
  });

  it('bad input is a 400 problem listing each offending field', async () => {
    const bad = await t.api(`${A}/staff/families`, {
      token: staff,
      body: {
        ...base,
        address: { ...base.address, postalCode: '4410' },
        guardians: [{ ...base.guardians[0], email: 'not-an-email' }],
        extra: 1,
      },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'validation_failed');
    const paths = (bad.body.errors as { path: string }[]).map((e) => e.path).join(' ');
    assert.match(paths, /postalCode/);
    assert.match(paths, /email/);
  });

  it('the same Idempotency-Key creates once and answers the same family; another body with it is a 409', async () => {
    const key = 'family-create-0001';
    const one = await t.api(`${A}/staff/families`, { token: staff, body: base, headers: { 'Idempotency-Key': key } });
    const two = await t.api(`${A}/staff/families`, { token: staff, body: base, headers: { 'Idempotency-Key': key } });
    assert.equal(one.status, 201);
    assert.equal(two.status, 201);
    assert.equal(two.body.id, one.body.id);
    const other = await t.api(`${A}/staff/families`, {
      token: staff,
      body: { ...base, quotientFamilial: 999 },
      headers: { 'Idempotency-Key': key },
    });
    assert.equal(other.status, 409);
    assert.equal(other.body.code, 'idempotency_conflict');
  });

  it('concurrent retries with one Idempotency-Key still create one family', async () => {
    const key = 'family-create-race';
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.api(`${A}/staff/families`, { token: staff, body: { ...base, number: 'RACE-1' }, headers: { 'Idempotency-Key': key } }),
      ),
    );
    assert.deepEqual(new Set(results.map((r) => r.status)), new Set([201]));
    assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
  });

  it('the list pages by number and finds families by a guardian or child name', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { number: string }[]; nextCursor: string | null } } = await t.api(
        `${A}/staff/families?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: staff },
      );
      assert.ok(page.body.items.length <= 2);
      seen.push(...page.body.items.map((f) => f.number));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(new Set(seen).size, seen.length);

    await t.api(`${A}/staff/families`, {
      token: staff,
      body: { ...base, children: [{ firstName: 'Anatole', lastName: 'Rare', birthDate: '2015-01-01' }] },
    });
    const found = await t.api(`${A}/staff/families?q=anatole`, { token: staff });
    assert.equal(found.body.items.length, 1);
    assert.equal(found.body.items[0].childCount, 1);
    const none = await t.api(`${A}/staff/families?q=zzzz`, { token: staff });
    assert.equal(none.body.items.length, 0);
    assert.ok((await AuditEntry.count({ where: { action: 'family.searched' } })) >= 2, 'searches are audited');
  });

  it('a parent reads their family without staff-only fields; staff reading a family is audited', async () => {
    const parent = await activatedParent(t, 'alpha', 'lecture@example.fr', { first: 'Louise', last: 'Lecture' });
    const own = await t.api(`${A}/family`, { token: parent.parentToken });
    assert.equal(own.status, 200);
    assert.equal(own.body.id, parent.family.id);
    assert.equal(own.body.children[0].firstName, 'Ève');
    assert.equal('account' in own.body.guardians[0], false);

    const read = await t.api(`${A}/staff/families/${parent.family.id}`, { token: staff });
    assert.equal(read.body.guardians[0].account.status, 'active');
    const entries = await AuditEntry.findAll({ where: { action: 'family.read', target_id: parent.family.id } });
    assert.equal(entries.length, 1);
    assert.ok(entries[0]?.actor_account_id);
  });

  it('a banner set by an admin is shown to everyone, then cleared', async () => {
    const set = await t.api(`${A}/staff/banner`, {
      token: staff,
      method: 'PUT',
      body: { kind: 'maintenance', message: 'Portail indisponible dimanche de 8 h à 10 h.' },
    });
    assert.equal(set.status, 200);
    const info = await t.api(A);
    assert.equal(info.body.banner.kind, 'maintenance');
    assert.equal(info.body.banner.message, 'Portail indisponible dimanche de 8 h à 10 h.');
    assert.equal((await t.api('/v1/communes/beta')).body.banner, null, 'other communes are not affected');
    assert.equal((await t.api(`${A}/staff/banner`, { token: staff, method: 'DELETE' })).status, 204);
    assert.equal((await t.api(A)).body.banner, null);
  });
});
