/**
 * Parsed values → the `Settings` object the gateway reads: defaults that depend on other settings,
 * and the checks that span several settings.
 */
import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from './kinds.js';
import { Secret } from './secret.js';
import {
  allScopes,
  allSpec,
  type Scope,
  UPSTREAM_KEYS,
  type UpstreamKey,
  type Values,
  vendorSpecs,
} from './spec.js';
import { fieldOf, type VendorSettingsSpec } from './vendor.js';
import type { BaseSettings, Settings, UpstreamSettings } from './types.js';

const UPSTREAM_FIELDS: Record<UpstreamKey, keyof UpstreamSettings> = {
  CONNECT_TIMEOUT_MS: 'connectTimeoutMs',
  HEADERS_TIMEOUT_MS: 'headersTimeoutMs',
  BODY_TIMEOUT_MS: 'bodyTimeoutMs',
  MAX_JSON_BYTES: 'maxJsonBytes',
  RETRIES: 'retries',
  MAX_CONCURRENCY: 'maxConcurrency',
  MAX_QUEUE: 'maxQueue',
  MAX_STREAMS: 'maxStreams',
  MAX_RPS: 'ratePerSecond',
  CIRCUIT_THRESHOLD: 'circuitThreshold',
  CIRCUIT_COOLDOWN_MS: 'circuitCooldownMs',
  RETRY_BUDGET: 'retryBudgetRatio',
};

/** UPSTREAM_* (prefix UPSTREAM) or one vendor's overrides on top of `base`. */
function upstreamFor(v: Values, prefix: string, base: UpstreamSettings | undefined): UpstreamSettings {
  const out: Record<string, unknown> = { ...base };
  for (const key of Object.keys(UPSTREAM_KEYS) as UpstreamKey[]) {
    const value = (v as Record<string, unknown>)[`${prefix}_${key}`];
    if (value !== undefined) out[UPSTREAM_FIELDS[key]] = key === 'MAX_RPS' ? value || undefined : value; // 0 = unlimited
  }
  return out as unknown as UpstreamSettings;
}

/** The Settings: the fields built below, then every `placed` entry at its path. */
export function assemble(v: Values): Settings {
  const settings: Record<string, unknown> = { ...base(v) };
  for (const [name, entry] of Object.entries(allSpec()) as [string, Entry][]) {
    if (entry.at === undefined) continue;
    const path = entry.at.split('.');
    const last = path.pop() as string;
    let node = settings;
    for (const key of path) node = (node[key] ??= {}) as Record<string, unknown>;
    node[last] = v[name as keyof Values];
  }
  const s = settings as unknown as Settings;
  s.auth.anonymousScopes = v.ANONYMOUS_SCOPES ?? anonymousByDefault(s);
  return s;
}

/**
 * What anonymous callers may do when ANONYMOUS_SCOPES is unset: read and export, but private keys,
 * secrets and operator data need an explicit grant (each vendor's scopes say which are granted,
 * possibly by a setting of its own).
 */
function anonymousByDefault(s: Settings): Scope[] {
  const granted = vendorSpecs().flatMap((spec) =>
    spec.scopes.filter(({ anonymous = true }) =>
      typeof anonymous === 'function' ? anonymous(sectionOf(s, spec.key)) : anonymous,
    ),
  );
  const names = new Set(granted.map((x) => x.name));
  return allScopes().filter((x) => names.has(x));
}

/** A vendor's section of the settings, by its key (a vendor registered at run time included). */
export function sectionOf(s: Settings, key: string): Readonly<Record<string, unknown>> {
  return ((s as unknown as Record<string, unknown>)[key] ?? {}) as Readonly<Record<string, unknown>>;
}

