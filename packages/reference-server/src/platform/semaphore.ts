/** At most `limit` holders at once; the others wait in arrival order. */
export class Semaphore {
  #available: number;
  #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#available = limit;
  }

  async use<T>(work: () => Promise<T>): Promise<T> {
    if (this.#available > 0) this.#available--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#available++;
    }
  }
}
