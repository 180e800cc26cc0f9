import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { execSql, type Statement } from './batch.js';

/** A value written as a SQL literal. */
export type Value = string | number | boolean | Date | null;

/** Rows per statement: a billing run's invoices or lines in one or two, a megabyte or two of SQL. */
const ROWS_PER_STATEMENT = 5000;

/**
 * Inserts many rows in multi-row INSERTs, each value escaped once as a literal, without
 * building a model instance or a typed attribute per value (measured on a billing run:
 * queryInterface.bulkInsert spent most of its time there). Not bound parameters: SQLite
 * takes at most 32,766 in a statement (5,000 invoice lines have 55,000 values). On SQLite
 * the statements go to the driver as they are: Sequelize looks each statement over
 * (lowercased copies, patterns) before running it, not free on a megabyte of SQL.
 *
 * `rows` give the values of `columns`, in that order. `constants` are the same for every row
 * (a run id, a date): escaped once.
 */
export async function insertRows(
  sequelize: Sequelize,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Value[])[],
  options: { transaction: Transaction; constants?: Record<string, Value> },
): Promise<void> {
  for (const sql of insertStatements(sequelize, table, columns, rows, options.constants)) {
    if (sequelize.getDialect() === 'sqlite') await execSql(options.transaction, sql);
    else await sequelize.query(sql, { transaction: options.transaction, type: QueryTypes.INSERT });
  }
}

/**
 * One INSERT of a few rows with `:name` placeholders, for `runBatch`: its text only varies
 * with the number of rows, so SQLite reuses its prepared statement from one request to the next.
 */
export function insertStatement(
  sequelize: Sequelize,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Value[])[],
  constants: Record<string, Value> = {},
): Statement {
  const fixed = Object.entries(constants);
  const head = insertHead(sequelize, table, [...columns, ...fixed.map(([name]) => name)]);
  const shape = insertShape(head, rows.length, columns.length, fixed.length);
  const values: Record<string, Value> = {};
  fixed.forEach(([, value], j) => {
    values[shape.constants[j] ?? ''] = value;
  });
  rows.forEach((row, i) => {
    checkRow(table, columns, row);
    const names = shape.rows[i] ?? [];
    row.forEach((value, j) => {
      values[names[j] ?? ''] = value;
    });
  });
  return { sql: shape.sql, values };
}

/** An INSERT's text and the names of its placeholders, row by row, then the constants'. */
interface InsertShape {
  sql: string;
  rows: string[][];
  constants: string[];
}

/**
 * Made once per statement head and number of rows: the same text object comes back on every
 * request, so the lookups keyed by it (its bound form, its prepared statement) hash it once.
 */
const shapes = new Map<string, Map<number, InsertShape>>();

function insertShape(head: string, rowCount: number, columnCount: number, constantCount: number): InsertShape {
  let byRows = shapes.get(head);
  if (!byRows) shapes.set(head, (byRows = new Map()));
  let shape = byRows.get(rowCount);
  if (!shape) {
    const constants = Array.from({ length: constantCount }, (_, j) => `k${j}`);
    const rows = Array.from({ length: rowCount }, (_, i) => Array.from({ length: columnCount }, (_, j) => `r${i}c${j}`));
    const tail = constants.map((name) => `, :${name}`).join('');
    const tuples = rows.map((names) => `(${names.map((name) => `:${name}`).join(', ')}${tail})`);
    shape = { sql: `${head} VALUES ${tuples.join(', ')}`, rows, constants };
    // Few rows at a time here (insertRows takes the large inserts): a handful of shapes per head.
    if (byRows.size < 100) byRows.set(rowCount, shape);
  }
  return shape;
}

const heads = new Map<string, string>();

/** `INSERT INTO "table" ("column", …)`, quoted once per table and columns (Sequelize's quoting is not free on a hot path). */
function insertHead(sequelize: Sequelize, table: string, columns: string[]): string {
  const key = `${sequelize.getDialect()}|${table}|${columns.join(',')}`;
  let head = heads.get(key);
  if (!head) {
    const qi = sequelize.getQueryInterface();
    head = `INSERT INTO ${qi.quoteIdentifier(table)} (${columns.map((name) => qi.quoteIdentifier(name)).join(', ')})`;
    heads.set(key, head);
  }
  return head;
}

function checkRow(table: string, columns: readonly string[], row: readonly Value[]): void {
  if (row.length !== columns.length) throw new Error(`${table}: a row has ${row.length} values for ${columns.length} columns`);
}

/** The multi-row INSERTs of `insertRows`, values inlined. */
function insertStatements(
  sequelize: Sequelize,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly Value[])[],
  constants: Record<string, Value> = {},
): string[] {
  const fixed = Object.entries(constants);
  const head = insertHead(sequelize, table, [...columns, ...fixed.map(([name]) => name)]);
  const tail = fixed.map(([, value]) => `, ${sqlLiteral(sequelize, value)}`).join('');
  const statements: string[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const tuples = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => {
      checkRow(table, columns, row);
      return `(${row.map((value) => sqlLiteral(sequelize, value)).join(', ')}${tail})`;
    });
    statements.push(`${head} VALUES ${tuples.join(', ')}`);
  }
  return statements;
}

/**
 * A value as a SQL literal, escaped for the dialect as Sequelize does (it knows booleans
 * too, whatever its declared type says). On SQLite, written here: the rules are short
 * (quotes doubled; timestamps as Sequelize stores them; booleans 0/1) and Sequelize's
 * general escaper was a tenth of a booking request's CPU.
 */
export function sqlLiteral(sequelize: Sequelize, value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  if (sequelize.getDialect() !== 'sqlite') return sequelize.escape(value as string);
  if (typeof value === 'boolean') return value ? '1' : '0';
  return `'${(value instanceof Date ? sqliteTimestamp(value) : value).replaceAll("'", "''")}'`;
}

/** A timestamp as Sequelize writes it on SQLite (UTC): 'YYYY-MM-DD HH:MM:SS.SSS +00:00'. */
export function sqliteTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 23).replace('T', ' ')} +00:00`;
}
