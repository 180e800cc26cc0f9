/**
 * Booking rush: a capacity-limited holiday period opens and N families (default 2,000)
 * submit their requests at once. Prints requests/s and p50/p99 latency, and the same
 * figures for a minimal baseline in the same run — an express handler doing one SQLite
 * insert per request — as a ratio (target ≥ 0.5), then checks nothing was overbooked.
 * Usage: npm run bench:bookings -- [families=2000] [concurrency=32]
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import sqlite3 from 'sqlite3';
import { ActivityDay, Booking } from '../packages/reference-server/src/modules/bookings/booking.models.js';
import { addDays } from '../packages/reference-server/src/modules/bookings/rules/civil-date.js';
import { addChildren, bookingWorld, enrolChild } from '../packages/reference-server/test/support/bookings-fixture.js';
import { activatedParent, startTestServer } from '../packages/reference-server/test/support/harness.js';

const families = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 32);

async function run(count: number, work: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        await work(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
  return { rate: count / seconds, p50: pct(50), p99: pct(99) };
}

// --- the baseline: one insert per request -----------------------------------------------
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-baseline-'));
const raw = new sqlite3.Database(path.join(dir, 'baseline.sqlite'));
await new Promise<void>((resolve, reject) =>
  raw.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE hits (id INTEGER PRIMARY KEY, body TEXT)', (e) =>
    e ? reject(e) : resolve(),
  ),
);
const baselineApp = express();
baselineApp.use(express.json());
baselineApp.post('/insert', (req, res) => {
  raw.run('INSERT INTO hits (body) VALUES (?)', [JSON.stringify(req.body)], (error) =>
    error ? res.status(500).end() : res.status(201).json({ ok: true }),
  );
});
const baselineServer = baselineApp.listen(0, '127.0.0.1');
await new Promise((resolve) => baselineServer.once('listening', resolve));
const baselineUrl = `http://127.0.0.1:${(baselineServer.address() as AddressInfo).port}/insert`;

// --- the portal: one open period, a 20-place-a-day activity, N children -------------------
const t = await startTestServer({ config: { validateResponses: false } });
const world = await bookingWorld(t, t.communes.a.id);
const parent = await activatedParent(t, 'alpha', 'rush@example.fr', { first: 'Rita', last: 'Rush' });
const children = await addChildren(t, t.communes.a.id, parent.family.id, families);
for (const id of children) await enrolChild(t, t.communes.a.id, id, [world.vacances]);
const week = [0, 1, 2, 3, 4].map((n) => addDays(world.monday, n));

const body = (i: number) => ({ lines: week.map((date) => ({ date, activityId: world.vacances.id, action: 'add' })), family: i });
const baseline = await run(families, async (i) => {
  const r = await fetch(baselineUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body(i)) });
  await r.arrayBuffer();
});
const portal = await run(families, async (i) => {
  const r = await fetch(`${t.url}/v1/communes/alpha/children/${children[i]}/periods/${world.period.id}/requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${parent.parentToken}`, 'X-PF-Client': 'bench' },
    body: JSON.stringify({ lines: body(i).lines }),
  });
  if (r.status !== 201) throw new Error(`request answered ${r.status}: ${await r.text()}`);
  await r.arrayBuffer();
});

const booked = await Booking.count({ where: { activity_id: world.vacances.id, state: 'booked' } });
const counters = await ActivityDay.findAll({ where: { activity_id: world.vacances.id } });
const fmt = (n: number) => n.toFixed(1);
console.log(`Booking rush — ${families} requests of 5 days each, concurrency ${concurrency}, ${t.server.ctx.db.dialect}`);
console.log(`  portal    ${fmt(portal.rate)} req/s   p50 ${fmt(portal.p50)} ms   p99 ${fmt(portal.p99)} ms`);
console.log(
  `  baseline  ${fmt(baseline.rate)} req/s   p50 ${fmt(baseline.p50)} ms   p99 ${fmt(baseline.p99)} ms   (express + one SQLite insert)`,
);
console.log(`  ratio portal/baseline throughput: ${(portal.rate / baseline.rate).toFixed(2)} (target ≥ 0.50)`);
const overbooked = counters.some((c) => c.booked > 20) || booked !== counters.reduce((n, c) => n + c.booked, 0) || booked > 5 * 20;
console.log(`  places taken: ${booked} of ${5 * 20}; overbooking: ${overbooked ? 'YES — BUG' : 'none'}`);

await t.close();
baselineServer.close();
raw.close();
fs.rmSync(dir, { recursive: true, force: true });
if (overbooked) process.exit(1);
