/**
 * Request coalescing ("single flight"): concurrent identical calls share one in-flight promise.
 * Dataloader only merges identical asks within one GraphQL request; this merges them across
 * requests. The key must hold everything that makes two calls interchangeable — the vendor, URL,
 * headers and the credential identity (see `readKey` in cache-key.ts): never two callers' credentials.
 *
 * Each waiter keeps its own deadline: a waiter whose signal aborts leaves with its own error while
 * the shared call goes on for the others. Only when every waiter has left is the shared call
 * aborted (and forgotten, so a later caller starts afresh).
 *
 * A shared call that fails is shared as it fails: every waiter gets the same error. With a
 * `failureTtlMs`, the failure is also remembered for that long per key: a call with that key
 * made meanwhile gets the same error at once, without a vendor call. A broken vendor then sees at
 * most one call (and its retries) per key per `failureTtlMs`, however many callers ask. What is
 * never remembered (`remember` says no): the vendor's refusal of a credential (a new credential
 * must be tried at once), this gateway's own refusals (its queue is full: not the vendor's
 * state), and a call cancelled because every waiter left.
 */
interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
}

interface Remembered {
  error: unknown;
  until: number;
}

export interface CoalescerOptions {
  /** How long a failure is answered again without a call (ms); 0 = never. */
  failureTtlMs?: number;
  /** Whether a failure tells something about the vendor that is worth remembering. */
  remember?: (error: unknown) => boolean;
}

/** Past this many remembered failures, the expired ones are swept before one more is kept. */
const SWEEP_AT = 1024;

export class Coalescer {
  readonly #inflight = new Map<string, Flight>();
  readonly #failed = new Map<string, Remembered>();
  readonly #failureTtlMs: number;
  readonly #remember: (error: unknown) => boolean;
  /** Calls that joined a call already in flight instead of making their own. */
  coalesced = 0;
  /** Calls answered with a failure remembered from a call just before, without a vendor call. */
  failuresReplayed = 0;

  constructor(opts: CoalescerOptions = {}) {
    this.#failureTtlMs = opts.failureTtlMs ?? 0;
    this.#remember = opts.remember ?? (() => true);
  }

  /** Calls in flight now (for tests and metrics). */
  get size(): number {
    return this.#inflight.size;
  }

  /**
   * Runs `start` once per key at a time. `start` gets the shared call's signal (aborted only when
   * every waiter has gone); `signal` is this caller's own. `onJoin` is told when this call joined,
   * `onReplay` when it was answered with a remembered failure.
   */
  run<T>(
    key: string,
    signal: AbortSignal | undefined,
    start: (signal: AbortSignal) => Promise<T>,
    onJoin?: () => void,
    onReplay?: () => void,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const failed = this.#failed.get(key);
    if (failed) {
      if (Date.now() < failed.until) {
        this.failuresReplayed++;
        onReplay?.();
        return Promise.reject(failed.error as Error);
      }
      this.#failed.delete(key);
    }
    let flight = this.#inflight.get(key);
    if (flight) {
      this.coalesced++;
      onJoin?.();
    } else {
      const controller = new AbortController();
      const created: Flight = { promise: Promise.resolve(), controller, waiters: 0 };
      created.promise = start(controller.signal)
        .catch((err: unknown) => {
          // Not when every waiter left (the call was cancelled here, the vendor said nothing).
          if (this.#failureTtlMs > 0 && !controller.signal.aborted && this.#remember(err)) {
            this.#keepFailure(key, err);
          }
          throw err;
        })
        .finally(() => {
          if (this.#inflight.get(key) === created) this.#inflight.delete(key);
        });
      // Every waiter may have left already: the shared promise must never be an unhandled rejection.
      created.promise.catch(() => undefined);
      this.#inflight.set(key, created);
      flight = created;
    }
    const f = flight;
    f.waiters++;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const leave = () => {
        if (done) return false;
        done = true;
        signal?.removeEventListener('abort', onAbort);
        f.waiters--;
        return true;
      };
      const onAbort = () => {
        if (!leave()) return;
        if (f.waiters === 0) {
          if (this.#inflight.get(key) === f) this.#inflight.delete(key);
          f.controller.abort(signal?.reason);
        }
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      f.promise.then(
        (v) => leave() && resolve(v as T),
        (e: unknown) => leave() && reject(e as Error),
      );
    });
  }

  #keepFailure(key: string, error: unknown): void {
    const now = Date.now();
    if (this.#failed.size >= SWEEP_AT) {
      for (const [k, r] of this.#failed) if (r.until <= now) this.#failed.delete(k);
    }
    // Still full of live entries (many keys failing at once): the oldest goes.
    if (this.#failed.size >= SWEEP_AT) {
      const oldest = this.#failed.keys().next().value;
      if (oldest !== undefined) this.#failed.delete(oldest);
    }
    this.#failed.set(key, { error, until: now + this.#failureTtlMs });
  }
}
