/**
 * Work done after the answer has left (e.g. the forgotten-password email, so that the
 * answer takes the same time whether an account matched or not). Tracked so that a
 * shutdown waits for it.
 */
export class BackgroundTasks {
  #running = new Set<Promise<void>>();

  run(name: string, work: () => Promise<void>): void {
    const task = work()
      .catch((error: unknown) => console.error(`[background ${name}]`, error))
      .finally(() => this.#running.delete(task));
    this.#running.add(task);
  }

  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }
}
