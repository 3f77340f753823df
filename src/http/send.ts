/**
 * The innermost layers of a vendor call: the rate and concurrency limit (limiter.ts) and the
 * request itself on undici's keep-alive pools, with its trace/metrics probe. Streamed bodies
 * (downloads) have a limiter and an Agent of their own: a caller that reads a download slowly
 * holds a stream socket, never one the JSON calls need.
 */
import type { Agent } from 'undici';
import type { VendorName } from '../foundations/errors.js';
import type { Logger } from '../observability/logger.js';
import { startVendorCall } from '../observability/vendor-calls.js';
import { isTransportTimeout } from './error-map.js';
import type { Call, Layer, Send } from './layers.js';
import type { Limiter } from './limiter.js';
import type { VendorResponse } from './types.js';

/** JSON calls and streams each have their own limit and keep-alive pool (`VendorRequest.stream`). */
export interface Lanes<T> {
  json: T;
  stream: T;
}

const laneOf = <T>(lanes: Lanes<T>, call: Call): T => (call.req.stream ? lanes.stream : lanes.json);

/** At most the vendor's concurrency and rate; past the queue, `onFull`'s error at once. */
export function limit(limiters: Lanes<Limiter>, onFull: () => Error): Layer {
  return (call, next) => laneOf(limiters, call).run(() => next(call), onFull);
}

/** Sends one attempt; every attempt is traced and counted (observability/vendor-calls.ts). */
export function dispatch(agents: Lanes<Agent>, vendor: VendorName, log: Logger): Send {
  return async (call) => {
    const { req, method, url } = call;
    const agent = laneOf(agents, call);
    const probe = startVendorCall(vendor, method, req.route ?? url.pathname, call.attempt);
    let res: VendorResponse;
    try {
      res = await agent.request({
        origin: url.origin,
        path: url.pathname + url.search,
        method,
        headers: { accept: 'application/json', ...req.headers, ...call.auth, ...probe?.headers },
        body: req.body,
        signal: req.signal,
      });
    } catch (err) {
      probe?.failed(
        req.signal?.aborted ? 'cancelled' : isTransportTimeout(err) ? 'timeout' : 'transport',
        err,
      );
      throw err;
    }
    probe?.answered(res.statusCode, res.headers);
    log.debug('vendor call', { vendor, method, path: url.pathname, status: res.statusCode });
    return res;
  };
}
