import { en } from './en.js';
import { fr } from './fr.js';
import type { Locale, Translation } from './translation.js';

export { en } from './en.js';
export { fr } from './fr.js';
export type {
  BookingReason,
  BookingStateName,
  BookingTranslation,
  DecisionCounts,
  FamilyFormField,
  InvoiceStateName,
  InvoiceTranslation,
  LineOutcome,
  Locale,
  PaymentMethodName,
  PaymentProblem,
  PaymentRefusalName,
  PaymentStateName,
  PaymentTranslation,
  RequestStatus,
  StaffBillingTranslation,
  StaffPaymentsTranslation,
  StaffTranslation,
  Translation,
} from './translation.js';

const translations: Record<Locale, Translation> = { fr, en };

/** Maps any BCP 47 tag to a locale we ship; French otherwise. */
export function toLocale(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').trim().toLowerCase().split('-')[0];
  return primary === 'en' ? 'en' : 'fr';
}

export function translationFor(locale: Locale): Translation {
  return translations[locale];
}

/**
 * The language of an element: its own `lang`, else the nearest ancestor's (crossing shadow
 * roots, so a widget inside `<pf-portal lang="en">` follows it), else `<html lang>`.
 */
export function langOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
    if (node.parentElement) node = node.parentElement;
    else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
  return element.ownerDocument.documentElement.lang || 'fr';
}

/** A civil date (`YYYY-MM-DD`) in the reader's format, e.g. 03/09/2019 in French. */
export function formatCivilDate(isoDate: string, t: Translation): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined || [y, m, d].some(Number.isNaN)) return isoDate;
  const date = new Date(Date.UTC(y, m - 1, d));
  return new Intl.DateTimeFormat(t.intlLocale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(date);
}
