/**
 * The GraphQL side of the vendor-response cache (src/http/cache.ts; this half lives outside
 * src/http because the HTTP layer knows no GraphQL): each operation runs in its own cache scope,
 * which
 *  - bypasses cached answers for a mutation, for any field given `refresh: true`, or when the
 *    caller sends `Cache-Control: no-cache` (the fresh answers still refill the cache), and
 *  - reports what the response is made of as `extensions.cacheControl`:
 *    `{ maxAge, age, stale }` — seconds the slowest-expiring part stays fresh (0 when any part was
 *    not cacheable or was served stale), seconds since the oldest cached part was fetched, and
 *    whether a stale part was served while it is refreshed. Absent when no vendor was read.
 */
import {
  type DocumentNode,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  type ValueNode,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { openCacheScope } from '../http/cache-scope.js';

export const REFRESH_ARG_DESCRIPTION =
  'True: skip the gateway’s vendor-response cache for this request and ask the vendor afresh.';

export function useVendorCacheScope(): Plugin {
  return {
    onExecute({ args }) {
      const op = getOperationAST(args.document, args.operationName);
      const ctx = args.contextValue as { request?: Request; signal?: AbortSignal } | undefined;
      // Every vendor call of the request carries the context's signal: the scope hangs off it.
      if (!ctx?.signal) return undefined;
      const request = ctx.request;
      const noCache = /\bno-cache\b|\bno-store\b/i.test(request?.headers.get('cache-control') ?? '');
      const bypass =
        op?.operation === 'mutation' ||
        noCache ||
        (op != null && asksRefresh(args.document, op, args.variableValues));
      const scope = openCacheScope(ctx.signal, bypass);
      return {
        onExecuteDone({ result, setResult }) {
          if (scope.reads === 0 || Symbol.asyncIterator in result) return;
          const maxAgeMs = scope.stale ? 0 : scope.maxAgeMs;
          setResult({
            ...result,
            extensions: {
              ...result.extensions,
              cacheControl: {
                maxAge: Math.floor(maxAgeMs / 1000),
                age: Math.floor(scope.ageMs / 1000),
                stale: scope.stale,
              },
            },
          });
        },
      };
    },
  };
}

/** The values given to `refresh` in each operation (and its fragments), found once per document. */
const refreshValues = new WeakMap<OperationDefinitionNode, ValueNode[]>();

/** True when a field of `op` (or of a fragment) has `refresh: true`, literally or by variable. */
function asksRefresh(
  doc: DocumentNode,
  op: OperationDefinitionNode,
  variables: Record<string, unknown> | null | undefined,
): boolean {
  let values = refreshValues.get(op);
  if (!values) {
    const found: ValueNode[] = [];
    visit(doc, {
      OperationDefinition: (node) => (node === op ? undefined : false),
      Argument(node) {
        if (node.name.value === 'refresh') found.push(node.value);
      },
    });
    refreshValues.set(op, (values = found));
  }
  return values.some(
    (v) =>
      (v.kind === Kind.BOOLEAN && v.value) ||
      (v.kind === Kind.VARIABLE && variables?.[v.name.value] === true),
  );
}
