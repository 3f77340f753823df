/**
 * The per-request budget of vendor bytes held (LIMIT_VENDOR_BYTES): every vendor JSON answer a
 * GraphQL request reads (fetched, shared with an identical call in flight, or from the cache) is
 * charged to that request once, by the size of the JSON text the vendor sent. Past the budget, the
 * answer that crossed it and every later vendor call of the request fail with QUERY_TOO_COMPLEX,
 * the later ones before any vendor call; other requests are untouched.
 *
 * What one request can hold is then bounded by the budget plus the answers it has in flight (each
 * at most MAX_JSON_BYTES, at most UPSTREAM_MAX_CONCURRENCY at once per vendor). The budget counts
 * the JSON text; the parsed objects take about 2-4 times that in memory.
 *
 * Found by the request's AbortSignal, which every vendor call of the request carries (as the cache
 * scope of cache-scope.ts): no AsyncLocalStorage on the hot path.
 */
import { QueryTooComplexError } from '../foundations/errors.js';

export class RequestBudget {
  #held = 0;
  #over = false;
  /** Answers already charged: a shared or cached answer read twice is held once. */
  readonly #charged = new WeakSet<object>();

  constructor(readonly limit: number) {}

  get held(): number {
    return this.#held;
  }

  /** Throws once the budget is spent: a later call of the request is refused before it is made. */
  check(label: string): void {
    if (this.#over) throw this.#error(label);
  }

  /** Charges an answer of `bytes` (once per answer object); throws when it crosses the budget. */
  charge(answer: object, bytes: number, label: string): void {
    if (this.#charged.has(answer)) return;
    this.#charged.add(answer);
    this.#held += bytes;
    if (this.#held > this.limit) {
      this.#over = true;
      throw this.#error(label);
    }
  }

  #error(label: string): QueryTooComplexError {
    return new QueryTooComplexError(
      `This request read more than ${this.limit} bytes of vendor answers (LIMIT_VENDOR_BYTES); ${label}'s answer was not used. Ask for fewer objects per request.`,
    );
  }
}

const budgets = new WeakMap<AbortSignal, RequestBudget>();

/** Opens the budget of the request whose vendor calls carry `signal`. */
export function openRequestBudget(signal: AbortSignal, limit: number): RequestBudget {
  const budget = new RequestBudget(limit);
  budgets.set(signal, budget);
  return budget;
}

export function requestBudgetOf(signal: AbortSignal | undefined): RequestBudget | undefined {
  return signal ? budgets.get(signal) : undefined;
}
