import type { RequestHandler } from 'express';
import { type IncrementResponse, type Options, rateLimit, type Store } from 'express-rate-limit';
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/database.js';
import { HttpProblem } from './problem.js';

/**
 * Rate-limit counters in the database, so every server process of one database shares
 * them. One atomic upsert per hit (SQLite ≥ 3.35 and PostgreSQL both speak it).
 */
export class DatabaseRateLimitStore implements Store {
  #windowMs = 60_000;
  readonly prefix: string;
  readonly localKeys = false;

  constructor(
    private readonly db: Database,
    prefix: string,
  ) {
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const now = Date.now();
    const replacements = { key: this.prefix + key, now, resetAt: now + this.#windowMs };
    // Upsert then read back in one transaction: the upsert's row lock (PostgreSQL) or the
    // write queue (SQLite) keeps the pair atomic. (Sequelize's SQLite dialect cannot read
    // rows back from INSERT … RETURNING.)
    const rows = await this.db.write(async (transaction) => {
      await this.db.sequelize.query(
        `INSERT INTO rate_limits (key, hits, reset_at) VALUES (:key, 1, :resetAt)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limits.reset_at <= :now THEN 1 ELSE rate_limits.hits + 1 END,
           reset_at = CASE WHEN rate_limits.reset_at <= :now THEN :resetAt ELSE rate_limits.reset_at END`,
        { replacements, transaction },
      );
      return this.db.sequelize.query<{ hits: number; reset_at: string | number }>(
        'SELECT hits, reset_at FROM rate_limits WHERE key = :key',
        {
          replacements,
          type: QueryTypes.SELECT,
          transaction,
        },
      );
    });
    const row = rows[0];
    if (!row) throw new Error('rate limit upsert returned nothing');
    return { totalHits: Number(row.hits), resetTime: new Date(Number(row.reset_at)) };
  }

  async decrement(key: string): Promise<void> {
    await this.db.write((transaction) =>
      this.db.sequelize.query('UPDATE rate_limits SET hits = hits - 1 WHERE key = :key AND hits > 0', {
        replacements: { key: this.prefix + key },
        transaction,
      }),
    );
  }

  async resetKey(key: string): Promise<void> {
    await this.db.write((transaction) =>
      this.db.sequelize.query('DELETE FROM rate_limits WHERE key = :key', { replacements: { key: this.prefix + key }, transaction }),
    );
  }
}

const FLUSH_MS = 200;

/**
 * The general API limit counts every request. One write transaction per request would put
 * all traffic behind SQLite's single writer (measured: a no-op endpoint topped out at
 * ~190 req/s), so hits are counted here and added to the shared counters in one
 * transaction at most every FLUSH_MS. Other processes' hits show up at the next flush: the
 * limit stays shared, within a fraction of a second. Login, token and forgotten-password
 * limits stay exact (DatabaseRateLimitStore): they are the ones that slow down guessing.
 */
export class BatchedRateLimitStore implements Store {
  #windowMs = 60_000;
  readonly prefix: string;
  readonly localKeys = false;
  #pending = new Map<string, number>();
  readonly #known = new Map<string, { hits: number; resetAt: number }>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    prefix: string,
  ) {
    this.prefix = prefix;
  }

  init(options: Options): void {
    this.#windowMs = options.windowMs;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const now = Date.now();
    const k = this.prefix + key;
    let known = this.#known.get(k);
    if (!known || known.resetAt <= now) {
      known = { hits: 0, resetAt: now + this.#windowMs };
      this.#known.set(k, known);
    }
    const pending = (this.#pending.get(k) ?? 0) + 1;
    this.#pending.set(k, pending);
    this.#schedule();
    return { totalHits: known.hits + pending, resetTime: new Date(known.resetAt) };
  }

  async decrement(key: string): Promise<void> {
    const k = this.prefix + key;
    this.#pending.set(k, (this.#pending.get(k) ?? 0) - 1);
    this.#schedule();
  }

  async resetKey(key: string): Promise<void> {
    const k = this.prefix + key;
    this.#pending.delete(k);
    this.#known.delete(k);
    await this.db.write((transaction) =>
      this.db.sequelize.query('DELETE FROM rate_limits WHERE key = :key', { replacements: { key: k }, transaction }),
    );
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.flush().catch((error: unknown) => {
        if (!this.db.closed) console.error('rate limit flush failed', error);
      });
    }, FLUSH_MS);
    this.#timer.unref();
  }

  /** Adds the hits counted since the last flush to the shared counters and reads them back. */
  async flush(): Promise<void> {
    const batch = this.#pending;
    if (batch.size === 0) return;
    this.#pending = new Map();
    const now = Date.now();
    const resetAt = now + this.#windowMs;
    try {
      const rows = await this.db.write(async (transaction) => {
        for (const [key, n] of batch) {
          await this.db.sequelize.query(
            `INSERT INTO rate_limits (key, hits, reset_at) VALUES (:key, :n, :resetAt)
             ON CONFLICT (key) DO UPDATE SET
               hits = CASE WHEN rate_limits.reset_at <= :now THEN :n ELSE rate_limits.hits + :n END,
               reset_at = CASE WHEN rate_limits.reset_at <= :now THEN :resetAt ELSE rate_limits.reset_at END`,
            { replacements: { key, n, now, resetAt }, transaction },
          );
        }
        return this.db.sequelize.query<{ key: string; hits: number; reset_at: string | number }>(
          'SELECT key, hits, reset_at FROM rate_limits WHERE key IN (:keys)',
          { replacements: { keys: [...batch.keys()] }, type: QueryTypes.SELECT, transaction },
        );
      });
      for (const row of rows) this.#known.set(row.key, { hits: Number(row.hits), resetAt: Number(row.reset_at) });
    } catch (error) {
      // Keep the hits for the next flush rather than forgetting them.
      for (const [key, n] of batch) this.#pending.set(key, (this.#pending.get(key) ?? 0) + n);
      throw error;
    }
  }
}

/** A per-IP limit whose refusal is a problem+json 429 with Retry-After. */
export function ipRateLimit(
  db: Database,
  name: string,
  limit: number,
  windowMinutes: number,
  counting: 'exact' | 'batched' = 'exact',
): RequestHandler {
  const windowMs = windowMinutes * 60_000;
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: counting === 'batched' ? new BatchedRateLimitStore(db, `${name}:`) : new DatabaseRateLimitStore(db, `${name}:`),
    handler: (req, _res, next) => {
      const resetTime = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(windowMs / 1000);
      next(new HttpProblem(429, 'rate_limited', undefined, { retryAfter }));
    },
  });
}
