import { TokenBucket } from '../foundations/token-bucket.js';

/**
 * Inbound protection: a token bucket per caller (API key, JWT subject, or IP for anonymous
 * callers), so one frontend cannot use up a vendor's budget for everybody. Buckets of callers
 * gone quiet are dropped; memory is bounded by the number of callers active within a refill time.
 */
export class CallerRateLimiter {
  readonly #buckets = new Map<string, TokenBucket>();
  #lastPrune = Date.now();

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number,
    readonly now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; when none is left, how many seconds until one is. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    this.#prune(now);
    const b = this.#buckets.get(key) ?? new TokenBucket(this.burst, this.ratePerSecond, this.now);
    this.#buckets.set(key, b);
    if (b.tryTake(now)) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(b.secondsUntil())) };
  }

  /** Forgets buckets that have refilled completely (their caller was idle long enough). */
  #prune(now: number): void {
    const full = (this.burst / this.ratePerSecond) * 1000;
    if (now - this.#lastPrune < Math.max(1000, full)) return;
    this.#lastPrune = now;
    for (const [k, b] of this.#buckets) if (now - b.refilledAt >= full) this.#buckets.delete(k);
  }
}
