/**
 * How one vendor call travels: a chain of small layers, each owning one concern (credentials and
 * 401 renewal, retries, the retry budget, the circuit breaker, the rate and concurrency limit,
 * reading error bodies), ending in the undici dispatch. A layer gets the call and the next layer,
 * and passes a 2xx or non-2xx answer back, or throws the raw failure: the gateway's error codes
 * are given once, at the end (`VendorHttp.request`, error-map.ts).
 *
 * The chain is built once per `VendorHttp`; a call allocates one `Call` object for its whole
 * life (its attempts and its renewal included).
 */
import type { HttpMethod, VendorErrorInfo, VendorRequest, VendorResponse } from './types.js';

export interface Call {
  readonly req: VendorRequest;
  readonly method: HttpMethod;
  readonly url: URL;
  /** 1 for the first attempt; a renewed credential starts again at 1. */
  attempt: number;
  /** The credential headers the current attempt carries (never logged, scrubbed from errors). */
  auth: Record<string, string>;
  /** The caller's own (forwarded) credential was sent: its 401 is the caller's, never renewed. */
  forwarded: boolean;
  /** What the vendor's error body said, for a non-2xx answer (read and scrubbed). */
  error: VendorErrorInfo | undefined;
}

export type Send = (call: Call) => Promise<VendorResponse>;
export type Layer = (call: Call, next: Send) => Promise<VendorResponse>;

/** `layers[0]` outermost; built once, so a call costs no closures. */
export function compose(layers: readonly Layer[], last: Send): Send {
  return layers.reduceRight<Send>((next, layer) => (call) => layer(call, next), last);
}

export const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;
