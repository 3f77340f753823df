/** The Yoga instance (no port opened here: tests call `yoga.fetch`). */
import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import {
  type DocumentNode,
  type GraphQLSchema,
  type GraphQLType,
  GraphQLError,
  getNullableType,
  getOperationAST,
  getVariableValues,
  GraphQLInt,
  isListType,
  isNonNullType,
  Kind,
  OperationTypeNode,
  TypeInfo,
  type ValueNode,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type JITCache, useGraphQlJit } from '@envelop/graphql-jit';
import { LRUCache } from 'lru-cache';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type Context, createContext, endContext } from './context.js';
import { isGatewayError } from '../foundations/errors.js';
import { type ExampleQueries, exampleQueries } from './example.js';
import type { Gateway } from './gateway-types.js';
import { useVendorCacheScope } from './cache-plugin.js';
import { useResponseCache } from './response-cache-plugin.js';
import type { Logger } from '../observability/logger.js';
import { useCompressedGraphiQL } from './graphiql.js';
import { currentRequest, requestIdFrom } from '../observability/request-context.js';
import { useObservability } from '../observability/yoga-plugin.js';
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
  // graphql-jit: each operation compiled once into a function, far less CPU than interpreting
  // it (docs/performance.md). Only for operations it
  // runs exactly like graphql-js (`jitSafe`) with variables graphql-js accepts (`variablesValid`);
  // everything else runs on Yoga's usual executor.
  plugins.push(
    useGraphQlJit(
      {},
      {
        enableIf: (args) =>
          jitSafe(args.schema, args.document) &&
          variablesValid(args.schema, args.document, args.operationName, args.variableValues),
        // Not expected (validation runs first); the plugin then answers the compiler's errors.
        onError: (r) =>
          logger.warn('graphql-jit could not compile an operation', { errors: r.errors?.length }),
        // Compiled operations by document text, bounded (Yoga's parse cache holds the documents).
        cache: new LRUCache<string, NonNullable<ReturnType<JITCache['get']>>>({ max: 1000 }),
      },
    ) as Plugin,
  );
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

/** Errors already logged by the gateway (Yoga reports some errors more than once). */
const logged = new WeakSet<object>();

const CSRF_REFUSAL =
  'This request needs the header X-GraphQL-Yoga-CSRF (any value) or Apollo-Require-Preflight: a GET or form request without it could be a cross-site request forgery. A POST with Content-Type: application/json needs neither.';

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
        // Yoga's "Required CSRF header(s) not present" does not say what to send.
        const refusal =
          err instanceof GraphQLError
            ? createGraphQLError(CSRF_REFUSAL, { extensions: err.extensions })
            : err;
        if (typeof refusal === 'object' && refusal !== null) logged.add(refusal);
        throw refusal;
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

/** The `initialCount` argument of every `@stream` in a document (none: an empty list), per document. */
const streamCounts = new WeakMap<DocumentNode, ValueNode[]>();

/**
 * `@stream(initialCount:)` below 0 answers BAD_USER_INPUT, whether written literally or passed as a
 * variable, before anything runs. The executor would otherwise fail the field with an internal
 * invariant error (INTERNAL_SERVER_ERROR, logged as a gateway fault).
 */
function useStreamCountCheck(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let counts = streamCounts.get(args.document);
      if (!counts) {
        const found: ValueNode[] = [];
        visit(args.document, {
          [Kind.DIRECTIVE](node) {
            if (node.name.value !== 'stream') return;
            const arg = node.arguments?.find((a) => a.name.value === 'initialCount');
            if (arg) found.push(arg.value);
          },
        });
        streamCounts.set(args.document, (counts = found));
      }
      for (const node of counts) {
        const count: unknown = valueFromAST(node, GraphQLInt, args.variableValues ?? {});
        if (typeof count === 'number' && count < 0) {
          setResultAndStopExecution({
            errors: [
              new GraphQLError(`@stream initialCount must be 0 or more (got ${count})`, {
                nodes: [node],
                extensions: { code: 'BAD_USER_INPUT' },
              }),
            ],
          });
          return;
        }
      }
    },
  };
}

const jitVerdicts = new WeakMap<DocumentNode, boolean>();

/**
 * Whether graphql-jit may run this document. Not when it selects:
 * - a list whose items may be null (`_entities`, `nodes`): graphql-jit drops trailing null items
 *   of such a list when its last entries failed, where graphql-js keeps one null per item;
 * - `@defer`/`@stream`: graphql-jit has no incremental delivery;
 * - `_service` or introspection (`__schema`, `__type`): rare, and left to the reference executor;
 * - a subscription: graphql-jit's `subscribe` reads literal arguments of the root field as
 *   undefined (`assetJobProgress(jobId: "…")` arrived without its jobId), and a subscription's
 *   cost is its polling, not its execution.
 * Remembered per parsed document (Yoga caches those), so the walk runs once per document.
 */
function jitSafe(schema: GraphQLSchema, doc: DocumentNode): boolean {
  let safe = jitVerdicts.get(doc);
  if (safe !== undefined) return safe;
  safe = !doc.definitions.some(
    (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === OperationTypeNode.SUBSCRIPTION,
  );
  const typeInfo = new TypeInfo(schema);
  visit(
    doc,
    visitWithTypeInfo(typeInfo, {
      [Kind.DIRECTIVE](node) {
        if (node.name.value === 'defer' || node.name.value === 'stream') safe = false;
      },
      [Kind.FIELD](node) {
        const name = node.name.value;
        if (name === '_service' || name === '__schema' || name === '__type') safe = false;
        const type = typeInfo.getType();
        if (!type) return; // unknown field: validation has failed already
        if (hasNullableListItems(type)) safe = false;
      },
    }),
  );
  jitVerdicts.set(doc, safe);
  return safe;
}

/**
 * Whether graphql-js accepts these variables. graphql-jit coerces variables itself and answers a
 * bad one (an unknown enum value, say) with an error of another shape than graphql-js's
 * documented BAD_USER_INPUT: such a request runs on the reference executor, which answers it.
 */
function variablesValid(
  schema: GraphQLSchema,
  doc: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): boolean {
  const op = getOperationAST(doc, operationName);
  if (!op) return false;
  const defs = op.variableDefinitions ?? [];
  if (defs.length === 0) return true;
  return getVariableValues(schema, defs, variables ?? {}, { maxErrors: 1 }).errors === undefined;
}

/** `[T]`, `[T]!`, `[[T!]]!`…: a list (at any depth) whose items may be null. */
function hasNullableListItems(type: GraphQLType): boolean {
  let t = getNullableType(type);
  while (isListType(t)) {
    if (!isNonNullType(t.ofType)) return true;
    t = getNullableType(t.ofType);
  }
  return false;
}

/** `PERSISTED_OPERATIONS`: a JSON object `{ "<sha256 of the document>": "<document>" }`. */
function loadPersistedOperations(file: string): Map<string, string> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return new Map(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
