/**
 * `catalog`: one connection over every listable kind of every vendor (the sources registered in
 * catalog-items.ts), ordered by `updatedAt` (newest first) or by name. The page is a k-way merge of
 * the vendors' lists, each walked through its vendor's own paging (once per request, and through
 * the vendor clients, so cached as those lists are); the cursor is the last item's sort key and
 * global id, so it holds across vendors and pages. A vendor that fails or is not configured adds
 * an entry to `errors` and leaves the page to the others; a vendor whose scope the caller lacks is
 * left out without an error.
 */
import { builder } from '../graphql/builder.js';
import type { Context } from '../graphql/context.js';
import { BadUserInputError, isGatewayError, type VendorName } from '../foundations/errors.js';
import { checkText } from '../vendors/paging.js';
import {
  type CatalogKind,
  CatalogItem,
  catalogKindEnum,
  type CatalogScopes,
  type CatalogSource,
  catalogSources,
  listOnce,
  sourceOf,
} from './catalog-items.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connections.js';
import { encodeGlobalId } from './global-id.js';
import { Vendor } from './vendors.js';

builder.interfaceFields(CatalogItem, (t) => ({
  vendor: t.field({
    type: Vendor,
    description: 'The vendor the object comes from.',
    resolve: (_item, _a, _c, info) => sourceOf(info).vendor,
  }),
}));

const CatalogOrder = builder.enumType('CatalogOrder', {
  description: 'How the catalog is ordered.',
  values: {
    UPDATED_AT_DESC: { description: 'Newest `updatedAt` first; items without one last.' },
    NAME_ASC: { description: 'By `name`, case-insensitive; items without one last.' },
  } as const,
});
type Order = 'UPDATED_AT_DESC' | 'NAME_ASC';

// Loaded after every vendor's schema: the kinds and the scope parts are those of the registered sources.
const CatalogKindEnum = catalogKindEnum();

/** Every source's scope parts (a vendor's sources share theirs: one description each). */
function scopeFields(): [string, string][] {
  const fields = new Map<string, string>();
  for (const s of catalogSources())
    for (const [name, description] of Object.entries(s.scopeFields ?? {})) {
      if (fields.has(name) && fields.get(name) !== description)
        throw new Error(`catalog scope part ${name} is described two ways (${s.typename})`);
      fields.set(name, description);
    }
  return [...fields];
}

const CatalogScopeInput = builder.inputType('CatalogScopeInput', {
  description: 'Where the catalog looks per vendor; each part defaults from the gateway’s settings.',
  fields: (t) => Object.fromEntries(scopeFields().map(([name, description]) => [name, t.string({ description })])),
});

interface CatalogErrorShape {
  vendor: VendorName;
  kind: CatalogKind;
  code: string;
  message: string;
}

const CatalogError = builder.objectRef<CatalogErrorShape>('CatalogError').implement({
  description: 'A list the catalog could not read: its items are missing from the page, the others are there.',
  fields: (t) => ({
    vendor: t.field({ type: Vendor, description: 'The vendor that failed.', resolve: (e) => e.vendor }),
    kind: t.field({ type: CatalogKindEnum, description: 'The list that failed.', resolve: (e) => e.kind }),
    code: t.exposeString('code', {
      description: 'The error code the vendor’s own field would have answered (e.g. UPSTREAM_UNAVAILABLE).',
    }),
    message: t.exposeString('message', { description: 'What went wrong.' }),
  }),
});

/** One listed item with what the merge sorts by. */
interface Entry {
  item: unknown;
  id: string;
  /** updatedAt in ms, or null. */
  u: number | null;
  /** The name lower-cased, or null. */
  n: string | null;
}

interface Cursor {
  o: Order;
  u: number | null;
  n: string | null;
  id: string;
}

const CURSOR_PREFIX = 'Catalog:';

function encodeCursor(order: Order, e: Entry): string {
  const c: Cursor = { o: order, u: e.u, n: e.n, id: e.id };
  return Buffer.from(CURSOR_PREFIX + JSON.stringify(c)).toString('base64url');
}

