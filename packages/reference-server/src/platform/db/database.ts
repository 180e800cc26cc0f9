import fs from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction } from 'sequelize';
import { WriteQueue } from './write-queue.js';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The database and the one rule for writing to it: every write transaction goes through
 * `write()`. On SQLite that serialises writers in this process (measured: concurrent
 * writers otherwise fail with SQLITE_BUSY); on PostgreSQL it is a plain transaction and
 * correctness comes from conditional updates and unique constraints.
 */
export class Database {
  readonly sequelize: Sequelize;
  readonly dialect: Dialect;
  readonly #queue = new WriteQueue();

  constructor(sequelize: Sequelize, dialect: Dialect) {
    this.sequelize = sequelize;
    this.dialect = dialect;
  }

  write<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    const run = () => this.sequelize.transaction((transaction) => work(transaction));
    return this.dialect === 'sqlite' ? this.#queue.run(run) : run();
  }

  async close(): Promise<void> {
    await this.#queue.drain();
    await this.sequelize.close();
  }
}

export function openDatabase(options: { databaseUrl: string | null; dataDir: string }): Database {
  if (options.databaseUrl) {
    const sequelize = new Sequelize(options.databaseUrl, {
      dialect: 'postgres',
      logging: false,
      pool: { max: 10, min: 0, idle: 10_000 },
    });
    return new Database(sequelize, 'postgres');
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const sequelize = new Sequelize({
    dialect: 'sqlite',
    storage: path.join(options.dataDir, 'portail-famille.sqlite'),
    logging: false,
    hooks: {
      // Each connection (sequelize opens one per transaction) gets the same settings.
      afterConnect: async (connection: unknown) => {
        const db = connection as { exec(sql: string, cb: (err: Error | null) => void): void };
        await new Promise<void>((resolve, reject) =>
          db.exec(
            'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON;',
            (err) => (err ? reject(err) : resolve()),
          ),
        );
      },
    },
  });
  return new Database(sequelize, 'sqlite');
}
