/**
 * The Yoga side of observability: the operation name and the answered error codes go to the
 * request context (access log) and to the metrics; the per-caller rate limit is checked once the
 * caller is known (after authentication, before any resolver or vendor call).
 */
import { getOperationAST } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Context } from './context.js';
import type { Gateway } from './gateway-types.js';
import { currentRequest } from '../observability/request-context.js';

export function useObservability(gateway: Gateway): Plugin<Context> {
  const { metrics } = gateway.observability;
  const rateLimiter = gateway.callerLimit;
  return {
    onExecute({ args }) {
      const info = currentRequest();
      if (!info) return;
      const op = getOperationAST(args.document, args.operationName);
      info.operationName = op?.name?.value ?? args.operationName ?? undefined;
      info.operationType = op?.operation;
    },
    onContextBuilding() {
      return ({ context }) => {
        const info = currentRequest();
        const principal = (context as Partial<Context>).principal;
        if (!principal) return;
        if (info) info.caller = principal.id;
        if (!rateLimiter) return;
        // Anonymous callers share one identity: tell them apart by address.
        const key = principal.anonymous ? `ip:${info?.ip ?? ''}` : principal.id;
        const verdict = rateLimiter.take(key);
        if (verdict.ok) return;
        metrics?.rateLimited.inc({ vendor: '', source: 'inbound' });
        throw createGraphQLError(
          `Too many requests from this caller: retry in ${verdict.retryAfterSeconds} s`,
          {
            extensions: {
              code: 'RATE_LIMITED',
              retryAfterSeconds: verdict.retryAfterSeconds,
              http: { status: 429, headers: { 'retry-after': String(verdict.retryAfterSeconds) } },
            },
          },
        );
      };
    },
    onResultProcess({ result }) {
      const info = currentRequest();
      const results = Array.isArray(result) ? result : [result];
      for (const r of results) {
        if (!r || typeof r !== 'object' || Symbol.asyncIterator in r || !('errors' in r)) continue;
        for (const e of r.errors ?? []) {
          const code = typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN';
          info?.codes.add(code);
          metrics?.errors.inc({ operation: metrics.operation(info?.operationName), code });
        }
      }
    },
    onResponse({ response }) {
      if (!metrics || response.headers.get('content-type')?.startsWith('text/html')) return;
      const info = currentRequest();
      const operation = metrics.operation(info?.operationName);
      metrics.requests.inc({ operation, status: String(response.status) });
      if (info)
        metrics.duration.observe({ operation }, Number(process.hrtime.bigint() - info.startedAt) / 1e9);
    },
  };
}