function base(v: Values): BaseSettings {
  const production = v.NODE_ENV === 'production';
  const upstream = upstreamFor(v, 'UPSTREAM', undefined);
  const dataHome = v.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  const rps = v.RATE_LIMIT_RPS; // 0 = off
  const burst = v.RATE_LIMIT_BURST ?? Math.min(1_000_000, Math.max(1, rps * 2));
  return {
    nodeEnv: v.NODE_ENV,
    auth: {
      mode: v.AUTH_MODE,
      apiKeys: v.API_KEYS,
      jwksUrl: v.JWT_JWKS_URL,
      jwtPublicKey: v.JWT_PUBLIC_KEY?.replace(/\\n/g, '\n'),
      jwtSecret: v.JWT_SECRET,
      jwtIssuer: v.JWT_ISSUER,
      jwtAudience: v.JWT_AUDIENCE,
      jwtClockSkewSeconds: v.JWT_CLOCK_SKEW_SECONDS,
      jwtScopesClaim: v.JWT_SCOPES_CLAIM,
      jwtAllowAnyAudience: v.JWT_ALLOW_ANY_AUDIENCE,
      allowAnonymous: v.ALLOW_ANONYMOUS,
      // Set by `assemble` once the vendors' sections are placed (a vendor's setting may grant one).
      anonymousScopes: [],
      downloadsBindToCaller: v.DOWNLOADS_BIND_TO_CALLER,
      credentialForwarding: v.CREDENTIAL_FORWARDING,
    },
    federation: {
      enabled: v.FEDERATION === 'on',
      maxRepresentations: v.FEDERATION_MAX_REPRESENTATIONS,
    },
    corsOrigins: v.CORS_ORIGINS,
    introspection: v.INTROSPECTION ?? !production,
    persistedOperations: v.PERSISTED_OPERATIONS,
    port: v.PORT,
    host: v.HOST,
    publicUrl: v.PUBLIC_URL ?? `http://localhost:${v.PORT}`,
    publicUrlExplicit: v.PUBLIC_URL !== undefined,
    signingSecret: v.SIGNING_SECRET ?? new Secret(randomBytes(32).toString('base64url')),
    signingSecretGenerated: v.SIGNING_SECRET === undefined,
    signingSecretPrevious: v.SIGNING_SECRET_PREVIOUS,
    warnings: [],
    downloadDefaultExpiresIn: Math.min(300, v.DOWNLOAD_MAX_EXPIRES_IN),
    downloadMaxExpiresIn: v.DOWNLOAD_MAX_EXPIRES_IN,
    // Production never serves emulated data unless told to in so many words (SANDBOX=on).
    sandbox: v.SANDBOX === 'on' || (v.SANDBOX === 'auto' && !production) ? 'auto' : 'off',
    logLevel: v.LOG_LEVEL,
    requestTimeoutMs: v.REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs: v.SHUTDOWN_TIMEOUT_MS,
    shutdownDrainDelayMs: v.SHUTDOWN_DRAIN_DELAY_MS,
    graphiql: v.GRAPHIQL ?? !production,
    upstream,
    upstreamFor: Object.fromEntries(
      vendorSpecs().map((spec) => [
        spec.key,
        upstreamFor(v, spec.prefix, { ...upstream, ...spec.httpDefaults }),
      ]),
    ) as BaseSettings['upstreamFor'],
    vault: {
      dir: v.VAULT_DIR ?? join(dataHome, 'vendor-gateway', 'vault'),
      encryptionKey: v.VAULT_ENCRYPTION_KEY,
      retentionMs: v.VAULT_RETENTION,
      maxBytes: v.VAULT_MAX_BYTES,
      minFreeBytes: v.VAULT_MIN_FREE_BYTES ?? v.VAULT_MAX_BYTES,
      shutdownGraceMs: v.VAULT_SHUTDOWN_GRACE_MS,
    },
    // Logs, metrics, traces, per-caller rate limit.
    observability: {
      logFormat: v.LOG_FORMAT,
      metrics: v.METRICS,
      metricsPort: v.METRICS_PORT,
      metricsHost: v.METRICS_HOST ?? v.HOST,
      metricsToken: v.METRICS_TOKEN,
      metricsPublic: v.METRICS_PUBLIC ?? !production,
      otlpEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: v.OTEL_SERVICE_NAME,
      rateLimit: rps > 0 ? { ratePerSecond: rps, burst } : undefined,
    },
  };
}

function specOf(vendor: string): VendorSettingsSpec | undefined {
  return vendorSpecs().find((spec) => spec.key === vendor);
}

