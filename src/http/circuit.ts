/**
 * A circuit breaker per vendor: after `threshold` consecutive failures (5xx, timeouts, connection
 * errors) calls fail fast for `cooldownMs`; then one probe at a time is let through (half-open):
 * its success closes the circuit, its failure opens it again.
 */
export type CircuitState = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

export class CircuitBreaker {
  #failures = 0;
  #openedAt: number | undefined;
  #probing = false;

  constructor(
    readonly threshold: number,
    readonly cooldownMs: number,
  ) {}

  get state(): CircuitState {
    if (this.#openedAt === undefined) return 'CLOSED';
    return Date.now() - this.#openedAt >= this.cooldownMs ? 'HALF_OPEN' : 'OPEN';
  }

  /** May a call go out now? In half-open, only one probe at a time. */
  allow(): boolean {
    const s = this.state;
    if (s === 'CLOSED') return true;
    if (s === 'OPEN' || this.#probing) return false;
    this.#probing = true;
    return true;
  }

  onSuccess(): void {
    this.#failures = 0;
    this.#openedAt = undefined;
    this.#probing = false;
  }

  onFailure(): void {
    this.#probing = false;
    this.#failures++;
    if (this.#openedAt !== undefined || this.#failures >= this.threshold) this.#openedAt = Date.now();
  }

  /** A call that ended without telling anything about the vendor's health (cancelled by us). */
  onNeutral(): void {
    this.#probing = false;
  }
}
