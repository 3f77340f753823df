/**
 * The one vendor HTTP layer. Every vendor client sends its requests through a `VendorHttp`:
 * undici with one keep-alive pool per origin, connect/header/body timeouts, a per-vendor
 * concurrency limit with a bounded queue, retries of idempotent calls (full jitter, Retry-After),
 * one retry after a 401 when the credential can be renewed, a JSON size cap, and one mapping of
 * vendor statuses and error bodies to the gateway's error codes. Request headers (tokens, cookies)
 * are never logged and never copied into errors.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, type Dispatcher, errors as undiciErrors } from 'undici';
import {
  BadUserInputError,
  type GatewayError,
  isGatewayError,
  NotFoundError,
  RateLimitedError,
  UpstreamForbiddenError,
  UpstreamInvalidResponseError,
  UpstreamTimeoutError,
  UpstreamUnauthenticatedError,
  UpstreamUnavailableError,
  type VendorName,
} from '../errors.js';
import { type Logger, silentLogger } from '../logger.js';
import { currentRequest } from '../observability/request-context.js';
import {
  countRateLimited,
  countRetry,
  recordVendorRequestId,
  startVendorCall,
  type VendorCallProbe,
} from '../observability/vendor-calls.js';
import type { UpstreamSettings } from '../settings.js';
import { type CallCachePolicy, type JsonRead, readKey, readThrough, type VendorCache } from './cache.js';
import { CircuitBreaker } from './circuit.js';
import { Coalescer } from './coalesce.js';
import { forwardedCredential } from './forwarding.js';
import { Limiter, type RateGate } from './limiter.js';
import { RetryBudget } from './retry-budget.js';
import { buildUrl, type QueryValue } from './url.js';

/** The safe fields a vendor's error body may tell us. */
export interface VendorErrorInfo {
  message?: string | undefined;
  vendorCode?: string | undefined;
  requestId?: string | undefined;
  /** The body's `details` (google.rpc.Status style), passed to callers after `scrubDetails`. */
  details?: unknown;
}

/** A credential source for one vendor: headers to send, and renewal after a 401. */
export interface VendorAuth {
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  /** Called after a 401 with the headers that were refused. True = renewed, worth one more try. */
  renew?(refused: Record<string, string>): boolean;
}

export interface VendorHttpOptions {
  vendor: VendorName;
  /** The vendor's name in messages ("Torq"): its module's `label`; default the enum value. */
  label?: string | undefined;
  baseUrl: string;
  upstream: UpstreamSettings;
  auth?: VendorAuth | undefined;
  /** Reads the vendor's documented error body; only what it returns reaches errors. */
  parseError?: (body: unknown, headers: Record<string, string | string[] | undefined>) => VendorErrorInfo;
  /** How a caller's forwarded credential is sent (CREDENTIAL_FORWARDING); absent = not forwardable. */
  forwardedHeaders?: (credential: string) => Record<string, string>;
  /** A vendor-specific error for a status, before the generic mapping (e.g. ROMA's once-only rule). */
  classify?: (status: number, info: VendorErrorInfo) => GatewayError | undefined;
  logger?: Logger;
  /** The gateway's vendor-response cache (cache.ts); calls opt in with `VendorRequest.cache`. */
  cache?: VendorCache | undefined;
  /** `upstream.ratePerSecond` counted across replicas (REDIS_URL); absent = this process only. */
  rateGate?: RateGate | undefined;
}

export interface VendorRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  /** Already encoded with `path\`…\``. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: string;
  /** The GraphQL request's deadline/cancellation. */
  signal?: AbortSignal | undefined;
  /** Safe to repeat (GET, token calls): only these are retried on 5xx/408/429/network errors. */
  idempotent?: boolean;
  /** Send the vendor credential (default true). */
  authenticate?: boolean;
  /** Overrides the base URL (token endpoints live on other hosts). */
  baseUrl?: string;
  /** `json()` GETs only: keep the answer in the vendor-response cache (true = the vendor's TTL). */
  cache?: CallCachePolicy;
  /** `json()` GETs only: share one call with identical ones in flight (default true; false = never). */
  coalesce?: boolean;
  /** The path with placeholders (`/v1/things/{id}`) for traces; guessed from `path` when absent. */
  route?: string;
}

