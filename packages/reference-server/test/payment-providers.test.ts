import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type FakePayfip, startFakePayfip } from '../src/modules/payments/fake-payfip/fake-payfip.js';
import { checkOperation } from '../src/modules/payments/providers/check-operation.js';
import { FAKE_PAYFIP_PATH } from '../src/modules/payments/providers/pages.js';
import { PayfipProvider, transactionInstant } from '../src/modules/payments/providers/payfip/payfip-provider.js';
import { PAYFIP_NS } from '../src/modules/payments/providers/payfip/soap.js';
import {
  type CreateOperationInput,
  type PaymentProvider,
  PaymentProviderError,
  type PaymentProviderErrorKind,
  verifyNotification,
} from '../src/modules/payments/providers/provider.js';
import { decidePayment, LIVE_WINDOW_MS } from '../src/modules/payments/providers/rules/decision.js';
import { payfipLabel } from '../src/modules/payments/providers/rules/payfip-fields.js';
import { paymentProviderFor, paymentSettingsOf, savePaymentSettings } from '../src/modules/payments/providers/settings.js';
import { loadConfig } from '../src/platform/config.js';
import { startTestServer, type TestServer } from './support/harness.js';

// --- a stand-in for the payment layer's notification endpoint and the portal's return page ---

interface Received {
  path: string;
  query: Record<string, string>;
  body: Record<string, string>;
  at: number;
}

class Receiver {
  readonly received: Received[] = [];
  #server: http.Server | null = null;
  url = '';
  #waiters: (() => void)[] = [];

  async start(): Promise<void> {
    this.#server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        this.received.push({
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: Object.fromEntries(new URLSearchParams(text)),
          at: Date.now(),
        });
        for (const wake of this.#waiters.splice(0)) wake();
        res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK');
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  notifications(): Received[] {
    return this.received.filter((r) => r.path === '/notify');
  }

  async waitForNotifications(count: number, ms = 5000): Promise<Received[]> {
    const deadline = Date.now() + ms;
    while (this.notifications().length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.notifications().length} of ${count} notifications`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.notifications();
  }

  clear(): void {
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}

async function expectError(promise: Promise<unknown> | (() => unknown), kind: PaymentProviderErrorKind): Promise<PaymentProviderError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    assert.ok(error instanceof PaymentProviderError, `expected a PaymentProviderError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}

/** What a browser does on a provider's page: open it, press one button, follow nothing (we read the redirect). */
async function pressButton(pageUrl: string, choice: 'payer' | 'refuser' | 'abandonner') {
  const page = await fetch(pageUrl);
  const html = await page.text();
  assert.equal(page.status, 200, html);
  const action = /<form method="post"(?: action="([^"]*)")?>/.exec(html);
  assert.ok(action, 'the page has a form');
  const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1] ?? '', m[2] ?? '']);
  const target = new URL(action[1] ?? '', pageUrl);
  const answer = await fetch(target, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([...hidden, ['choix', choice]]).toString(),
    redirect: 'manual',
  });
  return { page, html, answer, location: answer.headers.get('location') };
}

function strictPolicy(response: Response): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.doesNotMatch(csp, /script-src/, 'no script is allowed at all');
}

const receiver = new Receiver();

function operationInput(overrides: Partial<CreateOperationInput> = {}): CreateOperationInput {
  return {
    reference: 'F202600096',
    amountCents: 4250,
    label: 'Facture n°2026-00096 — cantine et périscolaire, Léa & Hugo (été)',
    payerEmail: 'sophie.martin@example.fr',
    notifyUrl: `${receiver.url}/notify?attempt=42`,
    returnUrl: `${receiver.url}/return?attempt=42`,
    budgetYear: 2026,
    ...overrides,
  };
}

before(() => receiver.start());
after(() => receiver.stop());

