import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { identifierFromName, normalizeIdentifier, throttleKey } from '../src/modules/accounts/identifiers.js';
import { afterFailure, lockSecondsLeft, type ThrottleState } from '../src/modules/accounts/lockout.js';
import { checkPasswordPolicy } from '../src/platform/crypto/passwords.js';
import { type GroupTransactions, WriteQueue } from '../src/platform/db/write-queue.js';

const policy = { threshold: 5, lockMinutes: 15 };

describe('lockout rules', () => {
  it('locks exactly at the threshold, for the configured minutes, whatever the threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 60 }),
        fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }),
        (threshold, lockMinutes, now) => {
          let state: ThrottleState | null = null;
          for (let i = 1; i < threshold; i++) {
            state = afterFailure(state, now, { threshold, lockMinutes });
            assert.equal(lockSecondsLeft(state, now), 0);
          }
          state = afterFailure(state, now, { threshold, lockMinutes });
          assert.equal(lockSecondsLeft(state, now), lockMinutes * 60);
          assert.equal(lockSecondsLeft(state, new Date(now.getTime() + lockMinutes * 60_000)), 0, 'the lock ends by itself');
        },
      ),
    );
  });

  it('after a lock runs out, counting starts again from one', () => {
    const now = new Date('2026-03-29T00:30:00Z'); // the night clocks go forward in Paris: instants, not wall time
    let state: ThrottleState | null = null;
    for (let i = 0; i < 5; i++) state = afterFailure(state, now, policy);
    const later = new Date(now.getTime() + 16 * 60_000);
    const next = afterFailure(state, later, policy);
    assert.deepEqual(next, { failures: 1, lockedUntil: null });
  });

  it('time left is never negative and never more than the lock', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (offsetMs) => {
        const now = new Date('2026-01-01T00:00:00Z');
        const left = lockSecondsLeft({ failures: 5, lockedUntil: new Date(now.getTime() + offsetMs) }, now);
        assert.ok(left >= 0 && left <= Math.ceil(Math.max(offsetMs, 0) / 1000));
      }),
    );
  });
});

describe('identifiers', () => {
  it('a lock key ignores case and spaces but separates communes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z.]{2,20}$/), (id) => {
        assert.equal(throttleKey('c1', id), throttleKey('c1', ` ${id.toUpperCase()} `));
        assert.notEqual(throttleKey('c1', id), throttleKey('c2', id));
      }),
    );
  });

  it('identifiers made from names are plain ASCII and match the contract pattern', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }), (first, last) => {
        assert.match(identifierFromName(first, last), /^[a-z0-9][a-z0-9._-]{2,49}$/);
      }),
    );
    assert.equal(identifierFromName('Hélène', "Le Goff-D'Arvor"), 'helene.le-goff-d-arvor');
    assert.equal(normalizeIdentifier('  Sophie.MARTIN '), 'sophie.martin');
  });
});

describe('password policy', () => {
  it('accepts long passphrases whatever their characters, up to 256', () => {
    assert.equal(checkPasswordPolicy('le chat dort sur la Loire', { identifier: 'x.y' }), null);
    assert.equal(checkPasswordPolicy('åß∂ƒ©˙∆˚¬…æ≈ç√', { identifier: 'x.y' }), null);
    assert.equal(checkPasswordPolicy(`${'v'.repeat(200)}w-long one`, { identifier: 'x.y' }), null);
  });

  it('refuses what is short, common, padded common words, or contains the identifier', () => {
    assert.equal(checkPasswordPolicy('short pass', { identifier: 'x.y' }), 'too_short');
    assert.equal(checkPasswordPolicy('123456789012', { identifier: 'x.y' }), 'too_common');
    assert.equal(checkPasswordPolicy('MotDePasse2026!', { identifier: 'x.y' }), 'too_common');
    assert.equal(checkPasswordPolicy('aaaaaaaaaaaaaaaa', { identifier: 'x.y' }), 'too_common');
    assert.equal(checkPasswordPolicy('sophie.martin-2026', { identifier: 'sophie.martin' }), 'contains_identifier');
  });

  it('length counts characters, not bytes', () => {
    assert.equal(checkPasswordPolicy('ééééééééééé', { identifier: 'x.y' }), 'too_short', '11 characters, 22 bytes');
  });
});

