/** The one Pothos SchemaBuilder: plugins, graphql-scalars, the Context type. Nothing else. */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin, { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import {
  DateTimeResolver,
  JSONObjectResolver,
  JSONResolver,
  NonNegativeIntResolver,
  URLResolver,
  UUIDResolver,
} from 'graphql-scalars';
import type { Context } from './context.js';
import { ForbiddenError, QueryTooComplexError } from '../foundations/errors.js';
import { memoize } from '../foundations/memo.js';
import { allScopes, type Scope } from '../settings/load.js';
import { decodeGlobalId, encodeGlobalId } from '../schema/global-id.js';
import { syncNodeIdsPlugin } from '../schema/node-id-plugin.js';
import { forwardOnlyPlugin } from '../schema/forward-only-plugin.js';

/** The scopes whose absence failed a check (Pothos' failure tree), so FORBIDDEN can name them. */
function missingScopes(failure: AuthFailure): string[] {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
    case AuthScopeFailureType.GrantedScope:
      return [failure.scope];
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      return [...new Set(failure.failures.flatMap(missingScopes))];
    default:
      return [];
  }
}

export const builder = new SchemaBuilder<{
  Context: Context;
  AuthScopes: Record<Scope, boolean>;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    URL: { Input: URL; Output: URL | string };
    UUID: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
    NonNegativeInt: { Input: number; Output: number };
  };
}>({
  // Federation last: it must see the resolvers the auth plugin wrapped (its docs ask for this order).
  plugins: [
    ScopeAuthPlugin,
    RelayPlugin,
    DataloaderPlugin,
    ComplexityPlugin,
    DirectivesPlugin,
    FederationPlugin,
    // Last, so it replaces Relay's async node `id` resolver before any other plugin wraps it.
    syncNodeIdsPlugin,
    forwardOnlyPlugin,
  ],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (ctx) =>
      Object.fromEntries(allScopes().map((s) => [s, ctx.principal.scopes.has(s)])) as Record<Scope, boolean>,
    // A missing scope fails that field only, with the gateway's FORBIDDEN code.
    unauthorizedError: (_parent, _ctx, info, result) => {
      const scopes = missingScopes(result.failure);
      return new ForbiddenError(
        `Not allowed to read ${info.parentType.name}.${info.fieldName}: ${
          scopes.length > 0 ? `needs the ${scopes.join(' or ')} scope` : result.message
        }`,
      );
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: (ctx) => ({
      complexity: ctx.gateway.settings.limits.cost,
      depth: ctx.gateway.settings.limits.depth,
    }),
    complexityError: (kind, result) =>
      new QueryTooComplexError(
        `Query ${kind.toLowerCase()} ${kind === 'Depth' ? result.depth : result.complexity} exceeds the limit of ${kind === 'Depth' ? result.maxDepth : result.maxComplexity}`,
      ),
  },
  relay: {
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: decodeGlobalId,
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeTypeOptions: {
      description: 'An object with a global id: an opaque, URL-safe string that `node(id:)` resolves again.',
    },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection stands (Relay cursor pagination).',
      // Federation: Relay's PageInfo is declared by many subgraphs; it means the same everywhere.
      shareable: true,
    },
    // `node`/`nodes` are defined in schema/nodes.ts: they check scopes and keys before any loader.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    idFieldOptions: { description: 'The global id: opaque and URL-safe; pass it to `node(id:)`.' },
    cursorFieldOptions: { description: 'An opaque cursor for `after:`.' },
    hasNextPageFieldOptions: { description: 'True when more items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'True when items precede this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first edge of this page.' },
    endCursorFieldOptions: { description: 'The cursor of the last edge of this page; pass it to `after:`.' },
    firstArgOptions: { description: 'At most this many items from the start (default 20, max 100).' },
    lastArgOptions: { description: 'At most this many items from the end (max 100).' },
    afterArgOptions: { description: 'Items after this cursor (an `endCursor` or edge `cursor`).' },
    beforeArgOptions: { description: 'Items before this cursor.' },
    pageInfoFieldOptions: { description: 'Where this page stands.' },
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The item.' },
  },
});

/** The ISO text of an instant, and the normal form of a URL: kept (`memoize`), as vendors repeat them. */
const isoText = memoize((t: number) => new Date(t).toISOString());
const urlText = memoize((u: string) => new URL(u).toString());

// graphql-scalars' DateTime checks the value and answers a Date, which JSON.stringify then turns
// into the same ISO text through toJSON: that path took about 2.5× as long to serialise a page
// of 73 integrations. The text is made here instead, so results are plain JSON data.
builder.addScalarType('DateTime', DateTimeResolver, {
  serialize: (value) => {
    const out = DateTimeResolver.serialize(value);
    return out instanceof Date ? isoText(out.getTime()) : out;
  },
});
// graphql-scalars' URL answers `new URL(value.toString()).toString()`: the same, kept (graphql-js
// never serialises a null).
builder.addScalarType('URL', URLResolver, { serialize: (value) => urlText(String(value)) });
builder.addScalarType('UUID', UUIDResolver);
builder.addScalarType('JSON', JSONResolver);
builder.addScalarType('JSONObject', JSONObjectResolver);
builder.addScalarType('NonNegativeInt', NonNegativeIntResolver);

/** The schema types of the builder, for helpers that take one of its field or argument builders. */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
