/**
 * Apollo Federation v2: the gateway as a subgraph (FEDERATION=on). Each vendor marks its types as
 * entities with `federateEntity` (natural keys, the same native key as inside the global id); this
 * file builds the subgraph schema (`_service`, `_entities`) and guards `_entities` like a root field:
 * a representation limit, the complexity limit, and per entity the scope and input checks of
 * `checkEntityDoor` before any loader or vendor call.
 */
import type { ObjectRef } from '@pothos/core';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import type { Selection } from '@pothos/plugin-federation';
import type { GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { builder } from '../graphql/builder.js';
import type { Context } from '../graphql/context.js';
import { BadUserInputError, ForbiddenError, QueryTooComplexError } from '../foundations/errors.js';
import { assertLookupsWithinLimits, operationDocument, rawVariables } from './lookups.js';
import { checkNodeDoor, hasNodeDoor, NODE_ID_COST } from './nodes.js';

/** The Federation spec version the subgraph links (Hive Gateway, Apollo Router and Cosmo read it). */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.6';

/** A key field of a representation as a string ('' when missing or not a scalar: the door rejects it). */
export function keyField(rep: Record<string, unknown>, name: string): string {
  const v = rep[name];
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
}

interface Entity {
  /** A representation's native key: the same string as inside the type's global id. Never throws. */
  nativeKey: (rep: Record<string, unknown>) => string;
  /** Loads by a checked native key through the request's dataloaders; null when the vendor has none. */
  load: (key: string, ctx: Context) => unknown;
}

const ENTITIES = new Map<string, Entity>();

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * The pre-loader door for one representation, keyed by type name + native key: only entity types,
 * then the type's one door (`checkNodeDoor`, the same check as `node`/`nodes`: scope first, then
 * the key's own checks, e.g. a privileged export option). Returns the normalized key.
 */
export function checkEntityDoor(ctx: Context, typename: string, key: string): string {
  if (!ENTITIES.has(typename)) {
    throw new BadUserInputError(`"${typename.slice(0, 64)}" is not an entity of this gateway`);
  }
  return checkNodeDoor(ctx, typename, key);
}

/**
 * Marks `ref` as a federation entity with `key`; its references resolve through `load`, after the
 * type's door (registered once with `registerNodeDoor`, shared with `node`/`nodes`).
 */
export function federateEntity<Shape, Key extends object>(
  ref: ObjectRef<BuilderTypes, Shape>,
  options: {
    key: Selection<Key>;
    nativeKey: Entity['nativeKey'];
    load: (key: string, ctx: Context) => Shape | null | Promise<Shape | null>;
  },
): void {
  const { key, ...entity } = options;
  ENTITIES.set(ref.name, entity);
  builder.asEntity(ref as never, {
    key,
    resolveReference: (rep: object, ctx: Context) =>
      resolveRepresentation({ ...rep, __typename: ref.name }, ctx) as never,
  });
}

/**
 * One representation → its object, or an error for that entity only (async, so a failed check
 * rejects instead of throwing out of the list). The checks run synchronously before the load, so
 * the loads of all representations still land in one dataloader batch.
 */
async function resolveRepresentation(rep: unknown, ctx: Context): Promise<unknown> {
  const r = (typeof rep === 'object' && rep !== null ? rep : {}) as Record<string, unknown>;
  const typename = typeof r.__typename === 'string' ? r.__typename : '';
  const entity = ENTITIES.get(typename);
  if (!entity) throw new BadUserInputError(`"${typename.slice(0, 64)}" is not an entity of this gateway`);
  const value = await entity.load(checkEntityDoor(ctx, typename, entity.nativeKey(r)), ctx);
  if (value === null || value === undefined) return null;
  // How `_Entity` knows the object's type (as @apollo/subgraph does it): a hidden __typename.
  if (typeof value === 'object' && !Object.hasOwn(value, '__typename')) {
    Object.defineProperty(value, '__typename', { value: typename });
  }
  return value;
}

/**
 * Cost of the whole operation with `_entities` counted once per representation. The raw variables
 * come from Yoga's request params (Pothos re-coerces them); other executors fall back to the coerced ones.
 */
function checkCost(ctx: Context, info: GraphQLResolveInfo): void {
  const { complexity } = complexityFromQuery(operationDocument(info), {
    schema: info.schema,
    ctx,
    variables: rawVariables(ctx, info),
  });
  const max = ctx.gateway.settings.limits.cost;
  if (complexity > max) {
    throw new QueryTooComplexError(`Query complexity ${complexity} exceeds the limit of ${max}`);
  }
}

/** The subgraph schema: the stand-alone schema + `_service`, `_entities`, `@link`, `@key`, `@shareable`. */
export function buildSubgraphSchema(): GraphQLSchema {
  // One door per type: an entity without the node door could never pass `checkEntityDoor`.
  for (const typename of ENTITIES.keys()) {
    if (!hasNodeDoor(typename)) throw new Error(`entity ${typename} has no door (registerNodeDoor)`);
  }
  // The @link imports are the federation directives the types use (the plugin collects them).
  const schema = builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK });
  const fields = schema.getQueryType()?.getFields() ?? {};

  const entities = fields._entities;
  if (entities) {
    entities.description =
      'Federation: the objects named by `representations` (`__typename` + key fields), for a router. Same scopes, input checks and limits as the root fields; at most FEDERATION_MAX_REPRESENTATIONS per request across all `_entities` fields, each costing like a `nodes` id.';
    // Each representation is a lookup, like an id of `nodes`: it costs NODE_ID_COST, and the
    // complexity plugin counts the selection once per representation.
    entities.extensions = {
      ...entities.extensions,
      complexity: (args: { representations?: unknown }) => {
        const n = Array.isArray(args.representations) ? args.representations.length : 1;
        return { field: NODE_ID_COST * n, multiplier: Math.max(n, 1) };
      },
    };
    const resolve: GraphQLFieldResolver<unknown, Context, { representations: unknown[] }> = (
      _src,
      { representations },
      ctx,
      info,
    ) => {
      assertLookupsWithinLimits(ctx, info);
      checkCost(ctx, info);
      return representations.map((rep) => resolveRepresentation(rep, ctx));
    };
    entities.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
  }

  const service = fields._service;
  if (service?.resolve) {
    const sdl = service.resolve;
    service.description =
      'Federation: this subgraph’s SDL for composition. Refused like introspection when INTROSPECTION=false (compose from schema/subgraph.graphql then).';
    service.resolve = (src, args, ctx: Context, info) => {
      if (!ctx.gateway.settings.introspection) {
        throw new ForbiddenError(
          '_service is disabled with introspection (INTROSPECTION=false); compose from schema/subgraph.graphql',
        );
      }
      return sdl(src, args, ctx, info);
    };
  }
  return schema;
}
