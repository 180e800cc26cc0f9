/** Runs async jobs one at a time, in arrival order; a failed job does not stop the next. */
export class WriteQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    // #tail never rejects (see below), so each job starts once the previous one has settled.
    const result = this.#tail.then(job);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every job queued so far has ended. */
  async drain(): Promise<void> {
    await this.#tail;
  }
}