describe('write queue', () => {
  /** A store whose transactions keep a copy until commit and whose savepoints are snapshots. */
  function fakeStore() {
    const committed: string[] = [];
    const log: string[] = [];
    const db: GroupTransactions<string[]> = {
      async transaction(body) {
        const working = [...committed];
        log.push('begin');
        const result = await body(working);
        committed.splice(0, committed.length, ...working);
        log.push('commit');
        return result;
      },
      async isolated(working, work) {
        const saved = [...working];
        try {
          return { ok: true, value: await work() };
        } catch (error) {
          working.splice(0, working.length, ...saved);
          return { ok: false, error };
        }
      },
    };
    return { db, committed, log };
  }

  it('runs jobs one at a time in order, and a failure does not stop the next', async () => {
    const { db } = fakeStore();
    const queue = new WriteQueue(db);
    const log: string[] = [];
    let running = 0;
    const job =
      (name: string, fail = false) =>
      async () => {
        running++;
        assert.equal(running, 1, 'never two at once');
        await new Promise((r) => setTimeout(r, 5));
        log.push(name);
        running--;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([queue.run(job('a')), queue.run(job('b', true)), queue.run(job('c'))]);
    assert.deepEqual(log, ['a', 'b', 'c']);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
  });

  it('jobs that wait share one commit; a failed one loses its own writes only, and none is answered before the commit', async () => {
    const { db, committed, log } = fakeStore();
    const queue = new WriteQueue(db);
    const write =
      (name: string, fail = false) =>
      async (working: string[]) => {
        working.push(name);
        await new Promise((r) => setTimeout(r, 2));
        if (fail) throw new Error(`${name} refused`);
        assert.ok(!committed.includes(name), 'not visible before the commit');
        return name;
      };
    const answered: string[] = [];
    const jobs = [write('first'), write('second'), write('third', true), write('fourth')].map((work) =>
      queue.run(work).then((value) => {
        answered.push(`${value} after ${log.filter((l) => l === 'commit').length} commit(s)`);
        return value;
      }),
    );
    const results = await Promise.allSettled(jobs);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.deepEqual(committed, ['first', 'second', 'fourth']);
    // Sent in the same turn of the event loop: one transaction, one commit, then the answers.
    assert.deepEqual(log, ['begin', 'commit']);
    assert.deepEqual(answered, ['first after 1 commit(s)', 'second after 1 commit(s)', 'fourth after 1 commit(s)']);
    // One sent alone later gets a transaction of its own, without a savepoint.
    let isolated = 0;
    const counting = new WriteQueue<string[]>({
      ...db,
      isolated: (working, work) => {
        isolated++;
        return db.isolated(working, work);
      },
    });
    assert.equal(await counting.run(write('fifth')), 'fifth');
    assert.deepEqual(log, ['begin', 'commit', 'begin', 'commit']);
    assert.equal(isolated, 0);
    await queue.drain();
  });

  it('a commit that fails answers every job of its group with the failure', async () => {
    const { db } = fakeStore();
    let commits = 0;
    const failing: GroupTransactions<string[]> = {
      ...db,
      async transaction(body) {
        const result = await body([]);
        if (++commits === 2) throw new Error('disk full');
        return result;
      },
    };
    const queue = new WriteQueue(failing);
    const first = await queue.run(async () => 'alone');
    const results = await Promise.allSettled(['a', 'b', 'c'].map((name) => queue.run(async () => name)));
    assert.equal(first, 'alone');
    assert.deepEqual(
      results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : r.value)),
      ['disk full', 'disk full', 'disk full'],
    );
  });
});
