import { DataTypes, type Model, type ModelStatic, QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { type SqliteConnection, sqliteIdleWriter, sqliteReader } from './database.js';
import { sqliteTimestamp } from './insert-rows.js';
import type { Bindable } from './sqlite-driver.js';

/**
 * Reads rows of one model with hand-written SQL, for the paths every parent request takes.
 * Measured here: a `findOne` costs ~0.35 ms of CPU, mostly building the SQL and the
 * instance; the same statement as raw SQL ~0.09 ms. The rows come back as ordinary
 * instances (getters, `update()`), their columns converted as `findAll` would: SQLite
 * answers timestamps as text and booleans as 0/1.
 */
export async function selectInstances<M extends Model>(
  model: ModelStatic<M>,
  sql: string,
  replacements: Record<string, unknown>,
  transaction?: Transaction,
): Promise<M[]> {
  if (!model.sequelize) throw new Error(`${model.name} is not initialised`);
  const rows = await selectRows(model.sequelize, sql, replacements, transaction);
  return rows.map((row) => instanceOf(model, row));
}

/**
 * Plain rows of hand-written SQL (`:name` values; an array becomes a list). On SQLite the
 * values are bound, not inlined, and the statement goes straight to the driver: the same
 * text comes back on every request, so its prepared statement is reused, and Sequelize's
 * per-query work (a stack trace captured for every statement, the text rewritten with
 * escaped values) is skipped — measured in the booking-rush benchmark: about half the CPU
 * of the statements of a request. PostgreSQL goes through Sequelize as before.
 */
export async function selectRows(
  sequelize: Sequelize,
  sql: string,
  replacements: Record<string, unknown>,
  transaction?: Transaction,
): Promise<Record<string, unknown>[]> {
  if (sequelize.getDialect() !== 'sqlite') {
    return sequelize.query<Record<string, unknown>>(sql, { type: QueryTypes.SELECT, replacements, transaction, raw: true });
  }
  // No await between choosing the writer's connection and reading: it must still be idle when read.
  const connection = transaction
    ? (transaction as unknown as { connection: SqliteConnection }).connection
    : (sqliteIdleWriter(sequelize) ?? (await sqliteReader(sequelize)));
  const { text, values } = boundSql(sql, replacements);
  return connection.rows(text, values) as Record<string, unknown>[];
}

/** A hand-written write (`:name` values), the same way as `selectRows`; errors as the driver reports them on SQLite, as Sequelize's on PostgreSQL. */
export async function runSql(
  sequelize: Sequelize,
  sql: string,
  replacements: Record<string, unknown>,
  transaction?: Transaction,
): Promise<void> {
  await selectRows(sequelize, sql, replacements, transaction);
}

const PLACEHOLDER_OR_STRING = /'(?:[^']|'')*'|(?<![:\w]):([a-zA-Z]\w*)/g;

/** A statement's text for SQLite and, in order, the value each of its `?` takes (`item`: of a list). */
interface BoundShape {
  text: string;
  slots: { name: string; item: number | null }[];
}
const shapes = new Map<string, BoundShape>();
/** Distinct statements remembered; the hot ones repeat, so a full map is simply started again. */
const MAX_SHAPES = 1000;
/** Longer texts are rewritten each time rather than kept (hand-written statements are short). */
const MAX_SHAPE_KEY = 8192;

/**
 * `sql` with its `:name` placeholders as SQLite's positional `?` (bound in order: no name
 * to look up among a statement's parameters), a list's items one `?` each (the text then
 * only varies with the lists' lengths), timestamps as Sequelize writes them on SQLite,
 * booleans as 0/1. The rewriting is done once per text and list lengths.
 */
export function boundSql(sql: string, replacements: Record<string, unknown>): { text: string; values: Bindable[] } {
  let key = sql;
  for (const name in replacements) {
    const value = replacements[name];
    if (Array.isArray(value)) key += `|${name}=${value.length}`;
  }
  let shape = shapes.get(key);
  if (!shape) {
    shape = shapeOf(sql, replacements);
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    if (key.length <= MAX_SHAPE_KEY) shapes.set(key, shape);
  }
  const values: Bindable[] = [];
  for (const { name, item } of shape.slots) {
    if (!(name in replacements)) throw new Error(`no value for :${name}`);
    const value = replacements[name];
    values.push(sqliteValue(item === null ? value : (value as unknown[])[item]));
  }
  return { text: shape.text, values };
}

