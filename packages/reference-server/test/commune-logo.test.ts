/**
 * The commune's logo on its PDF documents: an admin sends a PNG (checked through and through:
 * a PDF, a corrupt PNG, one too large are refused and leave the previous logo), and the
 * invoice, the credit note and the receipt draw it; replaced, the old file is gone; removed,
 * the documents go back to the name alone. Runs on SQLite, and on PostgreSQL with
 * PORTAIL_TEST_BACKEND=postgres.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { createStaffAccount } from '../src/modules/communes/provisioning.js';
import { StoredFile } from '../src/platform/files/stored-file.model.js';
import { canteenDays, pdfText, putBookings } from './support/billing-fixture.js';
import { bookingWorld } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';
import { paintedImages, png } from './support/images.js';

const base = '/v1/communes/alpha';

describe('the commune logo on invoices, credit notes and receipts', () => {
  let t: TestServer;
  let admin: string;
  let agent: string;
  let parent: Awaited<ReturnType<typeof activatedParent>>;
  const documents: Record<'invoice' | 'creditNote' | 'receipt', string> = { invoice: '', creditNote: '', receipt: '' };

  const send = (body: Buffer, type: string, token = admin) =>
    fetch(`${t.url}${base}/staff/logo`, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': type,
        'X-PF-Client': 'tests',
        'X-PF-Filename': encodeURIComponent('logo mairie.png'),
      },
      body: new Uint8Array(body),
    });

  /** Each document as the family downloads it: its text, and how many images its page paints. */
  async function read() {
    const out: Record<string, { text: string; images: number }> = {};
    for (const [name, path] of Object.entries(documents)) {
      const response = await fetch(`${t.url}${base}${path}`, { headers: { Authorization: `Bearer ${parent.parentToken}` } });
      assert.equal(response.status, 200, path);
      const bytes = new Uint8Array(await response.arrayBuffer());
      out[name] = { text: (await pdfText(bytes)).join('\n'), images: await paintedImages(bytes) };
    }
    return out;
  }

  before(async () => {
    t = await startTestServer();
    admin = await t.login('alpha', 'admin.alpha', STAFF_PASSWORD);
    await createStaffAccount(t.server.ctx, t.communes.a, {
      identifier: 'agent.alpha',
      email: 'agent@alpha.example',
      displayName: 'Agent',
      roles: ['agent'],
      password: STAFF_PASSWORD,
    });
    agent = await t.login('alpha', 'agent.alpha', STAFF_PASSWORD);
    parent = await activatedParent(t, 'alpha', 'louise.logo@example.fr', { first: 'Louise', last: 'Logo' });
    const world = await bookingWorld(t.server.ctx, t.communes.a.id);
    await putBookings(t.server.ctx, t.communes.a.id, parent.family.children[0].id, world.cantine.id, canteenDays('2026-03').slice(0, 4));
    await t.api(`${base}/staff/activities/${world.cantine.id}/tariff`, {
      method: 'PUT',
      token: admin,
      body: { brackets: [{ upToQuotient: null, unitPriceCents: 400 }] },
    });
    await t.api(`${base}/staff/billing-runs`, { token: admin, body: { month: '2026-03' } });
    const [invoice] = (await t.api(`${base}/invoices`, { token: parent.parentToken })).body.items;
    const credit = await t.api(`${base}/staff/invoices/${invoice.id}/credit-notes`, {
      token: admin,
      body: { kind: 'partial', amountCents: 400, reason: 'Sortie scolaire' },
    });
    const cash = await t.api(`${base}/staff/payments`, {
      token: admin,
      body: { familyId: parent.family.id, method: 'cash', amountCents: 1200, invoiceIds: [invoice.id], receivedOn: '2026-04-03' },
    });
    assert.equal(cash.status, 201, JSON.stringify(cash.body));
    documents.invoice = `/invoices/${invoice.id}/pdf`;
    documents.creditNote = `/credit-notes/${credit.body.creditNote.id}/pdf`;
    documents.receipt = `/payments/${cash.body.id}/receipt`;
  });
  after(() => t.close());

  it('an admin sends a PNG with transparency: invoice, credit note and receipt draw it above the same text', async () => {
    const before = await read();
    assert.deepEqual(
      Object.values(before).map((d) => d.images),
      [0, 0, 0],
    );
    assert.equal((await t.api(`${base}/staff/logo`, { token: admin })).status, 404);

    const logo = png(240, 120);
    const sent = await send(logo, 'image/png');
    assert.equal(sent.status, 200);
    const file = await sent.json();
    assert.equal(file.mediaType, 'image/png');
    assert.equal(file.name, 'logo mairie.png');
    assert.equal(file.size, logo.length);
    const back = await fetch(`${t.url}${base}/staff/logo`, { headers: { Authorization: `Bearer ${admin}` } });
    assert.equal(back.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await back.arrayBuffer()), logo);
    assert.equal(await AuditEntry.count({ where: { action: 'commune_logo.set', target_id: file.id } }), 1);

    const withLogo = await read();
    for (const [name, d] of Object.entries(withLogo)) {
      assert.equal(d.images, 1, name);
      assert.equal(d.text, before[name]?.text, `${name}: the text does not move`);
    }
    assert.match(withLogo.creditNote?.text ?? '', /Avoir n° AV-\d{4}-00001/);
    assert.match(withLogo.receipt?.text ?? '', /Montant reçu : 12,00 €/);
  });

  it('a PDF, a corrupt PNG, one too large, an agent: refused, the logo stays; a new one replaces it, removed it is gone', async () => {
    const current = await (await fetch(`${t.url}${base}/staff/logo`, { headers: { Authorization: `Bearer ${admin}` } })).arrayBuffer();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const refusals: [Buffer, string, number, string][] = [
      [pdf, 'image/png', 415, 'file_type_not_allowed'],
      [png(40, 40, { pixels: Buffer.from('not deflated at all') }), 'image/png', 415, 'file_type_not_allowed'],
      [png(1600, 10, { alpha: false }), 'image/png', 413, 'file_too_large'],
      [Buffer.alloc(1024 * 1024 + 1, 1), 'application/octet-stream', 413, 'file_too_large'],
    ];
    for (const [body, type, status, code] of refusals) {
      const answer = await send(body, type);
      assert.equal(answer.status, status, code);
      assert.equal((await answer.json()).code, code);
    }
    assert.equal((await send(png(20, 20), 'image/png', agent)).status, 403);
    assert.equal((await send(png(20, 20), 'image/png', parent.parentToken)).status, 403);
    const still = await (await fetch(`${t.url}${base}/staff/logo`, { headers: { Authorization: `Bearer ${admin}` } })).arrayBuffer();
    assert.deepEqual(Buffer.from(still), Buffer.from(current));

    const previous = await StoredFile.findAll({ where: { commune_id: t.communes.a.id } });
    assert.equal(previous.length, 1);
    const replaced = await send(png(90, 30, { alpha: false }), 'image/png');
    assert.equal(replaced.status, 200);
    const now: string = (await replaced.json()).id;
    assert.notEqual(now, previous[0]?.id);
    const left = await StoredFile.findAll({ where: { commune_id: t.communes.a.id } });
    assert.deepEqual(
      left.map((f) => f.id),
      [now],
      'the old logo file is deleted',
    );
    assert.equal((await read()).invoice?.images, 1);

    const removed = await t.api(`${base}/staff/logo`, { method: 'DELETE', token: admin });
    assert.equal(removed.status, 204);
    assert.equal((await t.api(`${base}/staff/logo`, { token: admin })).status, 404);
    assert.equal(await StoredFile.count({ where: { id: now } }), 0);
    assert.deepEqual(
      Object.values(await read()).map((d) => d.images),
      [0, 0, 0],
    );
  });
});
