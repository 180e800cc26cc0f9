/**
 * Every operation of the contract × every kind of caller, against one policy table.
 * An operation added to openapi.yaml without a line here fails the first test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStaffAccount } from '../src/modules/communes/provisioning.js';
import { bookingWorld, enrolChild } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';
import { png } from './support/images.js';
import { operations } from './support/spec.js';

type Caller = 'anonymous' | 'parentA' | 'parentB' | 'admin' | 'agent' | 'billing' | 'otherCommune';
const callers: Caller[] = ['anonymous', 'parentA', 'parentB', 'admin', 'agent', 'billing', 'otherCommune'];

interface Ids {
  creditNoteA: string;
  familyA: string;
  guardianA2: string;
  accountA: string;
  childA: string;
  periodA: string;
  requestA: string;
  activityA: string;
  dayA: string;
  facilityA: string;
  activityB: string;
  closureA: string;
  enrolmentA: string;
  absenceA: string;
  invoiceA: string;
  feeA: string;
  paymentA: string;
  changeRequestA: string;
  attachmentA: string;
  /** Published for the facility where family A's child is enrolled, valid today. */
  documentA: string;
  /** Another document, for unpublishDocument (so documentA stays published). */
  documentB: string;
}

interface Policy {
  body?: (ids: Ids) => unknown;
  /** A query string the operation requires. */
  query?: (ids: Ids) => string;
  /** A file sent as the raw body instead of JSON. */
  file?: { type: string; bytes: Uint8Array };
  /** Expected status per caller; one number for all, or a set of acceptable ones. */
  expect: Partial<Record<Caller, number | number[]>> & { default?: number | number[] };
  /** Path ids other than the shared ones. */
  pathIds?: (ids: Ids) => Partial<Ids>;
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

/** An absence's document: the child's family and the commune's admin and agents. */
const absenceDocument: Policy['expect'] = {
  anonymous: 401,
  parentA: 200,
  parentB: 404,
  admin: 200,
  agent: 200,
  billing: 403,
  otherCommune: 401,
};
/** The logged-in parent's own family: each parent reaches their own; staff have none. */
const ownFamily = (ok: number): Policy['expect'] => ({
  anonymous: 401,
  otherCommune: 401,
  parentA: ok,
  parentB: ok,
  admin: 403,
  agent: 403,
  billing: 403,
});
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
const nextDay = (date: string) => new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

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
  // A logo is set in before(), so reading it does not depend on the order of the calls; removing it runs after both.
  setCommuneLogo: { file: { type: 'image/png', bytes: png(30, 20) }, expect: staffOnly(200, ['admin']) },
  getCommuneLogo: { expect: staffOnly(200, ['admin']) },
  removeCommuneLogo: { expect: staffOnly(204, ['admin']) },
  // --- attendance and absences
  listAttendanceActivities: { query: (ids) => `date=${ids.dayA}`, expect: staffOnly(200, ['admin', 'agent']) },
  getAttendanceRegister: { query: (ids) => `activityId=${ids.activityA}&date=${ids.dayA}`, expect: staffOnly(200, ['admin', 'agent']) },
  recordAttendance: {
    body: (ids) => ({ activityId: ids.activityA, date: '2020-01-06', records: [] }),
    expect: staffOnly(200, ['admin', 'agent']),
  },
  listAbsences: { expect: staffOnly(200, ['admin', 'agent']) },
  // The day after dayA is not booked: staff reach the rule (409), nobody else does.
  markAbsence: {
    body: (ids) => ({ childId: ids.childA, activityId: ids.activityA, date: nextDay(ids.dayA), excused: true }),
    expect: staffOnly(409, ['admin', 'agent']),
  },
  listChildAbsences: { expect: parentOnly(200, 404) },
  declareAbsence: { body: (ids) => ({ activityId: ids.activityA, date: ids.dayA }), expect: parentOnly(200, 404) },
  uploadAbsenceDocument: { file: { type: 'application/pdf', bytes: PDF }, expect: absenceDocument },
  downloadAbsenceDocument: { expect: absenceDocument },
  // Staff back office of the catalogue: facilities, activities, periods (admin); closures, enrolments (admin, agent).
  listFacilities: { expect: staffOnly(200, ['admin']) },
  createFacility: { body: () => ({ name: 'Accueil du test' }), expect: staffOnly(201, ['admin']) },
  renameFacility: { body: () => ({ name: 'ALP Primaire' }), expect: staffOnly(200, ['admin']) },
  createActivity: {
    body: () => ({
      name: 'Garderie du soir',
      bookingDeadline: { kind: 'days_before', days: 1, time: '18:00' },
      cancellationDeadline: { kind: 'days_before', days: 1, time: '18:00' },
      weekdays: [1, 2, 4, 5],
    }),
    expect: staffOnly(201, ['admin']),
  },
  updateActivity: { body: () => ({ name: 'Cantine' }), expect: staffOnly(200, ['admin']) },
  listStaffBookingPeriods: { expect: staffOnly(200, ['admin']) },
  createBookingPeriod: {
    body: (ids) => ({
      facilityId: ids.facilityA,
      name: 'Vacances de test',
      start: '2099-02-09',
      end: '2099-02-20',
      opensAt: '2099-01-05T08:00:00+01:00',
      closesAt: '2099-02-01T12:00:00+01:00',
      activityIds: [ids.activityB],
    }),
    expect: staffOnly(201, ['admin']),
  },
  updateBookingPeriod: { body: () => ({ name: 'Semaines de test' }), expect: staffOnly(200, ['admin']) },
  deleteBookingPeriod: { expect: staffOnly(409, ['admin']) },
  listClosures: { expect: staffOnly(200, ['admin', 'agent']) },
  createClosure: {
    body: () => ({ facilityId: null, start: '2099-05-14', end: '2099-05-15', label: "Pont de l'Ascension" }),
    expect: staffOnly(201, ['admin', 'agent']),
  },
  deleteClosure: { expect: staffOnly([204, 404], ['admin', 'agent']) },
  listEnrolments: { expect: staffOnly(200, ['admin', 'agent']) },
  createEnrolment: {
    body: (ids) => ({ activityId: ids.activityB, validFrom: '2099-09-01', validTo: '2100-08-31' }),
    expect: staffOnly([201, 409], ['admin', 'agent']),
  },
  endEnrolment: { body: () => ({ validTo: '2031-06-30' }), expect: staffOnly(200, ['admin', 'agent']) },
  deleteEnrolment: { expect: staffOnly([204, 404], ['admin', 'agent']) },
  // billing
  listMyInvoices: { expect: parentOnly(200, 200) },
  getMyInvoice: { expect: parentOnly(200, 404) },
  getMyInvoicePdf: { expect: parentOnly(200, 404) },
  getMyCreditNotePdf: { expect: parentOnly(200, 404) },
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
  getCreditNotePdf: { expect: staffOnly(200, ['admin', 'billing']) },
  createCreditNote: {
    body: () => ({ kind: 'partial', amountCents: 1, reason: 'Geste commercial' }),
    expect: staffOnly(201, ['admin', 'billing']),
  },
  // --- « Mes informations » and change requests (a family's requests and files: that family and admin/agent only)
  updateMyContact: { body: () => ({ phone: '06 12 34 56 78' }), expect: ownFamily(200) },
  requestEmailChange: { body: () => ({ email: 'nouvelle.adresse@example.fr' }), expect: ownFamily(202) },
  confirmEmailChange: { body: () => ({ token: 'z'.repeat(43) }), expect: { default: 410 } },
  listMyChangeRequests: { expect: ownFamily(200) },
  createChangeRequest: { body: () => ({ change: { kind: 'family_status', familyStatus: 'married' } }), expect: ownFamily(201) },
  // 409 once staff (later in the table) have decided the request.
  uploadChangeRequestAttachment: {
    file: { type: 'application/pdf', bytes: PDF },
    expect: { ...parentOnly(201, 404), parentA: [201, 409] },
  },
  downloadChangeRequestAttachment: { expect: absenceDocument },
  listChangeRequests: { expect: staffOnly(200, ['admin', 'agent']) },
  // The first decision wins; the next one is told it came too late.
  acceptChangeRequest: { body: () => ({}), expect: staffOnly([200, 409], ['admin', 'agent']) },
  rejectChangeRequest: { body: () => ({ comment: 'Pièce manquante.' }), expect: staffOnly([200, 409], ['admin', 'agent']) },
  // --- documents and data rights
  listStaffDocuments: { expect: staffOnly(200, ['admin', 'agent']) },
  publishDocument: {
    query: () => `category=canteen_menu&title=${encodeURIComponent('Menus de la cantine')}&validFrom=2020-01-01&validTo=2099-12-31`,
    file: { type: 'application/pdf', bytes: PDF },
    expect: staffOnly(201, ['admin', 'agent']),
  },
  unpublishDocument: { pathIds: (ids) => ({ documentA: ids.documentB }), expect: staffOnly(200, ['admin', 'agent']) },
  downloadStaffDocument: { expect: staffOnly(200, ['admin', 'agent']) },
  listMyDocuments: { expect: parentOnly(200, 200) },
  // documentA is for family A's facility: family B's parent finds nothing.
  downloadDocument: { expect: parentOnly(200, 404) },
  exportMyFamilyData: { expect: parentOnly(200, 200) },
  listAuditLog: { expect: staffOnly(200, ['admin']) },
  getRetentionSettings: { expect: staffOnly(200, ['admin']) },
  setRetentionSettings: { body: () => ({ months: 36 }), expect: staffOnly(200, ['admin']) },
  runRetention: { body: () => ({ dryRun: true }), expect: staffOnly(200, ['admin']) },
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
  // paymentA is not flagged: the roles that may settle one are told so (409), the others are refused first.
  resolvePaymentAnomaly: {
    body: () => ({ decision: 'reject', comment: 'Montant non reçu par la régie' }),
    expect: staffOnly(409, ['admin', 'billing']),
  },
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
    .replace('{facilityId}', ids.facilityA)
    .replace('{activityId}', ids.activityA)
    .replace('{closureId}', ids.closureA)
    .replace('{enrolmentId}', ids.enrolmentA)
    .replace('{feedToken}', 'not-a-real-feed-token-0000000000')
    .replace('{absenceId}', ids.absenceA)
    .replace('{invoiceId}', ids.invoiceA)
    .replace('{creditNoteId}', ids.creditNoteA)
    .replace('{feeId}', ids.feeA)
    .replace('{paymentId}', ids.paymentA)
    .replace('{changeRequestId}', ids.changeRequestA)
    .replace('{attachmentId}', ids.attachmentA)
    .replace('{documentId}', ids.documentA);
}

