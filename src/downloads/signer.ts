/**
 * The one URL signer. A signed URL is a capability for one file: HMAC-SHA256 over the method, the
 * route path, every parameter that selects the file (sorted), and the expiry. The key id in the
 * URL picks SIGNING_SECRET or SIGNING_SECRET_PREVIOUS, so the secret can be rotated without
 * breaking links in flight. No secret and no vendor credential is ever part of the URL.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { BadUserInputError } from '../foundations/errors.js';
import type { Secret } from '../settings/load.js';

export const DOWNLOADS_PREFIX = '/downloads/';
const RESERVED = new Set(['exp', 'kid', 'sig']);
const KIND = /^[a-z][a-z0-9-]{0,31}$/;

export interface SignedUrl {
  url: string;
  expiresAt: Date;
}

export type VerifyResult =
  | { ok: true; kind: string; params: Record<string, string>; expiresAt: Date }
  | { ok: false; status: 403 | 410; reason: string };

export interface SignerOptions {
  secret: Secret;
  previous?: Secret | undefined;
  publicUrl: () => string;
  defaultExpiresIn: number;
  maxExpiresIn: number;
  now?: () => number;
}

export class Signer {
  readonly #keys = new Map<string, Buffer>();
  readonly #currentKid: string;
  readonly #opts: SignerOptions;

  constructor(opts: SignerOptions) {
    this.#opts = opts;
    this.#currentKid = keyId(opts.secret);
    this.#keys.set(this.#currentKid, Buffer.from(opts.secret.reveal(), 'utf8'));
    if (opts.previous) this.#keys.set(keyId(opts.previous), Buffer.from(opts.previous.reveal(), 'utf8'));
  }

  #now(): number {
    return this.#opts.now?.() ?? Date.now();
  }

  /** Checks a caller's `expiresIn` (seconds): default when absent, BAD_USER_INPUT outside 1..max. */
  expiresIn(requested: number | null | undefined): number {
    if (requested == null) return this.#opts.defaultExpiresIn;
    if (!Number.isInteger(requested) || requested < 1 || requested > this.#opts.maxExpiresIn) {
      throw new BadUserInputError(`expiresIn must be between 1 and ${this.#opts.maxExpiresIn} seconds`);
    }
    return requested;
  }

  sign(kind: string, params: Record<string, string>, expiresIn?: number | null): SignedUrl {
    if (!KIND.test(kind)) throw new Error(`bad download kind ${kind}`);
    for (const k of Object.keys(params)) if (RESERVED.has(k)) throw new Error(`reserved parameter ${k}`);
    const seconds = this.expiresIn(expiresIn);
    const exp = Math.floor(this.#now() / 1000) + seconds;
    const path = `${DOWNLOADS_PREFIX}${kind}`;
    const sig = this.#mac(this.#currentKid, 'GET', path, params, exp);
    const query = new URLSearchParams(sortedEntries(params));
    query.set('exp', String(exp));
    query.set('kid', this.#currentKid);
    query.set('sig', sig);
    return { url: `${this.#opts.publicUrl()}${path}?${query}`, expiresAt: new Date(exp * 1000) };
  }

  /** Verifies a request to the download route. HEAD is checked as GET (same capability). */
  verify(method: string, pathname: string, query: URLSearchParams): VerifyResult {
    const m = method === 'HEAD' ? 'GET' : method;
    if (!pathname.startsWith(DOWNLOADS_PREFIX))
      return { ok: false, status: 403, reason: 'not a download path' };
    const kind = pathname.slice(DOWNLOADS_PREFIX.length);
    if (!KIND.test(kind)) return { ok: false, status: 403, reason: 'unknown download' };
    // One value each: a repeated exp/kid/sig would let two readers of one URL disagree on it.
    for (const k of RESERVED) {
      if (query.getAll(k).length > 1) return { ok: false, status: 403, reason: `repeated ${k}` };
    }
    const exp = query.get('exp');
    const kid = query.get('kid');
    const sig = query.get('sig');
    if (!exp || !/^\d{1,12}$/.test(exp) || !kid || !sig) {
      return { ok: false, status: 403, reason: 'missing or malformed signature' };
    }
    const params: Record<string, string> = {};
    for (const [k, v] of query) {
      if (RESERVED.has(k)) continue;
      if (k in params) return { ok: false, status: 403, reason: 'repeated parameter' };
      params[k] = v;
    }
    const key = this.#keys.get(kid);
    if (!key) return { ok: false, status: 403, reason: 'unknown key id' };
    const expected = Buffer.from(this.#mac(kid, m, pathname, params, Number(exp)), 'utf8');
    const given = Buffer.from(sig, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, status: 403, reason: 'bad signature' };
    }
    if (Number(exp) * 1000 <= this.#now()) return { ok: false, status: 410, reason: 'link expired' };
    return { ok: true, kind, params, expiresAt: new Date(Number(exp) * 1000) };
  }

  #mac(kid: string, method: string, path: string, params: Record<string, string>, exp: number): string {
    const key = this.#keys.get(kid);
    if (!key) throw new Error('unknown key id');
    const canonical = [
      method,
      path,
      sortedEntries(params)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&'),
      String(exp),
    ].join('\n');
    return createHmac('sha256', key).update(canonical).digest('base64url');
  }
}

/** A short public id of a key: a hash prefix, so a URL tells which key signed it, not the key. */
function keyId(secret: Secret): string {
  return createHash('sha256').update(`vendor-gateway:kid:${secret.reveal()}`).digest('base64url').slice(0, 8);
}

function sortedEntries(params: Record<string, string>): [string, string][] {
  return Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
