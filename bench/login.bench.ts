/**
 * Login benchmark. Prints, in one run:
 *  - logins/s and p50/p99 latency through the whole stack (HTTP, validation, rate limit in
 *    the database, lock check, argon2id verify, session insert, audit);
 *  - the baseline: bare argon2id verifications/s at the same concurrency cap — the floor any
 *    login pays — and the ratio between the two (target ≥ 0.7: the stack adds ≤ 30 %);
 *  - p50 of logins with an unknown identifier against a wrong password on a real account
 *    (target ratio ≈ 1: timing does not tell whether an identifier exists).
 * Usage: npm run bench -- [logins=400] [concurrency=8]
 */
import argon2 from 'argon2';
import { createCommune, createStaffAccount } from '../packages/reference-server/src/modules/communes/provisioning.js';
import { loadConfig } from '../packages/reference-server/src/platform/config.js';
import { listen, prepare } from '../packages/reference-server/src/server.js';
import { createTestDatabase } from '../packages/reference-server/test/support/test-database.js';
import { percentile, pool } from './support/pool.js';

const total = Number(process.argv[2] ?? 400);
const concurrency = Number(process.argv[3] ?? 8);
const PASSWORD = 'benchmark passphrase 2026';

const pct = percentile;
const fmt = (n: number) => n.toFixed(1);

const database = await createTestDatabase();
const config = loadConfig(
  {},
  {
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    smtp: null,
    validateResponses: false,
    rateLimits: { loginPerIp: 1e9, tokenPerIp: 1e9, forgotPerIp: 1e9, apiPerIp: 1e9, windowMinutes: 15 },
  },
);
const ctx = await prepare(config);
const server = await listen(ctx, 0);
const commune = await createCommune(ctx, { slug: 'bench', name: 'Bench', portalUrl: `${server.url}/` });
const accounts = 60;
for (let i = 0; i < accounts; i++) {
  await createStaffAccount(ctx, commune, {
    identifier: `user${i}`,
    email: `u${i}@bench.example`,
    displayName: `U${i}`,
    roles: ['agent'],
    password: PASSWORD,
  });
}

const login = (identifier: string, password: string) =>
  fetch(`${server.url}/v1/communes/bench/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identifier, password }),
  }).then(async (r) => {
    await r.arrayBuffer();
    return r.status;
  });

// Warm up (JIT, connections, the dummy hash for unknown identifiers).
await pool(20, concurrency, async (i) => void (await login(`user${i % accounts}`, PASSWORD)));

const ok = await pool(total, concurrency, async (i) => {
  const status = await login(`user${i % accounts}`, PASSWORD);
  if (status !== 200) throw new Error(`login answered ${status}`);
});

// Baseline: argon2id verifications alone, at the server's concurrency cap, same parameters.
const hash = await argon2.hash(PASSWORD, {
  type: argon2.argon2id,
  memoryCost: config.argon2.memoryCost,
  timeCost: config.argon2.timeCost,
  parallelism: 1,
});
const savedConcurrency = concurrency;
const baseline = await (async () => {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(savedConcurrency, config.argon2.maxConcurrent) }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        await argon2.verify(hash, PASSWORD);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies: latencies.sort((a, b) => a - b) };
})();

// Timing: wrong password on a real account vs unknown identifier (failures spread over
// many identifiers so no lock is reached).
// Interleaved, so both kinds meet the same machine load; at most 2 failures per account,
// below the lock threshold (a locked answer skips the hash for known and unknown alike).
const wrong = { latencies: [] as number[] };
const unknown = { latencies: [] as number[] };
await pool(4 * accounts, concurrency, async (i) => {
  const t0 = performance.now();
  if (i % 2 === 0) {
    await login(`user${(i / 2) % accounts}`, `wrong ${i}`);
    wrong.latencies.push(performance.now() - t0);
  } else {
    await login(`ghost${i}`, `wrong ${i}`);
    unknown.latencies.push(performance.now() - t0);
  }
});
wrong.latencies.sort((a, b) => a - b);
unknown.latencies.sort((a, b) => a - b);

const loginRate = total / ok.seconds;
const baseRate = total / baseline.seconds;
console.log(
  `Login benchmark — ${total} logins, concurrency ${concurrency}, ${database.databaseUrl ? 'PostgreSQL' : 'SQLite'}, argon2id m=${config.argon2.memoryCost} KiB t=${config.argon2.timeCost}, cap ${config.argon2.maxConcurrent}`,
);
console.log(`  full login     ${fmt(loginRate)} /s   p50 ${fmt(pct(ok.latencies, 50))} ms   p99 ${fmt(pct(ok.latencies, 99))} ms`);
console.log(
  `  argon2 verify  ${fmt(baseRate)} /s   p50 ${fmt(pct(baseline.latencies, 50))} ms   p99 ${fmt(pct(baseline.latencies, 99))} ms   (baseline)`,
);
console.log(`  ratio login/baseline throughput: ${(loginRate / baseRate).toFixed(2)} (target ≥ 0.70)`);
console.log(
  `  wrong password p50 ${fmt(pct(wrong.latencies, 50))} ms, unknown identifier p50 ${fmt(pct(unknown.latencies, 50))} ms, ratio ${(pct(unknown.latencies, 50) / pct(wrong.latencies, 50)).toFixed(2)} (target ≈ 1)`,
);

await server.close();
await database.drop();
