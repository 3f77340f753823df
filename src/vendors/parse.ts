/**
 * Parse at the edge, once: the one set of coercion helpers every vendor client builds its zod
 * schemas from, and `parseBody`, which turns a vendor's JSON into typed domain objects or an
 * UPSTREAM_INVALID_RESPONSE naming the bad field (`integrations[3].id: expected string`).
 *
 * The schemas accept what the vendors document and no less: unknown fields are ignored (the
 * `raw` fields keep the item as sent), optional fields stay optional and `null` counts as absent.
 * Values unreadable in a documented way (a date that is not a date, a URL that is not a URL) are
 * null rather than an error, as before.
 *
 * `bodyParser` remembers its answer on the answer of the fetch: the vendor-response cache hands
 * the same answer to every hit, so a body is parsed once per fetch, not once per hit. The parsed
 * objects are shared the same way: never mutate them.
 */
import { Ajv } from 'ajv';
import * as z from 'zod';
import { UpstreamInvalidResponseError, type VendorName } from '../foundations/errors.js';
import { memoize } from '../foundations/memo.js';

/** `schema`, or absent/null → null: how every optional field reads. */
export function optional<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v): NonNullable<z.output<T>> | null => v ?? null);
}

/** Optional text, kept as sent ('' included). */
export const text = optional(z.string());

/** Optional text where '' means "none" (Google's and ROMA's proto/JSON defaults) → null. */
export const nonEmpty = text.transform((v) => v || null);

/** What `scalar` reads: text, or a number or boolean some editions send instead; absent → null. */
const scalarValue = z.union([z.string(), z.number(), z.boolean()]).nullish();

/** `scalar`'s conversion: a number or boolean read as its text, absent or null as null. */
export function toText(v: string | number | boolean | null | undefined): string | null {
  return v === null || v === undefined ? null : String(v);
}

/** Text some editions send as a number or boolean (Oracle ids, sizes): always read as a string. */
export const scalar = scalarValue.transform(toText);

/** An optional boolean. */
export const flag = optional(z.boolean());

/** An optional number (as JSON numbers come). */
export const num = optional(z.number());

/**
 * RFC 3339 text, or a number (epoch seconds or milliseconds, older ROMA editions; digits in a
 * string too); unreadable → null.
 */
export function toDate(v: string | number | null | undefined): Date | null {
  if (typeof v === 'number') {
    return Number.isFinite(v) && v > 0 ? new Date(v < 1e11 ? v * 1000 : v) : null; // s below year 5138 in ms
  }
  if (typeof v !== 'string' || v.trim() === '') return null;
  if (/^\d+$/.test(v.trim())) return toDate(Number(v.trim()));
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t);
}
/** What a time may be sent as, checked only (see `shape`): `date` converts it too. */
const time = z.union([z.string(), z.number()]).nullish();
export const date = time.transform(toDate);

/** An absolute URL as text (normalized); absent, empty or unreadable → null. */
export function toUrl(v: string | null | undefined): string | null {
  return v ? normalUrl(v) : null;
}
const normalUrl = memoize((v: string): string | null => {
  try {
    return new URL(v).toString();
  } catch {
    return null;
  }
});
export const url = z.string().nullish().transform(toUrl);

/** A list; absent or null (proto3 JSON omits empty repeated fields) → []. */
export function list<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v): z.output<T>[] => v ?? []);
}

/**
 * The same documented types as `text`, `scalar`, `flag`, `num`, `date` and `list`, checked without
 * converting: for long lists (Torq answers every integration of a workspace in one body) and
 * bodies of many small optional values (an Oracle package version). A transform runs per field
 * per item, which costs far more than the check alone on long lists (docs/performance.md). Such
 * a body is checked with these (compiled: `checkOnly`) and its values converted by plain code when
 * read (`toText`, `toDate`, `toUrl`, `?? null`).
 */
export const shape = {
  text: z.string().nullish(),
  /** `scalar`'s types, read with `toText`. */
  scalar: scalarValue,
  flag: z.boolean().nullish(),
  num: z.number().nullish(),
  time,
  list: <T extends z.ZodType>(item: T) => z.array(item).nullish(),
};

/** One validator compiler for every compiled check: ajv caches what it compiled. */
const ajv = new Ajv({ allowUnionTypes: true });

/**
 * A fast accept for a schema that only checks (`shape`'s types, zod objects, arrays, unions; no
 * transform or default, refused below; no `.refine`, which zod's export drops without a word, so
 * that one is the caller's to keep out): the same zod schema, turned into JSON Schema by zod and
 * compiled by ajv into one function. True means zod would accept `data` and answer it unchanged
 * (but for the unknown keys zod drops, which `build` functions do not read); false means "ask
 * zod", which then names the bad field. Much cheaper than zod's check on long lists (docs/performance.md).
 * test/unit/parse.test.ts holds the two to the same answers on every documented and misshapen form.
 */
