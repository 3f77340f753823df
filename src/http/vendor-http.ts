/**
 * The one vendor HTTP layer. Every vendor client sends its requests through a `VendorHttp`.
 * A call runs through a chain of small layers built once per vendor (layers.ts), outermost first:
 *
 *   renewOn401 → retry → readErrorBodies → circuitBreaker → earnRetryBudget
 *     → attachCredentials → limit → dispatch (undici)
 *
 * - credentials.ts: the credential an attempt carries (forwarded or the gateway's), one fresh
 *   start after a 401 when it can be renewed;
 * - resilience.ts: retries of idempotent calls (full jitter, Retry-After) paid from the retry
 *   budget, and the circuit breaker;
 * - send.ts: the per-vendor concurrency/rate limit with a bounded queue, and the request on
 *   undici's keep-alive pools (connect/header/body timeouts); streamed downloads on a pool and
 *   limit of their own (`VendorRequest.stream`, UPSTREAM_MAX_STREAMS);
 * - error-map.ts: the one mapping of statuses, error bodies and transport failures to the
 *   gateway's error codes, applied once, here, at the end of a call or a body read;
 * - scrub.ts: request credentials are never logged and never copied into errors.
 *
 * This file keeps what vendor clients use: `request`, `json` (with the cache and coalescing in
 * front, cache.ts/coalesce.ts, a JSON size cap, and the request's budget of vendor bytes,
 * budget.ts), `readCapped` (json-body.ts) and `mapStreamError`.
 */
import { Agent } from 'undici';
import {
  type GatewayError,
  isGatewayError,
  RateLimitedError,
  UpstreamInvalidResponseError,
  type VendorName,
} from '../foundations/errors.js';
import { type Logger, silentLogger } from '../observability/logger.js';
import { currentRequest } from '../observability/request-context.js';
import { countRateLimited, recordVendorRequestId } from '../observability/vendor-calls.js';
import type { UpstreamSettings } from '../settings/load.js';
import { requestBudgetOf } from './budget.js';
import { readThrough } from './cache.js';
import { readKey } from './cache-key.js';
import type { VendorCache } from './cache-policy.js';
import type { JsonRead } from './cache-store.js';
import { CircuitBreaker } from './circuit.js';
import { Coalescer } from './coalesce.js';
import { attachCredentials, renewOn401 } from './credentials.js';
import { type ErrorBodyParser, ErrorMapper, readErrorBodies, type StatusClassifier } from './error-map.js';
import { type Call, compose, NO_HEADERS, type Send } from './layers.js';
import { parseJsonAnswer, readCapped } from './json-body.js';
import { credentialValues } from './scrub.js';
import { Limiter, type RateGate } from './limiter.js';
import { circuitBreaker, earnRetryBudget, retry } from './resilience.js';
import { RetryBudget } from './retry-budget.js';
import { dispatch, type Lanes, limit } from './send.js';
import type { VendorAuth, VendorRequest, VendorResponse } from './types.js';
import { buildUrl } from './url.js';

export type { HttpMethod, VendorAuth, VendorErrorInfo, VendorRequest, VendorResponse } from './types.js';
export { parseRetryAfter } from './resilience.js';
export { credentialValues, redact, scrubDetails } from './scrub.js';

export interface VendorHttpOptions {
  vendor: VendorName;
  /** The vendor's name in messages: its module's `label`; default the enum value. */
  label?: string | undefined;
  baseUrl: string;
  upstream: UpstreamSettings;
  auth?: VendorAuth | undefined;
  /** Reads the vendor's documented error body; only what it returns reaches errors. */
  parseError?: ErrorBodyParser;
  /** How a caller's forwarded credential is sent (CREDENTIAL_FORWARDING); absent = not forwardable. */
  forwardedHeaders?: (credential: string) => Record<string, string>;
  /** A vendor-specific error for a status, before the generic mapping (e.g. a once-only download's rule). */
  classify?: StatusClassifier;
  logger?: Logger;
  /** The gateway's vendor-response cache (cache-policy.ts); calls opt in with `VendorRequest.cache`. */
  cache?: VendorCache | undefined;
  /** `upstream.ratePerSecond` counted across replicas (REDIS_URL); absent = this process only. */
  rateGate?: RateGate | undefined;
}

interface Shared {
  agents: Lanes<Agent>;
  limiters: Lanes<Limiter>;
  circuit: CircuitBreaker;
  budget: RetryBudget;
}

