/**
 * A cached, renewable credential (bearer token, session cookie): fetched on first use, reused
 * until `marginMs` before it expires, renewed by one fetch however many callers wait (single
 * flight), and dropped when a vendor refuses it so the next call fetches a new one.
 *
 * With a shared store (REDIS_URL: src/shared/redis-token-store.ts) the same holds across
 * replicas: a credential one replica fetched is used by all, one replica renews it while the
 * others wait for the value it writes (a lock with an expiry, so a replica dying mid-fetch only
 * delays the others), and a refused credential is dropped for all. The store failing (Redis down)
 * falls back to this process's own fetch. Only the gateway's own credentials live here: a caller's
 * forwarded credential never reaches a TokenCache.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface IssuedCredential {
  value: string;
  /** Lifetime in ms from now; undefined = until refused. */
  expiresInMs?: number | undefined;
}

/** A credential and when it expires (ms since the epoch; Infinity = until refused). */
export interface StoredCredential {
  value: string;
  expiresAt: number;
}

/** Where replicas share one credential. Every method rejects while the store is unavailable. */
export interface SharedCredentialStore {
  read(): Promise<StoredCredential | undefined>;
  write(c: StoredCredential): Promise<void>;
  /** The renewal lock: a release function when taken, undefined when another replica holds it. */
  lock(): Promise<(() => Promise<void>) | undefined>;
  /** Drops the shared credential if it is still `value`. */
  drop(value: string): Promise<void>;
}

/** How often a replica waiting for another's renewal looks for the new value. */
const POLL_MS = 50;
/** How long it waits before fetching on its own (the lock's expiry covers a holder that died). */
const WAIT_MS = 20_000;

type Attempt<T> = { ok: true; value: T } | { ok: false };

async function attempt<T>(op: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await op() };
  } catch {
    return { ok: false };
  }
}

export class TokenCache {
  #current: StoredCredential | undefined;
  #inFlight: Promise<string> | undefined;
  /** The last credential a vendor refused: never taken back from the shared store. */
  #refused: string | undefined;

  constructor(
    private readonly fetchCredential: (signal?: AbortSignal) => Promise<IssuedCredential>,
    private readonly marginMs = 60_000,
    private readonly shared?: SharedCredentialStore,
  ) {}

  async get(signal?: AbortSignal): Promise<string> {
    const cur = this.#current;
    if (this.#usable(cur)) return cur.value;
    // The shared fetch is not tied to one caller's signal: another caller may still want it.
    this.#inFlight ??= (this.shared ? this.#obtainShared(this.shared) : this.#fetch(undefined)).finally(
      () => {
        this.#inFlight = undefined;
      },
    );
    if (!signal) return this.#inFlight;
    return raceSignal(this.#inFlight, signal);
  }

  /** The current value, if any (no fetch). */
  peek(): string | undefined {
    return this.#current?.value;
  }

  /** Forgets `value` if it is still the current one, so the next `get` fetches a new credential. */
  invalidate(value: string): void {
    this.#refused = value;
    if (this.#current?.value === value) this.#current = undefined;
    // Every replica stops using it; a failure here only costs the others one refusal each.
    this.shared?.drop(value).catch(() => undefined);
  }

  #usable(c: StoredCredential | undefined): c is StoredCredential {
    return c !== undefined && c.value !== this.#refused && Date.now() < c.expiresAt - this.marginMs;
  }

  #keep(c: StoredCredential): string {
    this.#current = c;
    return c.value;
  }

  /** Fetches from the vendor; keeps the result here and, when given, in the shared store. */
  async #fetch(store: SharedCredentialStore | undefined): Promise<string> {
    const c = await this.fetchCredential();
    const kept = { value: c.value, expiresAt: Date.now() + (c.expiresInMs ?? Number.POSITIVE_INFINITY) };
    if (store) await store.write(kept).catch(() => undefined);
    return this.#keep(kept);
  }

  /** The shared credential, or one renewal for every replica (lock holder fetches, others wait). */
  async #obtainShared(store: SharedCredentialStore): Promise<string> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = await attempt(() => store.read());
      if (!found.ok) return this.#fetch(undefined);
      if (this.#usable(found.value)) return this.#keep(found.value);
      const lock = await attempt(() => store.lock());
      if (!lock.ok) return this.#fetch(undefined);
      const release = lock.value;
      if (release) {
        try {
          // Another replica may have written a new one between our read and our lock.
          const again = await attempt(() => store.read());
          if (again.ok && this.#usable(again.value)) return this.#keep(again.value);
          return await this.#fetch(store);
        } finally {
          await release().catch(() => undefined);
        }
      }
      if (Date.now() > deadline) return this.#fetch(store);
      await sleep(POLL_MS);
    }
  }
}

function raceSignal<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
