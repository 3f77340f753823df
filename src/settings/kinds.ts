/**
 * The kinds of value a setting can hold, as zod schemas over the raw environment string (trimmed;
 * an empty value counts as unset). Each kind knows its error message and how to print its default,
 * so `--help`, docs/settings.md and the validation all say the same thing.
 * Longer than 300 lines: one small function per kind (durations, sizes, URLs, API keys, lists…),
 * which read best side by side.
 */
import * as z from 'zod';
import { Secret } from './secret.js';
import type { ApiKey } from './scopes.js';

export interface Entry<T = unknown> {
  /** Parses the raw string (undefined when unset) into the value. */
  schema: z.ZodType<T, string | undefined>;
  /** One line for `--help` and docs/settings.md. */
  doc: string;
  /** The default as printed; derived from the kind unless the default depends on other settings. */
  default?: string;
  /** Never echo the value, in errors or anywhere else. */
  secret?: boolean;
  /** Where `placed` puts the value in Settings (dotted path). */
  at?: string;
}

/**
 * A setting whose value goes as it is to `path` in Settings (e.g. 'limits.depth'): the field and its
 * type are derived from this entry, so adding such a setting is this one entry and nothing else.
 */
export function placed<const P extends string, T>(path: P, e: Entry<T>): Entry<T> & { at: P } {
  return { ...e, at: path };
}

/** A custom issue whose message must not repeat the value (e.g. a URL with a password in it). */
export const NO_ECHO = { noEcho: true } as const;

type Meta = { doc: string; default?: string };

/** `with` a default: the value is never undefined. */
function entry<T>(schema: z.ZodType<T, string | undefined>, meta: Meta, secret = false): Entry<T> {
  return { schema, doc: meta.doc, ...(meta.default === undefined ? {} : { default: meta.default }), secret };
}

export function text(meta: Meta & { fallback: string }): Entry<string>;
export function text(meta: Meta): Entry<string | undefined>;
export function text(meta: Meta & { fallback?: string }): Entry<string | undefined> {
  const s = z.string().optional();
  if (meta.fallback === undefined) return entry(s, meta);
  return entry(s.default(meta.fallback), { default: `\`${meta.fallback}\``, ...meta });
}

/** A string matching `pattern`, described by `rule` ("must be …"). */
export function matching(pattern: RegExp, rule: string, meta: Meta & { fallback: string }): Entry<string>;
export function matching(pattern: RegExp, rule: string, meta: Meta): Entry<string | undefined>;
export function matching(
  pattern: RegExp,
  rule: string,
  meta: Meta & { fallback?: string },
): Entry<string | undefined> {
  const s = z.string().regex(pattern, { error: rule }).optional();
  if (meta.fallback === undefined) return entry(s, meta);
  return entry(s.default(meta.fallback), { default: `\`${meta.fallback}\``, ...meta });
}

export function secret(meta: Meta & { minLength?: number }): Entry<Secret | undefined> {
  let s = z.string();
  if (meta.minLength)
    s = s.min(meta.minLength, { error: `must be at least ${meta.minLength} characters long` });
  return entry(s.transform((v) => new Secret(v)).optional(), meta, true);
}

export function int(meta: Meta & { min: number; max: number; fallback: number }): Entry<number>;
export function int(meta: Meta & { min: number; max: number }): Entry<number | undefined>;
export function int(meta: Meta & { min: number; max: number; fallback?: number }): Entry<number | undefined> {
  const rule = `must be a whole number from ${meta.min} to ${meta.max}`;
  const s = z
    .string()
    .regex(/^\d+$/, { error: rule })
    .transform(Number)
    .pipe(z.number().min(meta.min, { error: rule }).max(meta.max, { error: rule }))
    .optional();
  if (meta.fallback === undefined) return entry(s, meta);
  return entry(s.default(meta.fallback), { default: `\`${meta.fallback}\``, ...meta });
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];
export function bool(meta: Meta & { fallback: boolean }): Entry<boolean>;
export function bool(meta: Meta): Entry<boolean | undefined>;
export function bool(meta: Meta & { fallback?: boolean }): Entry<boolean | undefined> {
  const s = z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum([...TRUE, ...FALSE], { error: 'must be true or false' }))
    .transform((v) => TRUE.includes(v))
    .optional();
  if (meta.fallback === undefined) return entry(s, meta);
  return entry(s.default(meta.fallback), { default: `\`${meta.fallback}\``, ...meta });
}

