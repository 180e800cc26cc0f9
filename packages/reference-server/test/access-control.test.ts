/**
 * Every operation of the contract × every kind of caller, against one policy table.
 * An operation added to openapi.yaml without a line here fails the first test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaffAccount } from '../src/modules/communes/provisioning.js';
import { bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';
import { operations } from './support/spec.js';

type Caller = 'anonymous' | 'parentA' | 'parentB' | 'admin' | 'agent' | 'billing' | 'otherCommune';
const callers: Caller[] = ['anonymous', 'parentA', 'parentB', 'admin', 'agent', 'billing', 'otherCommune'];

interface Ids {
  familyA: string;
  guardianA2: string;
  accountA: string;
  childA: string;
  periodA: string;
  requestA: string;
  activityA: string;
  dayA: string;
  invoiceA: string;
  feeA: string;
  paymentA: string;
}

interface Policy {
  body?: (ids: Ids) => unknown;
  /** Expected status per caller; one number for all, or a set of acceptable ones. */
  expect: Partial<Record<Caller, number | number[]>> & { default?: number | number[] };
}

/** Parent operations on one's own child: another family's child is "not found". */
const parentOnly = (ok: number, otherParent: number): Policy['expect'] => ({
  anonymous: 401,
  parentA: ok,
  parentB: otherParent,
  admin: 403,
  agent: 403,
  billing: 403,
  otherCommune: 401,
});

const staffOnly = (ok: number | number[], roles: Caller[] = ['admin', 'agent', 'billing']): Policy['expect'] => ({
  anonymous: 401,
  parentA: 403,
  parentB: 403,
  otherCommune: 401,
  admin: roles.includes('admin') ? ok : 403,
  agent: roles.includes('agent') ? ok : 403,
  billing: roles.includes('billing') ? ok : 403,
});

const family = {
  address: { line1: '9 rue Haute', postalCode: '44000', city: 'Nantes' },
  guardians: [{ firstName: 'Jeanne', lastName: 'Essai', relation: 'mother', email: 'jeanne.essai@example.fr' }],
};