export interface VendorResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
  /** The request's cancellation, so a body read cut by the deadline is reported as a timeout. */
  signal?: AbortSignal | undefined;
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_BASE_MS = 100;
const RETRY_CAP_MS = 2_000;
const RETRY_AFTER_CAP_MS = 10_000;
const ERROR_BODY_CAP = 64 * 1024;

interface Shared {
  agent: Agent;
  limiter: Limiter;
  circuit: CircuitBreaker;
  budget: RetryBudget;
}

export class VendorHttp {
  readonly vendor: VendorName;
  readonly baseUrl: string;
  readonly #agent: Agent;
  readonly #opts: VendorHttpOptions;
  readonly #limiter: Limiter;
  readonly #log: Logger;
  readonly circuit: CircuitBreaker;
  readonly #budget: RetryBudget;
  readonly #coalescer = new Coalescer();

  constructor(opts: VendorHttpOptions, shared?: Shared) {
    this.vendor = opts.vendor;
    this.baseUrl = opts.baseUrl;
    this.#opts = opts;
    this.#log = opts.logger ?? silentLogger;
    if (shared) {
      this.#agent = shared.agent;
      this.#limiter = shared.limiter;
      this.circuit = shared.circuit;
      this.#budget = shared.budget;
      return;
    }
    this.circuit = new CircuitBreaker(opts.upstream.circuitThreshold, opts.upstream.circuitCooldownMs);
    this.#budget = new RetryBudget(opts.upstream.retryBudgetRatio);
    // An Agent keeps one keep-alive Pool per origin; one Agent per vendor keeps timeouts per vendor.
    this.#agent = new Agent({
      connections: opts.upstream.maxConcurrency,
      keepAliveTimeout: 10_000,
      connect: { timeout: opts.upstream.connectTimeoutMs },
      headersTimeout: opts.upstream.headersTimeoutMs,
      bodyTimeout: opts.upstream.bodyTimeoutMs,
    });
    this.#limiter = new Limiter(
      opts.upstream.maxConcurrency,
      opts.upstream.maxQueue,
      opts.upstream.ratePerSecond,
      opts.rateGate,
    );
  }

  /** The same pools and limits, with a vendor-specific error rule for some calls. */
  withClassifier(classify: NonNullable<VendorHttpOptions['classify']>): VendorHttp {
    return new VendorHttp(
      { ...this.#opts, classify },
      { agent: this.#agent, limiter: this.#limiter, circuit: this.circuit, budget: this.#budget },
    );
  }

  get label(): string {
    return this.#opts.label ?? this.vendor;
  }

  /** Calls in flight and waiting now (metrics). */
  get load(): { running: number; queued: number } {
    return { running: this.#limiter.running, queued: this.#limiter.queued };
  }

  /** Sends a request and returns a 2xx response whose body the caller must consume or dump. */
  async request(req: VendorRequest): Promise<VendorResponse> {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? (method === 'GET' || method === 'HEAD');
    const maxAttempts = idempotent ? 1 + this.#opts.upstream.retries : 1;
    const url = buildUrl(req.baseUrl ?? this.baseUrl, req.path, req.query);
    let renewed = false;

    for (let attempt = 1; ; attempt++) {
      req.signal?.throwIfAborted?.();
      if (!this.circuit.allow()) {
        throw new UpstreamUnavailableError(
          `${this.label} is failing: the gateway stopped calling it for a while (circuit open)`,
          { vendor: this.vendor },
        );
      }
      if (attempt === 1) this.#budget.onAttempt();
      let res: VendorResponse;
      let authHeaders: Record<string, string> = {};
      const call: { probe?: VendorCallProbe | undefined } = {};
      try {
        const forwarded = req.authenticate !== false ? forwardedCredential(this.vendor) : undefined;
        if (forwarded !== undefined && this.#opts.forwardedHeaders)
          authHeaders = this.#opts.forwardedHeaders(forwarded);
        else if (req.authenticate !== false && this.#opts.auth)
          authHeaders = await this.#opts.auth.headers(req.signal);
        res = await this.#limiter.run(
          () => {
            call.probe = startVendorCall(this.vendor, method, req.route ?? url.pathname, attempt);
            return this.#agent.request({
              origin: url.origin,
              path: url.pathname + url.search,
              method,
              headers: { accept: 'application/json', ...req.headers, ...authHeaders, ...call.probe?.headers },
              body: req.body,
              signal: req.signal,
            });
          },
          () => new RateLimitedError(`Too many requests queued for ${this.label}`, { vendor: this.vendor }),
        );
      } catch (err) {
        const mapped = this.#mapTransportError(err, req.signal);
        if (call.probe)
          call.probe.failed(
            req.signal?.aborted
              ? 'cancelled'
              : mapped instanceof UpstreamTimeoutError
                ? 'timeout'
                : 'transport',
            err,
          );
        else if (mapped instanceof RateLimitedError) countRateLimited(this.vendor, 'queue');
        if (req.signal?.aborted || mapped instanceof RateLimitedError || isGatewayError(err))
          this.circuit.onNeutral();
        else this.circuit.onFailure();
        if (
          attempt < maxAttempts &&
          // Errors already shaped by us (a token call that retried on its own) are not retried twice.
          !isGatewayError(err) &&
          (mapped instanceof UpstreamUnavailableError || mapped instanceof UpstreamTimeoutError) &&
          !req.signal?.aborted &&
          this.#budget.trySpend()
        ) {
          this.#log.debug('vendor call failed, retrying', {
            vendor: this.vendor,
            attempt,
            code: mapped.code,
          });
          countRetry(this.vendor, mapped.code);
          await this.#backoff(attempt, undefined, req.signal);
          continue;
        }
        throw mapped;
      }

      const { statusCode } = res;
      call.probe?.answered(statusCode, res.headers);
      this.#log.debug('vendor call', { vendor: this.vendor, method, path: url.pathname, status: statusCode });
      if (statusCode >= 500 || statusCode === 408) this.circuit.onFailure();
      else this.circuit.onSuccess();
      if (statusCode >= 200 && statusCode < 300) return Object.assign(res, { signal: req.signal });

      // Vendors may echo what they were sent ("token not valid: Bearer …"): every credential value
      // of this request is scrubbed before the text reaches an error, a response or a log line.
      const info = await this.#readErrorInfo(
        res,
        credentialValues({ ...req.headers, ...authHeaders }, req.body),
      );
      const usedForwarded = req.authenticate !== false && forwardedCredential(this.vendor) !== undefined;
      if (statusCode === 401 && !renewed && !usedForwarded && this.#opts.auth?.renew?.(authHeaders)) {
        renewed = true;
        attempt--; // a renewed credential is a fresh start, not a retry
        continue;
      }
      recordVendorRequestId(currentRequest(), info.requestId);
      if (attempt < maxAttempts && RETRYABLE_STATUS.has(statusCode) && this.#budget.trySpend()) {
        countRetry(this.vendor, String(statusCode));
        await this.#backoff(attempt, res.headers['retry-after'], req.signal);
        continue;
      }
      if (statusCode === 429) countRateLimited(this.vendor, 'upstream');
      throw this.#mapStatus(statusCode, info);
    }
  }

  /**
   * GET/POST expecting JSON: size-capped, parsed, or UPSTREAM_INVALID_RESPONSE. Identical GETs in
   * flight share one call (coalesce.ts) and `req.cache` puts the vendor-response cache in front
   * (cache.ts). The parsed `data` may be shared between callers: never mutate it.
   */
  async json(req: VendorRequest): Promise<{ data: unknown; headers: VendorResponse['headers'] }> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' || req.idempotent === false) return this.#json(req);
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
      fetch: (signal) => this.#json({ ...req, signal }),
      onRefreshError: (err) =>
        this.#log.warn('vendor cache refresh failed; serving the stale answer', {
          vendor: this.vendor,
          code: isGatewayError(err) ? err.code : undefined,
        }),
    }).catch((err: unknown) => {
      throw this.#mapTransportError(err, req.signal);
    });
  }

  async #json(req: VendorRequest): Promise<JsonRead> {
    const res = await this.request(req);
    const text = await this.readCapped(res, this.#opts.upstream.maxJsonBytes);
    const contentType = String(res.headers['content-type'] ?? '');
    if (contentType && !/json/i.test(contentType)) {
      throw new UpstreamInvalidResponseError(`${this.label} answered ${contentType}, not JSON`, {
        vendor: this.vendor,
        httpStatus: res.statusCode,
      });
    }
    try {
      return { data: JSON.parse(text) as unknown, headers: res.headers, bytes: text.length };
    } catch {
      throw new UpstreamInvalidResponseError(`${this.label} sent a malformed JSON body`, {
        vendor: this.vendor,
        httpStatus: res.statusCode,
      });
    }
  }

  /** Reads a body up to `cap` bytes; past it the connection is destroyed and the call fails. */
  async readCapped(res: VendorResponse, cap: number): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > cap) {
          res.body.destroy();
          throw new UpstreamInvalidResponseError(`${this.label} sent a body larger than ${cap} bytes`, {
            vendor: this.vendor,
            httpStatus: res.statusCode,
          });
        }
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      throw this.#mapTransportError(err, res.signal);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Turns a failure while receiving a stream into the gateway's error (for download routes). */
  mapStreamError(err: unknown, signal?: AbortSignal): GatewayError {
    return this.#mapTransportError(err, signal);
  }

  async close(): Promise<void> {
    await this.#agent.close();
  }

  async destroy(): Promise<void> {
    await this.#agent.destroy();
  }

  async #readErrorInfo(res: VendorResponse, secrets: readonly string[]): Promise<VendorErrorInfo> {
    let text = '';
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length;
        if (size > ERROR_BODY_CAP) {
          res.body.destroy();
          break;
        }
        chunks.push(chunk as Buffer);
      }
      text = Buffer.concat(chunks).toString('utf8');
    } catch {
      // An unreadable error body still leaves the status to report.
    }
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the parser below sees the text
    }
    // Scrubbed before clipping, so no clipped part of a credential survives.
    const info = redactInfo(this.#opts.parseError?.(body, res.headers) ?? {}, secrets);
    return {
      message: info.message ? clip(info.message) : undefined,
      vendorCode: info.vendorCode ? clip(info.vendorCode, 128) : undefined,
      requestId: info.requestId ? clip(info.requestId, 128) : undefined,
      details: scrubDetails(info.details, secrets),
    };
  }

  #mapStatus(status: number, info: VendorErrorInfo): GatewayError {
    const specific = this.#opts.classify?.(status, info);
    if (specific) return specific;
    const details = { vendor: this.vendor, httpStatus: status, ...info };
    const said = info.message ? `: ${info.message}` : '';
    if (status === 400) return new BadUserInputError(`${this.label} rejected the request${said}`, details);
    if (status === 401)
      return new UpstreamUnauthenticatedError(
        `${this.label} did not accept the gateway's credentials${said}`,
        details,
      );
    if (status === 403) return new UpstreamForbiddenError(`${this.label} refused access${said}`, details);
    if (status === 404) return new NotFoundError(`${this.label} has no such resource${said}`, details);
    if (status === 429)
      return new RateLimitedError(`${this.label} is rate limiting the gateway${said}`, details);
    if (status === 408 || status === 504)
      return new UpstreamTimeoutError(`${this.label} timed out${said}`, details);
    if (status >= 500)
      return new UpstreamUnavailableError(`${this.label} failed with ${status}${said}`, details);
    return new UpstreamInvalidResponseError(`${this.label} answered an unexpected ${status}${said}`, details);
  }

  #mapTransportError(err: unknown, signal: AbortSignal | undefined): GatewayError {
    if (isGatewayError(err)) return err;
    const details = { vendor: this.vendor, cause: err };
    if (signal?.aborted) {
      const deadline = (signal.reason as Error | undefined)?.name === 'TimeoutError';
      return new UpstreamTimeoutError(
        deadline ? `${this.label}: the request's deadline passed` : `${this.label}: the call was cancelled`,
        details,
      );
    }
    if (
      err instanceof undiciErrors.ConnectTimeoutError ||
      err instanceof undiciErrors.HeadersTimeoutError ||
      err instanceof undiciErrors.BodyTimeoutError
    ) {
      return new UpstreamTimeoutError(`${this.label} did not answer in time`, details);
    }
    return new UpstreamUnavailableError(
      `${this.label} could not be reached or closed the connection`,
      details,
    );
  }

  async #backoff(attempt: number, retryAfter: string | string[] | undefined, signal?: AbortSignal) {
    let delay = Math.random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
    const after = parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
    if (after !== undefined) delay = Math.min(after, RETRY_AFTER_CAP_MS);
    await sleep(delay, undefined, { signal }).catch(() => {
      throw new UpstreamTimeoutError(`${this.label}: the request's deadline passed`, { vendor: this.vendor });
    });
  }
}