describe('PayFiP adapter against the fake PayFiP', () => {
  let fake: FakePayfip;
  let fakeUrl: string;
  let close: () => Promise<void>;
  let payfip: PayfipProvider;

  before(async () => {
    ({ fake, url: fakeUrl, close } = await startFakePayfip());
    payfip = new PayfipProvider({ baseUrl: fakeUrl, numcli: '012345', mode: 'T', timeoutMs: 2000 });
  });
  after(() => close());
  beforeEach(() => {
    fake.reset();
    receiver.clear();
  });

  test('creerPaiementSecurise sends the documented fields and gives an idOp and the payment page address', async () => {
    const created = await payfip.createOperation(operationInput());
    const call = fake.calls.at(-1);
    assert.equal(call?.operation, 'creerPaiementSecurise');
    assert.deepEqual(call?.fields, {
      numcli: '012345',
      exer: '2026',
      refdet: 'F202600096',
      objet: 'Facture n 2026 00096 cantine et periscolaire Lea Hugo ete',
      montant: '4250',
      mel: 'sophie.martin@example.fr',
      urlnotif: `${receiver.url}/notify?attempt=42`,
      urlredirect: `${receiver.url}/return?attempt=42`,
      saisie: 'T',
    });
    assert.equal(created.provider, 'payfip');
    assert.match(created.operationId, /^[A-Za-z0-9]+$/);
    assert.deepEqual(created.redirect, { method: 'GET', url: `${fakeUrl}/tpa/paiementws.web?idop=${created.operationId}` });
    assert.equal(created.sent.label, 'Facture n 2026 00096 cantine et periscolaire Lea Hugo ete');
    assert.equal(created.sent.mode, 'T');
    assert.match(created.raw, /creerPaiementSecuriseResponse/);
  });

  test('the request is SOAP 1.1: operation in PayFiP namespace, unqualified arg0, escaped values', async () => {
    const seen: string[] = [];
    const spy = new PayfipProvider({
      baseUrl: fakeUrl,
      numcli: '012345',
      mode: 'W',
      timeoutMs: 2000,
      fetch: async (url, init) => {
        seen.push(String(init?.body));
        assert.equal(new Headers(init?.headers).get('content-type'), 'text/xml; charset=utf-8');
        assert.equal(new Headers(init?.headers).get('soapaction'), '""');
        return fetch(url, init);
      },
    });
    await spy.createOperation(operationInput({ notifyUrl: `${receiver.url}/notify?a=1&b=<2>` }));
    assert.ok(seen[0]?.includes(`xmlns:pai="${PAYFIP_NS}"`));
    assert.ok(seen[0]?.includes('<pai:creerPaiementSecurise><arg0><numcli>012345</numcli>'));
    assert.ok(seen[0]?.includes('<urlnotif>'), 'field names are unqualified');
    assert.ok(seen[0]?.includes('?a=1&amp;b=&lt;2&gt;</urlnotif>'));
    assert.equal(fake.calls.at(-1)?.fields.urlnotif, `${receiver.url}/notify?a=1&b=<2>`);
    assert.equal(fake.calls.at(-1)?.fields.saisie, 'W');
  });

  test('paid by card: the page notifies urlnotif with idOp, sends the browser back, and the detail says validated', async () => {
    const created = await payfip.createOperation(operationInput());
    const before = await payfip.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 });
    assert.equal(before.outcome, 'pending', 'P5 while the parent is on the page');
    assert.equal(before.providerCode, 'P5');

    const { page, html, answer, location } = await pressButton(created.redirect.url, 'payer');
    strictPolicy(page);
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /42,50\s€/);
    assert.doesNotMatch(html, /<script/);
    assert.equal(answer.status, 303);
    assert.equal(location, `${receiver.url}/return?attempt=42&idOp=${created.operationId}`);

    const [notification] = receiver.notifications();
    assert.deepEqual(notification?.body, { idOp: created.operationId });
    assert.equal(notification?.query.attempt, '42');
    const result = await verifyNotification(payfip, { body: notification?.body, query: notification?.query }, async (id) =>
      id === created.operationId ? { operationId: id, reference: 'F202600096', amountCents: 4250 } : null,
    );
    assert.equal(result.outcome, 'validated');
    assert.equal(result.providerCode, 'P');
    assert.equal(result.amountCents, 4250);
    assert.equal(result.reference, 'F202600096');
    assert.match(result.authorisationNumber ?? '', /^[0-9]{6}$/);
    assert.match(result.transactionAt ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/);
    assert.deepEqual(result.mismatches, []);
    assert.match(result.raw, /<resultrans>P<\/resultrans>/);
    assert.deepEqual(decidePayment(result, new Date(), new Date()), { state: 'validated' });
    // The page is no longer payable.
    const again = await fetch(created.redirect.url);
    assert.match(await again.text(), /terminée/);
  });

  test('each result code: V validated, R and Z refused, A abandoned (pending for 20 minutes, then refused)', async () => {
    const cases = [
      ['V', 'validated'],
      ['R', 'refused'],
      ['Z', 'refused'],
      ['A', 'abandoned'],
    ] as const;
    for (const [code, outcome] of cases) {
      const created = await payfip.createOperation(operationInput());
      await fake.decide(created.operationId, code);
      const result = await payfip.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 });
      assert.equal(result.outcome, outcome, code);
      assert.equal(result.providerCode, code);
      assert.equal(result.authorisationNumber === null, code !== 'V', code);
    }
    const abandoned = await payfip.createOperation(operationInput());
    const { location } = await pressButton(abandoned.redirect.url, 'abandonner');
    assert.ok(location?.startsWith(`${receiver.url}/return`));
    const result = await payfip.fetchResult({ operationId: abandoned.operationId, reference: 'F202600096', amountCents: 4250 });
    assert.equal(result.final, false);
    const now = new Date();
    assert.deepEqual(decidePayment(result, now, now), { state: 'pending', reason: 'abandoned_recently' });
    assert.deepEqual(decidePayment(result, new Date(now.getTime() - LIVE_WINDOW_MS), now), { state: 'refused', reason: 'abandoned' });
  });

  test('direct debit through the page: "Payer" gives V, a bank refusal Z', async () => {
    fake.scenario.method = 'debit';
    const paid = await payfip.createOperation(operationInput());
    await pressButton(paid.redirect.url, 'payer');
    assert.equal(
      (await payfip.fetchResult({ operationId: paid.operationId, reference: 'F202600096', amountCents: 4250 })).providerCode,
      'V',
    );
    const refused = await payfip.createOperation(operationInput());
    await pressButton(refused.redirect.url, 'refuser');
    const result = await payfip.fetchResult({ operationId: refused.operationId, reference: 'F202600096', amountCents: 4250 });
    assert.deepEqual([result.outcome, result.providerCode], ['refused', 'Z']);
  });

  test('duplicate notifications: the same idOp comes three times, at once', async () => {
    fake.scenario.notificationCopies = 3;
    const created = await payfip.createOperation(operationInput());
    await pressButton(created.redirect.url, 'payer');
    const notifications = await receiver.waitForNotifications(3);
    assert.equal(notifications.length, 3);
    for (const n of notifications) assert.equal(payfip.operationIdFrom(n), created.operationId);
  });

  test('a notification by GET with ?idOp= (scenario set over HTTP, as a browser test would) reads the same', async () => {
    const put = await fetch(`${fakeUrl}/__scenario`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ notificationMethod: 'GET' }),
    });
    assert.equal(put.status, 200);
    const bad = await fetch(`${fakeUrl}/__scenario`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: '{"nope":1}',
    });
    assert.equal(bad.status, 400);
    const created = await payfip.createOperation(operationInput());
    await pressButton(created.redirect.url, 'payer');
    const [notification] = receiver.notifications();
    assert.deepEqual(notification?.body, {});
    assert.deepEqual(notification?.query, { attempt: '42', idOp: created.operationId });
    assert.equal(payfip.operationIdFrom(notification ?? {}), created.operationId);
    assert.equal((await fetch(`${fakeUrl}/__scenario`, { method: 'DELETE' })).status, 200);
    assert.equal(fake.scenario.notificationMethod, 'POST');
  });

  test('notification after the return: the browser is back first, the notification comes later', async () => {
    fake.scenario.notificationTiming = 'after-return';
    fake.scenario.notificationDelayMs = 300;
    const created = await payfip.createOperation(operationInput());
    const { location } = await pressButton(created.redirect.url, 'payer');
    const returnedAt = Date.now();
    assert.equal(receiver.notifications().length, 0, 'no notification yet when the parent is back');
    // On return, the server asks PayFiP itself: already validated.
    const idOp = payfip.operationIdFrom({ query: Object.fromEntries(new URL(location ?? '').searchParams) });
    const result = await payfip.fetchResult({ operationId: idOp, reference: 'F202600096', amountCents: 4250 });
    assert.equal(result.outcome, 'validated');
    const [late] = await receiver.waitForNotifications(1);
    assert.ok((late?.at ?? 0) >= returnedAt);
  });

  test('no notification at all: asking PayFiP later (reconciliation) still gives the result', async () => {
    fake.scenario.notificationCopies = 0;
    const created = await payfip.createOperation(operationInput());
    await pressButton(created.redirect.url, 'payer');
    await fake.idle();
    assert.equal(receiver.notifications().length, 0);
    const result = await payfip.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 });
    assert.equal(result.outcome, 'validated');
  });

  test('amount mismatch: the answer is kept but flagged, never applied', async () => {
    fake.scenario.detailAmountDeltaCents = -1000;
    const created = await payfip.createOperation(operationInput());
    await fake.decide(created.operationId, 'P');
    const result = await payfip.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 });
    assert.equal(result.outcome, 'validated');
    assert.equal(result.amountCents, 3250);
    assert.deepEqual(result.mismatches, [{ field: 'amount', expected: '4250', received: '3250' }]);
    assert.deepEqual(decidePayment(result, new Date(), new Date()), { state: 'anomaly', reason: 'mismatch' });
    const check = await checkOperation(
      payfip,
      { operationId: created.operationId, reference: 'F202600096', amountCents: 4250 },
      new Date(),
    );
    assert.deepEqual(check.decision, { state: 'anomaly', reason: 'mismatch' });
    assert.equal(check.result?.amountCents, 3250, 'what came is kept, to be recorded and flagged');
    // Another reference or another régie is a mismatch too.
    const other = await payfip.fetchResult({ operationId: created.operationId, reference: 'F202600097', amountCents: 3250 });
    assert.deepEqual(
      other.mismatches.map((m) => m.field),
      ['reference'],
    );
    const otherRegie = new PayfipProvider({ baseUrl: fakeUrl, numcli: '999999', mode: 'T', timeoutMs: 2000 });
    const third = await otherRegie.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 3250 });
    assert.deepEqual(
      third.mismatches.map((m) => m.field),
      ['client'],
    );
    const production = new PayfipProvider({ baseUrl: fakeUrl, numcli: '012345', mode: 'W', timeoutMs: 2000 });
    const fourth = await production.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 3250 });
    assert.deepEqual(
      fourth.mismatches.map((m) => m.field),
      ['mode'],
      'a test-mode payment is not taken for a real one',
    );
  });

  test('timeout on the result query: a typed, retryable error within the configured time', async () => {
    const created = await payfip.createOperation(operationInput());
    await fake.decide(created.operationId, 'P');
    fake.scenario.answerDelayMs = { recupererDetailPaiementSecurise: 3000 };
    const quick = new PayfipProvider({ baseUrl: fakeUrl, numcli: '012345', mode: 'T', timeoutMs: 300 });
    const check = await checkOperation(quick, { operationId: created.operationId, reference: 'F202600096', amountCents: 4250 }, new Date());
    assert.deepEqual(check.decision, { state: 'pending', reason: 'provider_unreachable' });
    assert.equal(check.result, null);
    assert.equal(check.error?.kind, 'timeout');
    const started = Date.now();
    const error = await expectError(
      quick.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 }),
      'timeout',
    );
    assert.ok(Date.now() - started < 1500, 'gave up at the timeout');
    assert.equal(error.retryable, true);
    assert.deepEqual(decidePayment(error, new Date(), new Date()), { state: 'pending', reason: 'provider_unreachable' });
    fake.scenario.answerDelayMs = { creerPaiementSecurise: 3000 };
    await expectError(quick.createOperation(operationInput()), 'timeout');
  });

  test('malformed answers are typed errors, never a wrong result', async () => {
    const created = await payfip.createOperation(operationInput());
    await fake.decide(created.operationId, 'P');
    const ask = () => payfip.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 });
    const cases = [
      ['not-xml', 'malformed_answer'],
      ['not-soap', 'malformed_answer'],
      ['no-resultrans', 'malformed_answer'],
      ['bad-montant', 'malformed_answer'],
      ['http-502', 'unavailable'],
      ['technical-fault', 'unavailable'],
      ['unknown-resultrans', 'unknown_result'],
    ] as const;
    for (const [broken, kind] of cases) {
      fake.scenario.brokenAnswer = broken;
      const error = await expectError(ask, kind);
      if (broken === 'technical-fault') assert.equal(error.details.providerCode, 'T9');
      if (broken === 'unknown-resultrans') {
        assert.equal(error.details.providerCode, 'Q');
        assert.deepEqual(decidePayment(error, new Date(), new Date()), { state: 'anomaly', reason: 'unknown_result' });
      }
    }
    fake.scenario.brokenAnswer = 'not-xml';
    await expectError(payfip.createOperation(operationInput()), 'malformed_answer');
    fake.scenario.brokenAnswer = null;
    assert.equal((await ask()).outcome, 'validated');
  });

  test('answers are read by namespace, not by prefix; entities, wrong namespaces and huge answers are refused', async () => {
    const answering = (body: string, status = 200) =>
      new PayfipProvider({
        baseUrl: fakeUrl,
        numcli: '012345',
        mode: 'T',
        timeoutMs: 2000,
        fetch: async () => new Response(body, { status, headers: { 'Content-Type': 'text/xml' } }),
      });
    const expected = { operationId: 'abc123', reference: 'F1', amountCents: 1500 };
    const fields =
      '<resultrans>P</resultrans><refdet>F1</refdet><montant>1500</montant><numcli>012345</numcli><saisie>T</saisie><idOp>abc123</idOp><dattrans>01092026</dattrans><heurtrans>0930</heurtrans><numauto>123456</numauto>';
    const otherPrefixes = `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header/><soap:Body><p:recupererDetailPaiementSecuriseResponse xmlns:p="${PAYFIP_NS}"><return>${fields}</return></p:recupererDetailPaiementSecuriseResponse></soap:Body></soap:Envelope>`;
    const ok = await answering(otherPrefixes).fetchResult(expected);
    assert.deepEqual([ok.outcome, ok.amountCents, ok.transactionAt], ['validated', 1500, '2026-09-01T09:30:00+02:00']);

    const wrongNamespace = otherPrefixes.replaceAll(PAYFIP_NS, 'urn:autre');
    await expectError(answering(wrongNamespace).fetchResult(expected), 'malformed_answer');
    const entity = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${otherPrefixes.replace('<refdet>F1</refdet>', '<refdet>&e;</refdet>')}`;
    await expectError(answering(entity).fetchResult(expected), 'malformed_answer');
    const twice = otherPrefixes.replace('<montant>1500</montant>', '<montant>1500</montant><montant>1</montant>');
    await expectError(answering(twice).fetchResult(expected), 'malformed_answer');
    const huge = otherPrefixes.replace('<numauto>', `<objet>${'x'.repeat(70_000)}</objet><numauto>`);
    await expectError(answering(huge).fetchResult(expected), 'malformed_answer');
    await expectError(answering(otherPrefixes, 404).fetchResult(expected), 'unavailable');
  });

  test('unreachable PayFiP and an unknown idOp (P1) are typed errors', async () => {
    const nowhere = new PayfipProvider({ baseUrl: 'http://127.0.0.1:9', numcli: '012345', mode: 'T', timeoutMs: 2000 });
    await expectError(nowhere.createOperation(operationInput()), 'unavailable');
    const error = await expectError(
      payfip.fetchResult({ operationId: 'inconnu123', reference: 'F1', amountCents: 100 }),
      'unknown_operation',
    );
    assert.equal(error.details.providerCode, 'P1');
    const created = new Date();
    assert.deepEqual(decidePayment(error, created, created), { state: 'pending', reason: 'in_progress' });
    assert.deepEqual(decidePayment(error, created, new Date(created.getTime() + LIVE_WINDOW_MS)), { state: 'refused', reason: 'expired' });
  });

  test('functional faults at creation are `rejected`, with PayFiP code and label; the client check uses recupererDetailClient', async () => {
    fake.knownClients = new Set(['012345']);
    const stranger = new PayfipProvider({ baseUrl: fakeUrl, numcli: '654321', mode: 'T', timeoutMs: 2000 });
    const error = await expectError(stranger.createOperation(operationInput()), 'rejected');
    assert.equal(error.details.providerCode, 'C1');
    assert.equal(error.details.providerLabel, 'Client inconnu');
    assert.equal((await payfip.checkClient()).numcli, '012345');
    await expectError(stranger.checkClient(), 'rejected');
    assert.equal(fake.calls.at(-1)?.operation, 'recupererDetailClient');
    assert.deepEqual(fake.calls.at(-1)?.fields, { numCli: '654321' });
  });

  test('inputs PayFiP would refuse are refused before any call', async () => {
    const calls = fake.calls.length;
    const bad: Partial<CreateOperationInput>[] = [
      { reference: 'F-2026-00096' },
      { reference: 'A'.repeat(31) },
      { reference: '' },
      { amountCents: 99 },
      { amountCents: 10_000_001 },
      { amountCents: 42.5 },
      { payerEmail: 'a@b' },
      { payerEmail: 'sans-arobase.example.fr' },
      { payerEmail: `${'x'.repeat(75)}@example.fr` },
      { notifyUrl: 'javascript:alert(1)' },
      { returnUrl: '/relative' },
      { budgetYear: 26 },
    ];
    for (const overrides of bad) await expectError(payfip.createOperation(operationInput(overrides)), 'invalid_request');
    assert.equal(fake.calls.length, calls);
    assert.throws(() => new PayfipProvider({ baseUrl: fakeUrl, numcli: '12345', mode: 'T', timeoutMs: 1 }), PaymentProviderError);
    // The bounds themselves are accepted.
    await payfip.createOperation(operationInput({ amountCents: 100, reference: 'A'.repeat(30) }));
    await payfip.createOperation(operationInput({ amountCents: 10_000_000 }));
  });

  test('reading notifications: idOp from a form body or a query string; anything else is malformed', () => {
    assert.equal(payfip.operationIdFrom({ body: { idOp: 'abc123' } }), 'abc123');
    assert.equal(payfip.operationIdFrom({ query: { idop: 'abc123' } }), 'abc123');
    assert.equal(payfip.operationIdFrom({ body: {}, query: { IDOP: ' abc123 ' } }), 'abc123');
    for (const message of [
      {},
      { body: { idOp: '' } },
      { body: { idOp: ['a', 'b'] } },
      { query: { idOp: '<script>' } },
      { query: { idOp: 'x'.repeat(65) } },
      { body: 'idOp=abc' },
      { body: { operation: 'abc' } },
    ])
      assert.throws(
        () => payfip.operationIdFrom(message),
        (e: unknown) => e instanceof PaymentProviderError && e.kind === 'malformed_notification',
      );
  });

  test('a notification for an operation we never created is refused without asking PayFiP', async () => {
    const calls = fake.calls.length;
    await expectError(
      verifyNotification(payfip, { body: { idOp: 'jamaisvu' } }, async () => null),
      'unknown_operation',
    );
    assert.equal(fake.calls.length, calls);
  });

  test('the fake refuses what PayFiP would refuse (not SOAP 1.1, wrong namespace)', async () => {
    const post = (body: string, type = 'text/xml') =>
      fetch(`${fakeUrl}/tpa/services/securite`, { method: 'POST', headers: { 'Content-Type': type }, body });
    const wrongNs = await post(
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><x:creerPaiementSecurise xmlns:x="urn:autre"><arg0/></x:creerPaiementSecurise></soapenv:Body></soapenv:Envelope>',
    );
    assert.equal(wrongNs.status, 500);
    assert.match(await wrongNs.text(), /TechProtocolaireErreur/);
    const json = await post('{}', 'application/json');
    assert.equal(json.status, 500);
    const unknownPage = await fetch(`${fakeUrl}/tpa/paiementws.web?idop=nope`);
    assert.equal(unknownPage.status, 404);
    strictPolicy(unknownPage);
  });
});

describe('pure rules', () => {
  test('PayFiP labels: ASCII letters, digits and spaces, at most 100 characters', () => {
    assert.equal(payfipLabel('Garderie — Zoé & Œdipe, n°12'), 'Garderie Zoe OEdipe n 12');
    assert.equal(payfipLabel('€€€'), 'Paiement');
    assert.equal(payfipLabel(`Cantine ${'é'.repeat(200)}`).length, 100);
    assert.match(payfipLabel('Ça coûte 12,50 € à l’école'), /^[A-Za-z0-9 ]+$/);
  });

  test('transaction time: dattrans DDMMYYYY + heurtrans HHMM in Paris time', () => {
    assert.equal(transactionInstant('22112026', '0613'), '2026-11-22T06:13:00+01:00');
    assert.equal(transactionInstant('14072026', '2359'), '2026-07-14T23:59:00+02:00');
    assert.equal(transactionInstant('31022026', '1200'), null);
    assert.equal(transactionInstant('', ''), null);
  });

  test('decisions: pending results expire after the live window', () => {
    const t0 = new Date('2026-11-22T10:00:00Z');
    const pending = {
      provider: 'payfip' as const,
      operationId: 'x',
      outcome: 'pending' as const,
      final: false,
      providerCode: 'P5',
      amountCents: null,
      reference: null,
      authorisationNumber: null,
      transactionAt: null,
      payerEmail: null,
      mismatches: [],
      raw: '',
      receivedAt: t0,
    };
    assert.deepEqual(decidePayment(pending, t0, new Date(t0.getTime() + LIVE_WINDOW_MS - 1)), { state: 'pending', reason: 'in_progress' });
    assert.deepEqual(decidePayment(pending, t0, new Date(t0.getTime() + LIVE_WINDOW_MS)), { state: 'refused', reason: 'expired' });
    assert.deepEqual(decidePayment({ ...pending, outcome: 'refused' }, t0, t0), { state: 'refused', reason: 'refused' });
    assert.deepEqual(decidePayment(new Error('boom'), t0, t0), { state: 'pending', reason: 'provider_unreachable' });
  });

  test('configuration: PayFiP points at the real service unless told otherwise; no sandbox in production', () => {
    const dev = loadConfig({});
    assert.equal(dev.payments.payfipUrl, 'https://www.payfip.gouv.fr');
    assert.equal(dev.payments.payfipTimeoutMs, 15_000);
    assert.equal(dev.payments.defaultProvider, 'sandbox');
    assert.equal(dev.payments.serveFakePayfip, false);
    const prod = loadConfig({
      NODE_ENV: 'production',
      PAYMENT_SANDBOX: 'true',
      FAKE_PAYFIP: 'true',
      PAYFIP_URL: 'https://payfip.example/',
    });
    assert.equal(prod.payments.sandboxAllowed, false);
    assert.equal(prod.payments.serveFakePayfip, false);
    assert.equal(prod.payments.defaultProvider, 'none');
    assert.equal(prod.payments.payfipUrl, 'https://payfip.example');
  });
});

describe('providers served by the reference server (sandbox page, per-commune settings, mounted fake PayFiP)', () => {
  let t: TestServer;

  before(async () => {
    t = await startTestServer({
      config: {
        payments: {
          payfipUrl: 'http://unset.invalid',
          payfipTimeoutMs: 2000,
          defaultProvider: 'sandbox',
          sandboxAllowed: true,
          serveFakePayfip: true,
        },
      },
    });
    t.server.ctx.config.payments.payfipUrl = `${t.url}${FAKE_PAYFIP_PATH}`;
  });
  after(() => t.close());
  beforeEach(() => receiver.clear());

  const alpha = () => ({ id: t.communes.a.id, slug: 'alpha' });
  const beta = () => ({ id: t.communes.b.id, slug: 'beta' });

  async function sandbox(): Promise<PaymentProvider> {
    const provider = await paymentProviderFor(t.server.ctx, alpha());
    assert.equal(provider.kind, 'sandbox');
    return provider;
  }

  test('sandbox: approve → notification, return to the portal, validated by asking the sandbox', async () => {
    const provider = await sandbox();
    const created = await provider.createOperation(operationInput());
    assert.equal(created.provider, 'sandbox');
    assert.ok(created.redirect.url.startsWith(`${t.url}/sandbox/alpha/payments/`));
    assert.equal(
      (await provider.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 })).outcome,
      'pending',
    );

    const { page, html, answer, location } = await pressButton(created.redirect.url, 'payer');
    strictPolicy(page);
    assert.match(page.headers.get('content-security-policy') ?? '', new RegExp(`form-action 'self' ${receiver.url}`));
    assert.match(html, /Paiement de démonstration/);
    assert.match(html, /Alpha-sur-Loire/);
    assert.match(html, /42,50\s€/);
    assert.doesNotMatch(html, /<script|style=/);
    assert.equal(answer.status, 303);
    assert.equal(location, `${receiver.url}/return?attempt=42&operation=${created.operationId}`);
    const css = await fetch(`${t.url}/sandbox/payment.css`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');

    const [notification] = receiver.notifications();
    assert.equal(notification?.query.attempt, '42');
    const result = await verifyNotification(provider, { body: notification?.body }, async (id) => ({
      operationId: id,
      reference: 'F202600096',
      amountCents: 4250,
    }));
    assert.equal(result.operationId, created.operationId);
    assert.equal(result.outcome, 'validated');
    assert.equal(result.amountCents, 4250);
    assert.deepEqual(result.mismatches, []);
  });

  test('sandbox: refuse and abandon; a decision is taken once; amount checked', async () => {
    const provider = await sandbox();
    for (const [choice, outcome] of [
      ['refuser', 'refused'],
      ['abandonner', 'abandoned'],
    ] as const) {
      const created = await provider.createOperation(operationInput());
      const { answer } = await pressButton(created.redirect.url, choice);
      assert.equal(answer.status, 303);
      const result = await provider.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 });
      assert.equal(result.outcome, outcome);
      assert.equal(result.final, true);
      // Abandoning the sandbox page is final at once (PayFiP's A is not, for 20 minutes).
      assert.deepEqual(decidePayment(result, new Date(), new Date()), {
        state: 'refused',
        reason: outcome === 'refused' ? 'refused' : 'abandoned',
      });
      // Pressing again (another tab, back button) changes nothing.
      const again = await fetch(created.redirect.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'choix=payer',
        redirect: 'manual',
      });
      assert.equal(again.status, 409);
      assert.equal(
        (await provider.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 })).outcome,
        outcome,
      );
      const mismatch = await provider.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 1 });
      assert.deepEqual(
        mismatch.mismatches.map((m) => m.field),
        ['amount'],
      );
    }
    await expectError(provider.createOperation(operationInput({ reference: 'pas-bon' })), 'invalid_request');
  });

  test('sandbox: concurrent clicks decide once (one notification)', async () => {
    const provider = await sandbox();
    const created = await provider.createOperation(operationInput());
    const answers = await Promise.all(
      ['payer', 'refuser', 'payer', 'abandonner', 'payer'].map((choix) =>
        fetch(created.redirect.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: `choix=${choix}`,
          redirect: 'manual',
        }),
      ),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [303, 409, 409, 409, 409]);
    await t.server.ctx.background.idle();
    assert.equal(receiver.notifications().length, 1);
  });

  test('sandbox: another commune sees neither the page nor the operation', async () => {
    const provider = await sandbox();
    const created = await provider.createOperation(operationInput());
    const wrongCommune = await fetch(created.redirect.url.replace('/sandbox/alpha/', '/sandbox/beta/'));
    assert.equal(wrongCommune.status, 404);
    const forged = await fetch(`${t.url}/sandbox/alpha/payments/not-an-operation`);
    assert.equal(forged.status, 404);
    const betaSandbox = await paymentProviderFor(t.server.ctx, beta(), 'sandbox');
    await expectError(
      betaSandbox.fetchResult({ operationId: created.operationId, reference: 'F202600096', amountCents: 4250 }),
      'unknown_operation',
    );
    assert.equal(betaSandbox.operationIdFrom({ query: { operation: created.operationId } }), created.operationId);
  });

  test('per-commune settings: PayFiP with its régie number and mode, through the fake PayFiP the server mounts', async () => {
    await expectError(savePaymentSettings(t.server.ctx, beta().id, { provider: 'payfip', numcli: '12AB56', mode: 'T' }), 'invalid_request');
    await savePaymentSettings(t.server.ctx, beta().id, { provider: 'payfip', numcli: '054321', mode: 'X' });
    assert.deepEqual(await paymentSettingsOf(t.server.ctx, beta().id), { provider: 'payfip', numcli: '054321', mode: 'X' });
    assert.deepEqual(await paymentSettingsOf(t.server.ctx, alpha().id), { provider: 'sandbox' }, 'alpha keeps the default');
    const provider = await paymentProviderFor(t.server.ctx, beta());
    assert.ok(provider instanceof PayfipProvider);
    assert.equal(provider.numcli, '054321');

    const created = await provider.createOperation(operationInput({ reference: 'B1' }));
    assert.ok(created.redirect.url.startsWith(`${t.url}${FAKE_PAYFIP_PATH}/tpa/paiementws.web?idop=`));
    assert.equal(created.sent.mode, 'X');
    const { page, location } = await pressButton(created.redirect.url, 'payer');
    strictPolicy(page);
    assert.equal(location, `${receiver.url}/return?attempt=42&idOp=${created.operationId}`);
    const [notification] = receiver.notifications();
    assert.equal(provider.operationIdFrom({ body: notification?.body }), created.operationId);
    const result = await provider.fetchResult({ operationId: created.operationId, reference: 'B1', amountCents: 4250 });
    assert.equal(result.outcome, 'validated');
    assert.deepEqual(result.mismatches, []);
  });

  test('no provider: a commune set to none, a PayFiP attempt without PayFiP settings, the sandbox switched off', async () => {
    const ctx = t.server.ctx;
    await savePaymentSettings(ctx, beta().id, { provider: 'none' });
    await expectError(paymentProviderFor(ctx, beta()), 'not_configured');
    await expectError(paymentProviderFor(ctx, alpha(), 'payfip'), 'not_configured');
    const provider = await sandbox();
    const created = await provider.createOperation(operationInput());
    ctx.config.payments.sandboxAllowed = false;
    try {
      await expectError(paymentProviderFor(ctx, alpha()), 'not_configured');
      assert.equal((await fetch(created.redirect.url)).status, 404);
    } finally {
      ctx.config.payments.sandboxAllowed = true;
    }
  });
});
