import type { Sequelize, Transaction } from 'sequelize';
import type { SqliteConnection } from './database.js';
import { sqlLiteral, type Value } from './insert-rows.js';
import { boundSql } from './rows.js';

/** One statement of a batch: `:name` placeholders and their values (a list for `IN (…)`). */
export interface Statement {
  sql: string;
  values?: Record<string, Value | readonly Value[]>;
}

/**
 * Runs these statements, in order, in one round trip of the write transaction. For writes
 * whose answers are not needed: no rows come back, and an error rejects as the driver
 * reports it (no mapping to Sequelize's error classes). On SQLite each is a prepared
 * statement with bound values, reused from one request to the next (the texts only vary
 * with the number of rows or list items); on PostgreSQL the values are inlined, escaped,
 * and all the statements go as one query.
 */
export async function runBatch(sequelize: Sequelize, transaction: Transaction, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  if (sequelize.getDialect() === 'postgres') {
    await sequelize.query(statements.map((s) => inlineSql(sequelize, s.sql, s.values ?? {})).join(';\n'), { transaction });
    return;
  }
  const { connection } = transaction as unknown as { connection: SqliteConnection };
  for (const statement of statements) {
    const { text, values } = boundSql(statement.sql, statement.values ?? {});
    connection.rows(text, values);
  }
}

/** SQLite: statements with no values, as they are, straight to the write transaction's connection. */
export function execSql(transaction: Transaction, sql: string): Promise<void> {
  const { connection } = transaction as unknown as { connection: SqliteConnection };
  return new Promise<void>((resolve, reject) => connection.exec(sql, (error) => (error ? reject(error) : resolve())));
}

/**
 * A statement with its `:name` values inlined, escaped by the dialect (an array becomes a
 * list). For `runBatch`: keep `::` casts and colons out of the text.
 */
export function inlineSql(sequelize: Sequelize, text: string, values: Record<string, Value | readonly Value[]>): string {
  const one = (value: Value) => sqlLiteral(sequelize, value);
  return text.replace(/:([a-zA-Z]\w*)/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for :${name} in ${text}`);
    return isList(value) ? value.map(one).join(', ') : one(value);
  });
}

function isList(value: Value | readonly Value[]): value is readonly Value[] {
  return Array.isArray(value);
}
