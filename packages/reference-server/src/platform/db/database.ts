import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import { Semaphore } from '../semaphore.js';
import { runBatch } from './batch.js';
import { type Bindable, sqliteDriver } from './sqlite-driver.js';
import { WalCheckpoints } from './wal-checkpoints.js';
import { type Outcome, WriteQueue } from './write-queue.js';

export type Dialect = 'sqlite' | 'postgres';

const POSTGRES_POOL = 10;
const POSTGRES_MAX_WRITERS = POSTGRES_POOL / 2;

/**
 * The database and the one rule for writing to it: every write transaction goes through
 * `write()`. On SQLite that serialises writers in this process (measured: concurrent
 * writers otherwise fail with SQLITE_BUSY); on PostgreSQL it is a plain transaction and
 * correctness comes from conditional updates and unique constraints.
 */
export class Database {
  readonly sequelize: Sequelize;
  readonly dialect: Dialect;
  readonly #queue: WriteQueue<Transaction>;
  #closed = false;
  /**
   * PostgreSQL: at most this many write transactions at once, so that a burst of writers
   * waiting on one row lock never holds every pooled connection (the pool then starves and
   * times out). Measured: 200 concurrent booking requests with a pool of 10.
   */
  readonly #writers = new Semaphore(POSTGRES_MAX_WRITERS);

  readonly #checkpoints: WalCheckpoints | null;

  constructor(sequelize: Sequelize, dialect: Dialect, checkpoints: WalCheckpoints | null = null) {
    this.sequelize = sequelize;
    this.dialect = dialect;
    this.#checkpoints = checkpoints;
    this.#queue = new WriteQueue<Transaction>({
      transaction: (body) => sequelize.transaction(body),
      isolated: (transaction, work) => inSavepoint(sequelize, transaction, work),
    });
  }

  write<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    if (this.dialect === 'sqlite') return this.#queue.run(work);
    return this.#writers.use(() => this.sequelize.transaction((transaction) => work(transaction)));
  }

  get closed(): boolean {
    return this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue.drain();
    await this.#checkpoints?.stop();
    await this.sequelize.close();
  }
}

/** `work` in a savepoint of `transaction`: if it throws, its writes are undone and the transaction goes on. */
async function inSavepoint<R>(sequelize: Sequelize, transaction: Transaction, work: () => Promise<R>): Promise<Outcome<R>> {
  await runBatch(sequelize, transaction, [{ sql: 'SAVEPOINT pf_job' }]);
  let outcome: Outcome<R>;
  try {
    outcome = { ok: true, value: await work() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // A failure here leaves the transaction in doubt: it propagates, and the whole group is rolled back.
  const end = outcome.ok ? ['RELEASE pf_job'] : ['ROLLBACK TO pf_job', 'RELEASE pf_job'];
  await runBatch(
    sequelize,
    transaction,
    end.map((sql) => ({ sql })),
  );
  return outcome;
}

export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): Database {
  if (options.databaseUrl) {
    const sequelize = new Sequelize(options.databaseUrl, {
      dialect: 'postgres',
      logging: false,
      pool: { max: POSTGRES_POOL, min: 0, idle: 10_000 },
    });
    sequelize.addHook('afterConnect', (connection) => queueQueries(connection as PgClient));
    return new Database(sequelize, 'postgres');
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const storage = path.join(options.dataDir, 'portail-famille.sqlite');
  const sequelize = new Sequelize({
    dialect: 'sqlite',
    storage,
    dialectModule: sqliteDriver,
    logging: false,
    // Take the write lock at BEGIN: another process on the same file then waits (busy
    // timeout) instead of failing when its read lock cannot be upgraded.
    transactionType: Transaction.TYPES.IMMEDIATE,
  });
  const checkpoints = new WalCheckpoints(storage);
  shareOneWriterConnection(sequelize, checkpoints);
  return new Database(sequelize, 'sqlite', checkpoints);
}

/**
 * SQLite's page cache per connection, in KiB when negative (64 MiB, SQLite's default is 2 MiB;
 * pages are only allocated as used). A large write transaction keeps its changed pages here
 * until commit: with 2 MiB, the billing run's 100,000 claimed days spilled pages to the WAL
 * mid-statement (measured: 0.66 s → 0.42 s for that statement with 64 MiB). Large reads gain
 * too (the billing bench's aggregate over 100,000 bookings: ~40% faster).
 */
const CACHE_SIZE = -65536;

type PgCallback = (error: Error | null, result?: unknown) => void;
interface PgClient {
  query(...args: unknown[]): unknown;
}

/**
 * Queries sent on one PostgreSQL connection before the previous one answered (reads of a
 * transaction sent together) wait for it here, in the order sent: pg queues them itself
 * today but warns, and pg 9 will refuse them. Only the callback form Sequelize uses is queued.
 */
function queueQueries(client: PgClient): void {
  const query = client.query.bind(client);
  let tail: Promise<void> = Promise.resolve();
  client.query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback !== 'function') return query(...args);
    const answer = callback as PgCallback;
    const run = () =>
      new Promise<void>((done) => {
        try {
          query(...args.slice(0, -1), (error: Error | null, result?: unknown) => {
            done();
            answer(error, result);
          });
        } catch (error) {
          done();
          answer(error instanceof Error ? error : new Error(String(error)));
        }
      });
    tail = tail.then(run);
    return undefined;
  };
}

type RowsCallback = (error: Error | null, rows?: unknown[]) => void;

