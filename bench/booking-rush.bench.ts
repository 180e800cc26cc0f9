/**
 * Booking rush: a capacity-limited holiday period opens and N families (default 2,000)
 * submit their requests at once, each with an Idempotency-Key as the SDK sends it. The
 * reference server runs as it does in production (its own process, built JavaScript,
 * SQLite file); so does the baseline — express doing one SQLite insert per request — in the
 * same run. Each server first answers 500 untimed requests of the kind it will time (the
 * portal's book nothing), so that both are timed warm, as a server that has run a while.
 * Prints requests/s, p50/p99 latency and each server's CPU time per request for both, the
 * ratio (target ≥ 0.5), then checks nothing was overbooked.
 * Usage: npm run bench:bookings -- [families=2000] [concurrency=32]   (after npm run build)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Account } from '../packages/reference-server/src/modules/accounts/account.models.js';
import { ActivityDay, Booking } from '../packages/reference-server/src/modules/bookings/booking.models.js';
import { addDays } from '../packages/reference-server/src/modules/bookings/rules/civil-date.js';
import { createCommune } from '../packages/reference-server/src/modules/communes/provisioning.js';
import { insertFamily } from '../packages/reference-server/src/modules/families/family-service.js';
import { loadConfig } from '../packages/reference-server/src/platform/config.js';
import { prepare } from '../packages/reference-server/src/server.js';
import { addChildren, bookingWorld, enrolChild } from '../packages/reference-server/test/support/bookings-fixture.js';
import { pool } from './support/pool.js';

const families = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 32);
const PASSWORD = 'benchmark passphrase 2026';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-rush-'));

/** Starts a process that prints `PORT n` (or the server's own banner) and answers its URL. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match?.[1]) resolve({ child, url: `http://127.0.0.1:${match[1]}` });
    });
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}): ${out}`)));
  });
}

// --- the data: one commune, one parent with N children enrolled, a 20-place week ------------
const config = loadConfig({}, { dataDir: dir, databaseUrl: null, smtp: null });
const ctx = await prepare(config);
const commune = await createCommune(ctx, { slug: 'bench', name: 'Bench', portalUrl: 'http://localhost/' });
const family = await ctx.db.write((t) =>
  insertFamily(
    commune.id,
    {
      address: { line1: '1 rue', postalCode: '44000', city: 'Nantes' },
      guardians: [{ firstName: 'Rita', lastName: 'Rush', relation: 'mother', email: 'rush@example.fr' }],
    },
    t,
  ),
);
const guardian = (await family.reload({ include: ['guardians'] })).guardians?.[0];
const hash = await ctx.hasher.hash(PASSWORD);
await ctx.db.write((t) =>
  Account.create(
    {
      id: randomUUID(),
      commune_id: commune.id,
      identifier: 'rita.rush',
      email: 'rush@example.fr',
      kind: 'guardian',
      roles: '',
      guardian_id: guardian?.id,
      display_name: 'Rita Rush',
      password_hash: hash,
      status: 'active',
    },
    { transaction: t },
  ),
);
const world = await bookingWorld(ctx, commune.id);
const children = await addChildren(ctx, commune.id, family.id, families);
for (const id of children) await enrolChild(ctx, commune.id, id, [world.vacances]);
await ctx.db.close();
const week = [0, 1, 2, 3, 4].map((n) => addDays(world.monday, n));
const lines = week.map((date) => ({ date, activityId: world.vacances.id, action: 'add' }));

// --- both servers, each in its own process ------------------------------------------------
const port = 20_000 + Math.floor(Math.random() * 20_000);
const portal = await start(
  'node',
  // BENCH_PROFILE=dir writes the server's CPU profile there (open it in Chrome DevTools).
  [
    ...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []),
    'packages/reference-server/dist/main.js',
  ],
  {
    DATA_DIR: dir,
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: 'production',
    RATE_LIMIT_API: '1000000',
    RATE_LIMIT_LOGIN: '1000000',
  },
  new RegExp(`on http://127\\.0\\.0\\.1:(${port})`),
);
const baselineProcess = await start('node', ['bench/baseline-server.mjs', dir], {}, /PORT (\d+)/);

const login = await fetch(`${portal.url}/v1/communes/bench/auth/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ identifier: 'rita.rush', password: PASSWORD }),
});
const { accessToken } = (await login.json()) as { accessToken: string };

/** User + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
}

/** Times `work` over the families, with the CPU the server process spent per request. */
async function timed(server: ChildProcess, work: (i: number) => Promise<void>) {
  const before = cpuMs(server.pid);
  const client = process.cpuUsage();
  const result = await pool(families, concurrency, work);
  const { user, system } = process.cpuUsage(client);
  return { ...result, cpuPerRequest: (cpuMs(server.pid) - before) / families, clientCpuPerRequest: (user + system) / 1000 / families };
}