const policies: Record<string, Policy> = {
  getHealth: { expect: { default: 200 } },
  getCommune: { expect: { default: 200 } },
  login: { body: () => ({ identifier: 'nobody', password: 'wrong password' }), expect: { default: [401, 423] } },
  refreshSession: { expect: { default: 204 } },
  logout: { expect: { default: 204 } },
  requestPasswordReset: { body: () => ({ email: 'nobody@example.fr' }), expect: { default: 202 } },
  activateAccount: { body: () => ({ token: 'x'.repeat(43), password: 'a long enough password' }), expect: { default: 410 } },
  resetPassword: { body: () => ({ token: 'y'.repeat(43), password: 'a long enough password' }), expect: { default: 410 } },
  getBookingOptions: { expect: parentOnly(200, 404) },
  getPlanner: { expect: parentOnly(200, 404) },
  submitBookingRequest: {
    body: (ids) => ({ lines: [{ date: ids.dayA, activityId: ids.activityA, action: 'add' }] }),
    expect: parentOnly(201, 404),
  },
  listBookingRequests: { expect: parentOnly(200, 200) },
  getBookingRequest: { expect: parentOnly(200, 404) },
  listPendingBookings: { expect: staffOnly(200, ['admin', 'agent']) },
  decideBookings: {
    body: () => ({ decisions: [{ bookingId: 'no-such-booking', decision: 'accept' }] }),
    expect: staffOnly(200, ['admin', 'agent']),
  },
  createCalendarFeed: { expect: parentOnly(201, 201) },
  getCalendarFeed: { expect: { default: 404 } },
  getMe: { expect: { anonymous: 401, otherCommune: 401, default: 200 } },
  getMyFamily: { expect: { anonymous: 401, otherCommune: 401, parentA: 200, parentB: 200, admin: 403, agent: 403, billing: 403 } },
  listFamilies: { expect: staffOnly(200) },
  createFamily: { body: () => family, expect: staffOnly(201, ['admin', 'agent']) },
  getFamily: { expect: staffOnly(200) },
  createGuardianAccount: { body: () => ({}), expect: staffOnly([201, 409], ['admin', 'agent']) },
  getAccount: { expect: staffOnly(200, ['admin', 'agent']) },
  resendActivation: { expect: staffOnly(409, ['admin', 'agent']) },
  unlockAccount: { expect: staffOnly(200, ['admin', 'agent']) },
  setBanner: { body: () => ({ kind: 'info', message: 'Fermeture exceptionnelle vendredi.' }), expect: staffOnly(200, ['admin']) },
  clearBanner: { expect: staffOnly(204, ['admin']) },
  // billing
  listMyInvoices: { expect: parentOnly(200, 200) },
  getMyInvoice: { expect: parentOnly(200, 404) },
  getMyInvoicePdf: { expect: parentOnly(200, 404) },
  getTariffs: { expect: staffOnly(200, ['admin', 'billing']) },
  setActivityTariff: {
    body: () => ({ brackets: [{ upToQuotient: null, unitPriceCents: 350 }] }),
    expect: staffOnly(200, ['admin', 'billing']),
  },
  createFlatFee: {
    body: () => ({ label: 'Adhésion', amountCents: 1000, frequency: 'yearly' }),
    expect: staffOnly(201, ['admin', 'billing']),
  },
  retireFlatFee: { expect: staffOnly(204, ['admin', 'billing']) },
  getBillingSettings: { expect: staffOnly(200, ['admin', 'billing']) },
  setBillingSettings: {
    body: () => ({ paymentTermDays: 30, billUnbookedAttendance: false, issuerAddress: null }),
    expect: staffOnly(200, ['admin', 'billing']),
  },
  setQuotientFamilial: { body: () => ({ quotientFamilial: 640 }), expect: staffOnly(200) },
  runBilling: { body: () => ({ month: '2026-01' }), expect: staffOnly(201, ['admin', 'billing']) },
  listInvoices: { expect: staffOnly(200, ['admin', 'billing']) },
  getInvoice: { expect: staffOnly(200, ['admin', 'billing']) },
  getInvoicePdf: { expect: staffOnly(200, ['admin', 'billing']) },
  createCreditNote: {
    body: () => ({ kind: 'partial', amountCents: 1, reason: 'Geste commercial' }),
    expect: staffOnly(201, ['admin', 'billing']),
  },
  // payments
  listMyPayments: { expect: parentOnly(200, 200) },
  createPayment: { body: (ids) => ({ invoiceIds: [ids.invoiceA] }), expect: parentOnly(201, 404) },
  getMyPayment: { expect: parentOnly(200, 404) },
  confirmMyPayment: { expect: parentOnly(200, 404) },
  getMyPaymentReceipt: { expect: parentOnly(200, 404) },
  // The provider's notification: no session; without an operation we know, "not found" (no body: 400).
  receivePaymentNotificationGet: { expect: { default: 404 } },
  receivePaymentNotification: { expect: { default: [400, 415] } },
  listPayments: { expect: staffOnly(200, ['admin', 'billing']) },
  recordPayment: {
    body: (ids) => ({ familyId: ids.familyA, method: 'cash', amountCents: 100, invoiceIds: [], receivedOn: '2026-01-05' }),
    expect: staffOnly(201, ['admin', 'billing']),
  },
  reconcilePayments: { expect: staffOnly(200, ['admin', 'billing']) },
  getCollectionReport: { expect: staffOnly(200, ['admin', 'billing']) },
  getFamilyCredit: { expect: staffOnly(200, ['admin', 'billing']) },
};

function fill(path: string, commune: string, ids: Ids): string {
  return path
    .replace('{commune}', commune)
    .replace('{familyId}', ids.familyA)
    .replace('{guardianId}', ids.guardianA2)
    .replace('{accountId}', ids.accountA)
    .replace('{childId}', ids.childA)
    .replace('{periodId}', ids.periodA)
    .replace('{requestId}', ids.requestA)
    .replace('{feedToken}', 'not-a-real-feed-token-0000000000')
    .replace('{invoiceId}', ids.invoiceA)
    .replace('{activityId}', ids.activityA)
    .replace('{feeId}', ids.feeA)
    .replace('{paymentId}', ids.paymentA);
}

