/** The Yoga instance (no port opened here: tests call `yoga.fetch`). */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError } from 'graphql';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { readFileSync } from 'node:fs';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type Context, createContext } from './context.js';
import { isGatewayError } from './errors.js';
import { type ExampleQueries, exampleQueries } from './example.js';
import type { Gateway } from './gateway-types.js';
import { useVendorCacheScope } from './cache-plugin.js';
import { useResponseCache } from './response-cache-plugin.js';
import type { Logger } from './logger.js';
import { useCompressedGraphiQL } from './observability/graphiql.js';
import { currentRequest, requestIdFrom } from './observability/request-context.js';
import { useObservability } from './observability/yoga-plugin.js';
import { createMaskError, useDocumentedErrors, useInputErrorCodes } from './schema/errors.js';
import { schema, subgraphSchema } from './schema/index.js';
import { vendorModules } from './vendors/index.js';

export type GatewayYoga = YogaServerInstance<Record<string, never>, Context>;

export function createGatewayYoga(gateway: Gateway): GatewayYoga {
  const { logger, settings } = gateway;
  const { limits } = settings;
  let graphiqlPage: string | undefined;
  let examplesOnce: Promise<ExampleQueries> | undefined;
  const plugins: Plugin[] = [
    // Operation limits, checked while parsing and validating: before any resolver or vendor call.
    maxTokensPlugin({ n: limits.tokens }),
    maxDepthPlugin({ n: limits.depth, flattenFragments: true }),
    maxAliasesPlugin({ n: limits.aliases }),
    maxDirectivesPlugin({ n: limits.directives }),
    // Browsers may not send simple (non-preflighted) GraphQL requests across sites.
    logCsrfRefusals(
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight'] }),
      logger,
    ),
    useInputErrorCodes(),
    useDocumentedErrors({ hideSuggestions: !settings.introspection }),
    // Vendor-response cache: bypass on mutation / refresh: true, and extensions.cacheControl.
    useVendorCacheScope(),
    // @defer/@stream: a slow vendor's fields arrive in a later part instead of holding back the rest.
    useDeferStream(),
    // Access log fields, error-code metrics, per-caller rate limit; GraphQL phase metrics; spans.
    useObservability(gateway) as Plugin,
    ...(gateway.observability.metrics?.yogaPlugins() ?? []),
    ...(gateway.observability.tracing ? [gateway.observability.tracing.yogaPlugin()] : []),
    // The ~9 MB GraphiQL page: compressed once (br/gzip), with an ETag so a revisit is a 304.
    useCompressedGraphiQL(() => graphiqlPage),
  ];
  // graphql-jit was measured (~20% less CPU per request on the bench query) and left out: it drops
  // trailing null items of a list whose last entries failed (seen on `_entities`), which breaks the
  // error model every door relies on.
  if (!settings.introspection) plugins.push(useDisableIntrospection());
  const persisted = settings.persistedOperations
    ? loadPersistedOperations(settings.persistedOperations)
    : undefined;
  if (persisted) {
    plugins.push(
      usePersistedOperations({
        getPersistedOperation: (hash) => persisted.get(hash) ?? null,
        allowArbitraryOperations: false,
      }),
    );
  }
  // Last: a persisted-operations refusal (onParams) comes before a cached answer is looked up.
  plugins.push(useResponseCache(gateway, gateway.responseCache) as Plugin);
  return createYoga<Record<string, never>, Context>({
    // FEDERATION=on: the same schema plus `_service`/`_entities`, so a router can use this endpoint.
    schema: settings.federation.enabled ? subgraphSchema : schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    context: ({ request }) => createContext(gateway, request),
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
    renderGraphiQL: (opts) => (graphiqlPage ??= renderGraphiQL(opts)),
    graphiql: gateway.settings.graphiql
      ? async () => {
          // Each vendor's part of the examples reads its sandbox fixtures: loaded on first view only.
          const examples = await (examplesOnce ??= exampleQueries(vendorModules()));
          return {
            title: 'vendor-gateway',
            defaultQuery: examples.crossVendor,
            defaultTabs: [{ query: examples.crossVendor }, { query: examples.browse }],
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

/** Errors already logged by the gateway (Yoga reports some errors more than once). */
const logged = new WeakSet<object>();

/**
 * A CSRF refusal is the caller's problem, not the server's: one warn line with the request id
 * (the caller's `x-request-id`, else a new one), instead of Yoga's error lines.
 */
function logCsrfRefusals(plugin: Plugin, logger: Logger): Plugin {
  const check = plugin.onRequestParse;
  if (!check) return plugin;
  return {
    ...plugin,
    onRequestParse(payload) {
      try {
        return check(payload);
      } catch (err) {
        const { request } = payload;
        logger.warn('CSRF check refused a request', {
          // The request context's id (the one echoed in `x-request-id`), when served over HTTP.
          requestId: currentRequest()?.id ?? requestIdFrom(request.headers.get('x-request-id') ?? undefined),
          method: request.method,
        });
        if (typeof err === 'object' && err !== null) logged.add(err);
        throw err;
      }
    },
  };
}

/**
 * Yoga reports every error it masks (some twice). The request's access line already names every
 * code answered, so: a vendor failure is one debug line with its details; an error about the
 * caller's request (bad document, CSRF, authentication, rate limit: a GraphQLError made on
 * purpose) is not logged again; anything else is a gateway fault, logged once at error with its
 * cause.
 */
const loggedFaults = new WeakSet<object>();
function logYogaError(logger: Logger, error: unknown): void {
  if (typeof error === 'object' && error !== null && logged.has(error)) return;
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (isGatewayError(original)) {
    logger.debug('field failed', {
      code: original.code,
      vendor: original.vendor,
      httpStatus: original.httpStatus,
      path: error instanceof GraphQLError ? error.path?.join('.') : undefined,
    });
    return;
  }
  if (original instanceof GraphQLError) return; // the caller's mistake, answered with its code
  if (typeof original === 'object' && original !== null) {
    if (loggedFaults.has(original)) return;
    loggedFaults.add(original);
  }
  logger.error('request failed', {
    error: original instanceof Error ? `${original.name}: ${original.message}` : String(original),
    stack: original instanceof Error ? original.stack : undefined,
    path: error instanceof GraphQLError ? error.path?.join('.') : undefined,
  });
}

/** `PERSISTED_OPERATIONS`: a JSON object `{ "<sha256 of the document>": "<document>" }`. */
function loadPersistedOperations(file: string): Map<string, string> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return new Map(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
