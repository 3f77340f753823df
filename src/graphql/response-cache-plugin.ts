/**
 * The Yoga plugin of the whole-response cache (src/http/response-cache.ts has the store and the
 * rules): answers a repeated query of the same caller before parsing, and keeps a query's answer
 * when every vendor read of it was fresh and cacheable.
 */
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { auditLinesOf, replayAudit } from './audit.js';
import { principalOf } from '../foundations/auth.js';
import type { Context } from './context.js';
import type { Gateway } from './gateway-types.js';
import { cacheScopeOf } from '../http/cache-scope.js';
import { type ResponseCache, sessionOf } from '../http/response-cache.js';
import { currentRequest } from '../observability/request-context.js';

interface Params {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
}

function keyOf(session: string, p: Params): string {
  // Newline-separated fields; the document goes last so no field can run into the next one.
  return `${session}\n${p.operationName ?? ''}\n${JSON.stringify(p.variables ?? null)}\n${
    p.extensions ? JSON.stringify(p.extensions) : ''
  }\n${p.query}`;
}

/** The request's cache key, from `onParams` to `onExecuteDone` (only set when it may be stored). */
const keys = new WeakMap<Request, string>();

export function useResponseCache(gateway: Gateway, cache: ResponseCache): Plugin<Context> {
  const rateLimiter = gateway.callerLimit;
  return {
    onParams({ params, request, setResult }) {
      if (!cache.enabled || typeof params.query !== 'string') return undefined;
      if (/\bno-cache\b|\bno-store\b/i.test(request.headers.get('cache-control') ?? '')) return undefined;
      return principalOf(gateway.authenticator, request).then(
        (principal) => {
          const key = keyOf(sessionOf(principal), params as Params);
          const hit = cache.get(key);
          if (hit === undefined) {
            keys.set(request, key);
            cache.counters.misses++;
            return;
          }
          const info = currentRequest();
          if (rateLimiter) {
            // The same limit as the normal path (useObservability): over it, that path answers 429.
            const limitKey = principal.anonymous ? `ip:${info?.ip ?? ''}` : principal.id;
            if (!rateLimiter.take(limitKey).ok) return;
          }
          cache.counters.hits++;
          if (info) {
            info.caller = principal.id;
            info.operationName = params.operationName ?? undefined;
          }
          // The answer carries what executing it audited (unmasked secrets): audited again.
          replayAudit(gateway.logger, hit.audits, principal.id);
          // Yoga's result processor serialises with `stringify`: the cached text goes out as is.
          const { body } = hit;
          setResult({ stringify: () => body } as Parameters<typeof setResult>[0]);
        },
        // Not authenticated: the normal path answers it (401 with its code).
        () => undefined,
      );
    },
    onExecute({ args }) {
      const ctx = args.contextValue as Partial<Context> & { request?: Request };
      const key = ctx.request ? keys.get(ctx.request) : undefined;
      if (key === undefined || !ctx.signal) return undefined;
      const signal = ctx.signal;
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return undefined;
      return {
        onExecuteDone({ result }) {
          if (Symbol.asyncIterator in result || (result.errors?.length ?? 0) > 0) return;
          const scope = cacheScopeOf(signal);
          if (!scope || scope.bypass || scope.stale || scope.uncacheable || scope.reads === 0) return;
          cache.set(key, result.data, scope.maxAgeMs, scope.ageMs, auditLinesOf(ctx));
        },
      };
    },
  };
}
