import { createHash } from 'node:crypto';
import { DataTypes, Model, type Sequelize, type Transaction, UniqueConstraintError } from 'sequelize';
import type { Database } from '../db/database.js';
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
 * Runs a creating request once per (account, Idempotency-Key): a retry answers the first
 * result; the same key with another body is a 409. The key row is written in the same
 * transaction as the work, so a crash leaves neither.
 */
export async function once(
  db: Database,
  scope: { communeId: string; accountId: string; key: string | undefined; request: unknown },
  work: (transaction: Transaction) => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  const { key } = scope;
  if (!key) return db.write(work);
  const where = { commune_id: scope.communeId, account_id: scope.accountId, key };
  const requestHash = createHash('sha256').update(JSON.stringify(scope.request)).digest('hex');
  const replay = (row: IdempotencyKey): StoredAnswer => {
    if (row.request_hash !== requestHash) throw new HttpProblem(409, 'idempotency_conflict');
    return { status: row.status, body: JSON.parse(row.body) as unknown };
  };
  try {
    return await db.write(async (transaction) => {
      const previous = await IdempotencyKey.findOne({ where, transaction });
      if (previous) return replay(previous);
      // Claim the key before working: a concurrent twin blocks on this row (PostgreSQL) and
      // then fails on the primary key, instead of racing through the work itself.
      await IdempotencyKey.create(
        { ...where, request_hash: requestHash, status: 0, body: 'null', created_at: new Date() },
        { transaction },
      );
      const answer = await work(transaction);
      await IdempotencyKey.update({ status: answer.status, body: JSON.stringify(answer.body) }, { where, transaction });
      return answer;
    });
  } catch (error) {
    // Two concurrent first tries (PostgreSQL): the loser's claim failed; answer the winner's.
    if (!(error instanceof UniqueConstraintError)) throw error;
    const winner = await IdempotencyKey.findOne({ where });
    if (!winner) throw error;
    return replay(winner);
  }
}
