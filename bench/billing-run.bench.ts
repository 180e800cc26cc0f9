/**
 * Monthly billing run: a commune of 5,000 children (2,500 families of two) with 20 booked
 * days each in one month — 100,000 bookings. Times the whole run (claim every day into
 * billed_days, aggregate, price, number, write the invoices and lines, commit) and, in the
 * same process and database, one SQL aggregate over the same bookings (the floor: what any
 * billing must at least read). Prints both and the ratio (target ≤ 3×).
 * Usage: npm run bench:billing -- [children=5000] [days=20]   (DATABASE_URL=postgres://… for PostgreSQL)
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { QueryTypes } from 'sequelize';
import { ActivityTariff, InvoiceLine } from '../packages/reference-server/src/modules/billing/billing.models.js';
import { billMonth } from '../packages/reference-server/src/modules/billing/billing-run.js';
import { Booking } from '../packages/reference-server/src/modules/bookings/booking.models.js';
import { createActivity, createFacility } from '../packages/reference-server/src/modules/bookings/provisioning.js';
import { eachDay, weekday } from '../packages/reference-server/src/modules/bookings/rules/civil-date.js';
import { createCommune } from '../packages/reference-server/src/modules/communes/provisioning.js';
import { Child, Family, Guardian } from '../packages/reference-server/src/modules/families/family.models.js';
import { loadConfig } from '../packages/reference-server/src/platform/config.js';
import { prepare } from '../packages/reference-server/src/server.js';

const childCount = Number(process.argv[2] ?? 5000);
const daysEach = Number(process.argv[3] ?? 20);
const MONTH = '2026-03';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-billing-'));

// PostgreSQL: a throwaway database next to the one given, dropped at the end.
const adminUrl = process.env.DATABASE_URL ?? null;
let databaseUrl: string | null = null;
const dbName = `pf_bench_${randomUUID().slice(0, 8)}`;
if (adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
}

const ctx = await prepare(loadConfig({}, { dataDir: dir, databaseUrl, smtp: null }));
const commune = await createCommune(ctx, { slug: 'bench', name: 'Bench', portalUrl: 'http://localhost/' });
const facility = await createFacility(ctx, commune.id, 'Restaurant scolaire');
const rule = { kind: 'days_before' as const, days: 2, time: '12:00' };
const cantine = await createActivity(ctx, facility, {
  name: 'Cantine',
  bookingDeadline: rule,
  cancellationDeadline: rule,
  weekdays: [1, 2, 3, 4, 5],
});
await ctx.db.write((transaction) =>
  ActivityTariff.create(
    {
      activity_id: cantine.id,
      commune_id: commune.id,
      brackets: JSON.stringify([
        { upToQuotient: 600, unitPriceCents: 180 },
        { upToQuotient: 1200, unitPriceCents: 340 },
        { upToQuotient: null, unitPriceCents: 460 },
      ]),
      updated_at: new Date(),
    },
    { transaction },
  ),
);
const days = eachDay(`${MONTH}-01`, `${MONTH}-31`)
  .filter((d) => weekday(d) <= 5)
  .slice(0, daysEach);

// --- the data, straight in the tables ---------------------------------------------------------
const seedStart = performance.now();
const now = new Date();
const families = Array.from({ length: Math.ceil(childCount / 2) }, (_, i) => ({
  id: randomUUID(),
  commune_id: commune.id,
  number: `F-${String(i + 1).padStart(5, '0')}`,
  address_line1: `${i} rue du Banc d'essai`,
  postal_code: '44000',
  city: 'Nantes',
  quotient_familial: (i * 37) % 1800,
  created_at: now,
  updated_at: now,
}));
const guardians = families.map((f, i) => ({
  id: randomUUID(),
  commune_id: commune.id,
  family_id: f.id,
  first_name: 'Parent',
  last_name: `Essai${i}`,
  relation: 'mother',
  email: `parent${i}@example.fr`,
  position: 0,
  created_at: now,
  updated_at: now,
}));
const children = Array.from({ length: childCount }, (_, i) => ({
  id: randomUUID(),
  commune_id: commune.id,
  family_id: families[Math.floor(i / 2)]?.id,
  first_name: `Enfant${i % 2}`,
  last_name: `Essai${Math.floor(i / 2)}`,
  birth_date: '2018-01-01',
  position: i % 2,
  created_at: now,
  updated_at: now,
}));
const CHUNK = 1000;
for (let i = 0; i < families.length; i += CHUNK) {
  await ctx.db.write(async (transaction) => {
    await Family.bulkCreate(families.slice(i, i + CHUNK), { transaction });
    await Guardian.bulkCreate(guardians.slice(i, i + CHUNK), { transaction });
  });
}
for (let i = 0; i < children.length; i += CHUNK) {
  await ctx.db.write((transaction) => Child.bulkCreate(children.slice(i, i + CHUNK), { transaction }));
}
const bookingRows = children.flatMap((c) =>
  days.map((date) => ({
    id: randomUUID(),
    commune_id: commune.id,
    child_id: c.id,
    activity_id: cantine.id,
    date,
    state: 'booked',
    updated_at: now,
  })),
);
for (let i = 0; i < bookingRows.length; i += CHUNK) {
  await ctx.db.write((transaction) => Booking.bulkCreate(bookingRows.slice(i, i + CHUNK), { transaction }));
}
const seedSeconds = (performance.now() - seedStart) / 1000;
const sequelize = ctx.db.sequelize;
await sequelize.query('ANALYZE');

// --- the floor: one aggregate over the same bookings ---------------------------------------
const aggregateSql = `SELECT c.family_id, b.child_id, b.activity_id, COUNT(*) AS quantity
  FROM bookings b JOIN children c ON c.id = b.child_id
  WHERE b.commune_id = :communeId AND b.state = 'booked' AND b.date >= :start AND b.date < :next
  GROUP BY c.family_id, b.child_id, b.activity_id`;
const replacements = { communeId: commune.id, start: `${MONTH}-01`, next: '2026-04-01' };
await sequelize.query(aggregateSql, { replacements, type: QueryTypes.SELECT }); // warm the cache
const aggStart = performance.now();
const groups = await sequelize.query(aggregateSql, { replacements, type: QueryTypes.SELECT });
const aggregateMs = performance.now() - aggStart;

// --- the run ----------------------------------------------------------------------------
const runStart = performance.now();
const result = await ctx.db.write((transaction) => billMonth({ communeId: commune.id, month: MONTH, actorId: null }, transaction));
const runMs = performance.now() - runStart;
const againStart = performance.now();
const again = await ctx.db.write((transaction) => billMonth({ communeId: commune.id, month: MONTH, actorId: null }, transaction));
const againMs = performance.now() - againStart;

const lines = await InvoiceLine.count();
const [billed] = await sequelize.query<{ n: number | string }>('SELECT SUM(quantity) AS n FROM billed_days', {
  type: QueryTypes.SELECT,
});
await ctx.db.close();
fs.rmSync(dir, { recursive: true, force: true });
if (adminUrl) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
console.log(
  `Billing run — ${childCount} children × ${daysEach} booked days = ${bookingRows.length} bookings, ${families.length} families, ${ctx.db.dialect} (seeded in ${seedSeconds.toFixed(1)} s)`,
);
console.log(`  billing run        ${fmt(runMs)}   ${result.invoiceIds.length} invoices, ${lines} lines, ${Number(billed?.n)} billed days`);
console.log(`  one SQL aggregate  ${fmt(aggregateMs)}   ${groups.length} groups over the same bookings`);
console.log(`  ratio run/aggregate: ${(runMs / aggregateMs).toFixed(2)}× (target ≤ 3×)`);
console.log(`  re-run of the month: ${fmt(againMs)}, ${again.invoiceIds.length} invoices (nothing billed twice)`);
