/**
 * Request coalescing ("single flight"): concurrent identical calls share one in-flight promise.
 * Dataloader only merges identical asks within one GraphQL request; this merges them across
 * requests. The key must hold everything that makes two calls interchangeable — the vendor, URL,
 * headers and the credential identity (see `readKey` in cache.ts): never two callers' credentials.
 *
 * Each waiter keeps its own deadline: a waiter whose signal aborts leaves with its own error while
 * the shared call goes on for the others. Only when every waiter has left is the shared call
 * aborted (and forgotten, so a later caller starts afresh).
 */
interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
}

export class Coalescer {
  readonly #inflight = new Map<string, Flight>();
  /** Calls that joined a call already in flight instead of making their own. */
  coalesced = 0;

  /** Calls in flight now (for tests and metrics). */
  get size(): number {
    return this.#inflight.size;
  }

  /**
   * Runs `start` once per key at a time. `start` gets the shared call's signal (aborted only when
   * every waiter has gone); `signal` is this caller's own. `onJoin` is told when this call joined.
   */
  run<T>(
    key: string,
    signal: AbortSignal | undefined,
    start: (signal: AbortSignal) => Promise<T>,
    onJoin?: () => void,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    let flight = this.#inflight.get(key);
    if (flight) {
      this.coalesced++;
      onJoin?.();
    } else {
      const controller = new AbortController();
      const created: Flight = { promise: Promise.resolve(), controller, waiters: 0 };
      created.promise = start(controller.signal).finally(() => {
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
}
