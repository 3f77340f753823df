/**
 * The resilience layers of a vendor call: retries of idempotent calls (full jitter, Retry-After),
 * paid from a retry budget (retry-budget.ts), and a circuit breaker (circuit.ts) that fails fast
 * while a vendor is down. They see raw outcomes and pass them on; codes are given at the end.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  isGatewayError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  type VendorName,
} from '../foundations/errors.js';
import type { Logger } from '../observability/logger.js';
import { currentRequest } from '../observability/request-context.js';
import { countRetry, recordVendorRequestId } from '../observability/vendor-calls.js';
import type { CircuitBreaker } from './circuit.js';
import type { ErrorMapper } from './error-map.js';
import type { Layer } from './layers.js';
import type { RetryBudget } from './retry-budget.js';

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_BASE_MS = 100;
const RETRY_CAP_MS = 2_000;
const RETRY_AFTER_CAP_MS = 10_000;

export interface RetryOptions {
  vendor: VendorName;
  label: string;
  /** Retries after the first attempt of an idempotent call. */
  retries: number;
  budget: RetryBudget;
  errors: ErrorMapper;
  log: Logger;
}

/**
 * Repeats an idempotent call (GET/HEAD unless told otherwise) after a network failure, a timeout
 * or a 408/429/5xx, while attempts and the retry budget last; errors we shaped ourselves (a token
 * call that retried on its own, a full queue, an open circuit) are not retried twice.
 */
export function retry(o: RetryOptions): Layer {
  return async (call, next) => {
    const { req } = call;
    const idempotent = req.idempotent ?? (call.method === 'GET' || call.method === 'HEAD');
    const maxAttempts = idempotent ? 1 + o.retries : 1;
    for (call.attempt = 1; ; call.attempt++) {
      req.signal?.throwIfAborted();
      let res;
      try {
        res = await next(call);
      } catch (err) {
        if (
          call.attempt < maxAttempts &&
          !isGatewayError(err) &&
          !req.signal?.aborted &&
          o.budget.trySpend()
        ) {
          const code = o.errors.transportCode(err, req.signal);
          o.log.debug('vendor call failed, retrying', { vendor: o.vendor, attempt: call.attempt, code });
          countRetry(o.vendor, code);
          await backoff(o, call.attempt, undefined, req.signal);
          continue;
        }
        throw err;
      }
      const status = res.statusCode;
      if (status >= 200 && status < 300) return res;
      if (call.attempt < maxAttempts && RETRYABLE_STATUS.has(status) && o.budget.trySpend()) {
        recordVendorRequestId(currentRequest(), call.error?.requestId);
        countRetry(o.vendor, String(status));
        await backoff(o, call.attempt, res.headers['retry-after'], req.signal);
        continue;
      }
      return res;
    }
  };
}

/** Every first attempt earns the budget its share (after the circuit let it through). */
export function earnRetryBudget(budget: RetryBudget): Layer {
  return (call, next) => {
    if (call.attempt === 1) budget.onAttempt();
    return next(call);
  };
}

/**
 * Fails fast while the vendor's circuit is open; counts each attempt's outcome: 5xx/408 and
 * transport failures against the vendor, our own cancellations and shaped errors as neutral.
 */
export function circuitBreaker(circuit: CircuitBreaker, vendor: VendorName, label: string): Layer {
  return async (call, next) => {
    if (!circuit.allow()) {
      throw new UpstreamUnavailableError(
        `${label} is failing: the gateway stopped calling it for a while (circuit open)`,
        { vendor },
      );
    }
    let res;
    try {
      res = await next(call);
    } catch (err) {
      if (call.req.signal?.aborted || isGatewayError(err)) circuit.onNeutral();
      else circuit.onFailure();
      throw err;
    }
    if (res.statusCode >= 500 || res.statusCode === 408) circuit.onFailure();
    else circuit.onSuccess();
    return res;
  };
}

async function backoff(
  o: RetryOptions,
  attempt: number,
  retryAfter: string | string[] | undefined,
  signal: AbortSignal | undefined,
): Promise<void> {
  let delay = Math.random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
  const after = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  if (after !== undefined) delay = Math.min(after, RETRY_AFTER_CAP_MS);
  await sleep(delay, undefined, { signal }).catch(() => {
    throw new UpstreamTimeoutError(`${o.label}: the request's deadline passed`, { vendor: o.vendor });
  });
}

/** Retry-After as delta-seconds or HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
