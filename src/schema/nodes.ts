/**
 * The one door: `node(id:)`, `nodes(ids:)` and federation `_entities` fetch objects by type name +
 * native key. Before any loader runs, `checkNodeDoor` applies the type's scope and validates the
 * decoded key, so a forbidden or malformed id costs no vendor call, and a forbidden id answers
 * FORBIDDEN whether or not the object exists. Each Node type registers its door once, next to its
 * definition (`registerNodeDoor`); `checkEntityDoor` (schema/federation.ts) goes through the same
 * door. A type with no door cannot be fetched by id.
 */
import { resolveNodes } from '@pothos/plugin-relay';
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../graphql/builder.js';
import type { Context } from '../graphql/context.js';
import { BadUserInputError, ForbiddenError, isGatewayError } from '../foundations/errors.js';
import type { Scope } from '../settings/load.js';
import { decodeGlobalId } from './global-id.js';
import { assertLookupsWithinLimits } from './lookups.js';

export interface NodeDoor {
  /**
   * The scope the type needs: the same as its root field's (and its type-level `authScopes`, except
   * a type that checks it at the doors only, as its vendor's schema.ts says).
   */
  scope: Scope;
  /**
   * Validates the native key (throws BAD_USER_INPUT) and applies rules that depend on it (throws
   * FORBIDDEN, e.g. a privileged export option, with its audit line). Returns the key normalized (the form
   * the type's loaders expect). Makes no vendor call.
   */
  check: (key: string, ctx: Context) => string;
}

const doors = new Map<string, NodeDoor>();

/** Registers the door of `typename` (once per type: a second registration is a programming error). */
export function registerNodeDoor(typename: string, door: NodeDoor): void {
  if (doors.has(typename)) throw new Error(`${typename} already has a door`);
  doors.set(typename, door);
}

/** True when `typename` registered its door (every federation entity must have one). */
export function hasNodeDoor(typename: string): boolean {
  return doors.has(typename);
}

/**
 * The one check for "may this caller fetch `typename` with native `key`": scope first (the answer
 * never depends on the key), then the key's syntax and key-dependent rules. Throws GatewayErrors;
 * returns the key normalized.
 */
export function checkNodeDoor(ctx: Context, typename: string, key: string): string {
  const door = doors.get(typename);
  if (!door) throw new BadUserInputError(`${typename} objects cannot be fetched by id`);
  if (!ctx.principal.scopes.has(door.scope)) {
    throw new ForbiddenError(`Not allowed to read ${typename}: needs the ${door.scope} scope`);
  }
  return door.check(key, ctx);
}

type NodeRef = { typename: string; id: string };

/** Passes a type name + native key through the door; a refused one becomes its Error. */
export function admitKey(ctx: Context, typename: string, key: string): NodeRef | Error {
  try {
    checkNodeDoor(ctx, typename, key);
    return { typename, id: key };
  } catch (err) {
    if (isGatewayError(err)) return err;
    throw err;
  }
}

/** Decodes a global id and passes it through the door; a refused id becomes its Error. */
function admit(ctx: Context, globalId: string): NodeRef | Error {
  try {
    const { typename, id } = decodeGlobalId(globalId);
    return admitKey(ctx, typename, id);
  } catch (err) {
    if (isGatewayError(err)) return err;
    throw err;
  }
}

/** True when `typename` loads one object per call (`loadOne`): each can fail on its own. */
function loadsOne(typename: string): boolean {
  const options = builder.configStore.getTypeConfig(typename, 'Object').pothosOptions as {
    loadOne?: unknown;
  };
  return typeof options.loadOne === 'function';
}

/**
 * Loads admitted refs through their types' loaders; refused ones keep their Error, which GraphQL
 * reports at that item (null + error). For `node` and `nodes`. Types with `loadMany`
 * load in one batch per type (a failed key is an Error in its slot); a `loadOne` type's lookups
 * run one by one, so one that throws (a vendor 500, a consumed once-only archive) fails only its own
 * item: Pothos would otherwise reject the whole list with it.
 */
export async function loadAdmitted(
  ctx: Context,
  info: GraphQLResolveInfo,
  admitted: readonly (NodeRef | Error)[],
): Promise<unknown[]> {
  const single = admitted.map((a) => !(a instanceof Error) && loadsOne(a.typename));
  const [batched, singles] = await Promise.all([
    resolveNodes(
      builder,
      ctx,
      info,
      admitted.map((a, i) => (a instanceof Error || single[i] ? null : a)),
    ),
    Promise.all(
      admitted.map((a, i) =>
        a instanceof Error || !single[i]
          ? undefined
          : resolveNodes(builder, ctx, info, [a]).then(
              ([node]) => node,
              (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
            ),
      ),
    ),
  ]);
  return admitted.map((a, i) => (a instanceof Error ? a : single[i] ? singles[i] : batched[i]));
}

const load = (ctx: Context, info: GraphQLResolveInfo, ids: readonly string[]) =>
  loadAdmitted(
    ctx,
    info,
    ids.map((id) => admit(ctx, id)),
  );

/** Cost of one id in `nodes`: a loader call, like a root lookup. */
export const NODE_ID_COST = 5;

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    complexity: NODE_ID_COST,
    description: 'Any object by its global id; null when the vendor has no such object.',
    args: { id: t.arg.id({ required: true, description: 'A global id from the `id` field of any Node.' }) },
    resolve: async (_root, args, ctx, info) => {
      const [node] = await load(ctx, info, [String(args.id)]);
      if (node instanceof Error) throw node;
      return node ?? null;
    },
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    // Each id is a lookup: the ids count in the cost, and the selection is paid once per id.
    complexity: (args) => {
      const n = Array.isArray(args.ids) ? args.ids.length : 1;
      return { field: NODE_ID_COST * n, multiplier: Math.max(n, 1) };
    },
    description:
      'Several objects by global id, batched per vendor: one round of vendor calls per vendor. At most NODES_MAX_IDS ids (default 100); a refused or malformed id fails only its own item.',
    args: {
      ids: t.arg.idList({
        required: true,
        description: 'Global ids of any Node types, in the order the results should have.',
      }),
    },
    resolve: (_root, args, ctx, info) => {
      assertLookupsWithinLimits(ctx, info);
      return load(
        ctx,
        info,
        args.ids.map((id) => String(id)),
      );
    },
  }),
}));
