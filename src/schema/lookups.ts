/**
 * Lookups by key counted per request: the ids of every `node`/`nodes` field and the
 * representations of every `_entities` field of the operation, summed across aliases, fragments,
 * inline fragments and `@defer`, against NODES_MAX_IDS and FEDERATION_MAX_REPRESENTATIONS. The
 * check runs before execution starts (`useLookupLimits`), so an operation over a limit makes no
 * vendor call at all: it is answered `QUERY_TOO_COMPLEX` with no data.
 *
 * A per-field cap alone lets aliases multiply it (8 aliased `_entities` × 100 representations =
 * 800 lookups); the complexity cost counts each id too (nodes.ts, federation.ts), but a cheap
 * selection keeps that sum low, so the count of lookups is its own limit.
 *
 * Fields are counted once per response path: two selections of the same path are merged by
 * GraphQL (validation guarantees their arguments are equal) and run once. `@skip`/`@include`
 * are not evaluated: a lookup that might run is counted.
 */
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  getOperationAST,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';
import { QueryTooComplexError } from '../foundations/errors.js';

type LookupKind = 'ids' | 'representations';

/** The root fields that look objects up by key, and the argument holding the keys. */
const LOOKUP_FIELDS: Record<string, { arg: string; kind: LookupKind }> = {
  node: { arg: 'id', kind: 'ids' },
  nodes: { arg: 'ids', kind: 'ids' },
  _entities: { arg: 'representations', kind: 'representations' },
};

interface LookupArg {
  kind: LookupKind;
  value: ValueNode;
}

/** The lookup arguments of one operation, by response path (found once per parsed document). */
const found = new WeakMap<DocumentNode, Map<string | null | undefined, LookupArg[]>>();

function collect(schema: GraphQLSchema, doc: DocumentNode, operationName?: string | null): LookupArg[] {
  let perOp = found.get(doc);
  if (!perOp) found.set(doc, (perOp = new Map()));
  const cached = perOp.get(operationName);
  if (cached) return cached;
  const op = getOperationAST(doc, operationName);
  const queryType = schema.getQueryType();
  const args = new Map<string, LookupArg>();
  if (op && queryType) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const root = schema.getRootType(op.operation);
    const walk = (set: SelectionSetNode, type: GraphQLNamedType, prefix: string, active: Set<string>) => {
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const key = `${prefix}/${sel.alias?.value ?? sel.name.value}`;
          const lookup = type === queryType ? LOOKUP_FIELDS[sel.name.value] : undefined;
          if (lookup) {
            const arg = sel.arguments?.find((a) => a.name.value === lookup.arg);
            if (arg) args.set(key, { kind: lookup.kind, value: arg.value });
          }
          if (!sel.selectionSet || !(isObjectType(type) || isInterfaceType(type))) continue;
          const field = type.getFields()[sel.name.value];
          if (field) walk(sel.selectionSet, getNamedType(field.type), key, active);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : type;
          walk(sel.selectionSet, cond ?? type, prefix, active);
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          if (!frag || active.has(name)) continue; // unknown or cyclic: validation refuses those
          const cond = schema.getType(frag.typeCondition.name.value) ?? type;
          walk(frag.selectionSet, cond, prefix, new Set(active).add(name));
        }
      }
    };
    if (root) walk(op.selectionSet, root, '', new Set());
  }
  const list = [...args.values()];
  perOp.set(operationName, list);
  return list;
}

/** How many keys an argument holds: a list's items, else one (null: none). */
function sizeOf(value: ValueNode, variables: Readonly<Record<string, unknown>> | null | undefined): number {
  if (value.kind === Kind.VARIABLE) {
    const v = variables?.[value.name.value];
    return Array.isArray(v) ? v.length : v === null || v === undefined ? 0 : 1;
  }
  if (value.kind === Kind.LIST) return value.values.length;
  return value.kind === Kind.NULL ? 0 : 1;
}

/** The ids and representations an operation asks for, summed over the whole request. */
export function countLookups(
  schema: GraphQLSchema,
  doc: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): Record<LookupKind, number> {
  const total: Record<LookupKind, number> = { ids: 0, representations: 0 };
  for (const a of collect(schema, doc, operationName)) total[a.kind] += sizeOf(a.value, variables);
  return total;
}

/** The request's lookups over a limit: the error to answer, or undefined. */
export function lookupLimitError(
  ctx: Pick<Context, 'gateway'>,
  counts: Record<LookupKind, number>,
): QueryTooComplexError | undefined {
  const { nodesMaxIds } = ctx.gateway.settings.limits;
  const { maxRepresentations } = ctx.gateway.settings.federation;
  if (counts.ids > nodesMaxIds) {
    return new QueryTooComplexError(
      `node(id:) and nodes(ids:) take at most ${nodesMaxIds} ids per request, across aliases and fragments (got ${counts.ids}); see NODES_MAX_IDS`,
    );
  }
  if (counts.representations > maxRepresentations) {
    return new QueryTooComplexError(
      `_entities takes at most ${maxRepresentations} representations per request, across aliases and fragments (got ${counts.representations}); see FEDERATION_MAX_REPRESENTATIONS`,
    );
  }
  return undefined;
}

/**
 * The variables as the caller sent them: Yoga's request params (Pothos re-coerces them); other
 * executors fall back to the coerced ones.
 */
export function rawVariables(ctx: Context, info: GraphQLResolveInfo): Record<string, unknown> {
  const params = (ctx as Context & { params?: { variables?: Record<string, unknown> } }).params;
  return params?.variables ?? info.variableValues;
}

/** The operation being run and its fragments, as a document. */
export function operationDocument(info: GraphQLResolveInfo): DocumentNode {
  return { kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] };
}

/**
 * The same per-request count, from inside a lookup field's resolver: `useLookupLimits` already
 * refused such an operation before execution; this holds for executors that run the schema
 * without the gateway's Yoga plugins.
 */
export function assertLookupsWithinLimits(ctx: Context, info: GraphQLResolveInfo): void {
  const over = lookupLimitError(
    ctx,
    countLookups(info.schema, operationDocument(info), undefined, rawVariables(ctx, info)),
  );
  if (over) throw over;
}

/** Refuses, before execution, an operation whose lookups are over the per-request limits. */
export function useLookupLimits(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as unknown as Partial<Context> | undefined;
      const gateway = ctx?.gateway;
      if (!gateway) return;
      const counts = countLookups(args.schema, args.document, args.operationName, args.variableValues);
      const err = lookupLimitError({ gateway }, counts);
      if (err) {
        setResultAndStopExecution({
          errors: [createGraphQLError(err.message, { extensions: err.extensions })],
        });
      }
    },
  };
}