describe('access control, generated from the contract', () => {
  let t: TestServer;
  let ids: Ids;
  const tokens: Partial<Record<Caller, string>> = {};

  before(async () => {
    t = await startTestServer();
    for (const role of ['agent', 'billing'] as const) {
      await createStaffAccount(t.server.ctx, t.communes.a, {
        identifier: `${role}.alpha`,
        email: `${role}@alpha.example`,
        displayName: role,
        roles: [role],
        password: STAFF_PASSWORD,
      });
    }
    const a = await activatedParent(t, 'alpha', 'parent.a@example.fr', { first: 'Alice', last: 'Famille' });
    const b = await activatedParent(t, 'alpha', 'parent.b@example.fr', { first: 'Bruno', last: 'Voisin' });
    // A second guardian in family A, without account yet: the target of createGuardianAccount.
    const staff = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    const withSecond = await t.api('/v1/communes/alpha/staff/families', {
      token: staff,
      body: {
        ...family,
        guardians: [...family.guardians, { firstName: 'Gaston', lastName: 'Essai', relation: 'father', email: 'gaston@example.fr' }],
      },
    });
    const world = await bookingWorld(t.server.ctx, t.communes.a.id);
    const childA: string = a.family.children[0].id;
    await enrolChild(t.server.ctx, t.communes.a.id, childA, [world.cantine]);
    const request = await t.api(`/v1/communes/alpha/children/${childA}/periods/${world.period.id}/requests`, {
      token: a.parentToken,
      body: { lines: [{ date: world.monday, activityId: world.cantine.id, action: 'add' }] },
    });
    // Family A's invoice for the month of its booked day.
    await t.api(`/v1/communes/alpha/staff/activities/${world.cantine.id}/tariff`, {
      method: 'PUT',
      token: staff,
      body: { brackets: [{ upToQuotient: null, unitPriceCents: 350 }] },
    });
    await t.api('/v1/communes/alpha/staff/billing-runs', { token: staff, body: { month: world.monday.slice(0, 7) } });
    const invoices = await t.api('/v1/communes/alpha/invoices', { token: a.parentToken });
    const fee = await t.api('/v1/communes/alpha/staff/flat-fees', {
      token: staff,
      body: { label: 'Adhésion', amountCents: 1000, frequency: 'yearly' },
    });
    // A payment of family A's (cash at the desk, kept as credit): the target of the payment reads.
    const cash = await t.api('/v1/communes/alpha/staff/payments', {
      token: staff,
      body: { familyId: a.family.id, method: 'cash', amountCents: 500, invoiceIds: [], receivedOn: world.monday },
    });
    ids = {
      paymentA: cash.body.id,
      invoiceA: invoices.body.items[0].id,
      feeA: fee.body.id,
      familyA: a.family.id,
      guardianA2: withSecond.body.guardians[1].id,
      accountA: a.account.id,
      childA,
      periodA: world.period.id,
      requestA: request.body.id,
      activityA: world.cantine.id,
      dayA: world.monday,
    };
    tokens.parentA = a.parentToken;
    tokens.parentB = b.parentToken;
    tokens.admin = staff;
    tokens.agent = await t.login('alpha', 'agent.alpha', STAFF_PASSWORD);
    tokens.billing = await t.login('alpha', 'billing.alpha', STAFF_PASSWORD);
    tokens.otherCommune = await t.login('beta', 'admin.beta', STAFF_PASSWORD);
  });
  after(() => t.close());

  it('every operation of openapi.yaml has a policy', () => {
    const missing = operations()
      .filter((op) => !policies[op.operationId])
      .map((op) => op.operationId);
    assert.deepEqual(missing, []);
  });

  it("a parent's family is their own: parent B never sees family A", async () => {
    const a = await t.api('/v1/communes/alpha/family', { token: tokens.parentA ?? null });
    const b = await t.api('/v1/communes/alpha/family', { token: tokens.parentB ?? null });
    assert.equal(a.body.id, ids.familyA);
    assert.notEqual(b.body.id, ids.familyA);
    assert.ok(!JSON.stringify(b.body).includes('Alice'));
  });

  it("another commune's staff, on their own commune's path, get 404 for this commune's objects", async () => {
    const byId = operations().filter((op) => /\{(familyId|guardianId|accountId)\}/.test(op.path));
    assert.ok(byId.length >= 5);
    for (const op of byId) {
      const policy = policies[op.operationId];
      const result = await t.api(fill(op.path, 'beta', ids), {
        method: op.method,
        token: tokens.otherCommune ?? null,
        ...(policy?.body ? { body: policy.body(ids) } : {}),
      });
      assert.equal(result.status, 404, `${op.operationId}: ${JSON.stringify(result.body)}`);
    }
  });
  // Last: its logout step ends every caller's session.
  it('each caller gets exactly what the policy allows on commune alpha', async () => {
    const failures: string[] = [];
    // Logout ends the caller's session: run it last.
    const ordered = operations().sort((x, y) => Number(x.operationId === 'logout') - Number(y.operationId === 'logout'));
    for (const op of ordered) {
      const policy = policies[op.operationId];
      if (!policy) continue;
      for (const caller of callers) {
        const expected = policy.expect[caller] ?? policy.expect.default;
        assert.ok(expected !== undefined, `${op.operationId}: no expectation for ${caller}`);
        const result = await t.api(fill(op.path, 'alpha', ids), {
          method: op.method,
          token: tokens[caller] ?? null,
          ...(policy.body ? { body: policy.body(ids) } : {}),
        });
        const ok = Array.isArray(expected) ? expected.includes(result.status) : expected === result.status;
        if (!ok)
          failures.push(`${op.operationId} as ${caller}: ${result.status} (expected ${String(expected)}) ${JSON.stringify(result.body)}`);
        if (result.status >= 400) assert.match(result.contentType, /application\/problem\+json/, `${op.operationId} as ${caller}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
