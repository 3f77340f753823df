/**
 * A cached, renewable credential (bearer token, session cookie): fetched on first use, reused
 * until `marginMs` before it expires, renewed by one fetch however many callers wait (single
 * flight), and dropped when a vendor refuses it so the next call fetches a new one.
 */
export interface IssuedCredential {
  value: string;
  /** Lifetime in ms from now; undefined = until refused. */
  expiresInMs?: number | undefined;
}

export class TokenCache {
  #current: { value: string; expiresAt: number } | undefined;
  #inFlight: Promise<string> | undefined;

  constructor(
    private readonly fetchCredential: (signal?: AbortSignal) => Promise<IssuedCredential>,
    private readonly marginMs = 60_000,
  ) {}

  async get(signal?: AbortSignal): Promise<string> {
    const cur = this.#current;
    if (cur && Date.now() < cur.expiresAt - this.marginMs) return cur.value;
    if (!this.#inFlight) {
      // The shared fetch is not tied to one caller's signal: another caller may still want it.
      this.#inFlight = this.fetchCredential()
        .then((c) => {
          const life = c.expiresInMs ?? Number.POSITIVE_INFINITY;
          this.#current = { value: c.value, expiresAt: Date.now() + life };
          return c.value;
        })
        .finally(() => {
          this.#inFlight = undefined;
        });
    }
    if (!signal) return this.#inFlight;
    return raceSignal(this.#inFlight, signal);
  }

  /** The current value, if any (no fetch). */
  peek(): string | undefined {
    return this.#current?.value;
  }

  /** Forgets `value` if it is still the current one, so the next `get` fetches a new credential. */
  invalidate(value: string): void {
    if (this.#current?.value === value) this.#current = undefined;
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
