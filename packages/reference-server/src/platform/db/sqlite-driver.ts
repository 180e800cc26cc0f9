import BetterSqlite3 from 'better-sqlite3';

/**
 * The part of node-sqlite3's callback API that Sequelize's SQLite dialect (and our own
 * batch and raw reads) use, over better-sqlite3, handed to Sequelize as `dialectModule`.
 *
 * Why: node-sqlite3 runs every statement on libuv's thread pool and answers through the
 * event loop. A write transaction of a few small statements then spends most of its time
 * waiting for those round trips — while, on SQLite, every other writer waits for it (the
 * booking-rush benchmark's server sat idle a third of the time, its requests queued behind
 * the writer). better-sqlite3 runs a statement synchronously, in microseconds for the
 * statements of a request, so a transaction holds the write lock only for the CPU it needs.
 * The callbacks still come later (on the next tick), as node-sqlite3's do: callers written
 * for an asynchronous driver keep working, in the order they sent their statements.
 *
 * The price: a long statement (the billing run's aggregate over a commune's month) now
 * runs on the main thread; requests wait for it, as they already waited for the writer.
 */

export const OPEN_READONLY = 0x1;
export const OPEN_READWRITE = 0x2;
export const OPEN_CREATE = 0x4;

type ErrorCallback = (error: Error | null) => void;
type RowsCallback = (error: Error | null, rows?: unknown[]) => void;
/** node-sqlite3 calls `run`'s callback with the statement as `this`, carrying these. */
interface RunResult {
  lastID: number;
  changes: number;
}
type RunCallback = (this: RunResult, error: Error | null) => void;
export type Bindable = number | string | bigint | Buffer | null;
type Parameters = Bindable[] | Record<string, Bindable>;

/** Prepared statements kept per connection: Sequelize's texts repeat (model reads, BEGIN, COMMIT, PRAGMA). */
const STATEMENT_CACHE = 500;

/** A value as node-sqlite3 would bind it: booleans as 0/1, dates as milliseconds, undefined as NULL. */
function bindable(value: unknown): Bindable {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint' || Buffer.isBuffer(value)) return value;
  return String(value);
}

/**
 * Parameters as node-sqlite3 takes them — none, a list, one array, or an object keyed with
 * the placeholder's prefix (`{ $1: … }`, `{ $name: … }`) — in better-sqlite3's form.
 */
function parametersOf(args: unknown[]): Parameters {
  if (args.length === 0) return [];
  const [first] = args;
  if (args.length === 1 && Array.isArray(first)) return first.map(bindable);
  if (args.length === 1 && first !== null && typeof first === 'object' && !Buffer.isBuffer(first) && !(first instanceof Date)) {
    const named: Record<string, Bindable> = {};
    for (const [key, value] of Object.entries(first)) named[/^[$:@]/.test(key) ? key.slice(1) : key] = bindable(value);
    return named;
  }
  return args.map(bindable);
}

/** The statement's arguments and its callback, node-sqlite3 style (the callback last, optional). */
function split<C>(args: unknown[]): [unknown[], C | undefined] {
  const last = args.at(-1);
  return typeof last === 'function' ? [args.slice(0, -1), last as C] : [args, undefined];
}

