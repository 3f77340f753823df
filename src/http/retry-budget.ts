import { TokenBucket } from '../foundations/token-bucket.js';

/**
 * A retry budget (token bucket): every first attempt earns `ratio` of a token, every retry spends
 * one. With ratio ≤ 1, retries can never more than double the load on a vendor, however bad it
 * gets; a small reserve lets an idle gateway still retry its first few failures.
 */
export class RetryBudget {
  readonly #bucket: TokenBucket;

  constructor(
    readonly ratio: number,
    readonly reserve = 10,
  ) {
    // Starts full: a fresh gateway may retry its first failures; sustained, retries ≤ ratio × calls.
    // No refill with time: tokens are earned by first attempts only.
    this.#bucket = new TokenBucket(reserve + 100 * ratio, 0);
  }

  onAttempt(): void {
    this.#bucket.add(this.ratio);
  }

  trySpend(): boolean {
    return this.#bucket.tryTake();
  }
}
