import { createHash, randomBytes } from 'node:crypto';

/** A 256-bit random token, URL-safe. Only its hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256, hex. Enough for high-entropy tokens: nothing to brute-force. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
