import type { AccountSummary } from '@portail-famille/sdk';
import type { Translation } from '../core/i18n/index.js';

export type AccountKind = 'none' | 'pending' | 'active' | 'disabled';

/** What a staff member can read of a guardian's portal account, and what they may do with it. */
export interface AccountState {
  readonly kind: AccountKind;
  /** Set while failed logins keep the account locked. */
  readonly lockedUntil: Date | null;
  /** The state in words, e.g. « Bloqué jusqu’à 14 h 32 ». */
  readonly label: string;
  readonly canCreate: boolean;
  readonly canResend: boolean;
  readonly canUnlock: boolean;
}

function validDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function accountState(account: AccountSummary | null | undefined, t: Translation, now = new Date()): AccountState {
  const s = t.staff;
  if (!account) {
    return { kind: 'none', lockedUntil: null, label: s.accountNone, canCreate: true, canResend: false, canUnlock: false };
  }
  const until = validDate(account.lockedUntil);
  const lockedUntil = until && until.getTime() > now.getTime() ? until : null;
  const locked = lockedUntil ? s.accountLocked(s.lockTime(lockedUntil, now)) : null;
  let kind: AccountKind;
  let label: string;
  switch (account.status) {
    case 'pending_activation': {
      kind = 'pending';
      const expires = validDate(account.activationExpiresAt);
      const pending = !expires
        ? s.accountPendingPlain
        : expires.getTime() > now.getTime()
          ? s.accountPending(s.dateTime(expires))
          : s.accountPendingExpired(s.dateTime(expires));
      label = locked ? `${pending} — ${locked}` : pending;
      break;
    }
    case 'disabled':
      kind = 'disabled';
      label = s.accountDisabled;
      break;
    default:
      kind = 'active';
      label = locked ?? s.accountActive;
  }
  return {
    kind,
    lockedUntil,
    label,
    canCreate: false,
    canResend: kind === 'pending',
    canUnlock: lockedUntil !== null && kind !== 'disabled',
  };
}
