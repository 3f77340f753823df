/**
 * Credential scrubbing: vendors may echo what they were sent ("token not valid: Bearer …"), so
 * every credential value a request carried is found (`credentialValues`) and replaced before any
 * vendor text reaches an error, a response or a log line (`redact`, `scrubDetails`), and before
 * any vendor answer is passed on (`scrubAnswer`, for 2xx JSON bodies: vendor-http.ts). Used by the
 * error mapper (error-map.ts) and the JSON read; nothing here knows about HTTP or vendors.
 */
import type { VendorErrorInfo } from './types.js';

const CREDENTIAL_KEY = /token|secret|password|passwd|authorization|cookie|api[-_]?key|credential|session/i;
const DETAILS_MAX_DEPTH = 6;
const DETAILS_MAX_ITEMS = 20;
const DETAILS_MAX_BYTES = 8 * 1024;

/**
 * A vendor's error `details` as callers may see them: every credential value the gateway sent
 * (`secrets`, see `credentialValues`) replaced by `[redacted]` in keys and values (before clipping,
 * so no clipped part survives), values under credential-like keys `[REDACTED]`, strings clipped,
 * depth and size bounded (dropped entirely past 8 KiB). Undefined when empty.
 */
export function scrubDetails(details: unknown, secrets: readonly string[] = []): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return clip(redact(v, secrets));
    if (typeof v === 'number' || typeof v === 'boolean') {
      return redact(String(v), secrets) === String(v) ? v : '[redacted]';
    }
    if (v === null) return v;
    if (depth >= DETAILS_MAX_DEPTH) return undefined;
    if (Array.isArray(v)) return v.slice(0, DETAILS_MAX_ITEMS).map((x) => walk(x, depth + 1));
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>).slice(0, DETAILS_MAX_ITEMS)) {
        out[clip(redact(k, secrets), 128)] =
          CREDENTIAL_KEY.test(k) && x !== null && typeof x !== 'object' ? '[REDACTED]' : walk(x, depth + 1);
      }
      return out;
    }
    return undefined;
  };
  if (details === undefined || details === null) return undefined;
  if (Array.isArray(details) && details.length === 0) return undefined;
  const scrubbed = walk(details, 0);
  return JSON.stringify(scrubbed ?? null).length > DETAILS_MAX_BYTES ? undefined : scrubbed;
}

/** Header names whose values are credentials (Authorization, Cookie, X-Auth-Token, CSRF…). */
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie)$|token|csrf|secret|api-?key|password|session/i;
/** Body fields whose values are credentials (passwords, client secrets, tokens). */
const CREDENTIAL_FIELD = /pass(word)?|secret|token|credential|api-?key|assertion/i;
/** Shorter values are not worth hiding (and would blank ordinary words). */
const MIN_SECRET_LENGTH = 4;

/**
 * Every credential value a request carried, in each form a vendor may echo it: whole header
 * values and their parts (the token after `Bearer`, the base64 of `Basic` and the password inside
 * it, each cookie's value), and credential fields of a JSON or form body (login passwords).
 */
export function credentialValues(headers: Record<string, string>, body?: string): string[] {
  const found = new Set<string>();
  const add = (v: string | undefined) => {
    const s = v?.trim();
    if (!s || s.length < MIN_SECRET_LENGTH) return;
    found.add(s);
    found.add(encodeURIComponent(s));
    found.add(JSON.stringify(s).slice(1, -1));
  };
  for (const [name, value] of Object.entries(headers)) {
    if (!CREDENTIAL_HEADER.test(name) || typeof value !== 'string') continue;
    add(value);
    const scheme = /^(\w+)\s+(.+)$/.exec(value);
    if (scheme?.[2]) {
      add(scheme[2]);
      if (scheme[1]?.toLowerCase() === 'basic') {
        const decoded = Buffer.from(scheme[2], 'base64').toString('utf8');
        add(decoded);
        add(decoded.slice(decoded.indexOf(':') + 1));
      }
    }
    if (name.toLowerCase() === 'cookie') {
      for (const pair of value.split(/;\s*/)) add(pair.slice(pair.indexOf('=') + 1));
    }
  }
  if (body) {
    const walk = (v: unknown, key: string) => {
      if (typeof v === 'string') {
        if (CREDENTIAL_FIELD.test(key)) add(v);
      } else if (Array.isArray(v)) {
        for (const x of v) walk(x, key);
      } else if (typeof v === 'object' && v !== null) {
        for (const [k, x] of Object.entries(v)) walk(x, k);
      }
    };
    try {
      walk(JSON.parse(body), '');
    } catch {
      for (const [k, v] of new URLSearchParams(body)) walk(v, k);
    }
  }
  // Longest first, so a value is scrubbed whole before any part of it.
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with every one of `secrets` replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}

/**
 * A vendor's parsed 2xx answer with every one of `secrets` (the credentials the request carried)
 * replaced by `[redacted]` in its strings and keys; a number or boolean that spells one becomes
 * `[redacted]` too. `text` is the body as received: when it contains none of them (the usual case)
 * `data` is returned as is, without a walk. A secret the vendor escaped as `\uXXXX` in the JSON
 * text is not looked for.
 */
export function scrubAnswer(data: unknown, text: string, secrets: readonly string[]): unknown {
  if (!secrets.some((s) => text.includes(s))) return data;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, secrets);
    if (typeof v === 'number' || typeof v === 'boolean') {
      return redact(String(v), secrets) === String(v) ? v : '[redacted]';
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[redact(k, secrets)] = walk(x);
      return out;
    }
    return v;
  };
  return walk(data);
}

export function redactInfo(info: VendorErrorInfo, secrets: readonly string[]): VendorErrorInfo {
  const r = (s: string | undefined) => (s === undefined ? undefined : redact(s, secrets));
  return {
    message: r(info.message),
    vendorCode: r(info.vendorCode),
    requestId: r(info.requestId),
    // `details` is a structure: `scrubDetails` replaces the same values in it, key by key.
    details: info.details,
  };
}

export function clip(s: string, max = 300): string {
  const flat = s.replace(/[\r\n\t]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
