/**
 * The commune's price grid: an activity's unit price by quotient familial (QF) bracket.
 * Pure: no express, no sequelize.
 */
export interface Bracket {
  /** Inclusive upper bound of the bracket's QF; null for the last (open) bracket. */
  upToQuotient: number | null;
  unitPriceCents: number;
}

/**
 * What is wrong with a grid, or null: bounds strictly ascending, exactly one open bracket
 * and it comes last, so every QF (and an unknown one) falls in exactly one bracket.
 */
export function gridProblem(brackets: readonly Bracket[]): string | null {
  if (brackets.length === 0) return 'A grid needs at least one bracket.';
  for (const [i, b] of brackets.entries()) {
    const last = i === brackets.length - 1;
    if (last !== (b.upToQuotient === null)) return 'Only the last bracket, and it alone, has upToQuotient: null.';
    const previous = brackets[i - 1]?.upToQuotient;
    if (i > 0 && b.upToQuotient !== null && previous != null && b.upToQuotient <= previous)
      return 'Bracket bounds must be strictly ascending.';
    if (!Number.isInteger(b.unitPriceCents) || b.unitPriceCents < 0) return 'Prices are whole, non-negative cents.';
  }
  return null;
}

/**
 * The unit price for a family's QF: the first bracket whose bound is ≥ the QF. A family
 * whose QF is unknown pays the last bracket (no income declared, the full price).
 */
export function unitPriceFor(brackets: readonly Bracket[], quotient: number | null): number {
  const last = brackets[brackets.length - 1];
  if (!last) throw new RangeError('empty grid');
  if (quotient === null) return last.unitPriceCents;
  const bracket = brackets.find((b) => b.upToQuotient === null || quotient <= b.upToQuotient) ?? last;
  return bracket.unitPriceCents;
}