export class VendorHttp {
  readonly vendor: VendorName;
  readonly baseUrl: string;
  readonly #agents: Lanes<Agent>;
  readonly #opts: VendorHttpOptions;
  readonly #limiters: Lanes<Limiter>;
  readonly #log: Logger;
  readonly circuit: CircuitBreaker;
  readonly #budget: RetryBudget;
  readonly #coalescer: Coalescer;
  readonly #errors: ErrorMapper;
  readonly #send: Send;

  constructor(opts: VendorHttpOptions, shared?: Shared) {
    this.vendor = opts.vendor;
    this.baseUrl = opts.baseUrl;
    this.#opts = opts;
    this.#log = opts.logger ?? silentLogger;
    this.#coalescer = new Coalescer({ failureTtlMs: opts.cache?.failureTtlMs ?? 0, remember: vendorFailure });
    if (shared) {
      this.#agents = shared.agents;
      this.#limiters = shared.limiters;
      this.circuit = shared.circuit;
      this.#budget = shared.budget;
    } else {
      const up = opts.upstream;
      this.circuit = new CircuitBreaker(up.circuitThreshold, up.circuitCooldownMs);
      this.#budget = new RetryBudget(up.retryBudgetRatio);
      // An Agent keeps one keep-alive Pool per origin; one Agent per vendor keeps timeouts per
      // vendor. Streams get their own Agent and limit (UPSTREAM_MAX_STREAMS): downloads that
      // callers read slowly can fill those, never the sockets and slots of the JSON calls. Both
      // lanes spend the same rate tokens (one bucket, or the shared gate).
      const agent = (connections: number) =>
        new Agent({
          connections,
          keepAliveTimeout: 10_000,
          connect: { timeout: up.connectTimeoutMs },
          headersTimeout: up.headersTimeoutMs,
          bodyTimeout: up.bodyTimeoutMs,
        });
      this.#agents = { json: agent(up.maxConcurrency), stream: agent(up.maxStreams) };
      const json = new Limiter(up.maxConcurrency, up.maxQueue, up.ratePerSecond, opts.rateGate);
      this.#limiters = { json, stream: json.sharingRate(up.maxStreams, up.maxQueue) };
    }
    const { vendor } = opts;
    const label = opts.label ?? vendor;
    this.#errors = new ErrorMapper(vendor, label, opts.parseError, opts.classify);
    // undici's own `interceptors.retry` is not used: it retries inside one dispatch, so the
    // budget, the circuit, the limiter slot, the 401 renewal and the trace of each attempt would
    // not see the attempts; it also resumes cut bodies with Range requests (a truncated body must
    // fail, not be stitched) and shapes its own errors. Each of those is a small layer here.
    this.#send = compose(
      [
        renewOn401(opts.auth),
        retry({
          vendor,
          label,
          retries: opts.upstream.retries,
          budget: this.#budget,
          errors: this.#errors,
          log: this.#log,
        }),
        readErrorBodies(this.#errors),
        circuitBreaker(this.circuit, vendor, label),
        earnRetryBudget(this.#budget),
        attachCredentials(vendor, opts.auth, opts.forwardedHeaders),
        limit(this.#limiters, () => {
          countRateLimited(vendor, 'queue');
          return new RateLimitedError(`Too many requests queued for ${label}`, { vendor });
        }),
      ],
      dispatch(this.#agents, vendor, this.#log),
    );
  }

  /** The same pools and limits, with a vendor-specific error rule for some calls. */
  withClassifier(classify: StatusClassifier): VendorHttp {
    return new VendorHttp(
      { ...this.#opts, classify },
      { agents: this.#agents, limiters: this.#limiters, circuit: this.circuit, budget: this.#budget },
    );
  }

  get label(): string {
    return this.#opts.label ?? this.vendor;
  }

  /** Calls in flight and waiting now, JSON calls and streams together (metrics). */
  get load(): { running: number; queued: number } {
    const { json, stream } = this.#limiters;
    return { running: json.running + stream.running, queued: json.queued + stream.queued };
  }

  /** Sends a request and returns a 2xx response whose body the caller must consume or dump. */
  async request(req: VendorRequest): Promise<VendorResponse> {
    const method = req.method ?? 'GET';
    const url = buildUrl(req.baseUrl ?? this.baseUrl, req.path, req.query);
    // As ever: a call begun after its deadline or cancellation throws the signal's own reason.
    req.signal?.throwIfAborted();
    const call: Call = { req, method, url, attempt: 1, auth: NO_HEADERS, forwarded: false, error: undefined };
    let res: VendorResponse;
    try {
      res = await this.#send(call);
    } catch (err) {
      throw this.#errors.transport(err, req.signal);
    }
    const { statusCode } = res;
    if (statusCode >= 200 && statusCode < 300) {
      res.signal = req.signal;
      // Computed only when a body is scrubbed: `call.auth` is the answered attempt's credential.
      res.credentials = () => credentialValues({ ...req.headers, ...call.auth }, req.body);
      return res;
    }
    recordVendorRequestId(currentRequest(), call.error?.requestId);
    if (statusCode === 429) countRateLimited(this.vendor, 'upstream');
    throw this.#errors.status(statusCode, call.error ?? {});
  }

  /**
   * GET/POST expecting JSON: size-capped, parsed, or UPSTREAM_INVALID_RESPONSE. Identical GETs in
   * flight share one call (coalesce.ts) and `req.cache` puts the vendor-response cache in front
   * (cache.ts). The parsed `data` may be shared between callers: never mutate it.
   */
  async json(req: VendorRequest): Promise<{ data: unknown; headers: VendorResponse['headers'] }> {
    return this.readWith(req, (r) => this.#json(r));
  }

  /**
   * `json` with the caller's own way of reading a 2xx response into a `JsonRead` (a list read as
   * a stream into a compact form): the same budget, coalescing, failure memory and cache in front.
   * The budget is charged `JsonRead.bytes`: for a compact form, what it holds.
   */
  async readWith(req: VendorRequest, read: (req: VendorRequest) => Promise<JsonRead>): Promise<JsonRead> {
    // The request's budget of vendor bytes (budget.ts): spent = no further call; each answer charged.
    const budget = requestBudgetOf(req.signal);
    budget?.check(this.label);
    const out = await this.#read(req, read);
    budget?.charge(out, out.bytes, this.label);
    return out;
  }

  #read(req: VendorRequest, read: (req: VendorRequest) => Promise<JsonRead>): Promise<JsonRead> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' || req.idempotent === false) return read(req);
    const url = buildUrl(req.baseUrl ?? this.baseUrl, req.path, req.query).href;
    const { key, ownPartition } = readKey(this.vendor, method, url, req.headers, req.authenticate !== false);
    return readThrough({
      vendor: this.vendor,
      key,
      ownPartition,
      signal: req.signal,
      policy: req.cache,
      coalesce: req.coalesce !== false,
      coalescer: this.#coalescer,
      cache: this.#opts.cache,
      fetch: (signal) => read({ ...req, signal }),
      onRefreshError: (err) =>
        this.#log.warn('vendor cache refresh failed; serving the stale answer', {
          vendor: this.vendor,
          code: isGatewayError(err) ? err.code : undefined,
        }),
    }).catch((err: unknown) => {
      throw this.#errors.transport(err, req.signal);
    });
  }

  async #json(req: VendorRequest): Promise<JsonRead> {
    const res = await this.request(req);
    const text = await this.readCapped(res, this.#opts.upstream.maxJsonBytes);
    return parseJsonAnswer(res, text, this.vendor, this.label);
  }

  /** Reads a body up to `cap` bytes (json-body.ts); past it the call fails. */
  readCapped(res: VendorResponse, cap: number): Promise<string> {
    return readCapped(
      res,
      cap,
      () =>
        new UpstreamInvalidResponseError(`${this.label} sent a body larger than ${cap} bytes`, {
          vendor: this.vendor,
          httpStatus: res.statusCode,
        }),
      (err) => this.#errors.transport(err, res.signal),
    );
  }

  /** Turns a failure while receiving a stream into the gateway's error (for download routes). */
  mapStreamError(err: unknown, signal?: AbortSignal): GatewayError {
    return this.#errors.transport(err, signal);
  }

  async close(): Promise<void> {
    await Promise.all([this.#agents.json.close(), this.#agents.stream.close()]);
  }

  async destroy(): Promise<void> {
    await Promise.all([this.#agents.json.destroy(), this.#agents.stream.destroy()]);
  }
}

/**
 * Whether a failed read is worth remembering (coalesce.ts): the vendor's own failures (5xx,
 * timeouts, bad bodies, its 429, a 404). Not a refused credential (a renewed or corrected one must
 * be tried at once), not this gateway's own queue refusal (no `httpStatus`: not the vendor's
 * state), and nothing that is not a gateway error (a cancellation).
 */
function vendorFailure(err: unknown): boolean {
  if (!isGatewayError(err)) return false;
  if (err.code === 'UPSTREAM_UNAUTHENTICATED' || err.code === 'UPSTREAM_FORBIDDEN') return false;
  return !(err.code === 'RATE_LIMITED' && err.httpStatus === undefined);
}
