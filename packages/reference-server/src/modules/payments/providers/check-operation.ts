import { type ExpectedOperation, type OperationResult, type PaymentProvider, PaymentProviderError } from './provider.js';
import { decidePayment, type PaymentDecision } from './rules/decision.js';

export interface OperationCheck {
  decision: PaymentDecision;
  /** The provider's answer (keep `raw` and `receivedAt`), or null when it failed. */
  result: OperationResult | null;
  /** Why there is no answer (typed), or null. */
  error: PaymentProviderError | null;
}

/**
 * Asks the provider about one attempt and says what to record — for the notification
 * endpoint, the browser's return and the reconciliation job alike. Never throws for a
 * provider failure: a timeout or an unreadable answer is a `pending` decision with its error.
 */
export async function checkOperation(
  provider: PaymentProvider,
  expected: ExpectedOperation,
  attemptCreatedAt: Date,
  now: () => Date = () => new Date(),
): Promise<OperationCheck> {
  try {
    const result = await provider.fetchResult(expected);
    return { decision: decidePayment(result, attemptCreatedAt, now()), result, error: null };
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    return { decision: decidePayment(error, attemptCreatedAt, now()), result: null, error };
  }
}
