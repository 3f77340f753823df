/**
 * A retry budget (token bucket): every first attempt earns `ratio` of a token, every retry spends
 * one. With ratio ≤ 1, retries can never more than double the load on a vendor, however bad it
 * gets; a small reserve lets an idle gateway still retry its first few failures.
 */
export class RetryBudget {
  #tokens: number;
  readonly #cap: number;

  constructor(
    readonly ratio: number,
    readonly reserve = 10,
  ) {
    // Starts full: a fresh gateway may retry its first failures; sustained, retries ≤ ratio × calls.
    this.#cap = reserve + 100 * ratio;
    this.#tokens = this.#cap;
  }

  onAttempt(): void {
    this.#tokens = Math.min(this.#cap, this.#tokens + this.ratio);
  }

  trySpend(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
