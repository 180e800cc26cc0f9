import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { canteenDays, pdfText, putBookings } from '../../reference-server/test/support/billing-fixture.js';
import { type BookingWorld, bookingWorld } from '../../reference-server/test/support/bookings-fixture.js';
import {
  activatedParent,
  PARENT_PASSWORD,
  STAFF_PASSWORD,
  startTestServer,
  type TestServer,
} from '../../reference-server/test/support/harness.js';
import { paintedImages, png } from '../../reference-server/test/support/images.js';
import { ConflictError, createPortailClient, FileRejectedError, NotFoundError } from '../src/index.js';

describe('SDK: billing', () => {
  let t: TestServer;
  let w: BookingWorld;
  let identifier: string;
  let familyId: string;

  before(async () => {
    t = await startTestServer();
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    const parent = await activatedParent(t, 'alpha', 'sdk.factures@example.fr', { first: 'Sacha', last: 'Sdk' });
    identifier = parent.account.identifier;
    familyId = parent.family.id;
    await putBookings(t.server.ctx, t.communes.a.id, parent.family.children[0].id, w.cantine.id, canteenDays('2026-02'));
  });
  after(() => t.close());

  it('staff: grid, fee, quotient, run; the family: list, details, PDF; staff: credit note and its PDF — typed end to end', async () => {
    const staff = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await staff.login('admin.alpha', STAFF_PASSWORD);
    // The admin role runs billing too.
    const tariff = await staff.setActivityTariff(w.cantine.id, [
      { upToQuotient: 700, unitPriceCents: 210 },
      { upToQuotient: null, unitPriceCents: 390 },
    ]);
    assert.equal(tariff.brackets?.length, 2);
    const fee = await staff.createFlatFee({ label: 'Adhésion annuelle', amountCents: 1000, frequency: 'yearly' });
    assert.deepEqual((await staff.getTariffs()).flatFees, [fee]);
    assert.equal(await staff.setQuotientFamilial(familyId, 650), 650);
    const settings = await staff.setBillingSettings({
      paymentTermDays: 15,
      billUnbookedAttendance: false,
      issuerAddress: 'Place du Marché',
    });
    assert.deepEqual(await staff.getBillingSettings(), settings);
    const run = await staff.runBilling('2026-02');
    assert.equal(run.invoiceCount, 1);

    const parent = createPortailClient({ baseUrl: t.url, commune: 'alpha' });
    await parent.login(identifier, PARENT_PASSWORD);
    const listed = [];
    for await (const invoice of parent.iterateMyInvoices({ limit: 1 })) listed.push(invoice);
    assert.equal(listed.length, 1);
    const summary = listed[0];
    assert.ok(summary);
    const invoice = await parent.getMyInvoice(summary.id);
    const days = canteenDays('2026-02').length;
    assert.equal(invoice.totalCents, days * 210 + 1000);
    assert.equal(invoice.state, 'to_pay');
    const [text = ''] = await pdfText(await (await parent.getMyInvoicePdf(invoice.id)).arrayBuffer());
    assert.match(text, new RegExp(`Facture n° ${invoice.number}`));
    await assert.rejects(parent.getMyInvoice('no-such-invoice'), NotFoundError);

    assert.equal((await staff.listInvoices({ month: '2026-02', state: 'to_pay' })).items.length, 1);
    assert.equal((await staff.getInvoice(invoice.id)).number, invoice.number);
    assert.ok((await staff.getInvoicePdf(invoice.id)).size > 500);
    const credit = await staff.createCreditNote(invoice.id, { kind: 'partial', amountCents: 210, reason: 'Sortie scolaire' });
    assert.equal(credit.invoice.dueCents, invoice.totalCents - 210);
    assert.equal(credit.correctedInvoice, null);
    const [avoir = ''] = await pdfText(await (await parent.getMyCreditNotePdf(credit.creditNote.id)).arrayBuffer());
    assert.match(avoir, new RegExp(`Avoir n° ${credit.creditNote.number}`));
    assert.match(avoir, /Motif : Sortie scolaire/);
    assert.match(avoir, /Total de l'avoir 2,10 €/);
    assert.ok((await staff.getCreditNotePdf(credit.creditNote.id)).size > 500);
    await assert.rejects(parent.getMyCreditNotePdf('no-such-credit-note'), NotFoundError);
    await assert.rejects(
      staff.createCreditNote(invoice.id, { kind: 'partial', amountCents: invoice.totalCents, reason: 'Trop' }),
      (error: unknown) => error instanceof ConflictError && error.code === 'credit_note_too_large',
    );
    // The logo on the documents: sent as bytes, read back, drawn, removed.
    const logo = await staff.setCommuneLogo(png(60, 30), 'blason.png');
    assert.deepEqual([logo.name, logo.mediaType], ['blason.png', 'image/png']);
    const back = await staff.getCommuneLogo();
    assert.deepEqual([back.name, back.mediaType, back.blob.size], ['blason.png', 'image/png', logo.size]);
    assert.equal(await paintedImages(await (await parent.getMyInvoicePdf(invoice.id)).arrayBuffer()), 1);
    await assert.rejects(
      staff.setCommuneLogo(new TextEncoder().encode('%PDF-1.4\n%%EOF\n')),
      (error: unknown) => error instanceof FileRejectedError && error.code === 'file_type_not_allowed',
    );
    await staff.removeCommuneLogo();
    await assert.rejects(staff.getCommuneLogo(), NotFoundError);
    await staff.retireFlatFee(fee.id);
    assert.deepEqual((await staff.getTariffs()).flatFees, []);
  });
});
