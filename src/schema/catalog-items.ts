/**
 * What the catalog lists: the `CatalogItem` interface every listable vendor object implements, the
 * `CatalogKind` enum (its values are the registered sources' kinds), and the registry of catalog
 * sources (one per listable kind, registered by each vendor's browse.ts next to its type). A source walks its vendor's own paging; the same
 * walk, kept per request, also loads its objects by id (`node`, `nodes`, `_entities`), since these
 * vendors offer no call that reads one listed item alone.
 */
import { getTypeBrand } from '@pothos/core';
import type { GraphQLResolveInfo } from 'graphql';
import { builder } from '../graphql/builder.js';
import { type Context, requestCache } from '../graphql/context.js';
import { UpstreamInvalidResponseError, type VendorName } from '../foundations/errors.js';
import type { Scope } from '../settings/load.js';
import { SignedUrl } from './downloads.js';
import { registerNodeDoor } from './nodes.js';

/** A listable kind (`<VENDOR>_<THING>`), declared by its catalog source. */
export type CatalogKind = string;

/**
 * The `CatalogKind` enum, made from the registered sources' kinds at its first use: catalog.ts
 * makes it once every vendor has registered its sources, before the schema is built.
 */
export function catalogKindEnum() {
  kindEnum ??= builder.enumType('CatalogKind', {
    description: 'The listable kinds of the five vendors, as the catalog names them.',
    values: Object.fromEntries(catalogSources().map((s) => [s.kind, { description: s.kindDescription }])),
  });
  return kindEnum;
}
let kindEnum: ReturnType<typeof builder.enumType<string, Record<string, { description: string }>>> | undefined;

/**
 * Where the catalog looks, per vendor: the parts each source declares (`scopeFields`, e.g. a
 * project id); unset parts default from the vendor's settings.
 */
export type CatalogScopes = Readonly<Record<string, string | null | undefined>>;

/** The cross-vendor face of one listed item. */
export interface CatalogView {
  /** The native key inside the item's global id (what `node(id:)` loads it by again). */
  key: string;
  name: string | null;
  description: string | null;
  updatedAt: Date | null;
}

export interface CatalogSource<T = unknown> {
  kind: CatalogKind;
  /** The kind's description in the `CatalogKind` enum. */
  kindDescription: string;
  /** Where the vendor's description comes from, when worth saying (`Vendor \`field\``). */
  descriptionFrom?: string;
  /** The parts of `CatalogScopeInput` its list reads, with their descriptions (shared by a vendor's sources). */
  scopeFields?: Readonly<Record<string, string>>;
  vendor: VendorName;
  /** The GraphQL object type of the items (a Node implementing CatalogItem). */
  typename: string;
  /** The scope a caller needs to see these items (the same as the vendor's list field). */
  scope: Scope;
  /**
   * Every item of the list in `scopes` (the vendor's paging walked, at most MAX_CATALOG_ITEMS);
   * checks the scopes before any call; throws a GatewayError.
   */
  list(ctx: Context, scopes: CatalogScopes): Promise<T[]>;
  view(item: T): CatalogView;
  /** The list an item key belongs to (the inverse of `view().key`); throws BAD_USER_INPUT. */
  scopesOfKey(key: string, ctx: Context): CatalogScopes;
}

/** At most this many items per list and scope (the vendor's paging is walked up to it). */
export const MAX_CATALOG_ITEMS = 2000;

const sources = new Map<string, CatalogSource>();

/** Registers the catalog source of `source.typename` (once per type). */
export function registerCatalogSource<T>(source: CatalogSource<T>): CatalogSource<T> {
  if (sources.has(source.typename)) throw new Error(`${source.typename} already has a catalog source`);
  sources.set(source.typename, source as CatalogSource);
  return source;
}

/** Every registered source, in registration order (the vendor modules' order). */
export function catalogSources(): CatalogSource[] {
  return [...sources.values()];
}

export const sourceOf = (info: GraphQLResolveInfo): CatalogSource => {
  const s = sources.get(info.parentType.name);
  if (!s) throw new Error(`${info.parentType.name} has no catalog source`);
  return s;
};

/** One walk of each list (kind + scopes) per request, shared by catalog pages and node loads. */
const walks = requestCache(() => new Map<string, Promise<unknown[]>>());

/**
 * The GraphQL type of each listed object, for `CatalogItem`'s resolveType. A WeakMap rather than
 * Pothos' brand: the brand is a non-configurable property, and listed objects may be shared
 * (vendor caches) and listed again.
 */
