/**
 * The shapes the vendor HTTP path passes around: what a vendor client asks (`VendorRequest`),
 * what it gets back (`VendorResponse`), a vendor's credential source (`VendorAuth`), and what a
 * vendor's error body may say (`VendorErrorInfo`). Re-exported by vendor-http.ts.
 */
import type { Dispatcher } from 'undici';
import type { CallCachePolicy } from './cache-policy.js';
import type { QueryValue } from './url.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';

/** The safe fields a vendor's error body may tell us. */
export interface VendorErrorInfo {
  message?: string | undefined;
  vendorCode?: string | undefined;
  requestId?: string | undefined;
  /** The body's `details` (the common `{code, message, details}` status style), passed to callers after `scrubDetails`. */
  details?: unknown;
}

/** A credential source for one vendor: headers to send, and renewal after a 401. */
export interface VendorAuth {
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  /** Called after a 401 with the headers that were refused. True = renewed, worth one more try. */
  renew?(refused: Record<string, string>): boolean;
}

export interface VendorRequest {
  method?: HttpMethod;
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
  /**
   * The body is streamed to a caller (a download, an archive into the vault) rather than read at
   * once: the call runs on the vendor's stream pool and limit (UPSTREAM_MAX_STREAMS), so a stream
   * a caller reads slowly never holds a socket or a slot of the JSON calls. Default false.
   */
  stream?: boolean;
  /** The path with placeholders (`/v1/things/{id}`) for traces; guessed from `path` when absent. */
  route?: string;
}

export interface VendorResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
  /** The request's cancellation, so a body read cut by the deadline is reported as a timeout. */
  signal?: AbortSignal | undefined;
  /** Every credential value the answered attempt carried (scrub.ts), to scrub from its body. */
  credentials?: (() => readonly string[]) | undefined;
}
