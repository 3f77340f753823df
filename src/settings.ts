/**
 * Environment → one typed, validated Settings object. This is the only module that reads the
 * environment. Every problem is reported at once, each naming its variable; secret values are
 * wrapped in `Secret` so that they never print, log or serialize by accident.
 */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';

/** A credential. `String(secret)`, `JSON.stringify` and `console.log` all show `[redacted]`. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
  [inspect.custom](): string {
    return 'Secret([redacted])';
  }
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n  - ${problems.join('\n  - ')}`);
    this.name = 'SettingsError';
  }
}

export interface UpstreamSettings {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  /** Cap on a JSON response body; past it the connection is closed. */
  maxJsonBytes: number;
  /** Extra attempts for idempotent calls (0 = no retry). */
  retries: number;
  /** Concurrent requests in flight to one vendor; more wait in a bounded queue. */
  maxConcurrency: number;
  /** Waiting requests past which a call fails fast with RATE_LIMITED. */
  maxQueue: number;
  /** Request starts per second (a vendor's documented rate limit); undefined = unlimited. */
  ratePerSecond: number | undefined;
  /** Consecutive failures that open the circuit. */
  circuitThreshold: number;
  /** How long an open circuit fails fast before a probe is let through. */
  circuitCooldownMs: number;
  /** Retries earned per first attempt (≤ 1: retries never more than double the load). */
  retryBudgetRatio: number;
}

export interface TorqSettings {
  baseUrl: string | undefined;
  token: Secret | undefined;
  clientId: string | undefined;
  clientSecret: Secret | undefined;
  authUrl: string;
}
export interface GoogleSettings {
  baseUrl: string | undefined;
  accessToken: Secret | undefined;
  credentialsFile: string | undefined;
  /** Browse defaults (GOOGLE_PROJECT_ID, GOOGLE_LOCATION): the parent `projects/{p}/locations/{l}` of the list fields. */
  projectId: string | undefined;
  location: string | undefined;
}
export interface OracleSettings {
  baseUrl: string | undefined;
  userId: string | undefined;
  accessToken: Secret | undefined;
  clientId: string | undefined;
  clientSecret: Secret | undefined;
}
export interface AkanaSettings {
  baseUrl: string | undefined;
  fedMemberId: string | undefined;
  authToken: Secret | undefined;
  email: string | undefined;
  password: Secret | undefined;
  csrfToken: Secret | undefined;
  /** Browse default (AKANA_USER_ID): whose apps `akanaApps` lists (`GET /api/users/{UserID}/apps`). */
  userId: string | undefined;
}
export interface RomaSettings {
  baseUrl: string | undefined;
  projectId: string | undefined;
  instanceId: string | undefined;
  authToken: Secret | undefined;
  iamUrl: string | undefined;
  iamUser: string | undefined;
  iamPassword: Secret | undefined;
  iamDomain: string | undefined;
}
export interface VaultSettings {
  dir: string;
  encryptionKey: Buffer | undefined;
  retentionMs: number;
  maxBytes: number;
  /** Free space the vault must have before a once-only download is taken (default maxBytes). */
  minFreeBytes: number;
  /** How long shutdown waits for once-only downloads still being written to the vault. */
  shutdownGraceMs: number;
}

