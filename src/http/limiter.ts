import { TokenBucket } from '../foundations/token-bucket.js';

/**
 * A rate shared with other replicas (REDIS_URL: src/shared/redis-rate-gate.ts): resolves true once
 * a request may start under the global rate, or false when the shared tier cannot say (Redis
 * down), in which case the caller spaces requests with its own local bucket.
 */
export interface RateGate {
  acquire(): Promise<boolean>;
}

/**
 * A concurrency limit with a bounded queue: at most `max` tasks run at once, at most `maxQueue`
 * wait; past that `run` fails at once with the error from `onFull` instead of growing memory.
 */
export class Limiter {
  #running = 0;
  readonly #queue: (() => void)[] = [];
  /** The rate's bucket; shared with the limiters made by `sharingRate`. */
  readonly #bucket: TokenBucket;

  /**
   * `ratePerSecond`: also space request starts to a vendor's documented rate (e.g. 50 per second).
   * `gate`: the same rate counted across every replica; the local bucket is its fallback.
   */
  constructor(
    readonly max: number,
    readonly maxQueue: number,
    readonly ratePerSecond?: number,
    private readonly gate?: RateGate,
    bucket?: TokenBucket,
  ) {
    this.#bucket = bucket ?? new TokenBucket(ratePerSecond ?? 0, ratePerSecond ?? 0);
  }

  /** A limiter with its own slots and queue that spends the same rate tokens as this one. */
  sharingRate(max: number, maxQueue: number): Limiter {
    return new Limiter(max, maxQueue, this.ratePerSecond, this.gate, this.#bucket);
  }

  /** Waits for a rate token (token bucket, bursts up to one second's worth). */
  async #rate(): Promise<void> {
    const rps = this.ratePerSecond;
    if (!rps) return;
    // The global rate when the shared tier answers; this replica's own rate when it cannot.
    if (this.gate && (await this.gate.acquire())) return;
    while (!this.#bucket.tryTake()) {
      await new Promise((r) => setTimeout(r, Math.ceil(this.#bucket.secondsUntil() * 1000)));
    }
  }

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
      await this.#rate();
      return await task();
    } finally {
      this.#running--;
      this.#queue.shift()?.();
    }
  }
}