function shapeOf(sql: string, replacements: Record<string, unknown>): BoundShape {
  const slots: BoundShape['slots'] = [];
  const text = sql.replace(PLACEHOLDER_OR_STRING, (whole, name: string | undefined) => {
    if (name === undefined) return whole;
    const value = replacements[name];
    if (!Array.isArray(value)) {
      slots.push({ name, item: null });
      return '?';
    }
    // An empty list stays empty, as Sequelize inlined it: SQLite takes `IN ()`.
    return value
      .map((_, i) => {
        slots.push({ name, item: i });
        return '?';
      })
      .join(', ');
  });
  return { text, slots };
}

/** A value as Sequelize stores it on SQLite: timestamps as text, booleans as 0/1. */
function sqliteValue(value: unknown): Bindable {
  if (value instanceof Date) return sqliteTimestamp(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint' || Buffer.isBuffer(value)) return value;
  throw new TypeError(`cannot bind ${typeof value} to a SQLite statement`);
}

/** An instance of `model` from a raw row (columns named as the model's attributes). */
export function instanceOf<M extends Model>(model: ModelStatic<M>, row: Record<string, unknown>): M {
  const { timestamps, booleans } = columnKinds(model);
  for (const name of timestamps) {
    const value = row[name];
    if (typeof value === 'string') row[name] = new Date(value);
  }
  for (const name of booleans) {
    const value = row[name];
    if (typeof value === 'number') row[name] = value !== 0;
  }
  return stored(model, row);
}

/** What a model instance holds, as Sequelize 6 keeps it (rows.test.ts compares ours with its own). */
interface InstanceState {
  dataValues: Record<string, unknown>;
  _previousDataValues: Record<string, unknown>;
  uniqno: number;
  _changed: Set<string>;
  _options: Record<string, unknown>;
  isNewRecord: boolean;
}

/**
 * `model.build(row, { raw: true, isNewRecord: false })`, without its per-column work: given
 * `raw`, Sequelize stores each value as it is (its sanitizers leave raw values alone), so
 * the instance is the row and a copy of it as the "previous" values. Measured in the
 * booking-rush benchmark: `build` was about 4% of the server's CPU.
 */
function stored<M extends Model>(model: ModelStatic<M>, row: Record<string, unknown>): M {
  const { _schema, _schemaDelimiter } = model as unknown as { _schema: unknown; _schemaDelimiter: unknown };
  const state: InstanceState = {
    dataValues: row,
    _previousDataValues: { ...row },
    uniqno: 1,
    _changed: new Set(),
    _options: { isNewRecord: false, _schema, _schemaDelimiter, raw: true },
    isNewRecord: false,
  };
  return Object.assign(Object.create(model.prototype) as M, state);
}

const kinds = new WeakMap<object, { timestamps: string[]; booleans: string[] }>();

function columnKinds(model: ModelStatic<Model>): { timestamps: string[]; booleans: string[] } {
  let known = kinds.get(model);
  if (!known) {
    const attributes = Object.entries(model.getAttributes());
    const typed = (type: unknown) => attributes.filter(([, a]) => a.type instanceof (type as new () => unknown)).map(([name]) => name);
    // DATEONLY is not a DATE subclass: civil dates stay 'YYYY-MM-DD' text on both databases.
    known = { timestamps: typed(DataTypes.DATE), booleans: typed(DataTypes.BOOLEAN) };
    kinds.set(model, known);
  }
  return known;
}

/** `alias.column, …` for every attribute of `model`. */
export function columnsOf(model: ModelStatic<Model>, alias: string): string {
  return prefixedColumns(model, alias, '');
}

/** `alias.column AS "prefixcolumn", …` for every attribute of `model`: one row carrying two joined models. */
export function prefixedColumns(model: ModelStatic<Model>, alias: string, prefix: string): string {
  const key = `${alias}|${prefix}`;
  let byAlias = columnLists.get(model);
  if (!byAlias) columnLists.set(model, (byAlias = new Map()));
  let list = byAlias.get(key);
  if (!list) {
    list = Object.keys(model.getAttributes())
      .map((name) => (prefix ? `${alias}.${name} AS "${prefix}${name}"` : `${alias}.${name}`))
      .join(', ');
    byAlias.set(key, list);
  }
  return list;
}

const columnLists = new WeakMap<object, Map<string, string>>();

const unprefixedNames = new Map<string, Map<string, string>>();

/** The columns of `row` named `prefix…`, without the prefix. */
export function unprefixed(row: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // The same few column names on every request: each is cut once (a new string as a
  // property name is hashed on every use; the cached one keeps its hash).
  let names = unprefixedNames.get(prefix);
  if (!names) unprefixedNames.set(prefix, (names = new Map()));
  for (const key in row) {
    if (!key.startsWith(prefix)) continue;
    let name = names.get(key);
    if (name === undefined) {
      name = key.slice(prefix.length);
      if (names.size < 1000) names.set(key, name);
    }
    out[name] = row[key];
  }
  return out;
}