export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  meta: Meta & { fallback: T[number] },
): Entry<T[number]> {
  return entry(
    z
      .enum(values, { error: `must be one of ${values.join(', ')}` })
      .optional()
      .default(meta.fallback),
    { default: `\`${meta.fallback}\``, ...meta },
  );
}

/** An http(s) base URL without credentials, query or fragment; trailing slashes dropped. */
export function url(meta: Meta & { fallback: string }): Entry<string>;
export function url(meta: Meta): Entry<string | undefined>;
export function url(meta: Meta & { fallback?: string }): Entry<string | undefined> {
  const s = z
    .string()
    .transform((v, ctx) => {
      let u: URL | undefined;
      try {
        u = new URL(v);
      } catch {
        u = undefined;
      }
      if (u && (u.username || u.password)) {
        ctx.addIssue({ code: 'custom', message: 'must not carry credentials in the URL', params: NO_ECHO });
        return z.NEVER;
      }
      if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.search || u.hash) {
        ctx.addIssue({ code: 'custom', message: 'must be an http(s) URL with no query or fragment' });
        return z.NEVER;
      }
      return v.replace(/\/+$/, '');
    })
    .optional();
  if (meta.fallback === undefined) return entry(s, meta);
  return entry(s.default(meta.fallback), { default: `\`${meta.fallback}\``, ...meta });
}

export const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};
export const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

function scaledSchema(units: Record<string, number>, defaultUnit: string) {
  return z.string().transform((v, ctx) => {
    const m = /^(\d+)\s*([a-z]*)$/i.exec(v);
    const factor = units[m?.[2]?.toLowerCase() || defaultUnit];
    if (!m || factor === undefined || Number(m[1]) <= 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a positive number with an optional unit (${Object.keys(units).join(', ')})`,
      });
      return z.NEVER;
    }
    return Number(m[1]) * factor;
  });
}
/** Prints `n` in the largest unit that divides it (`7d`, `10mb`). */
function withUnit(n: number, units: Record<string, number>): string {
  const [unit, factor] = Object.entries(units)
    .sort((a, b) => b[1] - a[1])
    .find(([, f]) => n % f === 0) ?? ['', 1];
  return `${n / factor}${unit}`;
}

/** Bytes: `512`, `100kb`, `2gb`. */
export function size(meta: Meta & { fallback: number }): Entry<number>;
export function size(meta: Meta): Entry<number | undefined>;
export function size(meta: Meta & { fallback?: number }): Entry<number | undefined> {
  const s = scaledSchema(SIZE_UNITS, 'b').optional();
  if (meta.fallback === undefined) return entry(s, meta);
  return entry(s.default(meta.fallback), { default: `\`${withUnit(meta.fallback, SIZE_UNITS)}\``, ...meta });
}

/** Milliseconds: `500`, `30s`, `7d`. */
export function duration(meta: Meta & { fallback: number }): Entry<number> {
  return entry(scaledSchema(DURATION_UNITS, 'ms').optional().default(meta.fallback), {
    default: `\`${withUnit(meta.fallback, DURATION_UNITS)}\``,
    ...meta,
  });
}

export function ratio(meta: Meta & { fallback: number }): Entry<number>;
export function ratio(meta: Meta): Entry<number | undefined>;
export function ratio(meta: Meta & { fallback?: number }): Entry<number | undefined> {
  const rule = 'must be a number from 0 to 1';
  const s = z
    .string()
    .regex(/^\d*\.?\d+$/, { error: rule })
    .transform(Number)
    .pipe(z.number().min(0, { error: rule }).max(1, { error: rule }))
    .optional();
  if (meta.fallback === undefined) return entry(s, meta);
  return entry(s.default(meta.fallback), { default: `\`${meta.fallback}\``, ...meta });
}

/** A list of scopes, each one of `known()` (read when a value is parsed: vendors may register late). */
function scopeListSchema<S extends string>(known: () => readonly S[]) {
  return z.string().transform((v, ctx): S[] => {
    const list = v.split(/[\s,]+/).filter(Boolean);
    const all = known();
    const bad = list.filter((x) => !(all as readonly string[]).includes(x));
    if (bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `has unknown scopes: ${bad.join(', ')} (known: ${all.join(', ')})`,
        params: NO_ECHO,
      });
      return z.NEVER;
    }
    return list as S[];
  });
}

