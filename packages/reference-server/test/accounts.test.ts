import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Account, AccountToken, Session } from '../src/modules/accounts/account.models.js';
import { sha256 } from '../src/platform/crypto/tokens.js';
import {
  type ApiResult,
  activatedParent,
  createFamilyWithAccount,
  PARENT_PASSWORD,
  STAFF_PASSWORD,
  startTestServer,
  type TestServer,
} from './support/harness.js';
import { tokenFromMail } from './support/mail-catcher.js';

const A = '/v1/communes/alpha';

describe('accounts: activation, login, lockout, reset', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('staff creates an account; the parent follows the emailed link, sets a password and logs in', async () => {
    const { account } = await createFamilyWithAccount(t, 'alpha', 'anne.dupont@example.fr', { first: 'Anne', last: 'Dupont-Lefèvre' });
    assert.equal(account.identifier, 'anne.dupont-lefevre', 'identifier made from the name, without accents');
    const mail = await t.mail.waitFor('anne.dupont@example.fr', /activez votre compte/);
    assert.match(mail.text, /Votre identifiant : anne\.dupont-lefevre/);
    const { url, token } = tokenFromMail(mail, 'activate');
    assert.ok(url.startsWith(`${t.url}/examples/#pf-activate=`), 'link to the commune page, token in the fragment');

    const before = await t.api(`${A}/auth/login`, { body: { identifier: account.identifier, password: PARENT_PASSWORD } });
    assert.equal(before.status, 401, 'cannot log in before activation');

    const activated = await t.api(`${A}/auth/activate`, { body: { token, password: PARENT_PASSWORD } });
    assert.equal(activated.status, 200);
    assert.equal(activated.body.identifier, 'anne.dupont-lefevre');

    const login = await t.api(`${A}/auth/login`, { body: { identifier: 'Anne.Dupont-Lefevre ', password: PARENT_PASSWORD } });
    assert.equal(login.status, 200, 'identifier compared without case or spaces');
    assert.equal(login.body.account.kind, 'guardian');
    assert.equal(login.body.account.displayName, 'Anne Dupont-Lefèvre');
    const me = await t.api(`${A}/me`, { token: login.body.accessToken });
    assert.equal(me.body.identifier, 'anne.dupont-lefevre');

    // What a database thief would find: an argon2id hash (ASVS parameters), and token hashes only.
    const stored = await Account.findOne({ where: { identifier: 'anne.dupont-lefevre' } });
    assert.match(stored?.password_hash ?? '', /^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    const tokenRow = await AccountToken.findOne({ where: { account_id: stored?.id ?? '' } });
    assert.equal(tokenRow?.token_hash, sha256(token));
    assert.ok(tokenRow?.used_at, 'the activation token is marked used');
  });

  it('an activation link works once only', async () => {
    await createFamilyWithAccount(t, 'alpha', 'once@example.fr', { first: 'Paul', last: 'Once' });
    const { token } = tokenFromMail(await t.mail.waitFor('once@example.fr', /activez/), 'activate');
    assert.equal((await t.api(`${A}/auth/activate`, { body: { token, password: PARENT_PASSWORD } })).status, 200);
    const again = await t.api(`${A}/auth/activate`, { body: { token, password: 'another long passphrase' } });
    assert.equal(again.status, 410);
    assert.equal(again.body.code, 'invalid_token');
    assert.match(again.contentType, /application\/problem\+json/);
  });

  it('an expired activation link is refused, and a resent one works while the old one does not', async () => {
    const { account, staff } = await createFamilyWithAccount(t, 'alpha', 'late@example.fr', { first: 'Lucie', last: 'Tard' });
    const first = tokenFromMail(await t.mail.waitFor('late@example.fr', /activez/), 'activate').token;
    await AccountToken.update({ expires_at: new Date(Date.now() - 1000) }, { where: { account_id: account.id } });
    const expired = await t.api(`${A}/auth/activate`, { body: { token: first, password: PARENT_PASSWORD } });
    assert.equal(expired.body.code, 'invalid_token');

    t.mail.clear();
    const resent = await t.api(`${A}/staff/accounts/${account.id}/activation-email`, { token: staff, method: 'POST' });
    assert.equal(resent.status, 202);
    const second = tokenFromMail(await t.mail.waitFor('late@example.fr', /activez/), 'activate').token;
    assert.notEqual(second, first);
    assert.equal((await t.api(`${A}/auth/activate`, { body: { token: second, password: PARENT_PASSWORD } })).status, 200);
    const again = await t.api(`${A}/staff/accounts/${account.id}/activation-email`, { token: staff, method: 'POST' });
    assert.equal(again.body.code, 'account_already_active');
  });

  it('a weak password is refused with a reason, and the link still works afterwards', async () => {
    await createFamilyWithAccount(t, 'alpha', 'weak@example.fr', { first: 'Jean', last: 'Faible' });
    const { token } = tokenFromMail(await t.mail.waitFor('weak@example.fr', /activez/), 'activate');
    for (const password of ['court123', 'motdepasse2024!', 'azertyuiop123', 'jean.faible-2024-ok']) {
      const refused = await t.api(`${A}/auth/activate`, { body: { token, password } });
      assert.equal(refused.status, 422, password);
      assert.equal(refused.body.code, 'weak_password');
    }
    assert.equal((await t.api(`${A}/auth/activate`, { body: { token, password: 'Le chat dort sur la Loire' } })).status, 200);
  });

  it('wrong password, unknown identifier and not-yet-activated account answer exactly the same', async () => {
    const { account } = await activatedParent(t, 'alpha', 'same@example.fr', { first: 'Zoé', last: 'Pareil' });
    await createFamilyWithAccount(t, 'alpha', 'pending@example.fr', { first: 'Noé', last: 'Attente' });
    const answers = await Promise.all(
      [account.identifier, 'nobody.here', 'noe.attente'].map((identifier) =>
        t.api(`${A}/auth/login`, { body: { identifier, password: 'not the right password' } }),
      ),
    );
    for (const answer of answers) {
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, answers[0]?.body);
    }
    assert.equal(answers[0]?.body.code, 'invalid_credentials');
  });

  it('five wrong passwords lock the account for 15 minutes; even the right password is refused; staff unlock', async () => {
    const { account, staff } = await activatedParent(t, 'alpha', 'locked@example.fr', { first: 'Léon', last: 'Bloqué' });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await t.api(`${A}/auth/login`, { body: { identifier: account.identifier, password: `wrong ${i}` } })).body.code);
    }
    assert.deepEqual(codes, ['invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'invalid_credentials', 'account_locked']);
    const locked = await t.api(`${A}/auth/login`, { body: { identifier: account.identifier, password: PARENT_PASSWORD } });
    assert.equal(locked.status, 423);
    assert.equal(locked.body.code, 'account_locked');
    assert.ok(locked.body.retryAfter > 14 * 60 && locked.body.retryAfter <= 15 * 60, `retryAfter ${locked.body.retryAfter}`);
    assert.equal(locked.headers.get('retry-after'), String(locked.body.retryAfter));

    const state = await t.api(`${A}/staff/accounts/${account.id}`, { token: staff });
    assert.ok(state.body.lockedUntil, 'staff see the lock');

    const unlocked = await t.api(`${A}/staff/accounts/${account.id}/unlock`, { token: staff, method: 'POST' });
    assert.equal(unlocked.status, 200);
    assert.equal(unlocked.body.lockedUntil, null);
    assert.equal((await t.api(`${A}/auth/login`, { body: { identifier: account.identifier, password: PARENT_PASSWORD } })).status, 200);
  });

  it('an unknown identifier locks the same way, so a lock reveals nothing', async () => {
    let last: ApiResult | undefined;
    for (let i = 0; i < 5; i++) last = await t.api(`${A}/auth/login`, { body: { identifier: 'ghost.parent', password: `guess ${i}` } });
    assert.equal(last?.status, 423);
    assert.equal(last?.body.code, 'account_locked');
  });

  it('a successful login resets the failure count', async () => {
    const { account } = await activatedParent(t, 'alpha', 'reset-count@example.fr', { first: 'Rémi', last: 'Compte' });
    for (let i = 0; i < 4; i++) await t.api(`${A}/auth/login`, { body: { identifier: account.identifier, password: 'wrong' } });
    await t.login('alpha', account.identifier, PARENT_PASSWORD);
    for (let i = 0; i < 4; i++) {
      assert.equal((await t.api(`${A}/auth/login`, { body: { identifier: account.identifier, password: 'wrong' } })).status, 401);
    }
  });

  it('forgotten password: same 202 for any address; the parent gets identifier + link; the reset lifts the lock and ends sessions', async () => {
    const { account } = await activatedParent(t, 'alpha', 'forgot@example.fr', { first: 'Oscar', last: 'Oubli' });
    const oldSession = await t.login('alpha', account.identifier, PARENT_PASSWORD);
    for (let i = 0; i < 5; i++) await t.api(`${A}/auth/login`, { body: { identifier: account.identifier, password: 'wrong' } });

    const known = await t.api(`${A}/auth/forgot`, { body: { email: 'Forgot@Example.fr' } });
    const unknown = await t.api(`${A}/auth/forgot`, { body: { email: 'nobody@example.fr' } });
    assert.equal(known.status, 202);
    assert.equal(unknown.status, 202);
    assert.equal(known.body, unknown.body);

    const mail = await t.mail.waitFor('forgot@example.fr', /identifiant et mot de passe/);
    assert.match(mail.text, new RegExp(`Votre identifiant : ${account.identifier}`));
    const { token } = tokenFromMail(mail, 'reset');
    const reset = await t.api(`${A}/auth/reset-password`, { body: { token, password: 'un tout nouveau mot de passe' } });
    assert.equal(reset.status, 200);
    assert.equal(reset.body.identifier, account.identifier);

    assert.equal((await t.api(`${A}/me`, { token: oldSession })).status, 401, 'old sessions end');
    assert.equal((await t.api(`${A}/auth/login`, { body: { identifier: account.identifier, password: PARENT_PASSWORD } })).status, 401);
    assert.equal(
      (await t.api(`${A}/auth/login`, { body: { identifier: account.identifier, password: 'un tout nouveau mot de passe' } })).status,
      200,
    );
    assert.equal(
      (await t.api(`${A}/auth/reset-password`, { body: { token, password: 'encore un autre mot de passe' } })).body.code,
      'invalid_token',
    );
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(t.mail.mailsTo('nobody@example.fr').length, 0, 'no mail for an unknown address');
  });

  it('logout ends the session on the server', async () => {
    const { account } = await activatedParent(t, 'alpha', 'bye@example.fr', { first: 'Albert', last: 'Revoir' });
    const token = await t.login('alpha', account.identifier, PARENT_PASSWORD);
    assert.equal((await t.api(`${A}/me`, { token })).status, 200);
    assert.equal((await t.api(`${A}/auth/logout`, { token, method: 'POST' })).status, 204);
    const after = await t.api(`${A}/me`, { token });
    assert.equal(after.status, 401);
    assert.equal(after.body.code, 'unauthenticated');
  });

  it('an account of one commune cannot log in to another', async () => {
    const other = await t.api('/v1/communes/beta/auth/login', { body: { identifier: 'admin.alpha', password: STAFF_PASSWORD } });
    assert.equal(other.status, 401);
    const token = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    assert.equal((await t.api('/v1/communes/beta/me', { token })).status, 401, 'a token is valid in its commune only');
  });
});