/** node-sqlite3 answers later, never inside the call: callers rely on it (Sequelize keeps the handle the constructor returns). */
function later(fn: () => void): void {
  process.nextTick(fn);
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** The connections of this process, by file: see `#mustNotWait`. */
const openConnections = new Map<string, Set<Database>>();

export class Database {
  readonly filename: string;
  readonly #db: BetterSqlite3.Database;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  #onError: ((error: Error) => void) | undefined;

  constructor(filename: string, mode?: number | ErrorCallback, callback?: ErrorCallback) {
    const done = typeof mode === 'function' ? mode : callback;
    const flags = typeof mode === 'number' ? mode : OPEN_READWRITE | OPEN_CREATE;
    this.filename = filename;
    let failure: Error | null = null;
    try {
      this.#db = new BetterSqlite3(filename, {
        readonly: (flags & OPEN_READWRITE) === 0,
        fileMustExist: (flags & OPEN_CREATE) === 0,
      });
    } catch (error) {
      failure = asError(error);
      // A handle that says so on every use, as node-sqlite3's does after a failed open.
      this.#db = new Proxy({} as BetterSqlite3.Database, {
        get: () => {
          throw failure;
        },
      });
    }
    if (!failure) {
      let same = openConnections.get(filename);
      if (!same) openConnections.set(filename, (same = new Set()));
      same.add(this);
    }
    if (done) later(() => done(failure));
    else if (failure) later(() => this.#onError?.(failure as Error));
  }

  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  on(event: 'error', listener: (error: Error) => void): this {
    if (event === 'error') this.#onError = listener;
    return this;
  }

  configure(option: string, value: number): void {
    if (option === 'busyTimeout') this.#db.pragma(`busy_timeout = ${Math.max(0, Math.floor(value))}`);
  }

  /** Statements already run in the order they are sent. */
  serialize(work?: () => void): void {
    work?.();
  }

  run(sql: string, ...rest: unknown[]): this {
    const [args, callback] = split<RunCallback>(rest);
    let result: RunResult = { lastID: 0, changes: 0 };
    let failure: Error | null = null;
    try {
      const info = this.#statement(sql).run(parametersOf(args));
      result = { lastID: Number(info.lastInsertRowid), changes: info.changes };
    } catch (error) {
      failure = asError(error);
    }
    this.#answer(failure, callback ? () => callback.call(result, failure) : undefined);
    return this;
  }

  all(sql: string, ...rest: unknown[]): this {
    const [args, callback] = split<RowsCallback>(rest);
    let rows: unknown[] = [];
    let failure: Error | null = null;
    try {
      rows = this.rows(sql, parametersOf(args));
    } catch (error) {
      failure = asError(error);
    }
    this.#answer(failure, callback ? () => callback(failure, failure ? undefined : rows) : undefined);
    return this;
  }

  /**
   * Not node-sqlite3's: the rows of one statement, at once (a statement that returns none
   * is run and answers []). `all` answers with it later; the hand-written statements of the
   * hot paths (`selectRows`, `runBatch`) call it directly — no callback, no tick, no
   * Sequelize — with the positional values `boundSql` made.
   */
  rows(sql: string, values: Parameters): unknown[] {
    const statement = this.#statement(sql);
    if (statement.reader) return statement.all(values);
    statement.run(values);
    return [];
  }

  /** Several statements, no parameters, no rows. */
  exec(sql: string, callback?: ErrorCallback): this {
    let failure: Error | null = null;
    try {
      this.#db.exec(sql);
    } catch (error) {
      failure = asError(error);
    }
    this.#answer(failure, callback ? () => callback(failure) : undefined);
    return this;
  }

  close(callback?: ErrorCallback): void {
    let failure: Error | null = null;
    try {
      this.#statements.clear();
      openConnections.get(this.filename)?.delete(this);
      this.#db.close();
    } catch (error) {
      failure = asError(error);
    }
    this.#answer(failure, callback ? () => callback(failure) : undefined);
  }

  /** A failure with no callback to take it goes to the `error` listener, as node-sqlite3's does. */
  #answer(failure: Error | null, deliver: (() => void) | undefined): void {
    if (deliver) later(deliver);
    else if (failure) later(() => this.#onError?.(failure));
  }

  /**
   * A write from a connection that is not in a transaction, while another connection of
   * this process holds one open on the same file, could only wait for the write lock —
   * and waiting is a sleep of this very thread, so the holder could never commit: it would
   * hang for the whole busy timeout. Such a write fails at once instead, saying why (every
   * write belongs in `Database.write()`). Other processes still wait as usual.
   */
  #mustNotWait(statement: BetterSqlite3.Statement): void {
    if (statement.readonly || this.#db.inTransaction) return;
    for (const other of openConnections.get(this.filename) ?? []) {
      if (other !== this && other.inTransaction) {
        const error = new Error(
          `SQLITE_BUSY: a write outside the write queue while a write transaction is open: ${statement.source.slice(0, 120)}`,
        );
        Object.assign(error, { code: 'SQLITE_BUSY' });
        throw error;
      }
    }
  }

  /** The prepared statement of `sql`, once it is sure it may run now. */
  #statement(sql: string): BetterSqlite3.Statement {
    const statement = this.#prepare(sql);
    this.#mustNotWait(statement);
    return statement;
  }

  #prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (statement) {
      // Most recently used last: the first key is the one to drop.
      this.#statements.delete(sql);
    } else {
      statement = this.#db.prepare(sql);
    }
    this.#statements.set(sql, statement);
    if (this.#statements.size > STATEMENT_CACHE) {
      const oldest = this.#statements.keys().next().value;
      if (oldest !== undefined) this.#statements.delete(oldest);
    }
    return statement;
  }
}

/** What Sequelize's SQLite dialect loads in place of the `sqlite3` package. */
export const sqliteDriver = { Database, OPEN_READONLY, OPEN_READWRITE, OPEN_CREATE };
