/**
 * graphql-jit's eligibility: which operations it runs exactly like graphql-js, with variables
 * graphql-js accepts. Everything else runs on Yoga's usual executor.
 */
import {
  type DocumentNode,
  type GraphQLSchema,
  type GraphQLType,
  getNullableType,
  getOperationAST,
  getVariableValues,
  isListType,
  isNonNullType,
  Kind,
  OperationTypeNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type JITCache, useGraphQlJit } from '@envelop/graphql-jit';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../observability/logger.js';

/**
 * graphql-jit: each operation compiled once into a function, far less CPU than interpreting it
 * (docs/performance.md). Only for operations it runs exactly like graphql-js (`jitSafe`) with
 * variables graphql-js accepts (`variablesValid`); everything else runs on Yoga's usual executor.
 */
export function useJit(logger: Logger, schema: GraphQLSchema): Plugin {
  return useGraphQlJit(
    {},
    {
      enableIf: (args) =>
        jitSafe(args.schema, args.document) &&
        variablesValid(args.schema, args.document, args.operationName, args.variableValues),
      // Not expected (validation runs first); the plugin then answers the compiler's errors.
      onError: (r) => logger.warn('graphql-jit could not compile an operation', { errors: r.errors?.length }),
      cache: compiledFor(schema),
    },
  ) as Plugin;
}

type Compiled = NonNullable<ReturnType<JITCache['get']>>;
const compiledBySchema = new WeakMap<GraphQLSchema, LRUCache<string, Compiled>>();

/**
 * Compiled operations by document text, bounded, one cache per schema for the whole process: a
 * compiled operation depends on the schema and the document only (the request's context comes in
 * at execution), so every gateway of a process serving that schema compiles it once.
 */
function compiledFor(schema: GraphQLSchema): LRUCache<string, Compiled> {
  let cache = compiledBySchema.get(schema);
  if (!cache) {
    cache = new LRUCache<string, Compiled>({ max: 1000 });
    compiledBySchema.set(schema, cache);
  }
  return cache;
}

const jitVerdicts = new WeakMap<DocumentNode, boolean>();

/**
 * Whether graphql-jit may run this document. Not when it
 * - holds more than one operation: @envelop/graphql-jit keeps one compiled operation per document
 *   (by its text and by the parsed object), whichever `operationName` asked first, so another
 *   operation of the same document would run the first one's code;
 * - selects a list whose items may be null (`_entities`, `nodes`): graphql-jit drops trailing null
 *   items of such a list when its last entries failed, where graphql-js keeps one null per item;
 * - uses `@defer`/`@stream`: graphql-jit has no incremental delivery;
 * - selects `_service` or introspection (`__schema`, `__type`): rare, and left to the reference
 *   executor;
 * - is a subscription: graphql-jit's `subscribe` reads literal arguments of the root field as
 *   undefined (`assetJobProgress(jobId: "…")` arrived without its jobId), and a subscription's
 *   cost is its polling, not its execution.
 * Remembered per parsed document (Yoga caches those), so the walk runs once per document.
 */
export function jitSafe(schema: GraphQLSchema, doc: DocumentNode): boolean {
  let safe = jitVerdicts.get(doc);
  if (safe !== undefined) return safe;
  const operations = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  safe = operations.length === 1 && operations[0]?.operation !== OperationTypeNode.SUBSCRIPTION;
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
export function variablesValid(
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
