import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Session } from '../../reference-server/src/modules/accounts/account.models.js';
import {
  activatedParent,
  PARENT_PASSWORD,
  STAFF_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../reference-server/test/support/harness.js';
import { tokenFromMail } from '../../reference-server/test/support/mail-catcher.js';
import { backend } from '../../reference-server/test/support/test-database.js';
import {
  AccountLockedError,
  AuthenticationError,
  createPortailClient,
  ForbiddenError,
  InvalidCredentialsError,
  type Me,
  NetworkError,
  PortailApiError,
  type PortailClient,
  ValidationError,
} from '../src/index.js';
import { closedPort, familyBody, recordingFetch } from './support.js';

describe('PortailClient against the reference server', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  const client = (options: { fetch?: typeof globalThis.fetch; lang?: string } = {}) =>
    createPortailClient({ baseUrl: t.url, commune: 'alpha', ...options });

  async function staffClient(options: { fetch?: typeof globalThis.fetch } = {}): Promise<PortailClient> {
    const staff = client(options);
    await staff.login('admin.alpha', STAFF_PASSWORD);
    return staff;
  }

  describe('public calls', () => {
    it('getCommune() answers the name, contact and password policy shown before login', async () => {
      const commune = await client().getCommune();
      assert.equal(commune.slug, 'alpha');
      assert.equal(commune.name, 'Alpha-sur-Loire');
      assert.equal(commune.contact.email, 'enfance@alpha.example');
      assert.equal(commune.contact.phone, '02 00 00 00 01');
      assert.equal(typeof commune.contact.serviceName, 'string');
      assert.ok(commune.passwordPolicy.minLength >= 12, `minLength ${commune.passwordPolicy.minLength}`);
      assert.ok(commune.passwordPolicy.maxLength >= commune.passwordPolicy.minLength);
      assert.equal(commune.banner, null);
    });

    it('health() reports the database in use', async () => {
      const health = await client().health();
      assert.equal(health.status, 'ok');
      assert.equal(health.database, backend());
    });

    it('an unknown commune answers NotFound-like typed errors, not a crash', async () => {
      const other = createPortailClient({ baseUrl: t.url, commune: 'nowhere' });
      await assert.rejects(other.getCommune(), (error: unknown) => {
        assert.ok(error instanceof PortailApiError);
        assert.equal(error.status, 404);
        assert.equal(error.code, 'not_found');
        return true;
      });
    });

    it('a trailing slash in baseUrl is harmless', async () => {
      const slashed = createPortailClient({ baseUrl: `${t.url}/`, commune: 'alpha' });
      assert.equal((await slashed.getCommune()).slug, 'alpha');
    });
  });

  describe('session: login, subscribe, logout', () => {
    it('login sets session.account and tells subscribers; logout clears it and tells them null', async () => {
      const c = client();
      const seen: (Me | null)[] = [];
      const unsubscribe = c.session.subscribe((account) => seen.push(account));
      assert.equal(c.session.account, null);

      const account = await c.login('admin.alpha', STAFF_PASSWORD);
      assert.equal(account.identifier, 'admin.alpha');
      assert.equal(account.kind, 'staff');
      assert.deepEqual([...account.roles].sort(), ['admin', 'agent']);
      assert.equal(account.commune, 'alpha');
      assert.deepEqual(c.session.account, account);
      assert.ok(c.session.accessToken, 'access token kept in memory');
      assert.equal(seen.length, 1);
      assert.equal(seen[0]?.id, account.id);

      const me = await c.getMe();
      assert.equal(me.id, account.id);
      assert.equal(me.displayName, 'Admin alpha');

      await c.logout();
      assert.equal(c.session.account, null);
      assert.equal(c.session.accessToken, null);
      assert.deepEqual(seen.slice(1), [null]);

      await assert.rejects(c.getMe(), (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.equal(error.code, 'unauthenticated');
        assert.equal(error.status, 401);
        return true;
      });
      assert.equal(seen.length, 2, 'no further event after a failed call without a session');

      unsubscribe();
      await c.login('admin.alpha', STAFF_PASSWORD);
      assert.equal(seen.length, 2, 'an unsubscribed listener is not called');
      await c.logout();
    });

    it('logout ends the session on the server: the old access token and refresh cookie are dead', async () => {
      const c = client();
      await c.login('admin.alpha', STAFF_PASSWORD);
      const token = c.session.accessToken;
      await c.logout();
      const me = await t.api('/v1/communes/alpha/me', { token });
      assert.equal(me.status, 401);
      assert.equal(await c.restore(), null, 'no session to restore after logout');
    });

    it('a wrong password throws InvalidCredentialsError (401, invalid_credentials) and leaves no session', async () => {
      const c = client();
      await assert.rejects(c.login('admin.alpha', 'not the right password'), (error: unknown) => {
        assert.ok(error instanceof InvalidCredentialsError);
        assert.ok(error instanceof PortailApiError);
        assert.equal(error.code, 'invalid_credentials');
        assert.equal(error.status, 401);
        assert.equal(error.problem?.code, 'invalid_credentials');
        assert.equal(error.name, 'InvalidCredentialsError');
        return true;
      });
      assert.equal(c.session.account, null);
    });

    it('five wrong passwords throw AccountLockedError with retryAfter; even the right password is then refused', async () => {
      const { account } = await activatedParent(t, 'alpha', 'sdk.locked@example.fr', { first: 'Léa', last: 'Verrou' });
      const c = client();
      const errors: unknown[] = [];
      for (let i = 0; i < 5; i++) {
        errors.push(await c.login(account.identifier, `wrong password ${i}`).catch((error: unknown) => error));
      }
      assert.deepEqual(
        errors.map((e) => (e as Error).constructor.name),
        ['InvalidCredentialsError', 'InvalidCredentialsError', 'InvalidCredentialsError', 'InvalidCredentialsError', 'AccountLockedError'],
      );
      const locked = await c.login(account.identifier, PARENT_PASSWORD).catch((error: unknown) => error);
      assert.ok(locked instanceof AccountLockedError);
      assert.equal(locked.code, 'account_locked');
      assert.equal(locked.status, 423);
      assert.ok(typeof locked.retryAfter === 'number' && locked.retryAfter > 0, `retryAfter ${locked.retryAfter}`);
      assert.equal(c.session.account, null);
    });
  });

  describe('activation and the parent space', () => {
    it('staff create a family and its account; the parent activates from the mail, logs in and sees the family', async () => {
      const staff = await staffClient();
      const email = 'sdk.activation@example.fr';
      const family = await staff.createFamily({
        address: { line1: '12 rue du Port', postalCode: '44100', city: 'Nantes' },
        guardians: [{ firstName: 'Inès', lastName: 'Marin', relation: 'mother', email }],
        children: [{ firstName: 'Malo', lastName: 'Marin', birthDate: '2019-03-21', grade: 'GS' }],
      });
      assert.match(family.id, /^[A-Za-z0-9_-]+$/);
      assert.equal(family.guardians.length, 1);
      const guardianId = family.guardians[0]!.id;

      const account = await staff.createGuardianAccount(guardianId);
      assert.equal(account.status, 'pending_activation');
      assert.equal(account.identifier, 'ines.marin');
      assert.equal((await staff.getAccount(account.id)).status, 'pending_activation');

      const mail = await t.mail.waitFor(email, /activez votre compte/);
      const { token } = tokenFromMail(mail, 'activate');

      const parent = client();
      const identifier = await parent.activate(token, PARENT_PASSWORD);
      assert.equal(identifier, account.identifier);
      assert.equal((await staff.getAccount(account.id)).status, 'active');

      const me = await parent.login(identifier, PARENT_PASSWORD);
      assert.equal(me.kind, 'guardian');
      assert.equal(me.familyId, family.id);
      assert.deepEqual(me.roles, []);

      const mine = await parent.getMyFamily();
      assert.equal(mine.id, family.id);
      assert.equal(mine.number, family.number);
      assert.equal(mine.address.postalCode, '44100');
      assert.deepEqual(
        mine.children.map((c) => [c.firstName, c.lastName, c.birthDate]),
        [['Malo', 'Marin', '2019-03-21']],
      );
      assert.equal(mine.guardians[0]?.email, email);
      assert.equal(mine.guardians[0]?.account, undefined, 'the parent view carries no account details');

      await assert.rejects(staff.getMyFamily(), (error: unknown) => {
        assert.ok(error instanceof ForbiddenError);
        assert.equal(error.code, 'forbidden');
        assert.equal(error.status, 403);
        return true;
      });
      assert.ok(staff.session.account, 'a 403 does not end the staff session');

      await assert.rejects(parent.listFamilies(), ForbiddenError, 'a parent cannot list families');
      await assert.rejects(parent.activate(token, 'another long passphrase'), (error: unknown) => {
        assert.ok(error instanceof PortailApiError);
        assert.equal(error.code, 'invalid_token');
        return true;
      });
    });
  });

  describe('restore() and automatic refresh', () => {
    it('a client that never logged in has nothing to restore: restore() answers null without throwing', async () => {
      const seen: (Me | null)[] = [];
      const fresh = client();
      fresh.session.subscribe((account) => seen.push(account));
      assert.equal(await fresh.restore(), null);
      assert.equal(fresh.session.account, null);
      assert.deepEqual(seen, [], 'nothing to announce');
    });

    it('the session of one client is not visible to another', async () => {
      const first = client();
      await first.login('admin.alpha', STAFF_PASSWORD);
      const second = client();
      assert.equal(await second.restore(), null);
      assert.equal(second.session.account, null);
      await first.logout();
    });

    it('after login, restore() on the same client (refresh cookie kept by the SDK) answers the account and a new working token', async () => {
      const c = client();
      const account = await c.login('admin.alpha', STAFF_PASSWORD);
      const before = c.session.accessToken;
      const restored = await c.restore();
      assert.equal(restored?.id, account.id);
      assert.ok(c.session.accessToken);
      assert.notEqual(c.session.accessToken, before, 'a new access token');
      assert.equal((await c.getMe()).id, account.id);
      // The rotated cookie is kept too: a second restore works as well.
      assert.equal((await c.restore())?.id, account.id);
      assert.equal((await c.getMe()).id, account.id);
      await c.logout();
    });

    it('an access token expired on the server is refreshed and the call retried once, transparently', async () => {
      const { account } = await activatedParent(t, 'alpha', 'sdk.refresh@example.fr', { first: 'Rose', last: 'Rafraîchie' });
      const recorder = recordingFetch();
      const c = client({ fetch: recorder.fetch });
      const seen: (Me | null)[] = [];
      c.session.subscribe((a) => seen.push(a));
      await c.login(account.identifier, PARENT_PASSWORD);
      const before = c.session.accessToken;

      await Session.update({ access_expires_at: new Date(Date.now() - 1000) }, { where: { account_id: account.id } });
      assert.equal((await t.api('/v1/communes/alpha/me', { token: before })).status, 401, 'the token really is expired');

      const requestsBefore = recorder.requests.length;
      const me = await c.getMe();
      assert.equal(me.identifier, account.identifier);
      assert.notEqual(c.session.accessToken, before);
      assert.deepEqual(
        recorder.requests.slice(requestsBefore).map((r) => `${r.method} ${r.url.pathname}`),
        ['GET /v1/communes/alpha/me', 'POST /v1/communes/alpha/auth/refresh', 'GET /v1/communes/alpha/me'],
      );
      assert.equal(seen.length, 1, 'a refresh of the same account is not a new login event');

      // It keeps working on the next expiry too (the rotated refresh cookie was kept).
      await Session.update({ access_expires_at: new Date(Date.now() - 1000) }, { where: { account_id: account.id } });
      assert.equal((await c.getMyFamily()).guardians[0]?.email, 'sdk.refresh@example.fr');
      await c.logout();
    });

    it('when the session has ended on the server, the call throws AuthenticationError and subscribers hear null', async () => {
      const { account } = await activatedParent(t, 'alpha', 'sdk.ended@example.fr', { first: 'Yves', last: 'Fini' });
      const c = client();
      const seen: (Me | null)[] = [];
      c.session.subscribe((a) => seen.push(a));
      await c.login(account.identifier, PARENT_PASSWORD);

      await Session.update({ revoked_at: new Date() }, { where: { account_id: account.id } });
      await assert.rejects(c.getMe(), AuthenticationError);
      assert.equal(c.session.account, null);
      assert.equal(seen.length, 2);
      assert.equal(seen[1], null);
    });

    it('a client clock out of step with the server does not make every call refresh first', async () => {
      // The server's clock is one hour behind the client's: its expiresAt already looks past.
      const skewed: typeof globalThis.fetch = async (input, init) => {
        const response = await globalThis.fetch(input, init);
        if (!/\/auth\/(login|refresh)$/.test(new URL(response.url).pathname) || !response.ok) return response;
        const body = (await response.json()) as { expiresAt: string };
        body.expiresAt = new Date(Date.parse(body.expiresAt) - 3_600_000).toISOString();
        const headers = new Headers(response.headers);
        headers.delete('content-length');
        return new Response(JSON.stringify(body), { status: response.status, headers });
      };
      const recorder = recordingFetch(skewed);
      const c = client({ fetch: recorder.fetch });
      await c.login('admin.alpha', STAFF_PASSWORD);
      recorder.requests.length = 0;
      for (let i = 0; i < 3; i++) await c.getMe();
      assert.deepEqual(
        recorder.requests.map((r) => r.url.pathname),
        Array(3).fill('/v1/communes/alpha/me'),
        'expiresIn, not the server clock, tells when the token ends',
      );
      await c.logout();
    });

    it('concurrent calls after an expiry all succeed', async () => {
      const { account } = await activatedParent(t, 'alpha', 'sdk.concurrent@example.fr', { first: 'Alix', last: 'Ensemble' });
      const c = client();
      await c.login(account.identifier, PARENT_PASSWORD);
      await Session.update({ access_expires_at: new Date(Date.now() - 1000) }, { where: { account_id: account.id } });
      const [me, family] = await Promise.all([c.getMe(), c.getMyFamily()]);
      assert.equal(me.identifier, account.identifier);
      assert.equal(family.id, me.familyId);
      await c.logout();
    });
  });

  describe('staff: families', () => {
    it('createFamily with the same idempotencyKey twice creates one family; without a key, two calls create two', async () => {
      const staff = await staffClient();
      const key = globalThis.crypto.randomUUID();
      const first = await staff.createFamily(familyBody('Idempotent'), { idempotencyKey: key });
      const again = await staff.createFamily(familyBody('Idempotent'), { idempotencyKey: key });
      assert.equal(again.id, first.id);
      assert.equal(again.number, first.number);
      const listed = await staff.listFamilies({ q: 'Idempotent' });
      assert.deepEqual(
        listed.items.map((f) => f.id),
        [first.id],
      );

      const a = await staff.createFamily(familyBody('Doublon'));
      const b = await staff.createFamily(familyBody('Doublon'));
      assert.notEqual(a.id, b.id);
      assert.equal((await staff.listFamilies({ q: 'Doublon' })).items.length, 2);
    });

    it('two concurrent createFamily calls with the same idempotencyKey (a double click) create one family', async () => {
      const staff = await staffClient();
      const key = globalThis.crypto.randomUUID();
      const [a, b] = await Promise.all([
        staff.createFamily(familyBody('Clic'), { idempotencyKey: key }),
        staff.createFamily(familyBody('Clic'), { idempotencyKey: key }),
      ]);
      assert.equal(a.id, b.id);
      assert.equal((await staff.listFamilies({ q: 'Clic' })).items.length, 1);
    });

    it('reusing an idempotencyKey for a different family is refused with a ConflictError', async () => {
      const staff = await staffClient();
      const key = globalThis.crypto.randomUUID();
      await staff.createFamily(familyBody('Cle'), { idempotencyKey: key });
      await assert.rejects(staff.createFamily(familyBody('AutreCle'), { idempotencyKey: key }), (error: unknown) => {
        assert.ok(error instanceof PortailApiError);
        assert.equal(error.code, 'idempotency_conflict');
        assert.equal(error.constructor.name, 'ConflictError');
        return true;
      });
    });

    it('iterateFamilies() walks every page and yields each family once, in number order', async () => {
      const staff = await staffClient();
      const created = [];
      for (let i = 0; i < 5; i++) created.push(await staff.createFamily(familyBody('Paginee', `paginee${i}@example.fr`)));

      const recorder = recordingFetch();
      const walker = await staffClient({ fetch: recorder.fetch });
      const seen = [];
      for await (const family of walker.iterateFamilies({ q: 'Paginee', limit: 2 })) seen.push(family);

      assert.deepEqual(seen.map((f) => f.id).sort(), created.map((f) => f.id).sort());
      assert.equal(new Set(seen.map((f) => f.id)).size, 5, 'no family twice');
      const numbers = seen.map((f) => f.number);
      assert.deepEqual(numbers, [...numbers].sort(), 'in number order');
      assert.deepEqual(
        numbers,
        created.map((f) => f.number),
        'creation order is number order',
      );
      assert.equal(recorder.to(/\/staff\/families$/).length, 3, 'three pages of at most 2');
      for (const family of seen) {
        assert.equal(family.childCount, 1);
        assert.equal(family.guardians[0]?.lastName, 'Paginee');
      }

      // Breaking out early stops fetching.
      const early = recordingFetch();
      const stopper = await staffClient({ fetch: early.fetch });
      for await (const family of stopper.iterateFamilies({ q: 'Paginee', limit: 2 })) {
        assert.equal(family.id, created[0]?.id);
        break;
      }
      assert.equal(early.to(/\/staff\/families$/).length, 1);
    });

    it('iterateFamilies() over no match yields nothing', async () => {
      const staff = await staffClient();
      const seen = [];
      for await (const family of staff.iterateFamilies({ q: 'Personne-ne-porte-ce-nom' })) seen.push(family);
      assert.deepEqual(seen, []);
    });

    it('a bad postal code throws ValidationError whose fieldErrors name the field; nothing is created', async () => {
      const staff = await staffClient();
      const body = familyBody('Invalide');
      body.address.postalCode = '4400A';
      const error = await staff.createFamily(body).catch((e: unknown) => e);
      assert.ok(error instanceof ValidationError, String(error));
      assert.equal(error.code, 'validation_failed');
      assert.equal(error.status, 400);
      assert.ok(error.fieldErrors.length > 0);
      assert.ok(
        error.fieldErrors.some((f) => /postalCode/.test(f.path)),
        `fieldErrors: ${JSON.stringify(error.fieldErrors)}`,
      );
      for (const f of error.fieldErrors) assert.equal(typeof f.message, 'string');
      assert.equal((await staff.listFamilies({ q: 'Invalide' })).items.length, 0);
    });

    it('getFamily() of an unknown id throws a NotFound error with code not_found', async () => {
      const staff = await staffClient();
      await assert.rejects(staff.getFamily('does-not-exist'), (error: unknown) => {
        assert.ok(error instanceof PortailApiError);
        assert.equal(error.constructor.name, 'NotFoundError');
        assert.equal(error.code, 'not_found');
        return true;
      });
    });

    it('staff calls without a session throw AuthenticationError', async () => {
      await assert.rejects(client().listFamilies(), AuthenticationError);
    });
  });

  describe('transport', () => {
    it('a custom fetch is used for every request, with Accept-Language and X-PF-Client headers', async () => {
      const recorder = recordingFetch();
      const c = client({ fetch: recorder.fetch, lang: 'en' });
      await c.health();
      await c.getCommune();
      await c.login('admin.alpha', STAFF_PASSWORD);
      await c.getMe();
      await c.restore();
      await c.listFamilies({ limit: 1 });
      await c.logout();

      assert.deepEqual(
        recorder.requests.map((r) => `${r.method} ${r.url.pathname}`),
        [
          'GET /v1/health',
          'GET /v1/communes/alpha',
          'POST /v1/communes/alpha/auth/login',
          'GET /v1/communes/alpha/me',
          'POST /v1/communes/alpha/auth/refresh',
          'GET /v1/communes/alpha/staff/families',
          'POST /v1/communes/alpha/auth/logout',
        ],
      );
      for (const r of recorder.requests) {
        assert.equal(r.headers.get('accept-language'), 'en', r.url.pathname);
        assert.equal(r.headers.get('x-pf-client'), 'portail-famille-sdk', r.url.pathname);
      }
      const [health, , login, me, refresh] = recorder.requests;
      assert.equal(health?.headers.get('authorization'), null, 'no token before login');
      assert.equal(login?.headers.get('authorization'), null);
      assert.match(me?.headers.get('authorization') ?? '', /^Bearer .+/);
      assert.match(refresh?.headers.get('cookie') ?? '', /^pf_refresh=.+/, 'the refresh cookie is sent to /auth/refresh');
      assert.equal(me?.headers.get('cookie'), null, 'the refresh cookie goes to the auth paths only');
      assert.equal(recorder.to(/\/staff\/families$/)[0]?.url.searchParams.get('limit'), '1');
    });

    it('the default language is French', async () => {
      const recorder = recordingFetch();
      await client({ fetch: recorder.fetch }).getCommune();
      assert.equal(recorder.requests[0]?.headers.get('accept-language'), 'fr');
    });

    it('a server that cannot be reached throws NetworkError (code network_error, status 0) with the cause', async () => {
      const port = await closedPort();
      const c = createPortailClient({ baseUrl: `http://127.0.0.1:${port}`, commune: 'alpha' });
      for (const call of [() => c.getCommune(), () => c.login('admin.alpha', STAFF_PASSWORD), () => c.health()]) {
        await assert.rejects(call(), (error: unknown) => {
          assert.ok(error instanceof NetworkError);
          assert.ok(error instanceof PortailApiError);
          assert.equal(error.code, 'network_error');
          assert.equal(error.status, 0);
          assert.equal(error.problem, null);
          assert.ok(error.cause, 'the underlying fetch error is kept as cause');
          return true;
        });
      }
      assert.equal(c.session.account, null);
    });

    it('restore() against an unreachable server throws NetworkError rather than pretending there is no session', async () => {
      const port = await closedPort();
      const c = createPortailClient({ baseUrl: `http://127.0.0.1:${port}`, commune: 'alpha' });
      await assert.rejects(c.restore(), NetworkError);
    });
  });
});
