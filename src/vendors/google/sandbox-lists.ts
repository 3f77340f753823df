/**
 * The Google emulator's list rules (versions.list, integrations.list): the documented filter
 * grammar, the orderBy keys and the opaque page tokens, apart from the routes that use them.
 */
export type Obj = Record<string, unknown>;

const FILTER_FIELDS = new Set([
  'state',
  'description',
  'snapshotNumber',
  'name',
  'userLabel',
  'lastModifierEmail',
  'status',
  'active',
  'createTime',
  'updateTime',
  'origin',
]);

/**
 * The documented filter syntax (versions.list and integrations.list, docs.cloud.google.com/
 * application-integration/docs/reference/rest/v1/projects.locations.integrations.versions/list:
 * "Fields can be compared with literal values by use of `:` (containment), `=`, `>`, `<`, `>=`,
 * `<=` and `!=`. Negation, conjunction, and disjunction are written using NOT, AND, and OR"), read
 * as Google's filter grammar (AIP-160) does: OR binds tighter than AND, `NOT` or `-` negates, and
 * parentheses group. Field names in snake or camel case; values bare or quoted; numbers compare
 * as numbers. A field outside IntegrationVersion's scalars, or any other text, is 'invalid'.
 */
export function compileFilter(filter: string | null): ((o: Obj) => boolean) | 'invalid' {
  if (!filter || filter.trim() === '') return () => true;
  const tokens: string[] = [];
  const lexer = /\s*("(?:[^"\\]|\\.)*"|<=|>=|!=|[()=<>:-]|[^\s()=<>:!"-][^\s()=<>:!"]*)\s*/y;
  while (lexer.lastIndex < filter.length) {
    const m = lexer.exec(filter);
    if (!m) return 'invalid';
    tokens.push(m[1] as string);
  }
  let i = 0;
  type Test = (o: Obj) => boolean;
  const peek = () => tokens[i];
  const fail = (): never => {
    throw new Error('invalid filter');
  };
  const value = (): string => {
    const t = tokens[i++] ?? fail();
    if (/^[()=<>:]$|^[<>!]=$/.test(t)) fail();
    return t.startsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
  };
  const restriction = (): Test => {
    const raw = tokens[i++] ?? fail();
    const field = raw.replace(/_([a-z])/g, (_x, c: string) => c.toUpperCase());
    if (!FILTER_FIELDS.has(field)) fail();
    const op = tokens[i++] ?? fail();
    if (!['=', '!=', '<', '>', '<=', '>=', ':'].includes(op)) fail();
    const want = value();
    return (o) => {
      const have = String(o[field] ?? '');
      if (op === ':') return have.includes(want);
      const numeric =
        have !== '' && want !== '' && !Number.isNaN(Number(have)) && !Number.isNaN(Number(want));
      const cmp = numeric ? Number(have) - Number(want) : have < want ? -1 : have > want ? 1 : 0;
      return op === '='
        ? cmp === 0
        : op === '!='
          ? cmp !== 0
          : op === '<'
            ? cmp < 0
            : op === '>'
              ? cmp > 0
              : op === '<='
                ? cmp <= 0
                : cmp >= 0;
    };
  };
  const term = (): Test => {
    if (peek() === 'NOT' || peek() === '-') {
      i++;
      const t = term();
      return (o) => !t(o);
    }
    if (peek() === '(') {
      i++;
      const e = expression();
      if (tokens[i++] !== ')') fail();
      return e;
    }
    return restriction();
  };
  const factor = (): Test => {
    const terms = [term()];
    while (peek() === 'OR') {
      i++;
      terms.push(term());
    }
    return (o) => terms.some((t) => t(o));
  };
  const expression = (): Test => {
    const factors = [factor()];
    while (peek() !== undefined && peek() !== ')') {
      if (peek() === 'AND') i++;
      factors.push(factor());
    }
    return (o) => factors.every((f) => f(o));
  };
  try {
    const e = expression();
    return i === tokens.length ? e : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** orderBy: the documented keys (snake or camel case); null when unknown. */
export function compileOrder(orderBy: string | null): ((a: Obj, b: Obj) => number) | null | undefined {
  if (!orderBy) return undefined;
  const key = orderBy.trim().replace(/\s+(asc|desc)$/i, '');
  const field: Record<string, [string, number]> = {
    last_modified_time: ['updateTime', -1],
    lastModifiedTime: ['updateTime', -1],
    created_time: ['createTime', -1],
    createdTime: ['createTime', -1],
    snapshot_number: ['snapshotNumber', -1],
    snapshotNumber: ['snapshotNumber', -1],
    name: ['name', 1],
  };
  const f = field[key];
  if (!f) return null;
  const [k, dir] = f;
  return (a, b) => dir * String(a[k] ?? '').localeCompare(String(b[k] ?? ''), 'en', { numeric: true });
}

/** One page of `all`: pageSize (default 50, coerced to 1000), opaque token = the next offset. */
export function pageOf<T>(all: T[], url: URL): { items: T[]; nextPageToken?: string } | 'invalid' {
  const rawSize = url.searchParams.get('pageSize');
  const size = rawSize == null || rawSize === '' ? 50 : Number(rawSize);
  if (!Number.isInteger(size) || size < 0) return 'invalid';
  const pageSize = Math.min(size === 0 ? 50 : size, 1000);
  const token = url.searchParams.get('pageToken');
  let offset = 0;
  if (token) {
    const m = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!m) return 'invalid';
    offset = Number(m[1]);
  }
  const items = all.slice(offset, offset + pageSize);
  const next = offset + items.length;
  return next < all.length
    ? { items, nextPageToken: Buffer.from(`o${next}`).toString('base64url') }
    : { items };
}