/** Retry-After as delta-seconds or HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const CREDENTIAL_KEY = /token|secret|password|passwd|authorization|cookie|api[-_]?key|credential|session/i;
const DETAILS_MAX_DEPTH = 6;
const DETAILS_MAX_ITEMS = 20;
const DETAILS_MAX_BYTES = 8 * 1024;

/**
 * A vendor's error `details` as callers may see them: every credential value the gateway sent
 * (`secrets`, see `credentialValues`) replaced by `[redacted]` in keys and values (before clipping,
 * so no clipped part survives), values under credential-like keys `[REDACTED]`, strings clipped,
 * depth and size bounded (dropped entirely past 8 KiB). Undefined when empty.
 */
export function scrubDetails(details: unknown, secrets: readonly string[] = []): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return clip(redact(v, secrets));
    if (typeof v === 'number' || typeof v === 'boolean') {
      return redact(String(v), secrets) === String(v) ? v : '[redacted]';
    }
    if (v === null) return v;
    if (depth >= DETAILS_MAX_DEPTH) return undefined;
    if (Array.isArray(v)) return v.slice(0, DETAILS_MAX_ITEMS).map((x) => walk(x, depth + 1));
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, DETAILS_MAX_ITEMS)) {
        out[clip(redact(k, secrets), 128)] =
          CREDENTIAL_KEY.test(k) && x !== null && typeof x !== 'object' ? '[REDACTED]' : walk(x, depth + 1);
      }
      return out;
    }
    return undefined;
  };
  if (details === undefined || details === null) return undefined;
  if (Array.isArray(details) && details.length === 0) return undefined;
  const scrubbed = walk(details, 0);
  return JSON.stringify(scrubbed ?? null).length > DETAILS_MAX_BYTES ? undefined : scrubbed;
}

