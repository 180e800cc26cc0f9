import type { Translation } from '../core/i18n/index.js';
import { problemCode, problemMessage } from '../core/problem-messages.js';

/** One French (or English) sentence for a failed staff call; falls back to the common messages. */
export function staffProblemMessage(error: unknown, t: Translation): string {
  switch (problemCode(error)) {
    case 'identifier_taken':
      return t.staff.identifierTaken;
    case 'account_exists':
      return t.staff.accountExists;
    case 'account_already_active':
      return t.staff.accountAlreadyActive;
    case 'family_number_taken':
      return t.staff.familyNumberTaken;
    case 'forbidden':
      return t.staff.staffForbidden;
    case 'not_found':
      return t.staff.staffNotFound;
    case 'invoice_not_creditable':
    case 'credit_note_too_large':
      return t.staffBilling.problems[problemCode(error) as keyof Translation['staffBilling']['problems']];
    case 'payment_not_flagged':
    case 'insufficient_credit':
    case 'invoice_not_payable':
      return t.staffPayments.problems[problemCode(error) as keyof Translation['staffPayments']['problems']];
    default:
      return problemMessage(error, t);
  }
}
