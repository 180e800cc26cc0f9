/**
 * Work done after the answer has left (e.g. the forgotten-password email, so that the
 * answer takes the same time whether an account matched or not). Tracked so that a
 * shutdown waits for it.
 */
export class BackgroundTasks {
  #running = new Set<Promise<void>>();
  #timers = new Set<NodeJS.Timeout>();

  /**
   * Runs `work` every `intervalMs` (first run after one interval), never two at once;
   * the timer does not keep the process alive and `stop()` ends it.
   */
  every(name: string, intervalMs: number, work: () => Promise<void>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      this.run(name, () => work().finally(() => (busy = false)));
    }, intervalMs);
    timer.unref();
    this.#timers.add(timer);
  }

  stop(): void {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.clear();
  }

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