/** Whether a vendor is LIVE: any of the settings its folder lists as making it so (docs/api.md). */
export function vendorIsLive(vendor: string, s: Settings): boolean {
  const spec = specOf(vendor);
  if (!spec) return false;
  const section = sectionOf(s, vendor);
  return spec.live.some((name) => {
    const entry = spec.entries[name];
    return entry !== undefined && section[fieldOf(entry)] !== undefined;
  });
}

/**
 * Checks that span several settings. `given` names the settings present in the environment (even
 * with a bad value, already reported), so that presence rules do not report them a second time;
 * `invalid` names those whose value was refused, so that no rule reports them as missing.
 */
export function crossChecks(
  v: Values,
  s: Settings,
  given: ReadonlySet<string>,
  invalid: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  // Credentials that come in pairs: half a pair is a mistake worth stopping for.
  const together = (...names: (keyof Values)[]) => {
    const set = names.filter((n) => given.has(n));
    if (set.length > 0 && set.length < names.length)
      problems.push(
        names.length === 2
          ? `${names[0]} and ${names[1]} must be set together`
          : `${names.join(', ')} must be set together`,
      );
  };
  const specs = vendorSpecs();
  for (const spec of specs) for (const names of spec.together ?? []) together(...(names as (keyof Values)[]));
  for (const spec of specs)
    if (spec.whenLive && vendorIsLive(spec.key, s)) problems.push(...spec.whenLive(sectionOf(s, spec.key)));

  if (s.auth.mode === 'api-key' && s.auth.apiKeys.length === 0 && !invalid.has('API_KEYS'))
    problems.push('AUTH_MODE=api-key needs API_KEYS');
  if (s.auth.mode === 'jwt' && !s.auth.jwksUrl && !s.auth.jwtPublicKey && !s.auth.jwtSecret)
    problems.push('AUTH_MODE=jwt needs JWT_JWKS_URL, JWT_PUBLIC_KEY or JWT_SECRET');
  // Without audience and issuer checks, any token the key signs (for any service) is accepted.
  if (
    s.auth.mode === 'jwt' &&
    s.nodeEnv === 'production' &&
    (!s.auth.jwtAudience || !s.auth.jwtIssuer) &&
    !s.auth.jwtAllowAnyAudience
  )
    problems.push(
      'AUTH_MODE=jwt in production needs JWT_AUDIENCE and JWT_ISSUER (or JWT_ALLOW_ANY_AUDIENCE=true to accept tokens meant for any service)',
    );
  // Secure by default: a gateway holding real vendor credentials does not serve anonymous callers
  // unless told to in so many words.
  const live = liveVendors(s);
  if (s.auth.mode === 'none' && live.length > 0 && !s.auth.allowAnonymous)
    problems.push(
      `AUTH_MODE=none with LIVE vendors (${live.join(', ')}): set AUTH_MODE=api-key or jwt, or ALLOW_ANONYMOUS=true to accept anonymous callers`,
    );
  // Links must survive restarts and replicas: production never makes up its key.
  if (s.nodeEnv === 'production' && !given.has('SIGNING_SECRET'))
    problems.push(
      'SIGNING_SECRET must be set when NODE_ENV=production (at least 32 characters, e.g. `openssl rand -base64 48`)',
    );
  return problems;
}

/**
 * Vendors made LIVE by a base URL alone: every call would go to the real API without a credential.
 * A vendor that finds a credential of its own (`ambientCredential`) is not one of them.
 */
export function vendorsWithoutCredential(given: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const spec of vendorSpecs()) {
    if (spec.ambientCredential) continue;
    const urls = spec.live.filter((n) => n.endsWith('_BASE_URL') && given.has(n));
    const credentials = spec.live.filter((n) => !n.endsWith('_BASE_URL'));
    if (urls.length > 0 && !credentials.some((n) => given.has(n)))
      out.push(
        `${urls.join(', ')} is set but no credential (${credentials.join(', ')}): ${spec.prefix} would be LIVE and call its API unauthenticated`,
      );
  }
  return out;
}

/** The vendors LIVE with these settings. */
export function liveVendors(s: Settings): string[] {
  return vendorSpecs()
    .map((spec) => spec.key)
    .filter((k) => vendorIsLive(k, s));
}
