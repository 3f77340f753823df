/**
 * The vendor-response cache's per-GraphQL-request scope, found by the request's AbortSignal (which
 * every vendor call of the request carries; no AsyncLocalStorage, whose promise hooks cost on every
 * await): `bypass` (a mutation, `refresh: true`, or `Cache-Control: no-cache` from the caller) and
 * the freshness of what was read, which the response reports as `extensions.cacheControl`.
 */

/** What one GraphQL request asked of the cache and learned from it. */
export interface CacheScope {
  /** Skip cached answers (a mutation, `refresh: true`, or the caller's `Cache-Control: no-cache`). */
  bypass: boolean;
  /** Vendor answers read (cached or not). */
  reads: number;
  /** Smallest remaining fresh lifetime of what was read, in ms (0 when something is not cached). */
  maxAgeMs: number;
  /** Age of the oldest cached answer served, in ms. */
  ageMs: number;
  /** True when a stale answer was served (a refresh was started). */
  stale: boolean;
  /** True when the answer holds something that must not be kept whole (a signed download URL). */
  uncacheable?: boolean;
}

const scopes = new WeakMap<AbortSignal, CacheScope>();

/** Opens the cache scope of the request whose vendor calls carry `signal`. */
export function openCacheScope(signal: AbortSignal, bypass: boolean): CacheScope {
  const scope = { bypass, reads: 0, maxAgeMs: Number.POSITIVE_INFINITY, ageMs: 0, stale: false };
  scopes.set(signal, scope);
  return scope;
}

export function cacheScopeOf(signal: AbortSignal | undefined): CacheScope | undefined {
  return signal ? scopes.get(signal) : undefined;
}

/** The request's answer must not be kept by the whole-response cache (response-cache.ts). */
export function markUncacheable(signal: AbortSignal | undefined): void {
  const s = cacheScopeOf(signal);
  if (s) s.uncacheable = true;
}

/** Counts one read in the request's scope, with its remaining fresh lifetime and age. */
export function note(s: CacheScope | undefined, maxAgeMs: number, ageMs = 0, stale = false): void {
  if (!s) return;
  s.reads++;
  s.maxAgeMs = Math.min(s.maxAgeMs, Math.max(0, maxAgeMs));
  s.ageMs = Math.max(s.ageMs, ageMs);
  s.stale ||= stale;
}
