import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** How often the log is copied back: a few hundred pages at most in a booking rush. */
const INTERVAL_MS = 200;

/**
 * The thread, as source: a file of its own would be TypeScript under the tests' loader,
 * which worker threads do not get. Its own connection; a passive checkpoint never waits
 * for a lock (SQLITE_BUSY: another checkpoint runs), a busy round is left to the next one.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Driver = require(workerData.driver);
const db = new Driver(workerData.file);
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
parentPort.postMessage('ready');
`;

/**
 * SQLite copies its write-ahead log back into the database file (a checkpoint) from the
 * commit that finds the log over 1,000 pages — inside that commit, two fsyncs included, on
 * the one thread that answers every request. With better-sqlite3 nothing else runs
 * meanwhile. Measured in the booking-rush benchmark: checkpoints were half of the commits'
 * time. Here the writer's automatic checkpoints are turned off and a worker thread, with a
 * connection of its own, checkpoints every INTERVAL_MS (SQLite's advice for such a load).
 * If the thread fails, the writer checkpoints itself again.
 */
export class WalCheckpoints {
  readonly #file: string;
  #worker: Worker | null = null;
  #onFailure: (() => void) | null = null;

  constructor(file: string) {
    this.#file = file;
  }

  /** Starts the thread; `onFailure` turns automatic checkpoints back on if it cannot start or ever stops unasked. */
  async start(onFailure: () => void): Promise<void> {
    if (this.#worker) return;
    this.#onFailure = onFailure;
    let worker: Worker;
    try {
      worker = new Worker(THREAD, {
        eval: true,
        workerData: { driver: require.resolve('better-sqlite3'), file: this.#file, intervalMs: INTERVAL_MS },
      });
    } catch {
      return this.#failed();
    }
    this.#worker = worker;
    worker.once('error', () => this.#failed());
    worker.once('exit', () => this.#failed());
    const ready = await new Promise<boolean>((resolve) => {
      worker.once('message', (message: unknown) => resolve(message === 'ready'));
      worker.once('exit', () => resolve(false));
    });
    // Never keeps the process alive; `stop` ends it (a process that just exits leaves the
    // log to the next opening, which SQLite replays).
    if (ready) worker.unref();
  }

  /** Stops the thread after one last checkpoint. */
  async stop(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#onFailure = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref(); // until it has exited
    worker.postMessage('stop');
    await exited;
    this.#worker = null;
  }

  #failed(): void {
    this.#worker = null;
    const fallBack = this.#onFailure;
    this.#onFailure = null;
    fallBack?.();
  }
}