const insert = async (i: number) => {
  const r = await fetch(`${baselineProcess.url}/insert`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ lines, i }),
  });
  await r.arrayBuffer();
};
const book = async (childId: string | undefined, wanted: typeof lines) => {
  const r = await fetch(`${portal.url}/v1/communes/bench/children/${childId}/periods/${world.period.id}/requests`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${accessToken}`,
      'X-PF-Client': 'bench',
      'Idempotency-Key': randomUUID(),
    },
    body: JSON.stringify({ lines: wanted }),
  });
  if (r.status !== 201) throw new Error(`request answered ${r.status}: ${await r.text()}`);
  await r.arrayBuffer();
};
// Warm-up, untimed: the same number of requests for each server, so that both run
// compiled, optimised code when timed, as a server does once it has run a while (and the
// contract's validator of an operation is compiled on its first use). The portal's ask for
// a day before the period: refused, no place taken.
const WARM_UP = 500;
const beforePeriod = [{ date: addDays(world.monday, -7), activityId: world.vacances.id, action: 'add' }];
await pool(WARM_UP, concurrency, (i) => insert(-1 - i));
await pool(WARM_UP, concurrency, (i) => book(children[i % families], beforePeriod));

const baseline = await timed(baselineProcess.child, insert);
const rush = await timed(portal.child, (i) => book(children[i], lines));
portal.child.kill('SIGTERM');
baselineProcess.child.kill('SIGTERM');
await new Promise((resolve) => setTimeout(resolve, 500));

// --- what was booked --------------------------------------------------------------------------
const after = await prepare(config);
const booked = await Booking.count({ where: { activity_id: world.vacances.id, state: 'booked' } });
const counters = await ActivityDay.findAll({ where: { activity_id: world.vacances.id } });
await after.db.close();
fs.rmSync(dir, { recursive: true, force: true });

const fmt = (n: number) => n.toFixed(1);
console.log(
  `Booking rush — ${families} requests of 5 days each, concurrency ${concurrency}, SQLite, server and baseline in their own processes`,
);
const cpu = (n: number) => `${n.toFixed(2)} ms CPU/request`;
// This process sends the requests: on two cores, what it spends is not the server's to use.
const client = (n: number) => `(client ${n.toFixed(2)} ms)`;
console.log(
  `  portal    ${fmt(rush.rate)} req/s   p50 ${fmt(rush.p50)} ms   p99 ${fmt(rush.p99)} ms   ${cpu(rush.cpuPerRequest)} ${client(rush.clientCpuPerRequest)}`,
);
console.log(
  `  baseline  ${fmt(baseline.rate)} req/s   p50 ${fmt(baseline.p50)} ms   p99 ${fmt(baseline.p99)} ms   ${cpu(baseline.cpuPerRequest)} ${client(baseline.clientCpuPerRequest)}   (express + one SQLite insert)`,
);
console.log(`  ratio portal/baseline throughput: ${(rush.rate / baseline.rate).toFixed(2)} (target ≥ 0.50)`);
const overbooked = counters.some((c) => c.booked > 20) || booked !== counters.reduce((n, c) => n + c.booked, 0);
console.log(`  places taken: ${booked} of ${5 * 20}; overbooking: ${overbooked ? 'YES — BUG' : 'none'}`);
if (overbooked) process.exit(1);
