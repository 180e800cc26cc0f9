import { HttpProblem } from './problem.js';

/** Page cursors are opaque to clients: the last item's sort key, base64url-encoded. */
export function encodeCursor(key: string | number): string {
  return Buffer.from(String(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  if (key.length === 0) throw new HttpProblem(400, 'validation_failed', 'Unknown cursor.');
  return key;
}
