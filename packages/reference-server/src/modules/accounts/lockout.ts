/** Pure rules of the failed-login lock (no express, no database). */

export interface LockoutPolicy {
  /** Consecutive failures that lock the identifier (commune setting, default 5). */
  threshold: number;
  lockMinutes: number;
}

export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
}

/** Seconds the identifier stays locked; 0 when it is not. */
export function lockSecondsLeft(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  const ms = state.lockedUntil.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * The state after one more failed attempt. A lock that has run out starts the count
 * again from zero; reaching the threshold locks for `lockMinutes`.
 */
export function afterFailure(state: ThrottleState | null, now: Date, policy: LockoutPolicy): ThrottleState {
  const expired = state?.lockedUntil != null && state.lockedUntil.getTime() <= now.getTime();
  const failures = (expired || !state ? 0 : state.failures) + 1;
  const lockedUntil = failures >= policy.threshold ? new Date(now.getTime() + policy.lockMinutes * 60_000) : null;
  return { failures, lockedUntil };
}
