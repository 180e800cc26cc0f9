/**
 * The family's data rights (RGPD): the export of all its data, the log of staff access
 * that admins read, and the purge of families inactive beyond the retention period.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { QueryTypes } from 'sequelize';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { Commune } from '../src/modules/communes/commune.model.js';
import { ACCOUNTING_TABLES, FAMILY_TABLES, familyRows, KEPT_TABLES } from '../src/modules/data-rights/family-data.js';
import { inactiveFamilies, retentionTick, runRetention } from '../src/modules/data-rights/retention.js';
import { Family } from '../src/modules/families/family.models.js';
import { StoredFile } from '../src/platform/files/stored-file.model.js';
import { listen, prepare } from '../src/server.js';
import { type BookingWorld, bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, PARENT_PASSWORD, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const LONG_AGO = new Date('2020-01-06T10:00:00Z');

describe('data rights', () => {
  let t: TestServer;
  let w: BookingWorld;
  let staff: string;
  let adminId: string;

  /** A family that booked a day, declared an absence with a certificate and exported nothing yet. */
  async function busyFamily(email: string, last: string) {
    const parent = await activatedParent(t, 'alpha', email, { first: 'Paule', last });
    const childId: string = parent.family.children[0].id;
    await enrolChild(t.server.ctx, t.communes.a.id, childId, [w.cantine]);
    const request = await t.api(`${A}/children/${childId}/periods/${w.period.id}/requests`, {
      token: parent.parentToken,
      body: { lines: [{ date: w.monday, activityId: w.cantine.id, action: 'add' }] },
    });
    assert.equal(request.status, 201, JSON.stringify(request.body));
    const absence = await t.api(`${A}/children/${childId}/absences`, {
      token: parent.parentToken,
      body: { activityId: w.cantine.id, date: w.monday },
    });
    assert.equal(absence.status, 201, JSON.stringify(absence.body));
    const upload = await fetch(`${t.url}${A}/absences/${absence.body.id}/document`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/pdf', 'X-PF-Client': 'tests', Authorization: `Bearer ${parent.parentToken}` },
      body: new Uint8Array(PDF),
    });
    assert.equal(upload.status, 200);
    return { ...parent, childId, absenceId: absence.body.id as string };
  }

  /** Moves every trace of a family's activity back to 2020. */
  async function age(familyId: string) {
    const { sequelize } = t.server.ctx.db;
    const old = { old: LONG_AGO, family: familyId };
    await t.server.ctx.db.write(async (transaction) => {
      for (const sql of [
        'UPDATE families SET created_at = :old, updated_at = :old WHERE id = :family',
        'UPDATE accounts SET activated_at = :old WHERE guardian_id IN (SELECT id FROM guardians WHERE family_id = :family)',
        'UPDATE sessions SET created_at = :old WHERE account_id IN (SELECT a.id FROM accounts a JOIN guardians g ON g.id = a.guardian_id WHERE g.family_id = :family)',
        'UPDATE booking_requests SET created_at = :old WHERE family_id = :family',
        'UPDATE bookings SET updated_at = :old WHERE child_id IN (SELECT id FROM children WHERE family_id = :family)',
        'UPDATE absences SET created_at = :old WHERE child_id IN (SELECT id FROM children WHERE family_id = :family)',
      ])
        await sequelize.query(sql, { replacements: old, transaction });
    });
  }

  const rowCounts = async (familyId: string) => {
    const rows = await familyRows(t.server.ctx.db.sequelize, familyId);
    return Object.fromEntries([...rows].map(([table, list]) => [table, list.length]));
  };

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    adminId = (await t.api(`${A}/me`, { token: staff })).body.id;
  });
  after(() => t.close());

  it("a parent downloads all their family's data as one JSON file — every family table, no secrets, nobody else's data", async () => {
    const mine = await busyFamily('export@example.fr', 'Exporte');
    const theirs = await busyFamily('voisine@example.fr', 'Voisine');
    const response = await fetch(`${t.url}${A}/family/data-export`, { headers: { Authorization: `Bearer ${mine.parentToken}` } });
    assert.equal(response.status, 200);
    assert.match(
      response.headers.get('content-disposition') ?? '',
      /^attachment; filename="?donnees-famille-alpha-\d{4}-\d{2}-\d{2}\.json"?$/,
    );
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const text = await response.text();
    const data = JSON.parse(text);
    assert.equal(data.format, 'portail-famille/family-data/1');
    assert.deepEqual(
      Object.keys(data.tables),
      [...FAMILY_TABLES, ...ACCOUNTING_TABLES].map((spec) => spec.table),
    );
    assert.deepEqual(data.tables.invoices, [], 'the accounting records are in the export too (none yet here)');
    assert.equal(data.tables.families[0].id, mine.family.id);
    assert.equal(data.tables.guardians[0].email, 'export@example.fr');
    assert.equal(data.tables.children[0].id, mine.childId);
    assert.equal(data.tables.accounts.length, 1);
    assert.ok(data.tables.sessions.length >= 1);
    assert.equal(data.tables.bookings.length, 1);
    assert.equal(data.tables.booking_requests.length, 1);
    assert.equal(data.tables.booking_request_lines.length, 1);
    assert.equal(data.tables.absences[0].id, mine.absenceId);
    // No password hash, no token hash, nothing of the neighbours.
    assert.ok(!('password_hash' in data.tables.accounts[0]));
    assert.ok(!('refresh_hash' in data.tables.sessions[0]));
    assert.ok(!text.includes('$argon2'));
    assert.ok(!text.includes('voisine@example.fr'));
    assert.ok(!text.includes(theirs.family.id));
    // The export itself is logged.
    assert.equal(await AuditEntry.count({ where: { action: 'family.data_exported', family_id: mine.family.id } }), 1);
  });

  it('every table that holds a family, child, guardian or account reference is exported and purged, or kept as accounting record', async () => {
    const sequelize = t.server.ctx.db.sequelize;
    const qi = sequelize.getQueryInterface();
    const covered = new Set([...FAMILY_TABLES, ...ACCOUNTING_TABLES].map((spec) => spec.table));
    for (const kept of KEPT_TABLES) covered.add(kept.table);
    // Tables that mention people's ids without being their data: the actors of staff actions,
    // the audit log (opaque ids, its own retention), and the payment pages' anonymous operations.
    const notFamilyData = new Set(['audit_log', 'billing_runs', 'credit_notes', 'payment_invoices']);
    const missing: string[] = [];
    for (const table of (await qi.showAllTables()) as string[]) {
      const columns = Object.keys(await qi.describeTable(table));
      const personal = columns.some((c) => ['family_id', 'child_id', 'guardian_id', 'account_id'].includes(c));
      if (personal && !covered.has(table) && !notFamilyData.has(table)) missing.push(table);
    }
    assert.deepEqual(missing, [], 'a new family table must be added to FAMILY_TABLES or KEPT_TABLES (data-rights/family-data.ts)');
  });

  it("staff reads of a family's data are in the audit log, which admins filter by family, actor and dates, page by page", async () => {
    const parent = await busyFamily('lue@example.fr', 'Lue');
    const from = new Date().toISOString();
    const agentless = await t.api(`${A}/staff/families/${parent.family.id}`, { token: staff });
    assert.equal(agentless.status, 200);
    await t.api(`${A}/staff/accounts/${parent.account.id}`, { token: staff });
    await t.api(`${A}/staff/pending-bookings`, { token: staff });
    await t.api(`${A}/staff/absences`, { token: staff });
    await t.api(`${A}/staff/attendance?activityId=${w.cantine.id}&date=${w.monday}`, { token: staff });

    const byFamily = await t.api(`${A}/staff/audit-log?familyId=${parent.family.id}&from=${encodeURIComponent(from)}`, { token: staff });
    assert.equal(byFamily.status, 200, JSON.stringify(byFamily.body));
    assert.deepEqual(byFamily.body.items.map((e: { action: string }) => e.action).sort(), ['account.read', 'family.read']);
    for (const entry of byFamily.body.items) assert.equal(entry.actorId, adminId);

    const byActor = await t.api(`${A}/staff/audit-log?actorId=${adminId}&from=${encodeURIComponent(from)}&limit=100`, { token: staff });
    const actions = byActor.body.items.map((e: { action: string }) => e.action);
    for (const action of ['family.read', 'account.read', 'pending_bookings.listed', 'absences.listed', 'attendance.register_read'])
      assert.ok(actions.includes(action), `${action} in ${actions}`);
    // Newest first; no names or emails in the log.
    const times = byActor.body.items.map((e: { at: string }) => e.at);
    assert.deepEqual([...times].sort().reverse(), times);
    assert.ok(!JSON.stringify(byActor.body).includes('lue@example.fr'));
    assert.ok(!JSON.stringify(byActor.body).includes('Paule'));

    // Pages of 2 walk the whole filtered log once, without duplicates.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await t.api(
        `${A}/staff/audit-log?actorId=${adminId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: staff },
      );
      assert.equal(page.status, 200);
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    assert.equal(new Set(seen).size, seen.length);
    // Reading the log is logged too, so the whole log by that actor has at least those pages' entries.
    assert.ok(seen.length >= byActor.body.items.length);

    const future = await t.api(`${A}/staff/audit-log?from=${encodeURIComponent('2099-01-01T00:00:00Z')}`, { token: staff });
    assert.deepEqual(future.body.items, [], JSON.stringify(future.body));
    const bad = await t.api(`${A}/staff/audit-log?cursor=bm9wZQ`, { token: staff });
    assert.equal(bad.status, 400);
  });

  it('the retention period is a commune setting (36 months by default), changed by an admin, audited', async () => {
    const read = await t.api(`${A}/staff/retention`, { token: staff });
    assert.deepEqual(read.body, { months: 36, lastRunAt: null });
    const changed = await t.api(`${A}/staff/retention`, { method: 'PUT', token: staff, body: { months: 24 } });
    assert.equal(changed.body.months, 24);
    assert.equal((await Commune.findByPk(t.communes.a.id))?.retention_months, 24);
    assert.equal((await t.api(`${A}/staff/retention`, { method: 'PUT', token: staff, body: { months: 2 } })).status, 400);
    assert.ok(await AuditEntry.count({ where: { action: 'retention.settings_changed' } }));
    await t.api(`${A}/staff/retention`, { method: 'PUT', token: staff, body: { months: 36 } });
  });

  it('a family inactive beyond the period: a dry run names it and changes nothing; the run deletes all its data, and only its', async () => {
    const old = await busyFamily('ancienne@example.fr', 'Ancienne');
    const active = await busyFamily('active@example.fr', 'Active');
    await age(old.family.id);
    const file = (await t.api(`${A}/children/${old.childId}/absences`, { token: old.parentToken })).body.items[0].document.id;
    const before_ = await rowCounts(old.family.id);

    const dry = await t.api(`${A}/staff/retention/runs`, { token: staff, body: { dryRun: true } });
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual(
      dry.body.families.map((f: { id: string; outcome: string }) => [f.id, f.outcome]),
      [[old.family.id, 'deleted']],
    );
    assert.equal(dry.body.families[0].lastActivityAt, LONG_AGO.toISOString());
    assert.deepEqual(await rowCounts(old.family.id), before_);

    const run = await t.api(`${A}/staff/retention/runs`, { token: staff, body: { dryRun: false } });
    assert.deepEqual(
      run.body.families.map((f: { id: string }) => f.id),
      [old.family.id],
    );
    const after_ = await rowCounts(old.family.id);
    assert.ok(
      Object.values(after_).every((n) => n === 0),
      JSON.stringify(after_),
    );
    assert.equal(await StoredFile.count({ where: { id: file } }), 0);
    // The active family is whole; the old parent's session is gone with its account.
    assert.equal((await t.api(`${A}/family`, { token: active.parentToken })).status, 200);
    assert.equal((await t.api(`${A}/family`, { token: old.parentToken })).status, 401);
    assert.equal(await AuditEntry.count({ where: { action: 'retention.family_deleted', family_id: old.family.id } }), 1);
    assert.ok((await t.api(`${A}/staff/retention`, { token: staff })).body.lastRunAt);
  });

  it('a parent who logs in again, or a family whose child has a new absence, is active again and kept', async () => {
    const back = await busyFamily('revenue@example.fr', 'Revenue');
    await age(back.family.id);
    const cutoff = new Date(Date.now() - 36 * 30 * 86_400_000);
    const { sequelize } = t.server.ctx.db;
    const ids = async () => (await inactiveFamilies(sequelize, t.communes.a.id, cutoff)).map((f) => f.id);
    assert.ok((await ids()).includes(back.family.id));
    await t.login('alpha', back.account.identifier, PARENT_PASSWORD);
    assert.ok(!(await ids()).includes(back.family.id));
    // The same check for one family, inside a write (what the purge does before deleting).
    const one = await t.server.ctx.db.write((transaction) =>
      inactiveFamilies(sequelize, t.communes.a.id, cutoff, { familyId: back.family.id, transaction }),
    );
    assert.deepEqual(one, []);
    const dry = await t.api(`${A}/staff/retention/runs`, { token: staff, body: { dryRun: true } });
    assert.ok(!dry.body.families.some((f: { id: string }) => f.id === back.family.id));
  });

  it('where accounting records (a kept table) refer to the family, it is anonymised: the records and the family number stay, names go', async () => {
    const { sequelize } = t.server.ctx.db;
    // Stands for the billing module's invoices, built elsewhere.
    await sequelize.query(
      'CREATE TABLE test_invoices (id VARCHAR(64) PRIMARY KEY, family_id VARCHAR(64) NOT NULL REFERENCES families(id), amount_cents INTEGER NOT NULL)',
    );
    const billed = await busyFamily('facturee@example.fr', 'Facturée');
    await sequelize.query("INSERT INTO test_invoices (id, family_id, amount_cents) VALUES ('inv-1', :family, 4250)", {
      replacements: { family: billed.family.id },
    });
    await age(billed.family.id);
    const kept = [{ table: 'test_invoices', refs: [{ column: 'family_id', of: 'families' }] }];

    const dry = await runRetention(t.server.ctx, { communeId: t.communes.a.id, actorId: null, dryRun: true, kept });
    assert.deepEqual(
      dry.families.map((f) => f.outcome),
      ['anonymised'],
    );
    const report = await runRetention(t.server.ctx, { communeId: t.communes.a.id, actorId: null, dryRun: false, kept });
    assert.deepEqual(
      report.families.map((f) => [f.id, f.outcome]),
      [[billed.family.id, 'anonymised']],
    );

    const invoices = await sequelize.query<{ family_id: string; amount_cents: number }>('SELECT * FROM test_invoices', {
      type: QueryTypes.SELECT,
    });
    assert.deepEqual(
      invoices.map((i) => [i.family_id, Number(i.amount_cents)]),
      [[billed.family.id, 4250]],
    );
    const family = await Family.findByPk(billed.family.id);
    assert.equal(family?.number, billed.family.number);
    assert.equal(family?.address_line1, '—');
    assert.equal(family?.city, '—');
    const counts = await rowCounts(billed.family.id);
    assert.equal(counts.families, 1);
    for (const [table, n] of Object.entries(counts)) if (table !== 'families') assert.equal(n, 0, table);
    assert.equal(await AuditEntry.count({ where: { action: 'retention.family_anonymised', family_id: billed.family.id } }), 1);
    // The anonymised family, still old, is purged again harmlessly next time: the invoice stays.
    await runRetention(t.server.ctx, { communeId: t.communes.a.id, actorId: null, dryRun: false, kept });
    assert.equal((await sequelize.query('SELECT id FROM test_invoices', { type: QueryTypes.SELECT })).length, 1);
    await sequelize.query('DROP TABLE test_invoices');
  });

  it('the access log keeps its entries 12 months: older ones go with the run, a dry run only counts them', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 400 * 86_400_000);
    const recent = new Date(now.getTime() - 300 * 86_400_000);
    const entry = (communeId: string, at: Date, action: string) =>
      AuditEntry.create({ id: randomUUID(), commune_id: communeId, actor_account_id: null, action, at });
    await entry(t.communes.a.id, old, 'test.old');
    await entry(t.communes.a.id, recent, 'test.recent');
    await entry(t.communes.b.id, old, 'test.old.beta');

    const dry = await runRetention(t.server.ctx, { communeId: t.communes.a.id, actorId: null, dryRun: true, now });
    assert.equal(dry.auditLog.months, 12);
    assert.ok(dry.auditLog.entries >= 1);
    assert.equal(await AuditEntry.count({ where: { action: 'test.old' } }), 1, 'a dry run deletes nothing');

    const run = await runRetention(t.server.ctx, { communeId: t.communes.a.id, actorId: null, dryRun: false, now });
    assert.equal(run.auditLog.entries, dry.auditLog.entries);
    assert.equal(await AuditEntry.count({ where: { action: 'test.old' } }), 0, 'older than 12 months: deleted');
    assert.equal(await AuditEntry.count({ where: { action: 'test.recent' } }), 1, 'ten months old: kept');
    assert.equal(await AuditEntry.count({ where: { action: 'test.old.beta' } }), 1, "another commune's log is its own");
  });

  it('the background check runs the purge of each commune at most once a day', async () => {
    const now = new Date(Date.now() + 3 * 86_400_000);
    await Commune.update({ retention_run_at: null }, { where: {} });
    assert.equal(await retentionTick(t.server.ctx, now), 2);
    assert.equal(await retentionTick(t.server.ctx, new Date(now.getTime() + 3_600_000)), 0);
    assert.equal(await retentionTick(t.server.ctx, new Date(now.getTime() + 25 * 3_600_000)), 2);
  });
});

describe('the retention check on an interval', () => {
  it('a server started with the check on runs it by itself', async () => {
    const t = await startTestServer();
    try {
      await Commune.update({ retention_run_at: null }, { where: {} });
      // A second server on the same database with a check every 60 ms.
      const ctx = await prepare({ ...t.server.ctx.config, retention: { ...t.server.ctx.config.retention, checkMinutes: 0.001 } });
      const second = await listen(ctx, 0);
      try {
        const deadline = Date.now() + 5000;
        while (Date.now() < deadline && (await Commune.count({ where: { retention_run_at: null } })) > 0)
          await new Promise((r) => setTimeout(r, 50));
        assert.equal(await Commune.count({ where: { retention_run_at: null } }), 0);
      } finally {
        await second.close();
      }
    } finally {
      await t.close();
    }
  });
});