function decodeCursor(order: Order, text: string): Cursor {
  const bad = new BadUserInputError('after is not a cursor of this catalog order');
  if (text.length > 4096 || !/^[A-Za-z0-9_-]+$/.test(text)) throw bad;
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  if (!raw.startsWith(CURSOR_PREFIX)) throw bad;
  let c: unknown;
  try {
    c = JSON.parse(raw.slice(CURSOR_PREFIX.length));
  } catch {
    throw bad;
  }
  const o = c as Partial<Cursor> | null;
  if (
    typeof o !== 'object' ||
    o === null ||
    o.o !== order ||
    typeof o.id !== 'string' ||
    !(o.u === null || Number.isFinite(o.u)) ||
    !(o.n === null || typeof o.n === 'string')
  ) {
    throw bad;
  }
  return { o: o.o, u: o.u ?? null, n: o.n ?? null, id: o.id };
}

/** Nulls last, then the global id: a total order, so a cursor never skips or repeats an item. */
function comparator(order: Order): (a: Pick<Entry, 'u' | 'n' | 'id'>, b: Pick<Entry, 'u' | 'n' | 'id'>) => number {
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (order === 'NAME_ASC') {
    return (a, b) => {
      if (a.n !== b.n) {
        if (a.n === null) return 1;
        if (b.n === null) return -1;
        return a.n < b.n ? -1 : 1;
      }
      return byId(a, b);
    };
  }
  return (a, b) => {
    if (a.u !== b.u) {
      if (a.u === null) return 1;
      if (b.u === null) return -1;
      return b.u - a.u;
    }
    return byId(a, b);
  };
}

/** Pulls the smallest head of several sorted lists until `limit` items are taken. */
function* kWayMerge<T>(lists: T[][], cmp: (a: T, b: T) => number): Generator<T> {
  const at = lists.map(() => 0);
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const head = lists[i]![at[i]!];
      if (head === undefined) continue;
      if (best < 0 || cmp(head, lists[best]![at[best]!]!) < 0) best = i;
    }
    if (best < 0) return;
    yield lists[best]![at[best]!++]!;
  }
}

interface CatalogArgs {
  first?: number | null;
  after?: string | null;
  vendors?: readonly string[] | null;
  kinds?: readonly CatalogKind[] | null;
  text?: string | null;
  updatedSince?: Date | null;
  orderBy?: Order | null;
  scopes?: CatalogScopes | null;
}

/** The sources a query asks for (vendors, kinds) that the caller may see. */
function sourcesFor(ctx: Context, args: CatalogArgs): CatalogSource[] {
  return catalogSources().filter(
    (s) =>
      (!args.vendors || args.vendors.includes(s.vendor)) &&
      (!args.kinds || args.kinds.includes(s.kind)) &&
      ctx.principal.scopes.has(s.scope),
  );
}

