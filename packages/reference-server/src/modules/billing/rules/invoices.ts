/** Invoice numbering, states and calendar rules. Pure: no express, no sequelize. */

export type InvoiceState = 'to_pay' | 'partly_paid' | 'paid' | 'cancelled';

/** `2026-00096`: the year of issue and the commune's gapless counter for that year. */
export function invoiceNumber(year: number, n: number): string {
  return `${year}-${String(n).padStart(5, '0')}`;
}

/** `AV-2026-00003`: credit notes (avoirs) have a series of their own. */
export function creditNoteNumber(year: number, n: number): string {
  return `AV-${invoiceNumber(year, n)}`;
}

export interface Amounts {
  totalCents: number;
  creditedCents: number;
  paidCents: number;
}

/** What the family still owes: total − credit notes − payments, never below zero. */
export function amountDue(a: Amounts): number {
  return Math.max(0, a.totalCents - a.creditedCents - a.paidCents);
}

/** The state shown to the family; a cancelled invoice stays cancelled. */
export function invoiceState(a: Amounts & { cancelled: boolean }): InvoiceState {
  if (a.cancelled) return 'cancelled';
  if (amountDue(a) === 0) return 'paid';
  return a.paidCents > 0 ? 'partly_paid' : 'to_pay';
}

/** The civil dates of a billing month `YYYY-MM`: first day, and first day of the next month. */
export function monthBounds(month: string): { start: string; next: string } {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new RangeError(`Not a month: ${month}`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  if (m < 1 || m > 12) throw new RangeError(`Not a month: ${month}`);
  const nextYear = m === 12 ? year + 1 : year;
  const nextMonth = m === 12 ? 1 : m + 1;
  return { start: `${month}-01`, next: `${nextYear}-${String(nextMonth).padStart(2, '0')}-01` };
}

/** The school year a month belongs to (September to August), e.g. `2026-2027` for 2027-03. */
export function schoolYearOf(month: string): string {
  const [year = 0, m = 0] = month.split('-').map(Number);
  const start = m >= 9 ? year : year - 1;
  return `${start}-${start + 1}`;
}

/** The key that makes a flat fee billed once per family and period. */
export function feePeriodKey(frequency: 'yearly' | 'monthly', month: string): string {
  return frequency === 'yearly' ? schoolYearOf(month) : month;
}

/** « 1 234,50 € » — plain spaces, so that every PDF font can draw it. */
export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « mars 2026 ». */
export function monthLabel(month: string): string {
  const [year, m = 1] = month.split('-').map(Number);
  return `${MONTHS[m - 1] ?? ''} ${year}`;
}

/** « 15/04/2026 ». */
export function frenchDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