/** A raw-body (file) call, answered like `t.api`. */
async function sendFile(t: TestServer, path: string, method: string, token: string | null, file: { type: string; bytes: Uint8Array }) {
  const response = await fetch(t.url + path, {
    method,
    headers: { 'Content-Type': file.type, 'X-PF-Client': 'tests', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: new Uint8Array(file.bytes),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return { status: response.status, contentType, body: text && contentType.includes('json') ? JSON.parse(text) : text };
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
    const closure = await t.api('/v1/communes/alpha/staff/closures', {
      token: staff,
      body: { facilityId: world.facility.id, start: '2099-04-01', end: '2099-04-01', label: 'Fermeture de test' },
    });
    const enrolment = await t.api(`/v1/communes/alpha/staff/children/${childA}/enrolments`, {
      token: staff,
      body: { activityId: world.mercredi.id, validFrom: '2030-09-01', validTo: '2031-08-31' },
    });
    const absence = await t.api(`/v1/communes/alpha/children/${childA}/absences`, {
      token: a.parentToken,
      body: { activityId: world.cantine.id, date: world.monday },
    });
    // The commune's logo already there, for the download's policy.
    await sendFile(t, '/v1/communes/alpha/staff/logo', 'PUT', staff, { type: 'image/png', bytes: png(30, 20) });
    // A supporting document already there, for the download's policy.
    await sendFile(t, `/v1/communes/alpha/absences/${absence.body.id}/document`, 'PUT', a.parentToken, {
      type: 'application/pdf',
      bytes: PDF,
    });
    // Family A's invoice for the month of its booked day.
    await t.api(`/v1/communes/alpha/staff/activities/${world.cantine.id}/tariff`, {
      method: 'PUT',
      token: staff,
      body: { brackets: [{ upToQuotient: null, unitPriceCents: 350 }] },
    });
    await t.api('/v1/communes/alpha/staff/billing-runs', { token: staff, body: { month: world.monday.slice(0, 7) } });
    const invoices = await t.api('/v1/communes/alpha/invoices', { token: a.parentToken });
    const creditNote = await t.api(`/v1/communes/alpha/staff/invoices/${invoices.body.items[0].id}/credit-notes`, {
      token: staff,
      body: { kind: 'partial', amountCents: 1, reason: 'Arrondi' },
    });
    const fee = await t.api('/v1/communes/alpha/staff/flat-fees', {
      token: staff,
      body: { label: 'Adhésion', amountCents: 1000, frequency: 'yearly' },
    });
    // A change request of family A with one supporting document.
    const changeRequest = await t.api('/v1/communes/alpha/family/change-requests', {
      token: a.parentToken,
      body: { change: { kind: 'family_status', familyStatus: 'separated' } },
    });
    const withFile = await sendFile(t, `/v1/communes/alpha/change-requests/${changeRequest.body.id}/attachments`, 'POST', a.parentToken, {
      type: 'application/pdf',
      bytes: PDF,
    });
    const publish = (title: string) =>
      sendFile(
        t,
        `/v1/communes/alpha/staff/documents?category=activity_planning&title=${title}&validFrom=2020-01-01&validTo=2099-12-31&facilityId=${world.facility.id}`,
        'POST',
        staff,
        { type: 'application/pdf', bytes: PDF },
      );
    const [documentA, documentB] = [await publish('Planning'), await publish('Ancien')];
    // A payment of family A's (cash at the desk, kept as credit): the target of the payment reads.
    const cash = await t.api('/v1/communes/alpha/staff/payments', {
      token: staff,
      body: { familyId: a.family.id, method: 'cash', amountCents: 500, invoiceIds: [], receivedOn: world.monday },
    });
    ids = {
      paymentA: cash.body.id,
      changeRequestA: changeRequest.body.id,
      attachmentA: withFile.body.attachments[0].id,
      documentA: documentA.body.id,
      documentB: documentB.body.id,
      absenceA: absence.body.id,
      facilityA: world.facility.id,
      activityB: world.vacances.id,
      closureA: closure.body.closure.id,
      enrolmentA: enrolment.body.id,
      invoiceA: invoices.body.items[0].id,
      creditNoteA: creditNote.body.creditNote.id,
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
        const path =
          fill(op.path, 'alpha', policy.pathIds ? { ...ids, ...policy.pathIds(ids) } : ids) + (policy.query ? `?${policy.query(ids)}` : '');
        const result = policy.file
          ? await sendFile(t, path, op.method, tokens[caller] ?? null, policy.file)
          : await t.api(path, {
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
