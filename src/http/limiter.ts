/**
 * A concurrency limit with a bounded queue: at most `max` tasks run at once, at most `maxQueue`
 * wait; past that `run` fails at once with the error from `onFull` instead of growing memory.
 */
export class Limiter {
  #running = 0;
  readonly #queue: (() => void)[] = [];

  constructor(
    readonly max: number,
    readonly maxQueue: number,
  ) {}

  get running(): number {
    return this.#running;
  }
  get queued(): number {
    return this.#queue.length;
  }

  async run<T>(task: () => Promise<T>, onFull: () => Error): Promise<T> {
    if (this.#running >= this.max) {
      if (this.#queue.length >= this.maxQueue) throw onFull();
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    }
    this.#running++;
    try {
      return await task();
    } finally {
      this.#running--;
      this.#queue.shift()?.();
    }
  }
}
