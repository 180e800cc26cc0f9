import { createHash } from 'node:crypto';
import { DataTypes, Model, type Sequelize, type Transaction, UniqueConstraintError } from 'sequelize';
import type { Statement } from '../db/batch.js';
import type { Database } from '../db/database.js';
import { runSql, selectRows } from '../db/rows.js';
import { HttpProblem } from './problem.js';

export class IdempotencyKey extends Model {
  declare commune_id: string;
  declare account_id: string;
  declare key: string;
  declare request_hash: string;
  declare status: number;
  declare body: string;
  declare created_at: Date;
}

export function initIdempotencyModel(sequelize: Sequelize): void {
  IdempotencyKey.init(
    {
      commune_id: { type: DataTypes.STRING, primaryKey: true },
      account_id: { type: DataTypes.STRING, primaryKey: true },
      key: { type: DataTypes.STRING, primaryKey: true },
      request_hash: DataTypes.STRING,
      status: DataTypes.INTEGER,
      body: DataTypes.TEXT,
      created_at: DataTypes.DATE,
    },
    { sequelize, tableName: 'idempotency_keys', timestamps: false },
  );
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

/**
 * What `work` may call with its answer before its last write, to get the statements that
 * record the key with it: they can then go in the same batch as that write (one round of
 * SQLite fewer on a hot path). The answer must be the one `work` returns. Answers [] when
 * there is nothing to add (no key, or PostgreSQL, where the key row was claimed first).
 */
export type KeepAnswer = (answer: StoredAnswer) => Statement[];

/**
 * Runs a creating request once per (account, Idempotency-Key): a retry answers the first
 * result; the same key with another body is a 409. The key row is written in the same
 * transaction as the work, so a crash leaves neither.
 */
export async function once(
  db: Database,
  scope: { communeId: string; accountId: string; key: string | undefined; request: unknown },
  work: (transaction: Transaction, keep: KeepAnswer) => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  const { key } = scope;
  const nothingToKeep: KeepAnswer = () => [];
  if (!key) return db.write((transaction) => work(transaction, nothingToKeep));
  const where = { communeId: scope.communeId, accountId: scope.accountId, key };
  const requestHash = createHash('sha256').update(JSON.stringify(scope.request)).digest('hex');
  const replay = (row: StoredKey): StoredAnswer => {
    if (row.request_hash !== requestHash) throw new HttpProblem(409, 'idempotency_conflict');
    return { status: Number(row.status), body: JSON.parse(row.body) as unknown };
  };
  // Hand-written statements: every write the SDK sends carries a key, so these run on every one.
  const { sequelize } = db;
  const previousOf = async (transaction?: Transaction) => {
    const [row] = await selectRows(
      sequelize,
      'SELECT request_hash, status, body FROM idempotency_keys WHERE commune_id = :communeId AND account_id = :accountId AND key = :key',
      where,
      transaction,
    );
    return row as StoredKey | undefined;
  };
  try {
    return await db.write(async (transaction) => {
      const previous = await previousOf(transaction);
      if (previous) return replay(previous);
      const insert = (status: number, body: string): Statement => ({
        sql: `INSERT INTO idempotency_keys (commune_id, account_id, key, request_hash, status, body, created_at)
              VALUES (:communeId, :accountId, :key, :requestHash, :status, :body, :now)`,
        values: { ...where, requestHash, status, body, now: new Date() },
      });
      const store = (status: number, body: string) => {
        const { sql, values } = insert(status, body);
        return runSql(sequelize, sql, values ?? {}, transaction);
      };
      if (db.dialect === 'sqlite') {
        // One write transaction at a time (the write queue): a twin runs after this one and
        // finds its row above. So the key is written once, with its answer — no claim first.
        let kept: StoredAnswer | null = null;
        const keep: KeepAnswer = (answer) => {
          kept = answer;
          return [insert(answer.status, JSON.stringify(answer.body))];
        };
        const answer = await work(transaction, keep);
        if (kept === null) await store(answer.status, JSON.stringify(answer.body));
        else if (kept !== answer) throw new Error('once: the answer kept is not the answer returned');
        return answer;
      }
      // Claim the key before working: a concurrent twin blocks on this row (PostgreSQL) and
      // then fails on the primary key, instead of racing through the work itself.
      await store(0, 'null');
      const answer = await work(transaction, nothingToKeep);
      await runSql(
        sequelize,
        'UPDATE idempotency_keys SET status = :status, body = :body WHERE commune_id = :communeId AND account_id = :accountId AND key = :key',
        { ...where, status: answer.status, body: JSON.stringify(answer.body) },
        transaction,
      );
      return answer;
    });
  } catch (error) {
    // Two concurrent first tries (PostgreSQL): the loser's claim failed; answer the winner's.
    if (!(error instanceof UniqueConstraintError)) throw error;
    const winner = await previousOf();
    if (!winner) throw error;
    return replay(winner);
  }
}

interface StoredKey {
  request_hash: string;
  status: number | string;
  body: string;
}
