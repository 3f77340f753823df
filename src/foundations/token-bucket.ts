/**
 * A token bucket: up to `capacity` tokens (fractions count), refilled at `perSecond` as time
 * passes, and by `add` for tokens earned some other way. Taking never waits: `secondsUntil` says how
 * long a caller that wants to wait has to. The clock is injectable for tests.
 *
 * Written here rather than taken from a package: none in node_modules does this (p-limit bounds
 * concurrency, not a rate), and the three users need the bucket's state (tokens, last refill),
 * which rate-limiting packages keep to themselves.
 */
export class TokenBucket {
  #tokens: number;
  #refilledAt: number;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    readonly now: () => number = Date.now,
    /** Tokens at the start; default full. */
    tokens = capacity,
  ) {
    this.#tokens = tokens;
    this.#refilledAt = now();
  }

  /** Tokens now, after the refill for the time passed since the last look. */
  tokens(at = this.now()): number {
    if (this.perSecond > 0) {
      this.#tokens = Math.min(
        this.capacity,
        this.#tokens + ((at - this.#refilledAt) / 1000) * this.perSecond,
      );
    }
    this.#refilledAt = at;
    return this.#tokens;
  }

  /** When the bucket last refilled (a bucket untouched for long is full again). */
  get refilledAt(): number {
    return this.#refilledAt;
  }

  /** Takes one token if there is one. */
  tryTake(at = this.now()): boolean {
    if (this.tokens(at) < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Seconds until one token is there at the refill rate (0 when it is; Infinity without refill). */
  secondsUntil(): number {
    if (this.#tokens >= 1) return 0;
    return this.perSecond > 0 ? (1 - this.#tokens) / this.perSecond : Number.POSITIVE_INFINITY;
  }

  /** Adds earned tokens, up to the capacity. */
  add(n: number): void {
    this.#tokens = Math.min(this.capacity, this.#tokens + n);
  }
}
