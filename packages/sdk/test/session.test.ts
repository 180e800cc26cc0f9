import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Me, type SessionGrant, SessionStore } from '../src/index.js';

const account = (id: string): Me => ({
  id,
  identifier: id,
  kind: 'guardian',
  roles: [],
  displayName: id,
  familyId: null,
  commune: 'alpha',
});
const grant = (
  id: string,
  token: string,
  expiresIn = 600,
  expiresAt = new Date(Date.now() + expiresIn * 1000).toISOString(),
): SessionGrant => ({
  accessToken: token,
  tokenType: 'Bearer',
  expiresIn,
  expiresAt,
  account: account(id),
});

describe('SessionStore (no server)', () => {
  it('announces a login, a change of account and a logout; not a token renewal nor a second clear', () => {
    const store = new SessionStore();
    const seen: (string | null)[] = [];
    store.subscribe((a) => seen.push(a?.id ?? null));
    store.set(grant('anne', 't1'));
    store.set(grant('anne', 't2'));
    assert.equal(store.accessToken, 't2', 'the renewed token is used');
    store.set(grant('paul', 't3'));
    store.clear();
    store.clear();
    assert.deepEqual(seen, ['anne', 'paul', null]);
  });

  it('every subscriber is told, and unsubscribing stops only that one', () => {
    const store = new SessionStore();
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = store.subscribe((x) => a.push(x?.id));
    store.subscribe((x) => b.push(x?.id));
    store.set(grant('anne', 't1'));
    stopA();
    store.clear();
    assert.deepEqual(a, ['anne']);
    assert.deepEqual(b, ['anne', undefined]);
  });

  it('expiresWithin: true without a token, false for a fresh one, true near its end', () => {
    const store = new SessionStore();
    assert.equal(store.expiresWithin(0), true);
    store.set(grant('anne', 't1', 600));
    assert.equal(store.expiresWithin(30_000), false);
    assert.equal(store.expiresWithin(30_000, Date.now() + 590_000), true);
    store.clear();
    assert.equal(store.expiresWithin(0), true);
  });

  it('the end of the token is counted from expiresIn, so a server clock out of step does not matter', () => {
    const store = new SessionStore();
    const anHourAgo = new Date(Date.now() - 3_600_000 + 600_000).toISOString();
    store.set(grant('anne', 't1', 600, anHourAgo));
    assert.equal(store.expiresWithin(30_000), false);
  });
});