/** Header names whose values are credentials (Authorization, Cookie, X-Auth-Token, CSRF…). */
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie)$|token|csrf|secret|api-?key|password|session/i;
/** Body fields whose values are credentials (passwords, client secrets, tokens). */
const CREDENTIAL_FIELD = /pass(word)?|secret|token|credential|api-?key|assertion/i;
/** Shorter values are not worth hiding (and would blank ordinary words). */
const MIN_SECRET_LENGTH = 4;

/**
 * Every credential value a request carried, in each form a vendor may echo it: whole header
 * values and their parts (the token after `Bearer`, the base64 of `Basic` and the password inside
 * it, each cookie's value), and credential fields of a JSON or form body (login passwords).
 */
export function credentialValues(headers: Record<string, string>, body?: string): string[] {
  const found = new Set<string>();
  const add = (v: string | undefined) => {
    const s = v?.trim();
    if (!s || s.length < MIN_SECRET_LENGTH) return;
    found.add(s);
    found.add(encodeURIComponent(s));
    found.add(JSON.stringify(s).slice(1, -1));
  };
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADER.test(name) || typeof value !== 'string') continue;
    add(value);
    const scheme = /^(\w+)\s+(.+)$/.exec(value);
    if (scheme?.[2]) {
      add(scheme[2]);
      if (scheme[1]?.toLowerCase() === 'basic') {
        const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
        add(decoded);
        add(decoded.slice(decoded.indexOf(':') + 1));
      }
    }
    if (name.toLowerCase() === 'cookie') {
      for (const pair of value.split(/;\s*/)) add(pair.slice(pair.indexOf('=') + 1));
    }
  }
  if (body) {
    const walk = (v: unknown, key: string) => {
      if (typeof v === 'string') {
        if (CREDENTIAL_FIELD.test(key)) add(v);
      } else if (Array.isArray(v)) {
        for (const x of v) walk(x, key);
      } else if (typeof v === 'object' && v !== null) {
        for (const [k, x] of Object.entries(v)) walk(x, k);
      }
    };
    try {
      walk(JSON.parse(body), '');
    } catch {
      for (const [k, v] of new URLSearchParams(body)) walk(v, k);
    }
  }
  // Longest first, so a value is scrubbed whole before any part of it.
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every one of `secrets` replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}

function redactInfo(info: VendorErrorInfo, secrets: readonly string[]): VendorErrorInfo {
  const r = (s: string | undefined) => (s === undefined ? undefined : redact(s, secrets));
  return {
    message: r(info.message),
    vendorCode: r(info.vendorCode),
    requestId: r(info.requestId),
    // `details` is a structure: `scrubDetails` replaces the same values in it, key by key.
    details: info.details,
  };
}

function clip(s: string, max = 300): string {
  const flat = s.replace(/[\r\n\t]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