const listedType = new WeakMap<object, string>();

export function listOnce<T>(ctx: Context, source: CatalogSource<T>, scopes: CatalogScopes): Promise<T[]> {
  const key = JSON.stringify([source.typename, scopes]);
  const memo = walks(ctx);
  let p = memo.get(key) as Promise<T[]> | undefined;
  if (!p) {
    p = source.list(ctx, scopes).then((items) => {
      for (const i of items) if (typeof i === 'object' && i !== null) listedType.set(i, source.typename);
      return items;
    });
    memo.set(key, p as Promise<unknown[]>);
  }
  return p;
}

/**
 * Node loads through the source's list: each key's list is walked once per request (batched by
 * the request memo), and the item with that key is picked; null when the list has none.
 */
export function loadFromList<T>(source: CatalogSource<T>) {
  return (keys: string[], ctx: Context): Promise<T | null>[] =>
    keys.map(async (key) => {
      const items = await listOnce(ctx, source, source.scopesOfKey(key, ctx));
      return items.find((i) => source.view(i).key === key) ?? null;
    });
}

/**
 * Walks a vendor's paging: `page(cursor)` answers a page and the next cursor (undefined at the
 * end). Stops at MAX_CATALOG_ITEMS; a vendor that repeats a cursor is an invalid response.
 */
export async function walkPages<T, C>(
  vendor: VendorName,
  page: (cursor: C | undefined) => Promise<{ items: T[]; next: C | undefined }>,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let cursor: C | undefined;
  do {
    const res = await page(cursor);
    out.push(...res.items);
    cursor = res.next;
    if (cursor !== undefined) {
      const k = JSON.stringify(cursor);
      if (seen.has(k)) throw new UpstreamInvalidResponseError('the list repeated a page', { vendor });
      seen.add(k);
    }
  } while (cursor !== undefined && out.length < MAX_CATALOG_ITEMS);
  return out.slice(0, MAX_CATALOG_ITEMS);
}

export const CatalogItem = builder.interfaceRef<unknown>('CatalogItem').implement({
  description:
    'One listable object of any vendor, as the `catalog` lists it. Ask for the vendor’s own fields with inline fragments (`... on RomaApp { appId }`).',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (item) => {
    const type = (typeof item === 'object' && item !== null && listedType.get(item)) || getTypeBrand(item);
    if (typeof type !== 'string') throw new Error('a CatalogItem of no known type');
    return type;
  },
  fields: (t) => ({
    id: t.id({
      description: 'The global id: opaque and URL-safe; pass it to `node(id:)`.',
      // Every implementing type is a Node, whose own `id` resolves this.
      resolve: () => {
        throw new Error('CatalogItem.id must be implemented by the object type');
      },
    }),
    kind: t.field({
      type: catalogKindEnum(),
      description: 'Which kind of object this is.',
      resolve: (_item, _a, _c, info) => sourceOf(info).kind,
    }),
    name: t.string({
      nullable: true,
      description: 'The name the vendor shows.',
      resolve: (item, _a, _c, info) => sourceOf(info).view(item).name,
    }),
    description: t.string({
      nullable: true,
      // Built with the schema, once every source is registered: each names the field it reads.
      description: `The vendor’s description (${catalogSources()
        .flatMap((s) => s.descriptionFrom ?? [])
        .join(', ')}); null where it has none.`,
      resolve: (item, _a, _c, info) => sourceOf(info).view(item).description,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the vendor last changed it (each type says which vendor field this is).',
      resolve: (item, _a, _c, info) => sourceOf(info).view(item).updatedAt,
    }),
    download: t.field({
      type: SignedUrl,
      nullable: true,
      description: 'A signed URL for the item’s file, where it has one (null otherwise). Makes no vendor call.',
      args: { expiresIn: t.arg.int({ description: 'Seconds until the link expires (default 300).' }) },
      resolve: () => null,
    }),
  }),
});

/** The node door of a listed type: its list's scope, then the key's syntax (no vendor call). */
export function registerListedNodeDoor<T>(source: CatalogSource<T>): void {
  registerNodeDoor(source.typename, {
    scope: source.scope,
    check: (key, ctx) => {
      source.scopesOfKey(key, ctx);
      return key;
    },
  });
}

/** The key of a listed item's global id, as the catalog and its node door agree on it. */
export const joinKey = (...parts: string[]) => parts.join('/');
