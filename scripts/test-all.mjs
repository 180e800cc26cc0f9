// `npm test`: the whole suite, in order, on a fresh clone. Stops at the first failing step
// and ends with one "N passed, M failed" line for all steps.
import { spawn } from 'node:child_process';
import { ensureChromium } from './ensure-chromium.mjs';

const pgUrl = process.env.PORTAIL_TEST_DATABASE_URL;
const ANSI_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const totals = { passed: 0, failed: 0 };

function run(title, command, args, env = {}) {
  console.log(`\n=== ${title} ===`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (stream, target) =>
      stream.on('data', (chunk) => {
        output += chunk;
        target.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => {
      // node:test prints "# pass N" / "# fail N"; web-test-runner "N passed, M failed".
      const node = [...output.matchAll(/^# (pass|fail) (\d+)$/gm)];
      for (const [, kind, n] of node) totals[kind === 'pass' ? 'passed' : 'failed'] += Number(n);
      // The progress bar prints the counts many times: the last one is the result.
      const wtr = [...output.replace(ANSI_COLOURS, '').matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
      if (!node.length && wtr) {
        totals.passed += Number(wtr[1]);
        totals.failed += Number(wtr[2]);
      }
      resolve(code ?? 1);
    });
  });
}

const steps = [
  ['Lint (biome)', 'npm', ['run', 'lint']],
  ['SDK types match openapi.yaml', 'npm', ['run', 'check-generated', '-w', '@portail-famille/sdk']],
  ['Build (tsc --build, widget bundle)', 'npm', ['run', 'build']],
  ['Widget docs: custom-elements.json covers every element', 'node', ['scripts/check-manifest.mjs']],
  ['Type-check the tests', 'npx', ['tsc', '-p', 'tsconfig.tests.json']],
  ['Type-check the widget tests', 'npm', ['run', 'typecheck', '-w', '@portail-famille/widgets']],
  ['Server tests (SQLite)', 'npm', ['test', '-w', '@portail-famille/reference-server'], { PORTAIL_TEST_BACKEND: 'sqlite' }],
  ...(pgUrl
    ? [['Server tests (PostgreSQL)', 'npm', ['test', '-w', '@portail-famille/reference-server'], { PORTAIL_TEST_BACKEND: 'postgres' }]]
    : []),
  ['SDK tests against the server (SQLite)', 'npm', ['test', '-w', '@portail-famille/sdk'], { PORTAIL_TEST_BACKEND: 'sqlite' }],
  ...(pgUrl
    ? [['SDK tests against the server (PostgreSQL)', 'npm', ['test', '-w', '@portail-famille/sdk'], { PORTAIL_TEST_BACKEND: 'postgres' }]]
    : []),
  ['Widget tests (headless Chromium)', 'npm', ['test', '-w', '@portail-famille/widgets'], 'chromium'],
  [
    'End-to-end journeys (playwright-core + Chromium)',
    'node',
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      'e2e/login-journey.e2e.ts',
      'e2e/cross-site.e2e.ts',
      'e2e/booking-journey.e2e.ts',
      'e2e/family-profile-journey.e2e.ts',
      'e2e/payment-journey.e2e.ts',
      'e2e/staff-payment-journey.e2e.ts',
    ],
    'chromium',
  ],
];

if (!pgUrl) console.log('PORTAIL_TEST_DATABASE_URL is not set: the PostgreSQL runs are skipped (SQLite only).');
let status = 0;
for (const [title, command, args, extra] of steps) {
  let env = typeof extra === 'object' ? extra : {};
  if (extra === 'chromium') env = { CHROME_PATH: ensureChromium() };
  const code = await run(title, command, args, env);
  if (code !== 0) {
    console.error(`\n✗ ${title} failed (exit ${code}).`);
    status = code;
    break;
  }
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(status);