export interface SqliteConnection {
  configure(option: 'busyTimeout', milliseconds: number): void;
  exec(sql: string, callback: (error: Error | null) => void): void;
  all(sql: string, ...rest: unknown[]): unknown;
  run(sql: string, ...rest: unknown[]): unknown;
  readonly inTransaction: boolean;
  /** Our driver's synchronous statement: its rows, its `?` values bound in order. */
  rows(sql: string, values: Bindable[]): unknown[];
}

interface SqliteConnectionManager {
  connections: Record<string, SqliteConnection>;
  getConnection(options?: { uuid?: string }): Promise<SqliteConnection>;
  releaseConnection(connection: SqliteConnection, force?: boolean): void;
}

/**
 * Sequelize's SQLite dialect opens (and closes) a new connection for every transaction,
 * and never runs the `afterConnect` hooks, so per-connection settings are lost. Since our
 * write transactions run one at a time (the write queue), they share one long-lived
 * connection; reads use another. Both get WAL (readers never wait for the writer), a busy
 * timeout (another process may hold the lock) and foreign keys.
 * Measured here: a small write transaction went from ~7 ms to well under 1 ms.
 * Each also gets a page cache of CACHE_SIZE instead of SQLite's 2 MB.
 */
function shareOneWriterConnection(sequelize: Sequelize, checkpoints: WalCheckpoints): void {
  const manager = sequelize.connectionManager as unknown as SqliteConnectionManager;
  const open = manager.getConnection.bind(manager);
  const release = manager.releaseConnection.bind(manager);
  const tuned = new WeakSet<SqliteConnection>();
  const tableInfo = new Map<string, unknown[]>();
  manager.getConnection = async (options = {}) => {
    const uuid = options.uuid && options.uuid !== 'default' ? 'writer' : 'default';
    const connection = await open({ ...options, uuid });
    if (!tuned.has(connection)) {
      connection.configure('busyTimeout', 10_000);
      await new Promise<void>((resolve, reject) =>
        connection.exec(
          `PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = ${CACHE_SIZE};`,
          (error) => (error ? reject(error) : resolve()),
        ),
      );
      cacheTableInfo(connection, tableInfo);
      tuned.add(connection);
      if (uuid === 'writer') await checkpointInBackground(connection, checkpoints);
    }
    return connection;
  };
  manager.releaseConnection = (connection, force) => {
    if (connection === manager.connections.writer && force !== true) return;
    release(connection, force);
  };
}

/**
 * The writer's commits stop checkpointing the log: `checkpoints` does it on its own thread,
 * or they again if it fails (`start` calls back then, on a failure at start-up as later).
 */
async function checkpointInBackground(writer: SqliteConnection, checkpoints: WalCheckpoints): Promise<void> {
  const automatic = (pages: number) =>
    new Promise<void>((resolve, reject) =>
      writer.exec(`PRAGMA wal_autocheckpoint = ${pages}`, (error) => (error ? reject(error) : resolve())),
    );
  await automatic(0);
  await checkpoints.start(() => void automatic(SQLITE_AUTOCHECKPOINT).catch(() => undefined));
}

/** SQLite's own threshold for a checkpoint at commit, in pages of the log. */
const SQLITE_AUTOCHECKPOINT = 1000;

/**
 * For a read outside any transaction that runs at once (synchronously, as `selectRows`
 * does): the writer's own connection while no write transaction is open on it. A connection
 * empties its page cache whenever another one has committed (measured here: a point read
 * 6 µs warm, 26 µs after another connection's commit), and the writer commits all the
 * time; its own commits never empty its cache. With no transaction open, it sees exactly
 * what is committed — so the caller must read before anything else can run.
 */
export function sqliteIdleWriter(sequelize: Sequelize): SqliteConnection | null {
  const writer = (sequelize.connectionManager as unknown as SqliteConnectionManager).connections.writer;
  return writer && !writer.inTransaction ? writer : null;
}

/** The reading connection (reads outside transactions). */
export function sqliteReader(sequelize: Sequelize): Promise<SqliteConnection> {
  return (sequelize.connectionManager as unknown as SqliteConnectionManager).getConnection({});
}

const SCHEMA_CHANGE = /^\s*(CREATE|ALTER|DROP)\b/i;

/**
 * Sequelize's SQLite dialect asks `PRAGMA table_info` of every table named in every SELECT
 * before running it (to convert column types), one extra round trip per read. The answers
 * only change with the schema, so they are kept until the next CREATE / ALTER / DROP.
 * Measured in the booking-rush benchmark: about a third of the statements were these.
 */
function cacheTableInfo(connection: SqliteConnection, cache: Map<string, unknown[]>): void {
  const all = connection.all.bind(connection);
  const run = connection.run.bind(connection);
  const exec = connection.exec.bind(connection);
  connection.all = (sql: string, ...rest: unknown[]) => {
    const callback = rest.at(-1) as RowsCallback;
    if (sql.startsWith('PRAGMA table_info(') && rest.length === 1) {
      const known = cache.get(sql);
      if (known) return process.nextTick(callback, null, known);
      return all(sql, (error: Error | null, rows?: unknown[]) => {
        if (!error && rows) cache.set(sql, rows);
        callback(error, rows);
      });
    }
    if (SCHEMA_CHANGE.test(sql)) cache.clear();
    return all(sql, ...rest);
  };
  connection.run = (sql: string, ...rest: unknown[]) => {
    if (SCHEMA_CHANGE.test(sql)) cache.clear();
    return run(sql, ...rest);
  };
  connection.exec = (sql, callback) => {
    if (SCHEMA_CHANGE.test(sql)) cache.clear();
    return exec(sql, callback);
  };
}
