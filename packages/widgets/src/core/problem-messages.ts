import { PortailApiError } from '@portail-famille/sdk';
import type { PaymentProblem, Translation } from './i18n/index.js';

/** Whole minutes to wait, rounded up, from a `retryAfter` in seconds. */
export function minutesFrom(retryAfter: number | undefined): number | undefined {
  if (retryAfter === undefined || !Number.isFinite(retryAfter)) return undefined;
  return Math.max(1, Math.ceil(retryAfter / 60));
}

/** The problem code of anything a call may throw (`network_error` for a failed fetch). */
export function problemCode(error: unknown): string {
  if (error instanceof PortailApiError) return error.code;
  if (error instanceof TypeError) return 'network_error';
  return 'internal_error';
}

/** One clear sentence for a failed call, in the reader's language. Branches on the code only. */
export function problemMessage(error: unknown, t: Translation): string {
  const retryAfter = error instanceof PortailApiError ? error.retryAfter : undefined;
  switch (problemCode(error)) {
    case 'invalid_credentials':
      return t.invalidCredentials;
    case 'account_locked':
      return t.accountLocked(minutesFrom(retryAfter) ?? 15);
    case 'rate_limited':
      return t.rateLimited(minutesFrom(retryAfter));
    case 'weak_password':
      return t.weakPassword;
    case 'invalid_token':
      return t.invalidToken;
    case 'validation_failed':
      return t.validationFailed;
    case 'network_error':
      return t.networkError;
    case 'unavailable':
      return t.unavailable;
    case 'not_found':
      return t.communeNotFound;
    case 'unauthenticated':
      return t.sessionExpired;
    case 'forbidden':
    case 'origin_not_allowed':
      return t.forbidden;
    // payments
    case 'invoice_not_payable':
    case 'payment_in_progress':
    case 'online_payment_unavailable':
    case 'payment_provider_unavailable':
      return t.payment.problems[problemCode(error) as PaymentProblem];
    default:
      return t.genericError;
  }
}
