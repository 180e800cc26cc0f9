import { type CreateOperationInput, type PayfipMode, PaymentProviderError } from '../provider.js';

/** PayFiP's formats (see shared PAYFIP.md). Pure checks, run before anything is sent. */
export const PAYFIP_LIMITS = {
  minCents: 100,
  maxCents: 10_000_000,
  referencePattern: /^[A-Za-z0-9]{1,30}$/,
  numcliPattern: /^[0-9]{6}$/,
  labelMax: 100,
  emailMin: 6,
  emailMax: 80,
} as const;

export const PAYFIP_MODES: readonly PayfipMode[] = ['T', 'X', 'W'];

/**
 * PayFiP's `objet` takes ASCII letters, digits and spaces only: accents are dropped
 * (é → e, œ → oe), anything else becomes a space, runs of spaces collapse, ≤ 100 characters.
 */
export function payfipLabel(label: string): string {
  const cleaned = label
    .replace(/[œŒæÆß]/g, (c) => ({ œ: 'oe', Œ: 'OE', æ: 'ae', Æ: 'AE', ß: 'ss' })[c] ?? ' ')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
    .slice(0, PAYFIP_LIMITS.labelMax)
    .trim();
  return cleaned === '' ? 'Paiement' : cleaned;
}

function invalid(message: string): PaymentProviderError {
  return new PaymentProviderError('invalid_request', message);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Checks every field PayFiP constrains; throws `invalid_request` naming the first bad one. */
export function checkOperationInput(input: CreateOperationInput): void {
  if (!PAYFIP_LIMITS.referencePattern.test(input.reference)) throw invalid('reference: 1 to 30 letters or digits (refdet).');
  if (!Number.isInteger(input.amountCents) || input.amountCents < PAYFIP_LIMITS.minCents || input.amountCents > PAYFIP_LIMITS.maxCents)
    throw invalid('amountCents: an integer from 100 to 10,000,000 (montant).');
  const email = input.payerEmail.trim();
  if (email.length < PAYFIP_LIMITS.emailMin || email.length > PAYFIP_LIMITS.emailMax || !/^[^@\s]+@[^@\s]+$/.test(email))
    throw invalid('payerEmail: 6 to 80 characters with one @ (mel).');
  if (!isHttpUrl(input.notifyUrl)) throw invalid('notifyUrl: an absolute http(s) URL (urlnotif).');
  if (!isHttpUrl(input.returnUrl)) throw invalid('returnUrl: an absolute http(s) URL (urlredirect).');
  if (input.budgetYear !== undefined && (!Number.isInteger(input.budgetYear) || input.budgetYear < 2000 || input.budgetYear > 2999))
    throw invalid('budgetYear: a four-digit year (exer).');
}

export function checkNumcli(numcli: string): void {
  if (!PAYFIP_LIMITS.numcliPattern.test(numcli)) throw invalid('numcli: the régie number, 6 digits.');
}

/** An operation id as PayFiP or the sandbox hands it out: short, no spaces or markup. */
export const OPERATION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
