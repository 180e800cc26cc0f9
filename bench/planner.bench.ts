/**
 * Planner in the browser: a parent applies « Sélection automatique » (Mondays and
 * Thursdays, whole period) over a 12-week period with four activities, on the example page
 * in headless Chromium against the real server. Prints the time from the click to the
 * re-rendered, laid-out grid (median and p95 over many runs; target under 16 ms, one frame)
 * and, as the baseline measured in the same run, a re-render of the same grid with nothing
 * changed — the ratio says what the pattern itself costs.
 * Usage: npm run bench:planner -- [runs=40]   (after npm run build)
 */
import fs from 'node:fs';
import { Op } from 'sequelize';
import { launchChromium } from '../e2e/browser.js';
import { DEMO, seedDemo } from '../packages/reference-server/src/demo/seed.js';
import { Activity, Facility } from '../packages/reference-server/src/modules/bookings/booking.models.js';
import { createPeriod } from '../packages/reference-server/src/modules/bookings/provisioning.js';
import { addDays, civilDateOf, weekday } from '../packages/reference-server/src/modules/bookings/rules/civil-date.js';
import { startTestServer } from '../packages/reference-server/test/support/harness.js';
import { percentile } from './support/pool.js';

const runs = Number(process.argv[2] ?? 40);

const t = await startTestServer();
await seedDemo(t.server.ctx);
const alp = await Facility.findOne({ where: { name: 'ALP Primaire' } });
if (!alp) throw new Error('demo facility missing');
const activities = await Activity.findAll({ where: { facility_id: alp.id, capacity_per_day: { [Op.or]: [null, { [Op.gte]: 0 }] } } });
const today = civilDateOf(new Date());
const start = addDays(today, 7 * 6 - (weekday(today) - 1)); // a Monday six weeks ahead: no deadline in the way
await createPeriod(t.server.ctx, alp, {
  name: 'Douze semaines',
  start,
  end: addDays(start, 7 * 12 - 3),
  opensAt: new Date(Date.now() - 3_600_000),
  closesAt: new Date(Date.now() + 60 * 86_400_000),
  activities,
});

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
await page.goto(`${t.url}/examples/`);
await page.getByLabel('Identifiant').fill(DEMO.parent.identifier);
await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO.parent.password);
await page.getByRole('button', { name: 'Se connecter' }).click();
await page.getByRole('tab', { name: 'Réservations', exact: true }).click();
await page.getByLabel('Enfant').selectOption({ label: 'Léa Martin' });
await page.getByLabel('Établissement').selectOption({ label: 'ALP Primaire' });
const periods = page.getByLabel('Période', { exact: true });
const twelveWeeks = await periods.locator('option', { hasText: 'Douze semaines' }).getAttribute('value');
await periods.selectOption(twelveWeeks ?? '');
await page.getByRole('grid').waitFor();
await page.getByLabel('Lundi').check();
await page.getByLabel('Jeudi').check();
await page.getByLabel('Sur toute la période').check();

// The in-page script is plain JavaScript read as text: tsx would add helpers the page lacks.
// (The formatter ends the expression with `;`: dropped, the text is wrapped in a call.)
const inPage = fs
  .readFileSync(new URL('./support/planner-in-page.js', import.meta.url), 'utf8')
  .trim()
  .replace(/;$/, '');
const timings = (await page.evaluate(`(${inPage})(${runs})`)) as { pattern: number[]; plain: number[]; chosen: string };

await browser.close();
await t.close();

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const p95 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    95,
  );
const fmt = (n: number) => n.toFixed(2);
console.log(`Planner — weekday pattern over 12 weeks × ${activities.length} activities, ${runs} runs, headless Chromium`);
console.log(`  after the click: ${timings.chosen.trim()}`);
console.log(`  pattern applied   median ${fmt(median(timings.pattern))} ms   p95 ${fmt(p95(timings.pattern))} ms   (target < 16 ms)`);
console.log(`  plain re-render   median ${fmt(median(timings.plain))} ms   p95 ${fmt(p95(timings.plain))} ms   (baseline)`);
console.log(`  ratio pattern/baseline: ${(median(timings.pattern) / median(timings.plain)).toFixed(2)}`);
