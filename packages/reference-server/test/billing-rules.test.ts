/** The pure billing rules: price brackets, numbering, states, months, euros. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  amountDue,
  creditNoteNumber,
  feePeriodKey,
  formatEuros,
  invoiceNumber,
  invoiceState,
  monthBounds,
} from '../src/modules/billing/rules/invoices.js';
import { type Bracket, gridProblem, unitPriceFor } from '../src/modules/billing/rules/pricing.js';

const grid: Bracket[] = [
  { upToQuotient: 500, unitPriceCents: 150 },
  { upToQuotient: 1000, unitPriceCents: 300 },
  { upToQuotient: null, unitPriceCents: 450 },
];

/** A valid grid: strictly ascending bounds, the last one open. */
const validGrid = fc
  .uniqueArray(fc.integer({ min: 0, max: 100_000 }), { maxLength: 6 })
  .chain((bounds) =>
    fc
      .array(fc.integer({ min: 0, max: 10_000 }), { minLength: bounds.length + 1, maxLength: bounds.length + 1 })
      .map((prices) =>
        [...bounds.sort((x, y) => x - y), null].map((upToQuotient, i) => ({ upToQuotient, unitPriceCents: prices[i] ?? 0 })),
      ),
  );

describe('pricing by quotient familial', () => {
  it('picks the first bracket whose bound is at least the quotient; bounds are inclusive', () => {
    assert.equal(unitPriceFor(grid, 0), 150);
    assert.equal(unitPriceFor(grid, 500), 150);
    assert.equal(unitPriceFor(grid, 501), 300);
    assert.equal(unitPriceFor(grid, 1000), 300);
    assert.equal(unitPriceFor(grid, 1001), 450);
  });

  it('an unknown quotient pays the full price (the open bracket)', () => {
    assert.equal(unitPriceFor(grid, null), 450);
  });

  it('any valid grid: every quotient falls in exactly the first bracket that covers it', () => {
    fc.assert(
      fc.property(validGrid, fc.integer({ min: 0, max: 200_000 }), (brackets, qf) => {
        assert.equal(gridProblem(brackets), null);
        const price = unitPriceFor(brackets, qf);
        const expected = brackets.find((b) => b.upToQuotient === null || qf <= b.upToQuotient);
        assert.equal(price, expected?.unitPriceCents);
      }),
    );
  });

  it('refuses grids that leave a quotient without a bracket or with two', () => {
    assert.ok(gridProblem([]));
    assert.ok(gridProblem([{ upToQuotient: 500, unitPriceCents: 1 }]));
    assert.ok(
      gridProblem([
        { upToQuotient: null, unitPriceCents: 1 },
        { upToQuotient: 500, unitPriceCents: 1 },
      ]),
    );
    assert.ok(
      gridProblem([
        { upToQuotient: 500, unitPriceCents: 1 },
        { upToQuotient: 500, unitPriceCents: 2 },
        { upToQuotient: null, unitPriceCents: 3 },
      ]),
    );
  });
});

describe('invoice rules', () => {
  it('numbers per year, zero-padded like 2026-00096; credit notes have their own series', () => {
    assert.equal(invoiceNumber(2026, 96), '2026-00096');
    assert.equal(invoiceNumber(2026, 123456), '2026-123456');
    assert.equal(creditNoteNumber(2026, 3), 'AV-2026-00003');
  });

  it('state and amount due follow the credit notes and payments', () => {
    const base = { totalCents: 1000, creditedCents: 0, paidCents: 0, cancelled: false };
    assert.equal(invoiceState(base), 'to_pay');
    assert.equal(invoiceState({ ...base, creditedCents: 200 }), 'to_pay');
    assert.equal(invoiceState({ ...base, paidCents: 200 }), 'partly_paid');
    assert.equal(invoiceState({ ...base, paidCents: 800, creditedCents: 200 }), 'paid');
    assert.equal(invoiceState({ ...base, cancelled: true }), 'cancelled');
    assert.equal(amountDue({ totalCents: 1000, creditedCents: 300, paidCents: 200 }), 500);
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(100_000), fc.nat(100_000), (totalCents, creditedCents, paidCents) => {
        assert.ok(amountDue({ totalCents, creditedCents, paidCents }) >= 0);
      }),
    );
  });

  it('months: bounds across the year end; yearly fees by school year (September to August)', () => {
    assert.deepEqual(monthBounds('2026-12'), { start: '2026-12-01', next: '2027-01-01' });
    assert.deepEqual(monthBounds('2026-02'), { start: '2026-02-01', next: '2026-03-01' });
    assert.equal(feePeriodKey('yearly', '2026-08'), '2025-2026');
    assert.equal(feePeriodKey('yearly', '2026-09'), '2026-2027');
    assert.equal(feePeriodKey('monthly', '2026-09'), '2026-09');
  });

  it('euros the French way, with plain spaces', () => {
    assert.equal(formatEuros(0), '0,00 €');
    assert.equal(formatEuros(150), '1,50 €');
    assert.equal(formatEuros(123456789), '1 234 567,89 €');
    assert.equal(formatEuros(-300), '-3,00 €');
  });
});
