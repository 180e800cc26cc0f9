import type { Translation } from '../core/i18n/index.js';

/** « 12,50 », « 12.5 », « 1 234 € » → 1250, 1250, 123400 cents; null when it is not an amount. */
export function parseEuros(text: string): number | null {
  const clean = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(clean)) return null;
  return Math.round(Number(clean) * 100);
}

/** Cents as the reader types them in an amount field: « 12,50 » in French, « 12.50 » in English. */
export function eurosForInput(cents: number, t: Translation): string {
  const text = (cents / 100).toFixed(2);
  return t.locale === 'fr' ? text.replace('.', ',') : text;
}
