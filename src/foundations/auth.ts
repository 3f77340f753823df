/**
 * Who is calling: AUTH_MODE `none` (anonymous, with ANONYMOUS_SCOPES), `api-key` (keys configured
 * as sha256 hashes with their scopes) or `jwt` (verified with jose against a JWKS URL, a PEM public
 * key or an HMAC secret; issuer, audience and clock skew checked; scopes from a configurable claim).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createRemoteJWKSet,
  importSPKI,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
  type KeyObject,
} from 'jose';
import { allScopes, type Scope, type Settings } from '../settings/load.js';

export interface Principal {
  /** A stable id: `anonymous`, `key:{name}` or `jwt:{iss}:{sub}`. */
  id: string;
  scopes: ReadonlySet<Scope>;
  anonymous: boolean;
}

export class AuthenticationError extends Error {}

export interface Authenticator {
  authenticate(headers: Headers): Promise<Principal>;
}

const principals = new WeakMap<Request, Promise<Principal>>();

/**
 * The caller of `request`, authenticated once however many steps ask (the response cache before
 * parsing, then the context): a JWT is verified once per request, not once per step.
 */
export function principalOf(authenticator: Authenticator, request: Request): Promise<Principal> {
  let principal = principals.get(request);
  if (!principal) {
    principal = authenticator.authenticate(request.headers);
    principals.set(request, principal);
  }
  return principal;
}

/** The credential a caller presented: `Authorization: Bearer …` or `X-API-Key`. */
function presented(headers: Headers): string | undefined {
  const h = headers.get('authorization');
  if (h?.toLowerCase().startsWith('bearer ')) return h.slice(7).trim();
  return headers.get('x-api-key')?.trim() || undefined;
}

export function createAuthenticator(settings: Settings): Authenticator {
  const a = settings.auth;
  if (a.mode === 'none') {
    const principal: Principal = { id: 'anonymous', scopes: new Set(a.anonymousScopes), anonymous: true };
    return { authenticate: async () => principal };
  }
  if (a.mode === 'api-key') {
    const keys = a.apiKeys.map((k) => ({ ...k, digest: Buffer.from(k.sha256, 'hex') }));
    return {
      async authenticate(headers) {
        const key = presented(headers);
        if (!key)
          throw new AuthenticationError('an API key is required (Authorization: Bearer … or X-API-Key)');
        const digest = createHash('sha256').update(key).digest();
        // Compare against every key in constant time, so timing says nothing about which one matched.
        let match: (typeof keys)[number] | undefined;
        for (const k of keys) if (timingSafeEqual(digest, k.digest)) match = k;
        if (!match) throw new AuthenticationError('unknown API key');
        return { id: `key:${match.name}`, scopes: new Set(match.scopes), anonymous: false };
      },
    };
  }
  let key: Promise<KeyObject | Uint8Array | JWTVerifyGetKey>;
  if (a.jwksUrl) key = Promise.resolve(createRemoteJWKSet(new URL(a.jwksUrl), { timeoutDuration: 5000 }));
  else if (a.jwtPublicKey)
    key = importSPKI(a.jwtPublicKey, 'RS256').catch(() => importSPKI(a.jwtPublicKey as string, 'ES256'));
  else key = Promise.resolve(new TextEncoder().encode(a.jwtSecret?.reveal() ?? ''));
  const algorithms =
    a.jwksUrl || a.jwtPublicKey
      ? ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'PS256', 'EdDSA']
      : ['HS256', 'HS384', 'HS512'];
  return {
    async authenticate(headers) {
      const token = presented(headers);
      if (!token) throw new AuthenticationError('a bearer token is required');
      let payload: JWTPayload;
      try {
        const k = await key;
        const options = {
          issuer: a.jwtIssuer,
          audience: a.jwtAudience,
          clockTolerance: a.jwtClockSkewSeconds,
          algorithms,
          requiredClaims: ['exp'],
        };
        payload =
          typeof k === 'function'
            ? (await jwtVerify(token, k, options)).payload
            : (await jwtVerify(token, k, options)).payload;
      } catch (err) {
        // jose's messages name the failed check (expired, audience…), never the token.
        throw new AuthenticationError(`invalid token: ${(err as Error).message}`);
      }
      return {
        id: `jwt:${payload.iss ?? ''}:${payload.sub ?? ''}`,
        scopes: scopesOf(payload, a.jwtScopesClaim),
        anonymous: false,
      };
    },
  };
}

function scopesOf(payload: JWTPayload, claim: string): Set<Scope> {
  const raw = payload[claim];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/\s+/) : [];
  const known: readonly string[] = allScopes();
  return new Set(list.filter((s): s is Scope => known.includes(s as string)));
}

/** A short, non-reversible tag of a principal, for binding download links to their caller. */
export function principalTag(p: Principal): string {
  return createHash('sha256').update(`vendor-gateway:caller:${p.id}`).digest('base64url').slice(0, 16);
}