describe('accounts: refresh cookie', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  async function loginWithCookie(identifier: string, password: string) {
    const response = await fetch(`${t.url}${A}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ identifier, password }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('pf_refresh='));
    assert.ok(cookie);
    return { cookie, body: (await response.json()) as { accessToken: string } };
  }
  const refresh = (cookie: string, client = true) =>
    fetch(`${t.url}${A}/auth/refresh`, {
      method: 'POST',
      headers: { Cookie: cookie.split(';')[0] ?? '', ...(client ? { 'X-PF-Client': 'tests' } : {}) },
    });

  it('the cookie is HttpOnly, Secure, SameSite=None, Partitioned and scoped to the commune auth path', async () => {
    const { cookie } = await loginWithCookie('admin.alpha', STAFF_PASSWORD);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /Secure/);
    assert.match(cookie, /SameSite=None/);
    assert.match(cookie, /Partitioned/);
    assert.match(cookie, /Path=\/v1\/communes\/alpha\/auth/);
  });

  it('refresh rotates the cookie and answers a working token; a stolen old cookie replayed later ends the session', async () => {
    const { cookie } = await loginWithCookie('admin.alpha', STAFF_PASSWORD);
    const first = await refresh(cookie);
    assert.equal(first.status, 200);
    const next = first.headers.getSetCookie().find((c) => c.startsWith('pf_refresh='));
    assert.ok(next && next !== cookie);
    const { accessToken } = (await first.json()) as { accessToken: string };
    assert.equal((await t.api(`${A}/me`, { token: accessToken })).status, 200);

    // Replaying the first cookie within the grace period (two tabs at once) still works…
    const tab2 = await refresh(cookie);
    assert.equal(tab2.status, 200);
    const current = tab2.headers.getSetCookie().find((c) => c.startsWith('pf_refresh=')) ?? '';

    // …but replayed later it can only be a copy: the whole session ends, current cookie included.
    await Session.update({ rotated_at: new Date(Date.now() - 60_000) }, { where: {} });
    assert.equal((await refresh(cookie)).status, 401);
    assert.equal((await refresh(current)).status, 401);
    assert.equal((await t.api(`${A}/me`, { token: accessToken })).status, 401);
  });

  it('with no cookie at all there is nothing to restore: 204, not an error', async () => {
    const response = await fetch(`${t.url}${A}/auth/refresh`, { method: 'POST', headers: { 'X-PF-Client': 'tests' } });
    assert.equal(response.status, 204);
    const bogus = await refresh('pf_refresh=made-up-value');
    assert.equal(bogus.status, 401);
  });

  it('refresh needs the X-PF-Client header (a cross-site form cannot send it)', async () => {
    const { cookie } = await loginWithCookie('admin.alpha', STAFF_PASSWORD);
    const response = await refresh(cookie, false);
    assert.equal(response.status, 400);
  });

  it('after logout the refresh cookie is dead', async () => {
    const { cookie, body } = await loginWithCookie('admin.alpha', STAFF_PASSWORD);
    await t.api(`${A}/auth/logout`, { token: body.accessToken, method: 'POST', headers: { Cookie: cookie.split(';')[0] ?? '' } });
    assert.equal((await refresh(cookie)).status, 401);
  });
});

describe('accounts: the lockout threshold is a commune setting', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ lockoutThreshold: 3 });
  });
  after(() => t.close());

  it('a commune that chose 3 locks at the third failure; another commune keeps 5', async () => {
    const alpha: number[] = [];
    const beta: number[] = [];
    for (let i = 0; i < 5; i++) {
      alpha.push((await t.api(`${A}/auth/login`, { body: { identifier: 'admin.alpha', password: `wrong ${i}` } })).status);
      beta.push((await t.api('/v1/communes/beta/auth/login', { body: { identifier: 'admin.beta', password: `wrong ${i}` } })).status);
    }
    assert.deepEqual(alpha, [401, 401, 423, 423, 423]);
    assert.deepEqual(beta, [401, 401, 401, 401, 423]);
  });
});
