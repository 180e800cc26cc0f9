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

/** A per-IP limit whose refusal is a problem+json 429 with Retry-After. */
export function ipRateLimit(db: Database, name: string, limit: number, windowMinutes: number): RequestHandler {
  const windowMs = windowMinutes * 60_000;
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    store: new DatabaseRateLimitStore(db, `${name}:`),
    handler: (req, _res, next) => {
      const resetTime = (req as typeof req & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : Math.ceil(windowMs / 1000);
      next(new HttpProblem(429, 'rate_limited', undefined, { retryAfter }));
    },
  });
}