async function catalogPage(ctx: Context, args: CatalogArgs) {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (first < 1 || first > MAX_PAGE_SIZE) throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`);
  if (args.vendors && args.vendors.length > 20) throw new BadUserInputError('vendors takes at most 20 values');
  if (args.kinds && args.kinds.length > 20) throw new BadUserInputError('kinds takes at most 20 values');
  const text = checkText('text', args.text, 200)?.toLowerCase();
  const order: Order = args.orderBy ?? 'UPDATED_AT_DESC';
  const after = args.after == null ? null : decodeCursor(order, args.after);
  const scopes: CatalogScopes = { ...args.scopes };
  for (const [k, v] of Object.entries(scopes)) checkText(`scopes.${k}`, v as string | null, 128);
  const since = args.updatedSince?.getTime() ?? null;
  const cmp = comparator(order);

  const errors: CatalogErrorShape[] = [];
  const lists = await Promise.all(
    sourcesFor(ctx, args).map(async (s): Promise<Entry[]> => {
      let items: unknown[];
      try {
        items = await listOnce(ctx, s, scopes);
      } catch (err) {
        // Bad input (a malformed scope) fails the field like any list's; a vendor failure is an entry.
        if (!isGatewayError(err) || err.code === 'BAD_USER_INPUT') throw err;
        errors.push({ vendor: s.vendor, kind: s.kind, code: err.code, message: err.message });
        return [];
      }
      const entries: Entry[] = [];
      for (const item of items) {
        const v = s.view(item);
        const u = v.updatedAt?.getTime() ?? null;
        if (since !== null && (u === null || Number.isNaN(u) || u < since)) continue;
        if (text && !`${v.name ?? ''}\u0000${v.description ?? ''}`.toLowerCase().includes(text)) continue;
        entries.push({
          item,
          id: encodeGlobalId(s.typename, v.key),
          u: u === null || Number.isNaN(u) ? null : u,
          n: v.name?.toLowerCase() ?? null,
        });
      }
      return entries.sort(cmp);
    }),
  );
  const totalCount = lists.reduce((n, l) => n + l.length, 0);
  const page: Entry[] = [];
  for (const e of kWayMerge(lists, cmp)) {
    if (after && cmp(e, after) <= 0) continue;
    page.push(e);
    if (page.length > first) break;
  }
  const hasNextPage = page.length > first;
  const edges = page.slice(0, first).map((e) => ({ cursor: encodeCursor(order, e), node: e.item }));
  errors.sort((a, b) => a.vendor.localeCompare(b.vendor) || a.kind.localeCompare(b.kind));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount,
    errors,
  };
}

type CatalogPage = Awaited<ReturnType<typeof catalogPage>>;

builder.queryField('catalog', (t) =>
  t.connection(
    {
      type: CatalogItem,
      extensions: { forwardOnly: true },
      // A list per vendor: the call cost and the page's selection, each counted per vendor asked.
      complexity: (args) => {
        const vendors = Math.max(1, Math.min(args.vendors?.length ?? catalogVendorCount(), 20));
        const first = Math.max(1, Math.min(args.first ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE));
        return { field: 50 * vendors, multiplier: (first * vendors) / 10 };
      },
      description:
        'Everything listable of every vendor in one connection, through `CatalogItem` (ask for each vendor’s own fields with inline fragments). Ordered by `updatedAt`, newest first (or by name); the cursor holds across vendors. Each vendor’s list is walked through its own paging; a vendor that fails or is not configured adds an entry to `errors` and leaves the rest of the page filled; vendors whose scope the caller lacks are left out.',
      args: {
        vendors: t.arg({ type: [Vendor], description: 'Only these vendors (default: all).' }),
        kinds: t.arg({ type: [CatalogKindEnum], description: 'Only these kinds (default: all).' }),
        text: t.arg.string({ description: 'Only items whose name or description contains this text (case-insensitive).' }),
        updatedSince: t.arg({ type: 'DateTime', description: 'Only items updated at or after this time.' }),
        orderBy: t.arg({ type: CatalogOrder, description: 'The order (default UPDATED_AT_DESC).' }),
        scopes: t.arg({ type: CatalogScopeInput, description: 'Where to look per vendor (default: the settings).' }),
      },
      resolve: (_root, args, ctx) => catalogPage(ctx, args) as never,
    },
    {
      name: 'CatalogConnection',
      description: 'A page of the catalog.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many items match over all pages, counted by the gateway over the lists it read.',
          resolve: (p) => (p as unknown as CatalogPage).totalCount,
        }),
        errors: c.field({
          type: [CatalogError],
          description: 'The lists that could not be read, one entry per vendor kind (empty when all were).',
          resolve: (p) => (p as unknown as CatalogPage).errors,
        }),
      }),
    },
    { name: 'CatalogEdge', description: 'A catalog item and its cursor.' },
  ),
);

function catalogVendorCount(): number {
  return new Set(catalogSources().map((s) => s.vendor)).size;
}
