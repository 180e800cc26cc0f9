import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';

type Value = string | number | boolean | Date | null;

/** Rows per statement: a billing run's invoices or lines in one or two, a megabyte or two of SQL. */
const ROWS_PER_STATEMENT = 5000;

/**
 * Inserts many rows in multi-row INSERTs, each value escaped once as a literal, without
 * building a model instance or a typed attribute per value (measured on a billing run:
 * queryInterface.bulkInsert spent most of its time there). Not bound parameters: the
 * sqlite3 driver binds them by name, and finding a name among n is linear — a statement of
 * 30,000 parameters took seconds.
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
  if (rows.length === 0) return;
  const qi = sequelize.getQueryInterface();
  const constants = Object.entries(options.constants ?? {});
  const names = [...columns, ...constants.map(([name]) => name)].map((name) => qi.quoteIdentifier(name)).join(', ');
  const literal = (value: Value) => (value === null ? 'NULL' : typeof value === 'number' ? String(value) : escape(sequelize, value));
  const tail = constants.map(([, value]) => `, ${literal(value)}`).join('');
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const tuples = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => {
      if (row.length !== columns.length) throw new Error(`${table}: a row has ${row.length} values for ${columns.length} columns`);
      return `(${row.map(literal).join(', ')}${tail})`;
    });
    await sequelize.query(`INSERT INTO ${qi.quoteIdentifier(table)} (${names}) VALUES ${tuples.join(', ')}`, {
      transaction: options.transaction,
      type: QueryTypes.INSERT,
    });
  }
}

/** Sequelize's escaping for the dialect; it knows booleans too (its declared type does not say so). */
function escape(sequelize: Sequelize, value: string | boolean | Date): string {
  return sequelize.escape(value as string);
}
