import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { QueryTypes } from 'sequelize';
import { DEMO, seedDemo } from '../src/demo/seed.js';
import { initModels } from '../src/platform/db/models.js';
import { listen, prepare } from '../src/server.js';
import { STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const A = '/v1/communes/alpha';

describe('platform: health, errors, headers, CORS', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('health names the database', async () => {
    const health = await t.api('/v1/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.equal(health.body.database, process.env.PORTAIL_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite');
  });

  it('health answers 503 unavailable when the database does not answer', async () => {
    const { db } = t.server.ctx;
    const authenticate = db.sequelize.authenticate.bind(db.sequelize);
    db.sequelize.authenticate = async () => {
      throw new Error('connection refused');
    };
    try {
      const health = await t.api('/v1/health');
      assert.equal(health.status, 503);
      assert.equal(health.body.code, 'unavailable');
    } finally {
      db.sequelize.authenticate = authenticate;
    }
  });

  it('an unknown commune, an unknown path and malformed JSON are problems, never stack traces', async () => {
    const noCommune = await t.api('/v1/communes/atlantis');
    assert.equal(noCommune.status, 404);
    assert.equal(noCommune.body.code, 'not_found');
    const noPath = await t.api(`${A}/nothing-here`);
    assert.equal(noPath.status, 404);
    assert.match(noPath.contentType, /application\/problem\+json/);
    const response = await fetch(`${t.url}${A}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"identifier":',
    });
    const body = (await response.json()) as { code: string; detail: string };
    assert.equal(response.status, 400);
    assert.equal(body.code, 'validation_failed');
    assert.doesNotMatch(JSON.stringify(body), /at .*\.(js|ts):\d+/);
  });

  it('a body over 64 KiB is refused', async () => {
    const big = await t.api(`${A}/auth/login`, { body: { identifier: 'x', password: 'p'.repeat(70_000) } });
    assert.equal(big.status, 413);
    assert.equal(big.body.code, 'validation_failed');
  });

  it('API answers carry security headers and are never cached', async () => {
    const response = await fetch(`${t.url}${A}`);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.match(response.headers.get('content-security-policy') ?? '', /base-uri 'none'/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-powered-by'), null);
  });

  it('the widget bundle may be loaded by another site (CORP cross-origin); the spec is served', async () => {
    const bundle = await fetch(`${t.url}/widgets/portail-famille.js`, { headers: { Origin: 'https://any-commune.example' } });
    assert.equal(bundle.headers.get('cross-origin-resource-policy'), 'cross-origin');
    assert.equal(bundle.headers.get('access-control-allow-origin'), '*', 'a module script from another site is a CORS request');
    const spec = await fetch(`${t.url}/openapi.yaml`);
    assert.equal(spec.status, 200);
    assert.match(await spec.text(), /^openapi: 3\.1/);
  });

  it("CORS: the commune's listed origin is allowed with credentials; another origin gets nothing and cannot post", async () => {
    const preflight = await fetch(`${t.url}${A}/auth/login`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://www.alpha.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-pf-client',
      },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://www.alpha.example');
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.match(preflight.headers.get('vary') ?? '', /Origin/);

    const foreign = await fetch(`${t.url}${A}`, { headers: { Origin: 'https://www.beta.example' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null, "beta's site is not on alpha's list");
    const post = await t.api(`${A}/auth/login`, {
      body: { identifier: 'admin.alpha', password: STAFF_PASSWORD },
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(post.status, 403);
    assert.equal(post.body.code, 'origin_not_allowed');
  });
});

describe('platform: rate limits live in the database', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({
      config: { rateLimits: { loginPerIp: 4, tokenPerIp: 100, forgotPerIp: 2, apiPerIp: 10_000, windowMinutes: 15 } },
    });
  });
  after(() => t.close());

  it('too many logins from one address get 429 with Retry-After, before any password check', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await t.api(`${A}/auth/login`, { body: { identifier: 'admin.alpha', password: STAFF_PASSWORD } })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
    const limited = await t.api(`${A}/auth/login`, { body: { identifier: 'admin.alpha', password: STAFF_PASSWORD } });
    assert.equal(limited.body.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('forgotten-password requests are limited too', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await t.api(`${A}/auth/forgot`, { body: { email: `x${i}@example.fr` } })).status);
    assert.deepEqual(statuses, [202, 202, 429]);
  });

  it('a second server instance on the same database (its own connections and write queue, as another process) shares the counters', async () => {
    const second = await prepare({ ...t.server.ctx.config });
    const other = await listen(second, 0);
    try {
      const response = await fetch(`${other.url}${A}/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ identifier: 'admin.alpha', password: STAFF_PASSWORD }),
      });
      assert.equal(response.status, 429, 'the other process already counted this address');
    } finally {
      await other.close();
      initModels(t.server.ctx.db.sequelize);
    }
  });
});

