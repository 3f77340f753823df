/** The Yoga instance (no port opened here: tests call `yoga.fetch`). */
import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import type { ServerResponse } from 'node:http';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type Context, createContext, endContext } from './context.js';
import { type ExampleQueries, exampleQueries } from './example.js';
import type { Gateway } from './gateway-types.js';
import { useVendorCacheScope } from './cache-plugin.js';
import { useResponseCache } from './response-cache-plugin.js';
import { useCompressedGraphiQL } from './graphiql.js';
import { useObservability } from './observability-plugin.js';
import {
  createMaskError,
  useDocumentedErrors,
  useForbiddenOnce,
  useInputErrorCodes,
} from '../schema/errors.js';
import { useLookupLimits } from '../schema/lookups.js';
import { openRequestBudget } from '../http/budget.js';
import { schema, subgraphSchema } from '../schema/index.js';
import { vendorModules } from '../vendors/index.js';
import { useJit } from './jit.js';
import { usePersistedOperationsFile } from './persisted-operations.js';
import { useStreamCountCheck } from './stream-count.js';
import { logCsrfRefusals, logYogaError } from './yoga-logging.js';

export type GatewayYoga = YogaServerInstance<Record<string, never>, Context>;

/**
 * `renderGraphiQL`: the GraphiQL page renderer, which the caller loads only when GRAPHIQL is on
 * (its inlined assets take ~35 MB of a process's memory once imported).
 */
export function createGatewayYoga(
  gateway: Gateway,
  opts: { renderGraphiQL?: typeof renderGraphiQL } = {},
): GatewayYoga {
  const { logger, settings } = gateway;
  const { limits } = settings;
  let graphiqlPage: string | undefined;
  let examplesOnce: Promise<ExampleQueries> | undefined;
  // FEDERATION=on: the same schema plus `_service`/`_entities`, so a router can use this endpoint.
  const served = settings.federation.enabled ? subgraphSchema : schema;
  const plugins: Plugin[] = [
    // Operation limits, checked while parsing and validating: before any resolver or vendor call.
    maxTokensPlugin({ n: limits.tokens }),
    maxDepthPlugin({ n: limits.depth, flattenFragments: true }),
    // `__typename` aliases count too: armor's default allow-list would let any number through.
    maxAliasesPlugin({ n: limits.aliases, allowList: [] }),
    maxDirectivesPlugin({ n: limits.directives }),
    // Browsers may not send simple (non-preflighted) GraphQL requests across sites.
    logCsrfRefusals(
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight'] }),
      logger,
    ),
    useInputErrorCodes(),
    useForbiddenOnce(),
    useDocumentedErrors({
      hideSuggestions: !settings.introspection,
      hideOriginalError: settings.nodeEnv === 'production',
    }),
    // Vendor-response cache: bypass on mutation / refresh: true, and extensions.cacheControl.
    useVendorCacheScope(),
    // @defer/@stream: a slow vendor's fields arrive in a later part instead of holding back the rest.
    useDeferStream(),
    // A negative `@stream(initialCount:)` is the caller's input: BAD_USER_INPUT before execution.
    useStreamCountCheck(),
    // Access log fields, error-code metrics, per-caller rate limit; GraphQL phase metrics; spans.
    useObservability(gateway) as Plugin,
    ...(gateway.observability.metrics?.yogaPlugins() ?? []),
    ...(gateway.observability.tracing ? [gateway.observability.tracing.yogaPlugin()] : []),
    // Ids and representations counted over the whole request (aliases, fragments, @defer), before
    // execution: after the observability plugins, so the refusal is logged and counted like any.
    useLookupLimits(),
    // The request's budget of vendor bytes held (LIMIT_VENDOR_BYTES), found by its signal.
    useVendorByteBudget(limits.vendorBytes),
    // The ~9 MB GraphiQL page: compressed once (br/gzip), with an ETag so a revisit is a 304.
    useCompressedGraphiQL(() => graphiqlPage),
  ];
  // graphql-jit: each operation compiled once into a function, far less CPU than interpreting it.
  plugins.push(useJit(logger, served));
  if (!settings.introspection) plugins.push(useDisableIntrospection());
  if (settings.persistedOperations) plugins.push(usePersistedOperationsFile(settings.persistedOperations));
  // Last: a persisted-operations refusal (onParams) comes before a cached answer is looked up.
  plugins.push(useResponseCache(gateway, gateway.responseCache) as Plugin);
  return createYoga<Record<string, never>, Context>({
    schema: served,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    context: async (init) => {
      const ctx = await createContext(gateway, init.request);
      // Served over node:http (server.ts), the request ends with its response (context.ts,
      // endContext). Yoga extends `init` with ctx's fields: `init` is what resolvers get.
      (init as { res?: ServerResponse }).res?.once('close', () => endContext(init as unknown as Context));
      return ctx;
    },
    maskedErrors: { maskError: createMaskError() },
    plugins,
    maxRequestBodySize: limits.requestBytes,
    // Cross-origin callers only from CORS_ORIGINS; none by default.
    cors:
      settings.corsOrigins.length > 0
        ? {
            origin: settings.corsOrigins,
            credentials: true,
            methods: ['GET', 'POST'],
            exposedHeaders: ['x-request-id', 'retry-after'],
            allowedHeaders: [
              'content-type',
              'authorization',
              'x-api-key',
              'x-graphql-yoga-csrf',
              'x-request-id',
              'traceparent',
              'tracestate',
              ...(settings.auth.credentialForwarding ? Object.values(gateway.forwardingHeaders) : []),
            ],
          }
        : false,
    // GraphiQL assets are inlined from the npm bundle: nothing loads from a CDN.
    // The page is ~9 MB and the same for every visitor of this gateway: render it once.
    renderGraphiQL: (page) => (graphiqlPage ??= opts.renderGraphiQL?.(page) ?? ''),
    graphiql: gateway.settings.graphiql
      ? async () => {
          // Each vendor's part of the examples reads its sandbox fixtures: loaded on first view only.
          const examples = await (examplesOnce ??= exampleQueries(vendorModules()));
          return {
            title: 'vendor-gateway',
            defaultQuery: examples.catalog,
            defaultTabs: [
              { query: examples.catalog },
              ...(examples.subscription ? [{ query: examples.subscription }] : []),
              { query: examples.crossVendor },
              { query: examples.browse },
            ],
            shouldPersistHeaders: false,
            // With auth on, the header editor shows where the credential goes (a placeholder, no secret).
            headers:
              settings.auth.mode === 'none'
                ? undefined
                : JSON.stringify(
                    { Authorization: `Bearer <your ${settings.auth.mode === 'jwt' ? 'token' : 'API key'}>` },
                    null,
                    2,
                  ),
          };
        }
      : false,
    logging: {
      debug: (...args) => logger.debug(String(args[0])),
      info: (...args) => logger.info(String(args[0])),
      warn: (...args) => logger.warn(String(args[0])),
      error: (...args) => logYogaError(logger, args[0]),
    },
  });
}

/** Opens each operation's budget of vendor bytes on the signal all its vendor calls carry. */
function useVendorByteBudget(limit: number): Plugin {
  return {
    onExecute({ args }) {
      const signal = (args.contextValue as Partial<Context> | undefined)?.signal;
      if (signal) openRequestBudget(signal, limit);
    },
  };
}