export const SCOPES = [
  'torq:read',
  'google:read',
  'oracle:read',
  'akana:export',
  'akana:pki',
  'roma:read',
  'roma:export',
  'secrets:read',
  /** Operator data: vendor base URLs (`vendors { baseUrl }`). Never granted to anonymous callers by default. */
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKey {
  name: string;
  /** sha256 of the key, hex: the plain key is never configured. */
  sha256: string;
  scopes: Scope[];
}

export interface AuthSettings {
  mode: 'none' | 'api-key' | 'jwt';
  apiKeys: ApiKey[];
  jwksUrl: string | undefined;
  jwtPublicKey: string | undefined;
  jwtSecret: Secret | undefined;
  jwtIssuer: string | undefined;
  jwtAudience: string | undefined;
  jwtClockSkewSeconds: number;
  jwtScopesClaim: string;
  /** JWT_ALLOW_ANY_AUDIENCE: accept tokens with no JWT_AUDIENCE/JWT_ISSUER check, even in production. */
  jwtAllowAnyAudience: boolean;
  allowAnonymous: boolean;
  /** What an anonymous caller (AUTH_MODE=none) may do. */
  anonymousScopes: Scope[];
  downloadsBindToCaller: boolean;
  credentialForwarding: boolean;
}

export interface LimitSettings {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  cost: number;
  requestBytes: number;
  /** Ids one `nodes(ids:)` call may take (NODES_MAX_IDS). */
  nodesMaxIds: number;
  /** Time a caller has to send a whole request, headers and body (REQUEST_RECEIVE_TIMEOUT_MS). */
  receiveTimeoutMs: number;
}

/** FEDERATION, FEDERATION_MAX_REPRESENTATIONS: the gateway as an Apollo Federation v2 subgraph. */
export interface FederationSettings {
  /** On: /graphql serves the subgraph schema (the stand-alone one + `_service`, `_entities`). */
  enabled: boolean;
  /** At most this many representations in one `_entities` call. */
  maxRepresentations: number;
}

/** The vendor-response cache (src/http/cache.ts). Coalescing of identical calls is always on. */
export interface CacheSettings {
  /** CACHE=off turns the cache off (coalescing stays on). */
  enabled: boolean;
  /** Bound on the vendors' JSON bytes kept (least recently used go first). */
  maxBytes: number;
  /** How long past its TTL an answer may still be served while it is refreshed. */
  staleMs: number;
  /** Fresh TTL per vendor (`{VENDOR}_CACHE_TTL_MS`); 0 = not cached. Akana and ROMA keep nothing. */
  ttlMs: Record<'torq' | 'google' | 'oracle', number>;
}

export interface Settings {
  nodeEnv: string;
  auth: AuthSettings;
  limits: LimitSettings;
  federation: FederationSettings;
  corsOrigins: string[];
  introspection: boolean;
  /** Path of a JSON file `{sha256: document}`: only these operations are accepted. */
  persistedOperations: string | undefined;
  port: number;
  host: string;
  publicUrl: string;
  /** False when PUBLIC_URL was not set: the server then fills in the address it listens on. */
  publicUrlExplicit: boolean;
  signingSecret: Secret;
  /** True when no SIGNING_SECRET was given and a random one was made (URLs die with the process). */
  signingSecretGenerated: boolean;
  signingSecretPrevious: Secret | undefined;
  downloadDefaultExpiresIn: number;
  downloadMaxExpiresIn: number;
  sandbox: 'auto' | 'off';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** After a stop signal, keep serving this long with /readyz at 503 so load balancers drain us. */
  shutdownDrainDelayMs: number;
  graphiql: boolean;
  /** Defaults for every vendor (UPSTREAM_*). */
  upstream: UpstreamSettings;
  /** Per vendor, with `{TORQ,GOOGLE,ORACLE,AKANA,ROMA}_*` overrides applied. */
  upstreamFor: Record<VendorKey, UpstreamSettings>;
  torq: TorqSettings;
  google: GoogleSettings;
  oracle: OracleSettings;
  akana: AkanaSettings;
  roma: RomaSettings;
  vault: VaultSettings;
  cache: CacheSettings;
}

export type Env = Record<string, string | undefined>;

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Reads and validates `env`. Throws `SettingsError` naming every bad variable (never its value if secret). */
export function loadSettings(env: Env = process.env): Settings {
  const problems: string[] = [];
  const str = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const secret = (name: string): Secret | undefined => {
    const v = str(name);
    return v === undefined ? undefined : new Secret(v);
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const v = str(name);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${v}")`);
      return fallback;
    }
    return Number(v);
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const v = str(name)?.toLowerCase();
    if (v === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    problems.push(`${name} must be true or false (got "${v}")`);
    return fallback;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = str(name);
    if (v === undefined) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push(`${name} must be one of ${allowed.join(', ')} (got "${v}")`);
    return fallback;
  };
  const url = (name: string): string | undefined => {
    const v = str(name);
    if (v === undefined) return undefined;
    try {
      const u = new URL(v);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      if (u.username || u.password) {
        problems.push(`${name} must not carry credentials in the URL`);
        return undefined;
      }
      if (u.search || u.hash) throw new Error('query');
      return v.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} must be an http(s) URL with no query or fragment (got "${v}")`);
      return undefined;
    }
  };
  const scaled = (name: string, fallback: number, units: Record<string, number>, defaultUnit: string) => {
    const v = str(name);
    if (v === undefined) return fallback;
    const m = /^(\d+)\s*([a-z]*)$/i.exec(v);
    const unit = m?.[2]?.toLowerCase() || defaultUnit;
    const factor = units[unit];
    if (!m || factor === undefined || Number(m[1]) <= 0) {
      problems.push(
        `${name} must be a positive number with an optional unit (${Object.keys(units).join(', ')})`,
      );
      return fallback;
    }
    return Number(m[1]) * factor;
  };

  const ratio = (name: string, fallback: number): number => {
    const v = str(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 1) {
      problems.push(`${name} must be a number from 0 to 1 (got "${v}")`);
      return fallback;
    }
    return n;
  };
  /** Upstream settings under a prefix (UPSTREAM or a vendor's), falling back to `base`. */
  const upstreamOverrides = (prefix: string, base: UpstreamSettings): UpstreamSettings => ({
    connectTimeoutMs: int(`${prefix}_CONNECT_TIMEOUT_MS`, base.connectTimeoutMs, 1, 120_000),
    headersTimeoutMs: int(`${prefix}_HEADERS_TIMEOUT_MS`, base.headersTimeoutMs, 1, 600_000),
    bodyTimeoutMs: int(`${prefix}_BODY_TIMEOUT_MS`, base.bodyTimeoutMs, 1, 600_000),
    maxJsonBytes: scaled(`${prefix}_MAX_JSON_BYTES`, base.maxJsonBytes, SIZE_UNITS, 'b'),
    retries: int(`${prefix}_RETRIES`, base.retries, 0, 10),
    maxConcurrency: int(`${prefix}_MAX_CONCURRENCY`, base.maxConcurrency, 1, 1024),
    maxQueue: int(`${prefix}_MAX_QUEUE`, base.maxQueue, 0, 100_000),
    ratePerSecond: int(`${prefix}_MAX_RPS`, base.ratePerSecond ?? 0, 0, 100_000) || undefined, // 0 = unlimited
    circuitThreshold: int(`${prefix}_CIRCUIT_THRESHOLD`, base.circuitThreshold, 1, 1000),
    circuitCooldownMs: int(`${prefix}_CIRCUIT_COOLDOWN_MS`, base.circuitCooldownMs, 1, 3_600_000),
    retryBudgetRatio: ratio(`${prefix}_RETRY_BUDGET`, base.retryBudgetRatio),
  });
  const upstream = upstreamOverrides('UPSTREAM', {
    connectTimeoutMs: 5_000,
    headersTimeoutMs: 15_000,
    bodyTimeoutMs: 30_000,
    maxJsonBytes: 10 * 1024 ** 2,
    retries: 2,
    maxConcurrency: 32,
    maxQueue: 1000,
    ratePerSecond: undefined,
    circuitThreshold: 5,
    circuitCooldownMs: 30_000,
    retryBudgetRatio: 0.5,
  });

  const nodeEnv = str('NODE_ENV') ?? 'development';
  const port = int('PORT', 4000, 0, 65535);
  const host = str('HOST') ?? '0.0.0.0';
  const explicitPublicUrl = url('PUBLIC_URL');
  const publicUrl = explicitPublicUrl ?? `http://localhost:${port}`;

  const givenSecret = secret('SIGNING_SECRET');
  if (givenSecret && givenSecret.reveal().length < 32) {
    problems.push('SIGNING_SECRET must be at least 32 characters long');
  }
  const previous = secret('SIGNING_SECRET_PREVIOUS');
  if (previous && previous.reveal().length < 32) {
    problems.push('SIGNING_SECRET_PREVIOUS must be at least 32 characters long');
  }

  const downloadMaxExpiresIn = int('DOWNLOAD_MAX_EXPIRES_IN', 3600, 1, 7 * 86400);
  const downloadDefaultExpiresIn = Math.min(300, downloadMaxExpiresIn);

  const vaultKeyRaw = secret('VAULT_ENCRYPTION_KEY');
  let vaultKey: Buffer | undefined;
  if (vaultKeyRaw) {
    const raw = vaultKeyRaw.reveal();
    const decoded = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    if (decoded.length !== 32) {
      problems.push('VAULT_ENCRYPTION_KEY must be 32 bytes, as 64 hex digits or base64');
    } else {
      vaultKey = decoded;
    }
  }
  const dataHome = str('XDG_DATA_HOME') ?? join(homedir(), '.local', 'share');

  /** Scopes named in `text`; unknown ones are reported against `label`. */
  const scopesIn = (text: string, label: string): Scope[] => {
    const list = text.split(/[\s,]+/).filter(Boolean);
    const bad = list.filter((x) => !(SCOPES as readonly string[]).includes(x));
    if (bad.length)
      problems.push(`${label} has unknown scopes: ${bad.join(', ')} (known: ${SCOPES.join(', ')})`);
    return list.filter((x): x is Scope => !bad.includes(x));
  };
  const scopeList = (name: string, fallback: Scope[]): Scope[] => {
    const v = str(name);
    return v === undefined ? fallback : scopesIn(v, name);
  };
  const apiKeys: ApiKey[] = [];
  for (const entry of (str('API_KEYS') ?? '')
    .split(/[;\n]+/)
    .map((e) => e.trim())
    .filter(Boolean)) {
    // name:sha256hex:scope,scope — a hash, so the file or environment never holds a usable key.
    const [name, hash, scopes] = splitKeyEntry(entry);
    if (!/^[\w.-]{1,64}$/.test(name) || !/^[0-9a-f]{64}$/i.test(hash)) {
      problems.push(
        'API_KEYS entries must be name:sha256hex:scope,scope (the sha256 of the key, never the key)',
      );
      continue;
    }
    apiKeys.push({ name, sha256: hash.toLowerCase(), scopes: scopesIn(scopes, `API_KEYS entry ${name}`) });
  }
  const production = (str('NODE_ENV') ?? 'development') === 'production';
  const allowPki = bool('AKANA_ALLOW_PKI_EXPORT', false);
  const auth: AuthSettings = {
    mode: oneOf('AUTH_MODE', ['none', 'api-key', 'jwt'] as const, 'none'),
    apiKeys,
    jwksUrl: url('JWT_JWKS_URL'),
    jwtPublicKey: str('JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n'),
    jwtSecret: secret('JWT_SECRET'),
    jwtIssuer: str('JWT_ISSUER'),
    jwtAudience: str('JWT_AUDIENCE'),
    jwtClockSkewSeconds: int('JWT_CLOCK_SKEW_SECONDS', 30, 0, 600),
    jwtScopesClaim: str('JWT_SCOPES_CLAIM') ?? 'scope',
    jwtAllowAnyAudience: bool('JWT_ALLOW_ANY_AUDIENCE', false),
    allowAnonymous: bool('ALLOW_ANONYMOUS', false),
    // Anonymous callers read and export, but private keys and secrets need an explicit grant.
    anonymousScopes: scopeList(
      'ANONYMOUS_SCOPES',
      SCOPES.filter((x) => x !== 'secrets:read' && x !== 'admin' && (x !== 'akana:pki' || allowPki)),
    ),
    downloadsBindToCaller: bool('DOWNLOADS_BIND_TO_CALLER', false),
    credentialForwarding: bool('CREDENTIAL_FORWARDING', false),
  };
  if (auth.mode === 'api-key' && apiKeys.length === 0) problems.push('AUTH_MODE=api-key needs API_KEYS');
  if (auth.mode === 'jwt' && !auth.jwksUrl && !auth.jwtPublicKey && !auth.jwtSecret) {
    problems.push('AUTH_MODE=jwt needs JWT_JWKS_URL, JWT_PUBLIC_KEY or JWT_SECRET');
  }
  // Without audience and issuer checks, any token the key signs (for any service) is accepted.
  if (
    auth.mode === 'jwt' &&
    production &&
    (!auth.jwtAudience || !auth.jwtIssuer) &&
    !auth.jwtAllowAnyAudience
  ) {
    problems.push(
      'AUTH_MODE=jwt in production needs JWT_AUDIENCE and JWT_ISSUER (or JWT_ALLOW_ANY_AUDIENCE=true to accept tokens meant for any service)',
    );
  }
  if (auth.jwtSecret && auth.jwtSecret.reveal().length < 32)
    problems.push('JWT_SECRET must be at least 32 characters');

  const vaultMaxBytes = scaled('VAULT_MAX_BYTES', 2 * 1024 ** 3, SIZE_UNITS, 'b');
  const settings: Settings = {
    nodeEnv,
    auth,
    limits: {
      depth: int('LIMIT_DEPTH', 12, 1, 100),
      aliases: int('LIMIT_ALIASES', 50, 1, 1000),
      directives: int('LIMIT_DIRECTIVES', 20, 1, 1000),
      tokens: int('LIMIT_TOKENS', 5000, 10, 1_000_000),
      cost: int('LIMIT_COST', 2000, 1, 10_000_000),
      requestBytes: scaled('LIMIT_REQUEST_BYTES', 100 * 1024, SIZE_UNITS, 'b'),
      nodesMaxIds: int('NODES_MAX_IDS', 100, 1, 10_000),
      receiveTimeoutMs: int('REQUEST_RECEIVE_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    federation: {
      enabled: oneOf('FEDERATION', ['on', 'off'] as const, 'on') === 'on',
      maxRepresentations: int('FEDERATION_MAX_REPRESENTATIONS', 100, 1, 10_000),
    },
    corsOrigins: (str('CORS_ORIGINS') ?? '').split(/[\s,]+/).filter(Boolean),
    introspection: bool('INTROSPECTION', !production),
    persistedOperations: str('PERSISTED_OPERATIONS'),
    port,
    host,
    publicUrl,
    publicUrlExplicit: explicitPublicUrl !== undefined,
    signingSecret: givenSecret ?? new Secret(randomBytes(32).toString('base64url')),
    signingSecretGenerated: givenSecret === undefined,
    signingSecretPrevious: previous,
    downloadDefaultExpiresIn,
    downloadMaxExpiresIn,
    sandbox: oneOf('SANDBOX', ['auto', 'off'] as const, 'auto'),
    logLevel: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    shutdownDrainDelayMs: int('SHUTDOWN_DRAIN_DELAY_MS', 0, 0, 600_000),
    graphiql: bool('GRAPHIQL', nodeEnv !== 'production'),
    upstream,
    upstreamFor: {
      torq: upstreamOverrides('TORQ', { ...upstream, ratePerSecond: 50 }),
      google: upstreamOverrides('GOOGLE', upstream),
      oracle: upstreamOverrides('ORACLE', upstream),
      akana: upstreamOverrides('AKANA', upstream),
      roma: upstreamOverrides('ROMA', upstream),
    },
    torq: {
      baseUrl: url('TORQ_BASE_URL'),
      token: secret('TORQ_TOKEN'),
      clientId: str('TORQ_CLIENT_ID'),
      clientSecret: secret('TORQ_CLIENT_SECRET'),
      authUrl: url('TORQ_AUTH_URL') ?? 'https://auth.torq.io/v1/auth/token',
    },
    google: {
      baseUrl: url('GOOGLE_INTEGRATIONS_BASE_URL'),
      accessToken: secret('GOOGLE_ACCESS_TOKEN'),
      credentialsFile: str('GOOGLE_APPLICATION_CREDENTIALS'),
      projectId: str('GOOGLE_PROJECT_ID'),
      location: str('GOOGLE_LOCATION'),
    },
    oracle: {
      baseUrl: url('ORACLE_MARKETPLACE_BASE_URL'),
      userId: str('ORACLE_USER_ID'),
      accessToken: secret('ORACLE_ACCESS_TOKEN'),
      clientId: str('ORACLE_CLIENT_ID'),
      clientSecret: secret('ORACLE_CLIENT_SECRET'),
    },
    akana: {
      baseUrl: url('AKANA_BASE_URL'),
      fedMemberId: str('AKANA_FED_MEMBER_ID'),
      authToken: secret('AKANA_AUTH_TOKEN'),
      email: str('AKANA_EMAIL'),
      password: secret('AKANA_PASSWORD'),
      csrfToken: secret('AKANA_CSRF_TOKEN'),
      userId: str('AKANA_USER_ID'),
    },
    roma: {
      baseUrl: url('ROMA_BASE_URL'),
      projectId: str('ROMA_PROJECT_ID'),
      instanceId: str('ROMA_INSTANCE_ID'),
      authToken: secret('ROMA_AUTH_TOKEN'),
      iamUrl: url('HUAWEI_IAM_URL'),
      iamUser: str('HUAWEI_IAM_USER'),
      iamPassword: secret('HUAWEI_IAM_PASSWORD'),
      iamDomain: str('HUAWEI_IAM_DOMAIN'),
    },
    vault: {
      dir: str('VAULT_DIR') ?? join(dataHome, 'vendor-gateway', 'vault'),
      encryptionKey: vaultKey,
      retentionMs: scaled('VAULT_RETENTION', 7 * 86_400_000, DURATION_UNITS, 'ms'),
      maxBytes: vaultMaxBytes,
      minFreeBytes: scaled('VAULT_MIN_FREE_BYTES', vaultMaxBytes, SIZE_UNITS, 'b'),
      shutdownGraceMs: int('VAULT_SHUTDOWN_GRACE_MS', 15_000, 0, 3_600_000),
    },
    // Torq lists change when someone edits a workspace: seconds. Google versions and Oracle
    // package versions are immutable once published: minutes.
    cache: {
      enabled: bool('CACHE', true),
      maxBytes: scaled('CACHE_MAX_BYTES', 64 * 1024 ** 2, SIZE_UNITS, 'b'),
      staleMs: int('CACHE_STALE_MS', 30_000, 0, 86_400_000),
      ttlMs: {
        torq: int('TORQ_CACHE_TTL_MS', 5_000, 0, 86_400_000),
        google: int('GOOGLE_CACHE_TTL_MS', 600_000, 0, 86_400_000),
        oracle: int('ORACLE_CACHE_TTL_MS', 300_000, 0, 86_400_000),
      },
    },
  };

  // Credentials that come in pairs: half a pair is a mistake worth stopping for.
  const pair = (a: string, b: string) => {
    if ((str(a) === undefined) !== (str(b) === undefined))
      problems.push(`${a} and ${b} must be set together`);
  };
  pair('TORQ_CLIENT_ID', 'TORQ_CLIENT_SECRET');
  pair('ORACLE_CLIENT_ID', 'ORACLE_CLIENT_SECRET');
  pair('AKANA_EMAIL', 'AKANA_PASSWORD');
  if (settings.akana.fedMemberId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(settings.akana.fedMemberId)) {
    problems.push('AKANA_FED_MEMBER_ID must be 1-64 letters, digits, "_" or "-"');
  }
  if (vendorIsLive('akana', settings) && !settings.akana.baseUrl) {
    problems.push('AKANA_BASE_URL must be set (the tenant host) when Akana credentials are given');
  }
  if (vendorIsLive('akana', settings) && !settings.akana.fedMemberId) {
    problems.push('AKANA_FED_MEMBER_ID must be set when Akana credentials are given');
  }
  if (vendorIsLive('oracle', settings) && !settings.oracle.userId) {
    problems.push(
      'ORACLE_USER_ID must be set when Oracle is configured (every call sends it as X-Oracle-UserId)',
    );
  }
  if (vendorIsLive('roma', settings) && !settings.roma.baseUrl) {
    problems.push(
      'ROMA_BASE_URL must be set (https://roma.{region}.myhuaweicloud.com) when ROMA is configured',
    );
  }
  const iam = ['HUAWEI_IAM_URL', 'HUAWEI_IAM_USER', 'HUAWEI_IAM_PASSWORD', 'HUAWEI_IAM_DOMAIN'];
  const iamSet = iam.filter((n) => str(n) !== undefined);
  if (iamSet.length > 0 && iamSet.length < iam.length) {
    problems.push(`${iam.join(', ')} must be set together`);
  }

  for (const origin of settings.corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      problems.push(`CORS_ORIGINS entries must be origins like https://app.example.com (got "${origin}")`);
  }
  // Secure by default: a gateway holding real vendor credentials does not serve anonymous callers
  // unless told to in so many words.
  const live = (['torq', 'google', 'oracle', 'akana', 'roma'] as const).filter((v) =>
    vendorIsLive(v, settings),
  );
  if (auth.mode === 'none' && live.length > 0 && !auth.allowAnonymous) {
    problems.push(
      `AUTH_MODE=none with LIVE vendors (${live.join(', ')}): set AUTH_MODE=api-key or jwt, or ALLOW_ANONYMOUS=true to accept anonymous callers`,
    );
  }

  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

/** `name:hash:scopes`, where the scopes themselves contain ':' (e.g. torq:read); missing parts are ''. */
function splitKeyEntry(entry: string): [string, string, string] {
  const [name = '', hash = '', ...scopes] = entry.split(':');
  return [name, hash, scopes.join(':')];
}

export type VendorKey = 'torq' | 'google' | 'oracle' | 'akana' | 'roma';

/** The settings that make a vendor LIVE: its base URL or any of its credentials (API.md). */
const LIVE_KEYS: { [K in VendorKey]: (keyof Settings[K])[] } = {
  torq: ['baseUrl', 'token', 'clientId', 'clientSecret'],
  google: ['baseUrl', 'accessToken', 'credentialsFile'],
  oracle: ['baseUrl', 'accessToken', 'clientId', 'clientSecret'],
  akana: ['baseUrl', 'authToken', 'email', 'password'],
  roma: ['baseUrl', 'authToken', 'iamUrl', 'iamUser', 'iamPassword'],
};

export function vendorIsLive<K extends VendorKey>(vendor: K, s: Settings): boolean {
  const v = s[vendor];
  return LIVE_KEYS[vendor].some((k) => v[k] !== undefined);
}
