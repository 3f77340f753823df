/** The vendor HTTP layer's settings (`UPSTREAM_*`, per vendor `<PREFIX>_*`). A leaf: vendors' settings declare defaults in it. */
export interface UpstreamSettings {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Cap on a JSON response body; past it the connection is closed. */
  maxJsonBytes: number;
  /** Extra attempts for idempotent calls (0 = no retry). */
  retries: number;
  /** Concurrent requests in flight to one vendor; more wait in a bounded queue. */
  maxConcurrency: number;
  /** Waiting requests past which a call fails fast with RATE_LIMITED. */
  maxQueue: number;
  /** Streamed downloads in flight to one vendor, on a pool and limit of their own. */
  maxStreams: number;
  /** Request starts per second (a vendor's documented rate limit); undefined = unlimited. */
  ratePerSecond: number | undefined;
  /** Consecutive failures that open the circuit. */
  circuitThreshold: number;
  /** How long an open circuit fails fast before a probe is let through. */
  circuitCooldownMs: number;
  /** Retries earned per first attempt (≤ 1: retries never more than double the load). */
  retryBudgetRatio: number;
}
