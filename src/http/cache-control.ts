/**
 * The vendor's `Cache-Control` response header, read into the directives the cache acts on.
 * Parsed here, not by http-cache-semantics: that library is not installed, and it models a whole
 * HTTP cache (request/response pairs, Vary, heuristics) where the cache needs seven directives.
 * cache-control-parser, present in node_modules, comes only through a devDependency, so the
 * production image (npm ci --omit=dev) would not have it.
 */

export interface CacheControl {
  noStore: boolean;
  noCache: boolean;
  private: boolean;
  mustRevalidate: boolean;
  maxAge: number | undefined;
  sMaxAge: number | undefined;
  staleWhileRevalidate: number | undefined;
}

/** RFC 9111 response directives we act on; unknown ones are ignored. */
export function parseCacheControl(value: string | string[] | undefined): CacheControl {
  const cc: CacheControl = {
    noStore: false,
    noCache: false,
    private: false,
    mustRevalidate: false,
    maxAge: undefined,
    sMaxAge: undefined,
    staleWhileRevalidate: undefined,
  };
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  for (const part of text.split(',')) {
    const [rawName = '', rawArg] = part.split('=', 2);
    const name = rawName.trim().toLowerCase();
    const arg = rawArg?.trim().replace(/^"|"$/g, '');
    const secs = arg !== undefined && /^\d+$/.test(arg) ? Number(arg) : undefined;
    if (name === 'no-store') cc.noStore = true;
    else if (name === 'no-cache') cc.noCache = true;
    else if (name === 'private') cc.private = true;
    else if (name === 'must-revalidate' || name === 'proxy-revalidate') cc.mustRevalidate = true;
    else if (name === 'max-age') cc.maxAge = secs ?? 0;
    else if (name === 's-maxage') cc.sMaxAge = secs ?? 0;
    else if (name === 'stale-while-revalidate') cc.staleWhileRevalidate = secs;
  }
  return cc;
}
