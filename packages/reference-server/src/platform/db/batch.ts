import type { Sequelize, Transaction } from 'sequelize';
import type { SqliteConnection } from './database.js';
import { sqlLiteral, type Value } from './insert-rows.js';

/**
 * Runs these statements, in order, in one round trip of the write transaction. On SQLite
 * each statement is otherwise a trip to sqlite3's thread pool while every other writer
 * waits for the write lock. For writes whose answers are not needed: no rows come back, and
 * an error rejects as the driver reports it (no mapping to Sequelize's error classes).
 */
export async function runBatch(sequelize: Sequelize, transaction: Transaction, statements: string[]): Promise<void> {
  if (statements.length === 0) return;
  const sql = statements.join(';\n');
  if (sequelize.getDialect() === 'postgres') {
    await sequelize.query(sql, { transaction });
    return;
  }
  const { connection } = transaction as unknown as { connection: SqliteConnection };
  await new Promise<void>((resolve, reject) => connection.exec(sql, (error) => (error ? reject(error) : resolve())));
}

/**
 * A statement with its `:name` values inlined, escaped by the dialect (an array becomes a
 * list). For `runBatch`: keep `::` casts and colons out of the text.
 */
export function inlineSql(sequelize: Sequelize, text: string, values: Record<string, Value | Value[]>): string {
  const one = (value: Value) => sqlLiteral(sequelize, value);
  return text.replace(/:([a-zA-Z]\w*)/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${text}`);
    return Array.isArray(value) ? value.map(one).join(', ') : one(value);
  });
}
