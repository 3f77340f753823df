/** The shape of the settings the rest of the gateway reads (built by `loadSettings`). */
import type { Secret } from './secret.js';
import type { PlacedSettings } from './spec.js';

export type VendorKey = 'torq' | 'google' | 'oracle' | 'akana' | 'roma';
export type Env = Record<string, string | undefined>;

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
  allowAnonymous: boolean;
  /** What an anonymous caller (AUTH_MODE=none) may do. */
  anonymousScopes: Scope[];
  downloadsBindToCaller: boolean;
  credentialForwarding: boolean;
}

/** Operation limits (LIMIT_*): declared in spec.ts with `placed('limits.…')`. */
export type LimitSettings = Settings['limits'];

/**
 * What the gateway reads: the fields below, built in assemble.ts, plus every spec entry declared
 * with `placed('a.b', …)`, whose field `a.b` (and its type) comes from the spec alone.
 */
export type Settings = BaseSettings & PlacedSettings;

export interface BaseSettings {
  nodeEnv: string;
  auth: AuthSettings;
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
  /** Per vendor, with `{TORQ,GOOGLE,ORACLE,AKANA,ROMA}_*` overrides applied. */
  upstreamFor: Record<VendorKey, UpstreamSettings>;
  torq: TorqSettings;
  google: GoogleSettings;
  oracle: OracleSettings;
  akana: AkanaSettings;
  roma: RomaSettings;
  vault: VaultSettings;
}
