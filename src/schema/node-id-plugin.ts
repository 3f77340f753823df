/**
 * Node ids without promises. @pothos/plugin-relay resolves the `id` of every Node type with an
 * `async` function that awaits the type's own `id.resolve` and then encodes the global id
 * (field-builder.ts, `globalID`): four promises per object even when `id.resolve` is plain, and
 * graphql-jit then completes each object of a list asynchronously (docs/performance.md). This plugin, registered last so it
 * sees the resolver Relay built before any other plugin wraps it, swaps that resolver for one
 * that gives the same global id synchronously when `id.resolve` answers synchronously (and waits
 * for it when it does not). Ids are byte-identical: the same `encodeGlobalID` of builder.ts.
 */
import SchemaBuilder, { BasePlugin, isThenable, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';

type IdResolve = (parent: unknown, args: object, ctx: object, info: unknown) => unknown;

export class SyncNodeIdPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    field: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const idField = this.builder.options.relay?.idFieldName ?? 'id';
    if (field.kind !== 'Object' || field.name !== idField) return resolver;
    const type = this.buildCache.getTypeConfig(field.parentType);
    // A Relay node: addNodeProperties (plugin-relay) marks it with `pothosParseGlobalID` and keeps
    // the node options, whose `id.resolve` the async resolver awaits.
    const idResolve = (type.pothosOptions as { id?: { resolve?: unknown } }).id?.resolve;
    if (type.kind !== 'Object' || !('pothosParseGlobalID' in (type.extensions ?? {}))) return resolver;
    if (typeof idResolve !== 'function') return resolver;
    const encode = this.builder.options.relay?.encodeGlobalID;
    if (!encode) return resolver;
    const typename = type.name;
    const resolveId = idResolve as IdResolve;
    const toGlobal = (id: unknown, ctx: Types['Context']) =>
      encode(typename, String(id as string | number | bigint), ctx);
    return (parent, args, ctx, info) => {
      const id = resolveId(parent, args, ctx, info);
      return isThenable(id) ? Promise.resolve(id).then((v) => toGlobal(v, ctx)) : toGlobal(id, ctx);
    };
  }
}

declare global {
  // Pothos' documented way to name a plugin in the builder's `plugins` list (a global namespace).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      syncNodeIds: SyncNodeIdPlugin<Types>;
    }
  }
}

export const syncNodeIdsPlugin = 'syncNodeIds' as const;
SchemaBuilder.registerPlugin(syncNodeIdsPlugin, SyncNodeIdPlugin);