/** Scopes separated by commas or spaces, each one of `known()`. */
export function scopes<S extends string>(known: () => readonly S[], meta: Meta): Entry<S[] | undefined> {
  return entry(scopeListSchema(known).optional(), meta);
}

/** `name:sha256hex:scope,scope;…` — hashes of keys, never keys; each scope one of `known()`. */
export function apiKeys<S extends string>(known: () => readonly S[], meta: Meta): Entry<ApiKey<S>[]> {
  const scopeList = scopeListSchema(known);
  const s = z.string().transform((v, ctx): ApiKey<S>[] => {
    const keys: ApiKey<S>[] = [];
    for (const item of v
      .split(/[;\n]+/)
      .map((e) => e.trim())
      .filter(Boolean)) {
      // Scopes contain ':' themselves (`<vendor>:read`): the name and hash are the first two parts.
      const [name = '', hash = '', ...rest] = item.split(':');
      if (!/^[\w.-]{1,64}$/.test(name) || !/^[0-9a-f]{64}$/i.test(hash)) {
        ctx.addIssue({
          code: 'custom',
          message: 'entries must be name:sha256hex:scope,scope (the sha256 of the key, never the key)',
          params: NO_ECHO,
        });
        continue;
      }
      const parsed = scopeList.safeParse(rest.join(':'));
      if (!parsed.success) {
        ctx.addIssue({
          code: 'custom',
          message: `entry ${name} ${parsed.error.issues[0]?.message}`,
          params: NO_ECHO,
        });
        continue;
      }
      keys.push({ name, sha256: hash.toLowerCase(), scopes: parsed.data });
    }
    return keys;
  });
  return entry(s.optional().default([]), meta);
}

/** Environment variable names, or prefixes ending in `*`, separated by commas or spaces. */
export function variableNames(meta: Meta): Entry<string[]> {
  const s = z.string().transform((v, ctx) => {
    const list = v.split(/[\s,]+/).filter(Boolean);
    for (const name of list) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*\*?$/.test(name))
        ctx.addIssue({
          code: 'custom',
          message: `entries must be variable names or prefixes ending in * (got "${name}")`,
          params: NO_ECHO,
        });
    }
    return list;
  });
  return entry(s.optional().default([]), meta);
}

/** Browser origins (`https://app.example.com`), separated by commas or spaces. */
export function origins(meta: Meta): Entry<string[]> {
  const s = z.string().transform((v, ctx) => {
    const list = v.split(/[\s,]+/).filter(Boolean);
    for (const origin of list) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin))
        ctx.addIssue({
          code: 'custom',
          message: `entries must be origins like https://app.example.com (got "${origin}")`,
          params: NO_ECHO,
        });
    }
    return list;
  });
  return entry(s.optional().default([]), meta);
}

/** 32 bytes as 64 hex digits or base64. */
/**
 * A server's connection URL (`redis://…`, `postgres://…`) of one of `protocols`. It may carry a
 * user and password, so the value is a Secret and is never echoed.
 */
export function serviceUrl(protocols: readonly string[], meta: Meta): Entry<Secret | undefined> {
  const s = z.string().transform((raw, ctx) => {
    let u: URL | undefined;
    try {
      u = new URL(raw);
    } catch {
      u = undefined;
    }
    if (!u || !protocols.includes(u.protocol)) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL`,
        params: NO_ECHO,
      });
      return z.NEVER;
    }
    return new Secret(raw);
  });
  return entry(s.optional(), meta, true);
}
export function key32(meta: Meta): Entry<Buffer | undefined> {
  const s = z.string().transform((raw, ctx) => {
    const decoded = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (decoded.length !== 32) {
      ctx.addIssue({ code: 'custom', message: 'must be 32 bytes, as 64 hex digits or base64' });
      return z.NEVER;
    }
    return decoded;
  });
  return entry(s.optional(), meta, true);
}
