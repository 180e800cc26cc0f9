/** What a queued job ended with. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** The transactions the queue needs from the database. */
export interface GroupTransactions<T> {
  /** Runs `body` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<R>(body: (transaction: T) => Promise<R>): Promise<R>;
  /**
   * Runs `work` inside `transaction` so that, if it throws, what it wrote is undone and the
   * transaction goes on (a savepoint). Throws only when the undoing itself failed.
   */
  isolated<R>(transaction: T, work: () => Promise<R>): Promise<Outcome<R>>;
}

/** At most this many jobs share a commit: bounds how long the first of them waits for its answer. */
const MAX_GROUP = 64;

interface Job<T> {
  work: (transaction: T) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Runs write jobs one at a time, in arrival order; a failed job does not stop the next.
 *
 * Jobs that arrive while another runs are committed together (group commit): one
 * transaction, each job in a savepoint of its own, so a failing job loses exactly its own
 * writes. Each job still sees the ones before it, exactly as one after the other, and
 * none is answered before the commit that keeps it. Measured on SQLite in the
 * booking-rush benchmark: the COMMIT (writing the changed pages to the WAL) was the most
 * expensive statement of a booking request; a group writes each shared page once. A job
 * alone in the queue runs in a plain transaction, as before.
 */
export class WriteQueue<T> {
  readonly #pending: Job<T>[] = [];
  #draining: Promise<void> | null = null;

  constructor(private readonly db: GroupTransactions<T>) {}

  run<R>(work: (transaction: T) => Promise<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      // An idle queue starts on the next turn of the event loop, not at once: with a
      // synchronous driver a job would otherwise end before the next request is even read,
      // and nothing would ever wait to share a commit. Requests read in the same turn do.
      this.#draining ??= new Promise<void>((started) => setImmediate(started)).then(() => this.#drain());
    });
  }

  /** Resolves once every job queued so far has ended. */
  async drain(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  async #drain(): Promise<void> {
    while (this.#pending.length > 0) await this.#commit(this.#pending.splice(0, MAX_GROUP));
    this.#draining = null;
  }

  async #commit(group: Job<T>[]): Promise<void> {
    const [only] = group;
    if (only && group.length === 1) {
      try {
        only.resolve(await this.db.transaction(only.work));
      } catch (error) {
        only.reject(error);
      }
      return;
    }
    const outcomes: Outcome<unknown>[] = [];
    try {
      await this.db.transaction(async (transaction) => {
        for (const job of group) outcomes.push(await this.db.isolated(transaction, () => job.work(transaction)));
      });
    } catch (error) {
      // Nothing of the group was kept: each job learns why (its own failure, or the commit's).
      group.forEach((job, i) => {
        const outcome = outcomes[i];
        job.reject(outcome && !outcome.ok ? outcome.error : error);
      });
      return;
    }
    group.forEach((job, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) job.resolve(outcome.value);
      else job.reject(outcome?.error);
    });
  }
}
