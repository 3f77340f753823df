/** The shape of the settings the rest of the gateway reads (built by `loadSettings`). */
import type { Secret } from './secret.js';
import type { ApiKey as ApiKeyOf } from './scopes.js';
import type { PlacedSettings, Scope, VendorKey } from './spec.js';

export type { VendorKey } from './spec.js';
export { allScopes, SCOPES, type Scope } from './spec.js';
/** An API key of API_KEYS. */
export type ApiKey = ApiKeyOf<Scope>;

export type Env = Record<string, string | undefined>;

import type { UpstreamSettings } from './upstream.js';

export type { UpstreamSettings } from './upstream.js';

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

/** Operation limits (LIMIT_*, NODES_MAX_IDS, REQUEST_RECEIVE_TIMEOUT_MS): `placed('limits.…')` in spec.ts. */
export type LimitSettings = Settings['limits'];

/** The vendor-response cache (src/http/cache.ts), `placed('cache.…')` in spec.ts. Coalescing is always on. */
export type CacheSettings = Settings['cache'];

/** FEDERATION, FEDERATION_MAX_REPRESENTATIONS: the gateway as an Apollo Federation v2 subgraph. */
export interface FederationSettings {
  /** On: /graphql serves the subgraph schema (the stand-alone one + `_service`, `_entities`). */
  enabled: boolean;
  /** At most this many representations in one `_entities` call. */
  maxRepresentations: number;
}

/** Logs, metrics, traces and the per-caller rate limit. */
export interface ObservabilitySettings {
  /** LOG_FORMAT: `pretty` (pino-pretty, when installed), `json`, or `auto` (pretty on a terminal). */
  logFormat: 'auto' | 'json' | 'pretty';
  /** METRICS: serve `/metrics` (Prometheus text). */
  metrics: boolean;
  /** METRICS_PORT: serve `/metrics` on its own port instead of the main one. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** METRICS_TOKEN: scrapers must send `Authorization: Bearer <token>`. */
  metricsToken: Secret | undefined;
  /**
   * METRICS_PUBLIC: `/metrics` may be served on the main listener without a token (default: not in
   * production, where vault bytes, free disk and error counts are not for anyone who can reach it).
   */
  metricsPublic: boolean;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: export traces over OTLP/HTTP; unset = tracing off (SDK not loaded). */
  otlpEndpoint: string | undefined;
  serviceName: string;
  /** RATE_LIMIT_RPS / RATE_LIMIT_BURST: requests per second per caller; undefined = no limit. */
  rateLimit: { ratePerSecond: number; burst: number } | undefined;
}

/**
 * What the gateway reads: the fields below, built in assemble.ts, plus every spec entry declared
 * with `placed('a.b', …)`, whose field `a.b` (and its type) comes from the spec alone.
 */
export type Settings = BaseSettings & PlacedSettings;

export interface BaseSettings {
  nodeEnv: string;
  auth: AuthSettings;
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
  /** What loadSettings found worth a warning at start (a misspelt variable, a vendor without a credential…). */
  warnings: string[];
  downloadDefaultExpiresIn: number;
  downloadMaxExpiresIn: number;
  /** Resolved: 'auto' = emulators for every vendor without settings; 'off' = none (see SANDBOX). */
  sandbox: 'auto' | 'off';
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  requestTimeoutMs: number;
  shutdownTimeoutMs: number;
  /** After a stop signal, keep serving this long with /readyz at 503 so load balancers drain us. */
  shutdownDrainDelayMs: number;
  graphiql: boolean;
  /** Defaults for every vendor (UPSTREAM_*). */
  upstream: UpstreamSettings;
  /**
   * Per vendor: `UPSTREAM_*`, the vendor's HTTP defaults, then its `<PREFIX>_*` overrides (vendors
   * registered at run time included).
   */
  upstreamFor: Record<VendorKey, UpstreamSettings> & Readonly<Record<string, UpstreamSettings>>;
  vault: VaultSettings;
  observability: ObservabilitySettings;
}