describe('platform: the dev outbox when no SMTP server is configured', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ smtp: false });
  });
  after(() => t.close());

  it('an activation mail lands in /dev/outbox with a clickable link to the portal page', async () => {
    const staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    const family = await t.api(`${A}/staff/families`, {
      token: staff,
      body: {
        address: { line1: '1 rue Basse', postalCode: '44000', city: 'Nantes' },
        guardians: [{ firstName: 'Iris', lastName: 'Boîte', relation: 'mother', email: 'iris@example.fr' }],
      },
    });
    await t.api(`${A}/staff/guardians/${family.body.guardians[0].id}/account`, { token: staff, body: {} });
    const page = await fetch(`${t.url}/dev/outbox`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /Alpha-sur-Loire : activez votre compte/);
    assert.match(html, /iris@example\.fr/);
    assert.match(html, new RegExp(`<a href="${t.url}/examples/#pf-activate=[A-Za-z0-9_-]+">`));
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });
});

describe('platform: SQLite settings', { skip: process.env.PORTAIL_TEST_BACKEND === 'postgres' }, () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('runs in WAL mode with a busy timeout, on the read and the write connection alike', async () => {
    const { db } = t.server.ctx;
    const [read] = await db.sequelize.query<{ journal_mode: string }>('PRAGMA journal_mode', { type: QueryTypes.SELECT });
    assert.equal(read?.journal_mode, 'wal');
    const inWrite = await db.write((transaction) =>
      db.sequelize.query<{ timeout: number }>('PRAGMA busy_timeout', { type: QueryTypes.SELECT, transaction }),
    );
    assert.equal(inWrite[0]?.timeout, 10_000);
  });

  it('100 concurrent write transactions and reads: all succeed, none lost (no SQLITE_BUSY)', async () => {
    const { db } = t.server.ctx;
    const writes = Array.from({ length: 100 }, (_, i) =>
      db.write((transaction) =>
        db.sequelize.query('INSERT INTO rate_limits (key, hits, reset_at) VALUES (:key, 1, 0)', {
          replacements: { key: `concurrency-${i}` },
          transaction,
        }),
      ),
    );
    const reads = Array.from({ length: 100 }, () =>
      db.sequelize.query("SELECT COUNT(*) AS n FROM rate_limits WHERE key LIKE 'concurrency-%'", { type: QueryTypes.SELECT }),
    );
    const results = await Promise.allSettled([...writes, ...reads]);
    assert.deepEqual(
      results.filter((r) => r.status === 'rejected'),
      [],
    );
    const [count] = await db.sequelize.query<{ n: number }>("SELECT COUNT(*) AS n FROM rate_limits WHERE key LIKE 'concurrency-%'", {
      type: QueryTypes.SELECT,
    });
    assert.equal(Number(count?.n), 100);
  });
});

describe('platform: the demo seed', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('creates Val-de-Loire once, with a bookable period for Léa and the reason why Hugo has none', async () => {
    assert.deepEqual(await seedDemo(t.server.ctx), { created: true });
    assert.deepEqual(await seedDemo(t.server.ctx), { created: false }, 'a second start changes nothing');
    const token = await t.login('val-de-loire', DEMO.parent.identifier, DEMO.parent.password);
    const family = await t.api('/v1/communes/val-de-loire/family', { token });
    const [lea, hugo] = family.body.children as { id: string; firstName: string }[];
    assert.equal(lea?.firstName, 'Léa');
    const options = await t.api(`/v1/communes/val-de-loire/children/${lea?.id}/booking-options`, { token });
    const open = options.body.facilities
      .flatMap((f: { periods: { status: string }[] }) => f.periods)
      .filter((p: { status: string }) => p.status === 'open');
    assert.equal(open.length, 1);
    const none = await t.api(`/v1/communes/val-de-loire/children/${hugo?.id}/booking-options`, { token });
    assert.equal(none.body.notice.code, 'not_enrolled');
  });
});
