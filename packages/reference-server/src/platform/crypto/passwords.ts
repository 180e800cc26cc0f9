import argon2 from 'argon2';
import { Semaphore } from '../semaphore.js';
import { isCommonPassword } from './common-passwords.js';

export interface HashingCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  maxConcurrent: number;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * argon2id hashing. Concurrent hashes are capped: each one takes `memoryCost` KiB, and a
 * burst of logins must not become a memory exhaustion.
 */
export class PasswordHasher {
  readonly #cost: HashingCost;
  readonly #gate: Semaphore;
  #dummy: Promise<string> | null = null;

  constructor(cost: HashingCost) {
    this.#cost = cost;
    this.#gate = new Semaphore(cost.maxConcurrent);
  }

  hash(password: string): Promise<string> {
    const { memoryCost, timeCost, parallelism } = this.#cost;
    return this.#gate.use(() => argon2.hash(password, { type: argon2.argon2id, memoryCost, timeCost, parallelism }));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.#gate.use(() => argon2.verify(hash, password));
  }

  /** Spends the time of a real verification, for identifiers that have no password. */
  async verifyNothing(password: string): Promise<false> {
    this.#dummy ??= this.hash('no account has this password');
    await this.verify(await this.#dummy, password);
    return false;
  }
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_identifier';

/** The policy (CNIL 2022, ASVS 6.2): length, not composition; no common password. */
export function checkPasswordPolicy(password: string, context: { identifier: string }): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const folded = password.toLowerCase().normalize('NFKC');
  if (isCommonPassword(folded) || new Set(folded).size <= 3) return 'too_common';
  const identifier = context.identifier.toLowerCase();
  if (identifier.length >= 4 && folded.includes(identifier)) return 'contains_identifier';
  return null;
}
