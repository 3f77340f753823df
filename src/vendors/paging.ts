/**
 * Relay connections over a vendor's own pagination (docs/api.md, "Browse"). Two kinds:
 * - offset paging (Oracle `offset`/`limit`, Akana `start`/`count`, ROMA `offset`/`limit`): the cursor
 *   is the item's absolute offset, in the same `OffsetConnection:n` form the gateway's array
 *   connections use, so `after:` of one page asks the vendor for `offset = n + 1`;
 * - token paging (Google `pageToken`/`nextPageToken`): the cursor wraps the vendor's page token.
 * Page size, cursor syntax and the unsupported backward arguments are checked before any call.
 */
import { createHash } from 'node:crypto';
import type { DefaultConnectionArguments } from '@pothos/plugin-relay';
import { BadUserInputError } from '../foundations/errors.js';
import { checkConnectionArgs, DEFAULT_PAGE_SIZE } from '../schema/connections.js';

export interface PageEdge<T> {
  cursor: string;
  node: T;
}
export interface VendorPage<T> {
  edges: PageEdge<T>[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  /** The vendor's total, where it reports one. */
  totalCount: number | null;
}

/** `first` (default 20, max 100) after checking every argument; `last`/`before` are refused. */
function pageSize(args: DefaultConnectionArguments): number {
  if (args.last != null || args.before != null) {
    throw new BadUserInputError('this list pages forward only, as the vendor does: use first/after');
  }
  if (args.first === 0) throw new BadUserInputError('first must be between 1 and 100');
  return args.first ?? DEFAULT_PAGE_SIZE;
}

export const offsetCursor = (n: number) => Buffer.from(`OffsetConnection:${n}`).toString('base64');

/** Checks the arguments; returns the vendor offset and page size to ask for. */
export function offsetArgs(args: DefaultConnectionArguments): { offset: number; limit: number } {
  checkConnectionArgs(args);
  const limit = pageSize(args);
  const offset =
    args.after == null
      ? 0
      : Number(Buffer.from(args.after, 'base64').toString('utf8').slice('OffsetConnection:'.length)) + 1;
  return { offset, limit };
}

/**
 * A page from an offset-paged vendor answer. `total` when the vendor reports one; otherwise a full
 * page is taken to mean more may follow (the next call then answers an empty page).
 */
export function offsetPage<T>(
  offset: number,
  limit: number,
  items: readonly T[],
  total: number | null,
): VendorPage<T> {
  const page = items.slice(0, limit);
  const edges = page.map((node, i) => ({ cursor: offsetCursor(offset + i), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: total != null ? offset + page.length < total : items.length >= limit,
      hasPreviousPage: offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: total,
  };
}

/**
 * Token cursors: `{t: token of the item's page, i: index in it}`, and for the last item of a page
 * that has a successor `{n: nextPageToken}`, so `after:` it asks for exactly the next vendor page.
 * Every cursor also carries `l`, a digest of the list it came from (vendor parent and filters): a
 * page token only means something to the list that issued it, so a cursor of another list (or of
 * the same list with other filters) is BAD_USER_INPUT before any call, never sent to the vendor.
 */
interface TokenCursor {
  l?: string;
  t?: string;
  i?: number;
  n?: string;
}

/** The `l` of a list's cursors: what identifies the list (parent, filters), digested. */
const listDigest = (list: string) => createHash('sha256').update(list).digest('base64url').slice(0, 12);
const TOKEN_PREFIX = 'PageToken:';

function encodeTokenCursor(c: TokenCursor): string {
  return Buffer.from(TOKEN_PREFIX + JSON.stringify(c)).toString('base64url');
}

interface TokenRequest {
  /** The list's digest, carried by every cursor of the page. */
  l: string;
  pageToken: string | undefined;
  pageSize: number;
  skip: number;
  first: number;
}

/** Checks the arguments; returns the vendor page token, page size, and how many leading items to skip. */
export function tokenArgs(
  args: DefaultConnectionArguments,
  maxVendorPageSize: number,
  /** What identifies the list (kind, vendor parent, filters): cursors of any other list are refused. */
  list: string,
): TokenRequest {
  const l = listDigest(list);
  for (const key of ['first', 'last'] as const) {
    const n = args[key];
    if (n != null && (n < 0 || n > 100)) throw new BadUserInputError(`${key} must be between 0 and 100`);
  }
  const first = pageSize(args);
  if (args.after == null) return { l, pageToken: undefined, pageSize: first, skip: 0, first };
  const bad = () => new BadUserInputError('after is not a valid cursor');
  if (args.after.length > 2048 || !/^[A-Za-z0-9_-]+$/.test(args.after)) throw bad();
  const text = Buffer.from(args.after, 'base64url').toString('utf8');
  if (!text.startsWith(TOKEN_PREFIX)) throw bad();
  let c: TokenCursor;
  try {
    c = JSON.parse(text.slice(TOKEN_PREFIX.length)) as TokenCursor;
  } catch {
    throw bad();
  }
  if (typeof c !== 'object' || c === null || Array.isArray(c) || c.l !== l) throw bad();
  if (typeof c.n === 'string' && c.n !== '') return { l, pageToken: c.n, pageSize: first, skip: 0, first };
  if (
    (c.t === undefined || typeof c.t === 'string') &&
    Number.isSafeInteger(c.i) &&
    (c.i as number) >= 0 &&
    (c.i as number) < maxVendorPageSize
  ) {
    const skip = (c.i as number) + 1;
    return {
      l,
      pageToken: c.t || undefined,
      pageSize: Math.min(skip + first, maxVendorPageSize),
      skip,
      first,
    };
  }
  throw bad();
}

/** A page from a token-paged vendor answer (`items` of the page `pageToken` asked for). */
export function tokenPage<T>(
  req: TokenRequest,
  items: readonly T[],
  nextPageToken: string | undefined,
): VendorPage<T> {
  const page = items.slice(req.skip, req.skip + req.first);
  const lastOfVendorPage = req.skip + page.length >= items.length;
  const edges = page.map((node, k) => {
    const i = req.skip + k;
    const last = k === page.length - 1 && lastOfVendorPage && nextPageToken;
    return {
      cursor: encodeTokenCursor(
        last ? { l: req.l, n: nextPageToken } : { l: req.l, t: req.pageToken ?? '', i },
      ),
      node,
    };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: !lastOfVendorPage || Boolean(nextPageToken),
      hasPreviousPage: req.pageToken !== undefined || req.skip > 0,
      startCursor: edges[0]?.cursor ?? null,
      // Google may answer an empty page with a token ("may return fewer"): the cursor still moves on.
      endCursor:
        edges.at(-1)?.cursor ?? (nextPageToken ? encodeTokenCursor({ l: req.l, n: nextPageToken }) : null),
    },
    totalCount: null,
  };
}

/** A free-text filter argument: bounded, printable, checked before any call. */
export function checkText(name: string, value: string | null | undefined, max = 256): string | undefined {
  if (value == null) return undefined;
  if (value.length > max || /[\u0000-\u001f\u007f]/.test(value)) {
    throw new BadUserInputError(`${name} must be at most ${max} printable characters`);
  }
  return value;
}

/**
 * Query cost of a list field: `field` for the call, and the selection counted `first` times (the
 * `edges` list already counts ×10, hence `first / 10`), so a deep browse with small pages fits
 * LIMIT_COST while a wide one does not.
 */
export const pagedComplexity =
  (field: number) =>
  (args: { first?: number | null }): { field: number; multiplier: number } => ({
    field,
    multiplier: Math.max(1, Math.min(args.first ?? DEFAULT_PAGE_SIZE, 100)) / 10,
  });
