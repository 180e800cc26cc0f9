/**
 * Billing: the price grid by quotient familial, the monthly run (excused absences not billed,
 * a day never billed twice, gapless numbers even under concurrent runs), credit notes, family
 * isolation, the PDF read back, and the « nouvelle facture » email.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Op } from 'sequelize';
import { AuditEntry } from '../src/modules/audit/audit.js';
import { allocateToInvoice } from '../src/modules/billing/allocation.js';
import { Invoice } from '../src/modules/billing/billing.models.js';
import { runScheduledBillings } from '../src/modules/billing/scheduled-runs.js';
import { Booking } from '../src/modules/bookings/booking.models.js';
import { civilDateOf } from '../src/modules/bookings/rules/civil-date.js';
import { createStaffAccount } from '../src/modules/communes/provisioning.js';
import { billedDaysInForce, canteenDays, pdfText, putBookings, quickFamilies, setBookingState } from './support/billing-fixture.js';
import { type BookingWorld, bookingWorld } from './support/bookings-fixture.js';
import { activatedParent, STAFF_PASSWORD, startTestServer, type TestServer } from './support/harness.js';

const MONTH = '2026-03';
const year = civilDateOf(new Date()).slice(0, 4);
const grid = [
  { upToQuotient: 500, unitPriceCents: 150 },
  { upToQuotient: 1000, unitPriceCents: 300 },
  { upToQuotient: null, unitPriceCents: 450 },
];

describe('billing', () => {
  let t: TestServer;
  let w: BookingWorld;
  let billing: string;
  let a: Awaited<ReturnType<typeof activatedParent>>;
  let b: Awaited<ReturnType<typeof activatedParent>>;
  let childA: string;
  let childB: string;
  let bookingsA: string[];
  const days = canteenDays(MONTH);
  const base = () => `/v1/communes/alpha`;

  before(async () => {
    t = await startTestServer();
    await createStaffAccount(t.server.ctx, t.communes.a, {
      identifier: 'compta.alpha',
      email: 'compta@alpha.example',
      displayName: 'Régie',
      roles: ['billing'],
      password: STAFF_PASSWORD,
    });
    billing = await t.login('alpha', 'compta.alpha', STAFF_PASSWORD);
    w = await bookingWorld(t.server.ctx, t.communes.a.id);
    a = await activatedParent(t, 'alpha', 'anne.facture@example.fr', { first: 'Anne', last: 'Facture' });
    b = await activatedParent(t, 'alpha', 'bruno.voisin@example.fr', { first: 'Bruno', last: 'Voisin' });
    childA = a.family.children[0].id;
    childB = b.family.children[0].id;
    // Family A: every canteen day of March booked, two of them later excused, one cancelled.
    bookingsA = await putBookings(t.server.ctx, t.communes.a.id, childA, w.cantine.id, days);
    await setBookingState(t.server.ctx, bookingsA[0] ?? '', 'excused_absence');
    await setBookingState(t.server.ctx, bookingsA[1] ?? '', 'excused_absence');
    await setBookingState(t.server.ctx, bookingsA[2] ?? '', 'cancelled');
    // Family B: five days; plus holiday days, an activity with no price yet (not billed).
    await putBookings(t.server.ctx, t.communes.a.id, childB, w.cantine.id, days.slice(0, 5));
    await putBookings(t.server.ctx, t.communes.a.id, childB, w.vacances.id, ['2026-03-02', '2026-03-03']);
  });
  after(() => t.close());

  it('staff set the grid by quotient familial and the flat fees; a bad grid is refused', async () => {
    const bad = await t.api(`${base()}/staff/activities/${w.cantine.id}/tariff`, {
      method: 'PUT',
      token: billing,
      body: {
        brackets: [
          { upToQuotient: 800, unitPriceCents: 100 },
          { upToQuotient: 500, unitPriceCents: 200 },
        ],
      },
    });
    assert.equal(bad.status, 400);
    const set = await t.api(`${base()}/staff/activities/${w.cantine.id}/tariff`, {
      method: 'PUT',
      token: billing,
      body: { brackets: grid },
    });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    const fee = await t.api(`${base()}/staff/flat-fees`, {
      token: billing,
      body: { label: 'Adhésion annuelle', amountCents: 1500, frequency: 'yearly' },
    });
    assert.equal(fee.status, 201);
    const tariffs = await t.api(`${base()}/staff/tariffs`, { token: billing });
    assert.deepEqual(tariffs.body.activities.find((x: { activityId: string }) => x.activityId === w.cantine.id).brackets, grid);
    assert.equal(tariffs.body.activities.find((x: { activityId: string }) => x.activityId === w.vacances.id).brackets, null);
    assert.deepEqual(
      tariffs.body.flatFees.map((f: { label: string }) => f.label),
      ['Adhésion annuelle'],
    );
    // QF: A is in the first bracket, B above the last bound.
    for (const [family, qf] of [
      [a.family.id, 420],
      [b.family.id, 1500],
    ] as const) {
      const r = await t.api(`${base()}/staff/families/${family}/quotient-familial`, {
        method: 'PUT',
        token: billing,
        body: { quotientFamilial: qf },
      });
      assert.equal(r.status, 200);
    }
    const settings = await t.api(`${base()}/staff/billing-settings`, {
      method: 'PUT',
      token: billing,
      body: { paymentTermDays: 20, billUnbookedAttendance: false, issuerAddress: '1 place de la Mairie\n44100 Alpha-sur-Loire' },
    });
    assert.equal(settings.status, 200);
  });

  it('the monthly run bills booked days at the family bracket, minus excused absences, plus the annual fee', async () => {
    const run = await t.api(`${base()}/staff/billing-runs`, { token: billing, body: { month: MONTH } });
    assert.equal(run.status, 201, JSON.stringify(run.body));
    assert.equal(run.body.invoiceCount, 2);
    // Families are numbered F-0001 (A), F-0002 (B): numbers follow.
    assert.deepEqual(run.body.invoiceNumbers, [`${year}-00001`, `${year}-00002`]);

    const listA = await t.api(`${base()}/invoices`, { token: a.parentToken });
    assert.equal(listA.body.items.length, 1);
    const invoiceA = await t.api(`${base()}/invoices/${listA.body.items[0].id}`, { token: a.parentToken });
    const billedDays = days.length - 3; // two excused, one cancelled
    assert.deepEqual(
      invoiceA.body.lines.map((l: Record<string, unknown>) => [l.childName, l.label, l.quantity, l.unitPriceCents, l.amountCents]),
      [
        ['Ève Facture', 'Cantine', billedDays, 150, billedDays * 150],
        [null, 'Adhésion annuelle', 1, 1500, 1500],
      ],
    );
    assert.equal(invoiceA.body.totalCents, billedDays * 150 + 1500);
    assert.equal(invoiceA.body.dueCents, invoiceA.body.totalCents);
    assert.equal(invoiceA.body.state, 'to_pay');
    assert.equal(invoiceA.body.month, MONTH);

    const listB = await t.api(`${base()}/invoices`, { token: b.parentToken });
    const invoiceB = await t.api(`${base()}/invoices/${listB.body.items[0].id}`, { token: b.parentToken });
    // QF 1500: the open bracket; the holiday days (no price) are not on it.
    assert.deepEqual(
      invoiceB.body.lines.map((l: Record<string, unknown>) => [l.label, l.quantity, l.unitPriceCents]),
      [
        ['Cantine', 5, 450],
        ['Adhésion annuelle', 1, 1500],
      ],
    );
  });

  it('running the month again bills nothing twice; a day booked since is billed alone, without the annual fee again', async () => {
    const again = await t.api(`${base()}/staff/billing-runs`, { token: billing, body: { month: MONTH } });
    assert.equal(again.status, 201);
    assert.equal(again.body.invoiceCount, 0);
    // A day booked late for B (and the holiday activity now priced): the next run bills only those.
    await putBookings(t.server.ctx, t.communes.a.id, childB, w.cantine.id, [days[6] ?? '']);
    await t.api(`${base()}/staff/activities/${w.vacances.id}/tariff`, {
      method: 'PUT',
      token: billing,
      body: { brackets: [{ upToQuotient: null, unitPriceCents: 1000 }] },
    });
    const late = await t.api(`${base()}/staff/billing-runs`, { token: billing, body: { month: MONTH } });
    assert.equal(late.body.invoiceCount, 1);
    assert.deepEqual(late.body.invoiceNumbers, [`${year}-00003`]);
    const list = await t.api(`${base()}/invoices`, { token: b.parentToken });
    assert.deepEqual(
      list.body.items.map((i: { number: string }) => i.number),
      [`${year}-00003`, `${year}-00002`],
    );
    const latest = await t.api(`${base()}/invoices/${list.body.items[0].id}`, { token: b.parentToken });
    assert.deepEqual(
      latest.body.lines.map((l: Record<string, unknown>) => [l.label, l.quantity, l.amountCents]),
      [
        ['Cantine', 1, 450],
        ['ALE vacances', 2, 2000],
      ],
    );
  });

  it("a family sees only its own invoices: another family's is not found, PDF included", async () => {
    const mine = await t.api(`${base()}/invoices`, { token: a.parentToken });
    const id: string = mine.body.items[0].id;
    for (const path of [`/invoices/${id}`, `/invoices/${id}/pdf`]) {
      const other = await t.api(`${base()}${path}`, { token: b.parentToken });
      assert.equal(other.status, 404, path);
      assert.match(other.contentType, /problem\+json/);
    }
    const theirs = await t.api(`${base()}/invoices`, { token: b.parentToken });
    assert.ok(theirs.body.items.every((i: { familyId: string }) => i.familyId === b.family.id));
    // Another commune's staff do not reach it either.
    const beta = await t.login('beta', 'admin.beta', STAFF_PASSWORD);
    assert.equal((await t.api(`/v1/communes/beta/staff/invoices/${id}`, { token: beta })).status, 404);
  });

  it('the PDF, downloaded by the family and by staff, reads back with the number, the lines and the total', async () => {
    const mine = await t.api(`${base()}/invoices`, { token: a.parentToken });
    const invoice = await t.api(`${base()}/invoices/${mine.body.items[0].id}`, { token: a.parentToken });
    for (const [path, token] of [
      [`/invoices/${invoice.body.id}/pdf`, a.parentToken],
      [`/staff/invoices/${invoice.body.id}/pdf`, billing],
    ] as const) {
      const response = await fetch(`${t.url}${base()}${path}`, { headers: { Authorization: `Bearer ${token}`, 'X-PF-Client': 'tests' } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      const [text = ''] = await pdfText(await response.arrayBuffer());
      assert.match(text, new RegExp(`Facture n° ${year}-00001`));
      assert.match(text, /Mairie de Alpha-sur-Loire/);
      assert.match(text, /1 place de la Mairie/);
      assert.match(text, /Anne Facture/);
      assert.match(text, /Dossier famille F-0001/);
      const billedDays = days.length - 3;
      assert.match(text, new RegExp(`Ève Facture Cantine ${billedDays} 1,50 € ${(billedDays * 1.5).toFixed(2).replace('.', ',')} €`));
      assert.match(text, /Adhésion annuelle 1 15,00 € 15,00 €/);
      const total = (invoice.body.totalCents / 100).toFixed(2).replace('.', ',');
      assert.match(text, new RegExp(`Total ${total} €`));
      assert.match(text, new RegExp(`Reste à payer ${total} €`));
    }
  });

  it('each guardian is told by email: « nouvelle facture »', async () => {
    const mail = await t.mail.waitFor('anne.facture@example.fr', /nouvelle facture/);
    assert.match(mail.subject, new RegExp(`nouvelle facture n° ${year}-00001`));
    assert.match(mail.text, /Montant : \d+,\d{2} €/);
    assert.match(mail.text, /mars 2026/);
    assert.match(mail.text, /Mes factures/);
  });

  it('credit notes: partial, too large, then a cancelling one with a corrected invoice; the invoice itself never changes', async () => {
    const list = await t.api(`${base()}/staff/invoices?familyId=${a.family.id}`, { token: billing });
    const original = await t.api(`${base()}/staff/invoices/${list.body.items[0].id}`, { token: billing });
    const url = `${base()}/staff/invoices/${original.body.id}/credit-notes`;
    const partial = await t.api(url, { token: billing, body: { kind: 'partial', amountCents: 300, reason: 'Repas non servi le 10 mars' } });
    assert.equal(partial.status, 201, JSON.stringify(partial.body));
    assert.equal(partial.body.creditNote.number, `AV-${year}-00001`);
    assert.equal(partial.body.invoice.creditedCents, 300);
    assert.equal(partial.body.invoice.dueCents, original.body.totalCents - 300);
    assert.deepEqual(partial.body.invoice.lines, original.body.lines);
    assert.equal(partial.body.invoice.state, 'to_pay');

    const tooLarge = await t.api(url, { token: billing, body: { kind: 'partial', amountCents: original.body.totalCents, reason: 'x' } });
    assert.equal(tooLarge.status, 409);
    assert.equal(tooLarge.body.code, 'credit_note_too_large');

    // A medical certificate arrives for a billed day: cancel, and bill the month again.
    await setBookingState(t.server.ctx, bookingsA[3] ?? '', 'excused_absence');
    const cancel = await t.api(url, { token: billing, body: { kind: 'cancel', reason: 'Absence justifiée le 5 mars', reissue: true } });
    assert.equal(cancel.status, 201, JSON.stringify(cancel.body));
    assert.equal(cancel.body.creditNote.number, `AV-${year}-00002`);
    assert.equal(cancel.body.creditNote.amountCents, original.body.totalCents - 300);
    assert.equal(cancel.body.invoice.state, 'cancelled');
    assert.equal(cancel.body.invoice.dueCents, 0);
    const corrected = cancel.body.correctedInvoice;
    assert.equal(corrected.number, `${year}-00004`);
    assert.equal(corrected.replacesInvoiceId, original.body.id);
    const billedDays = days.length - 4;
    assert.deepEqual(
      corrected.lines.map((l: Record<string, unknown>) => [l.label, l.quantity, l.amountCents]),
      [
        ['Cantine', billedDays, billedDays * 150],
        ['Adhésion annuelle', 1, 1500],
      ],
    );
    await t.mail.waitFor('anne.facture@example.fr', new RegExp(`nouvelle facture n° ${year}-00004`));

    const twice = await t.api(url, { token: billing, body: { kind: 'cancel', reason: 'encore' } });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.code, 'invoice_not_creditable');
    // Running the month again still bills nothing: the corrected invoice holds the days now.
    const again = await t.api(`${base()}/staff/billing-runs`, { token: billing, body: { month: MONTH } });
    assert.equal(again.body.invoiceCount, 0);
    // The family sees both, with their states.
    const mine = await t.api(`${base()}/invoices`, { token: a.parentToken });
    assert.deepEqual(
      mine.body.items.map((i: { number: string; state: string }) => [i.number, i.state]),
      [
        [`${year}-00004`, 'to_pay'],
        [`${year}-00001`, 'cancelled'],
      ],
    );
  });

  it('credit notes as PDFs, for the family and for staff: the invoice corrected, the reason, the lines and the total', async () => {
    const mine = await t.api(`${base()}/invoices`, { token: a.parentToken });
    const cancelled = mine.body.items.find((i: { state: string }) => i.state === 'cancelled');
    const invoice = await t.api(`${base()}/invoices/${cancelled.id}`, { token: a.parentToken });
    const [partial, cancel] = invoice.body.creditNotes as { id: string; number: string; amountCents: number }[];
    assert.ok(partial && cancel);
    const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
    const pdf = async (path: string, token: string) => {
      const response = await fetch(`${t.url}${base()}${path}`, { headers: { Authorization: `Bearer ${token}`, 'X-PF-Client': 'tests' } });
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      return { text: (await pdfText(await response.arrayBuffer())).join('\n'), disposition: response.headers.get('content-disposition') };
    };
    for (const token of [a.parentToken, billing]) {
      const prefix = token === billing ? '/staff' : '';
      const one = await pdf(`${prefix}/credit-notes/${partial.id}/pdf`, token);
      assert.match(one.disposition ?? '', new RegExp(`avoir-AV-${year}-00001\\.pdf`));
      assert.match(one.text, new RegExp(`Avoir n° AV-${year}-00001`));
      assert.match(one.text, /Mairie de Alpha-sur-Loire/);
      assert.match(one.text, /Dossier famille F-0001/);
      assert.match(one.text, new RegExp(`Avoir partiel sur la facture n° ${invoice.body.number} \\(mars 2026\\)`));
      assert.match(one.text, /Motif : Repas non servi le 10 mars/);
      assert.match(one.text, new RegExp(`Avoir sur la facture n° ${invoice.body.number} 1 3,00 € 3,00 €`));
      assert.match(one.text, /Total de l'avoir 3,00 €/);

      const all = await pdf(`${prefix}/credit-notes/${cancel.id}/pdf`, token);
      assert.match(all.text, new RegExp(`Avoir n° AV-${year}-00002`));
      assert.match(all.text, new RegExp(`Annule la facture n° ${invoice.body.number}`));
      assert.match(all.text, /Motif : Absence justifiée le 5 mars/);
      const billedDays = days.length - 3;
      assert.match(all.text, new RegExp(`Ève Facture Cantine ${billedDays} 1,50 € ${euros(billedDays * 150)}`));
      assert.match(all.text, /Adhésion annuelle 1 15,00 € 15,00 €/);
      assert.match(all.text, new RegExp(`Total de la facture ${euros(invoice.body.totalCents)}`));
      assert.match(all.text, new RegExp(`Déjà crédité \\(avoir n° AV-${year}-00001\\) -3,00 €`));
      assert.match(all.text, new RegExp(`Total de l'avoir ${euros(cancel.amountCents)}`));
    }
    // Another family, another commune's staff, a parent on the staff route: not theirs.
    assert.equal((await t.api(`${base()}/credit-notes/${partial.id}/pdf`, { token: b.parentToken })).status, 404);
    assert.equal((await t.api(`${base()}/staff/credit-notes/${partial.id}/pdf`, { token: a.parentToken })).status, 403);
    const beta = await t.login('beta', 'admin.beta', STAFF_PASSWORD);
    assert.equal((await t.api(`/v1/communes/beta/staff/credit-notes/${partial.id}/pdf`, { token: beta })).status, 404);
    const audited = await AuditEntry.count({ where: { action: 'credit_note.pdf_read', target_id: partial.id, family_id: a.family.id } });
    assert.equal(audited, 1);
  });

  it('payments can be allocated later: partly paid, then paid, never over the amount due', async () => {
    const mine = await t.api(`${base()}/invoices`, { token: b.parentToken });
    const id: string = mine.body.items[0].id;
    const total: number = mine.body.items[0].totalCents;
    const first = await t.server.ctx.db.write((tx) => allocateToInvoice(t.communes.a.id, id, 100, tx));
    assert.equal(first, 100);
    assert.equal((await t.api(`${base()}/invoices/${id}`, { token: b.parentToken })).body.state, 'partly_paid');
    const rest = await t.server.ctx.db.write((tx) => allocateToInvoice(t.communes.a.id, id, total, tx));
    assert.equal(rest, total - 100);
    const paid = await t.api(`${base()}/invoices/${id}`, { token: b.parentToken });
    assert.deepEqual([paid.body.state, paid.body.paidCents, paid.body.dueCents], ['paid', total, 0]);
    // A paid invoice cannot be cancelled any more (refunds are the payments' business).
    const cancel = await t.api(`${base()}/staff/invoices/${id}/credit-notes`, { token: billing, body: { kind: 'cancel', reason: 'x' } });
    assert.equal(cancel.body.code, 'invoice_not_creditable');
  });

  it('concurrent runs of two months: every day billed once, invoice numbers gapless and unique', async () => {
    await t.api(`${base()}/staff/activities/${w.cantine.id}/tariff`, { method: 'PUT', token: billing, body: { brackets: grid } });
    const children = await quickFamilies(t.server.ctx, t.communes.a.id, 12, 'CC');
    const ids: string[] = [];
    for (const child of children) {
      ids.push(...(await putBookings(t.server.ctx, t.communes.a.id, child, w.cantine.id, canteenDays('2026-04'))));
      ids.push(...(await putBookings(t.server.ctx, t.communes.a.id, child, w.cantine.id, canteenDays('2026-05'))));
    }
    const runs = await Promise.all(
      ['2026-04', '2026-05', '2026-04', '2026-05', '2026-04', '2026-05'].map((month) =>
        t.api(`${base()}/staff/billing-runs`, { token: billing, body: { month } }),
      ),
    );
    assert.deepEqual(
      runs.map((r) => r.status),
      [201, 201, 201, 201, 201, 201],
    );
    assert.equal(
      runs.reduce((n, r) => n + r.body.invoiceCount, 0),
      24,
    );
    const sequelize = Invoice.sequelize;
    assert.ok(sequelize);
    // Every booked day of these months is in force exactly once: no day in two masks in force.
    const inForce = await billedDaysInForce(sequelize, ['2026-04', '2026-05']);
    assert.deepEqual(
      inForce.filter((day, i) => inForce.indexOf(day) !== i),
      [],
    );
    const booked = await Booking.findAll({ where: { id: ids } });
    assert.equal(booked.length, ids.length);
    assert.deepEqual(
      inForce.filter((day) => children.some((c) => day.startsWith(`${c}:`))).sort(),
      booked.map((b) => `${b.child_id}:${b.activity_id}:${b.date}`).sort(),
    );
    const all = await Invoice.findAll({ where: { commune_id: t.communes.a.id, number: { [Op.like]: `${year}-%` } } });
    const numbers = all.map((i) => Number(i.number.slice(5))).sort((x, y) => x - y);
    assert.deepEqual(
      numbers,
      numbers.map((_, i) => i + 1),
    );
    // QF unknown: the open bracket; the annual fee once per family, on whichever month came first.
    const concurrent = await Invoice.findAll({ where: { id: all.map((i) => i.id), month: ['2026-04', '2026-05'] } });
    const sum = concurrent.reduce((n, i) => n + i.total_cents, 0);
    assert.equal(sum, 12 * ((canteenDays('2026-04').length + canteenDays('2026-05').length) * 450 + 1500));
  });

  it('a commune can have the previous month billed by itself on a day of its choosing, once', async () => {
    await putBookings(t.server.ctx, t.communes.a.id, childB, w.cantine.id, canteenDays('2026-06').slice(0, 4));
    const settings = await t.api(`${base()}/staff/billing-settings`, {
      method: 'PUT',
      token: billing,
      body: { paymentTermDays: 20, billUnbookedAttendance: false, issuerAddress: null, autoRunDay: 5 },
    });
    assert.equal(settings.body.autoRunDay, 5);
    assert.deepEqual(await runScheduledBillings(t.server.ctx, new Date('2026-07-04T10:00:00+02:00')), [], 'not before the 5th');
    const ran = await runScheduledBillings(t.server.ctx, new Date('2026-07-05T06:00:00+02:00'));
    assert.deepEqual(ran, [{ communeId: t.communes.a.id, month: '2026-06', invoices: 1 }]);
    assert.deepEqual(await runScheduledBillings(t.server.ctx, new Date('2026-07-06T06:00:00+02:00')), [], 'once a month');
    const june = await t.api(`${base()}/staff/invoices?month=2026-06`, { token: billing });
    assert.deepEqual(
      june.body.items.map((i: { familyId: string; totalCents: number; issuedOn: string }) => [i.familyId, i.totalCents, i.issuedOn]),
      [[b.family.id, 4 * 450, '2026-07-05']],
    );
  });
});