export function compiledCheck(schema: z.ZodType): (data: unknown) => boolean {
  // A fast accept must never skip a conversion: zod's output-mode export throws on a transform,
  // and a default makes what zod reads (input: optional) differ from what it answers (output:
  // required). Output mode also closes objects to unknown keys, which input mode leaves open (as
  // zod parses). A coercion (`z.coerce`) is harmless: what ajv accepts is already of the type.
  const output = JSON.stringify(z.toJSONSchema(schema, { io: 'output', target: 'draft-07' }));
  const input = z.toJSONSchema(schema, { io: 'input', target: 'draft-07' });
  if (output.replaceAll(',"additionalProperties":false', '') !== JSON.stringify(input)) {
    throw new Error('compiledCheck: the schema converts what it reads (a default)');
  }
  return ajv.compile(input);
}

/** An optional JSON object (any content): absent or null → null. */
export const jsonObject = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((v) => v ?? null);

/** A JSON object of any content, as sent (for `raw` fields). */
export type Json = Record<string, unknown>;

/** `a.b[3].c`: the path of a zod issue, without the vendor's values. */
export function issuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '(body)';
}

/** What was expected, never what was received (the body may carry credentials). */
function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_union':
      return 'expected one of the documented forms';
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return 'not of the documented shape';
  }
}

export interface ParseWhat {
  vendor: VendorName;
  /** The vendor's name in messages, e.g. `Torq`. */
  label: string;
  /** What the body is, e.g. `an integration list`. */
  what: string;
  /** Where in the body `data` sits, when it is a part of it (prefixed to the field path). */
  at?: string;
}

/** `data` read with `schema`, or UPSTREAM_INVALID_RESPONSE naming the first bad field. */
export function parseWith<S extends z.ZodType>(schema: S, data: unknown, w: ParseWhat): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const inner = issue && issue.path.length > 0 ? issuePath(issue.path) : '';
  const field = w.at ? `${w.at}${inner.startsWith('[') || !inner ? '' : '.'}${inner}` : inner || '(body)';
  const why = issue ? expected(issue) : 'not of the documented shape';
  const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more)` : '';
  return invalid(w, `${w.label} sent ${w.what} with ${field}: ${why}${more}`, { field, problem: why });
}

/** Throws the UPSTREAM_INVALID_RESPONSE of a body that is not of the documented shape. */
export function invalid(
  w: Pick<ParseWhat, 'vendor'>,
  message: string,
  details?: { field: string; problem: string },
): never {
  throw new UpstreamInvalidResponseError(message, { vendor: w.vendor, httpStatus: 200, details });
}

/** What `VendorHttp.json` answers: the parsed JSON, shared by coalesced callers and cache hits. */
export interface VendorBody {
  data: unknown;
}

/**
 * A parser of one kind of vendor body: `schema` checks and types it (see `parseWith`), `build`
 * makes the domain objects from the typed body and the body as sent (for `raw` fields). A body is
 * parsed once: the result is kept on the answer `VendorHttp.json` gave (the object coalesced
 * callers share and the vendor-response cache keeps), so callers sharing a fetch and cache hits
 * cost no parse. Not in a WeakMap keyed by the body: on Node 20 young-generation collections keep
 * the entries of a long-lived WeakMap whose keys are young (or pretenured, as V8 does for JSON
 * texts over 100 KB) until a full collection, so every parsed list would live on (docs/performance.md).
 */
export function bodyParser<S extends z.ZodType, R = z.output<S>>(
  schema: S,
  w: ParseWhat,
  build: (typed: z.output<S>, raw: Json) => R = (typed) => typed as R,
  options: {
    /** `schema` only checks (see `compiledCheck`): a body it accepts is typed as sent, without zod. */
    checkOnly?: boolean;
  } = {},
): (body: VendorBody) => R {
  const parsed = Symbol(`parsed ${w.what}`);
  const accepts = options.checkOnly ? compiledCheck(schema) : undefined;
  return (body) => {
    const kept = body as VendorBody & { [parsed]?: R };
    if (parsed in kept) return kept[parsed] as R;
    const { data } = body;
    const out = build(
      accepts?.(data) ? (data as z.output<S>) : parseWith(schema, data, w),
      (typeof data === 'object' && data !== null ? data : {}) as Json,
    );
    Object.defineProperty(kept, parsed, { value: out });
    return out;
  };
}

/** The items of a list as sent, next to their typed selves (`raw` fields). */
export function rawItems(raw: Json, key: string): Json[] {
  const v = raw[key];
  return Array.isArray(v) ? (v as Json[]) : [];
}

/** Each typed item of `raw[key]` with the item as sent, as `raw`. */
export function withRaw<T extends object>(
  typed: readonly T[],
  raw: Json,
  key: string,
): (T & { raw: Json })[] {
  const sent = rawItems(raw, key);
  return typed.map((t, i) => ({ ...t, raw: sent[i] as Json }));
}
