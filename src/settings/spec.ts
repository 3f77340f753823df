/**
 * Every setting, declared once: its kind (validation, default, error message) and what it means.
 * `loadSettings`, `node dist/main.js --help` and docs/settings.md (`npm run settings:table`) are all
 * derived from this file. To add a setting: add one entry to a group below, then read it in
 * `assemble.ts` (a test fails while an entry is never read).
 * Longer than 300 lines: the one list of the gateway's own settings, an entry each, which `--help`
 * and docs/settings.md print in this order (each vendor's own settings are in its folder).
 */
import type * as z from 'zod';
import {
  apiKeys,
  bool,
  duration,
  type Entry,
  int,
  key32,
  matching,
  oneOf,
  origins,
  placed,
  ratio,
  scopes,
  secret,
  serviceUrl,
  size,
  text,
  url,
  variableNames,
} from './kinds.js';
import { VENDOR_SETTINGS } from '../vendors/settings.js';
import { GATEWAY_SCOPES, type GatewayScope } from './scopes.js';
import type { SharedGroup, VendorSettingsSpec } from './vendor.js';

type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every built-in vendor's own settings, declared in its folder (`src/vendors/<v>/settings.ts`). */
type VendorSpec = (typeof VENDOR_SETTINGS)[number];
/** A built-in vendor's key: its section of the settings. */
export type VendorKey = VendorSpec['key'];

/** A scope a caller can hold: a vendor's (its settings declare them) or one of the gateway's own. */
export type Scope = VendorSpec['scopes'][number]['name'] | GatewayScope;
/** The built-in scopes: each vendor's in the vendors' order, then the gateway's own. */
export const SCOPES: readonly Scope[] = [
  ...VENDOR_SETTINGS.flatMap((v) => v.scopes.map((x) => x.name)),
  ...GATEWAY_SCOPES,
];

/** The built-in vendors' declarations, widened: their literal types serve the types of this file. */
const BUILT_IN_SPECS = VENDOR_SETTINGS as unknown as readonly VendorSettingsSpec[];
/** The vendors registered at run time (`registerVendor`), after the built-in ones. */
const registered: VendorSettingsSpec[] = [];

/** Every vendor's settings declaration: the built-in ones, then those registered at run time. */
export function vendorSpecs(): readonly VendorSettingsSpec[] {
  return [...BUILT_IN_SPECS, ...registered];
}

/**
 * Every scope a caller can hold now: the built-in ones and those of vendors registered at run
 * time (typed as `Scope`: the type knows the built-in vendors only).
 */
export function allScopes(): readonly Scope[] {
  return [...vendorSpecs().flatMap((v) => v.scopes.map((x) => x.name as Scope)), ...GATEWAY_SCOPES];
}

/** The entries the built-in vendors show in one of the gateway's groups (`groups` in their settings). */
type GroupEntries<N extends SharedGroup> = Intersect<GroupOf<VendorSpec, N>>;
type GroupOf<V, N extends SharedGroup> = V extends { groups?: infer G }
  ? NonNullable<G> extends Record<N, infer X>
    ? X
    : Record<never, never>
  : never;
function groupEntries<N extends SharedGroup>(
  specs: readonly VendorSettingsSpec[],
  group: N,
): Record<string, Entry> {
  return Object.assign({}, ...specs.map((v) => v.groups?.[group] ?? {})) as Record<string, Entry>;
}

/** `ANONYMOUS_SCOPES`'s default as printed: every scope not granted to anonymous callers outright. */
function anonymousDefault(): string {
  const withheld = [
    ...BUILT_IN_SPECS.flatMap((v) =>
      v.scopes.filter((x) => x.anonymous !== undefined && x.anonymous !== true),
    ),
    ...GATEWAY_SCOPES.map((name) => ({ name })),
  ];
  return `all but ${withheld.map((x) => `\`${x.name}\``).join(', ')}`;
}

const SERVER = {
  NODE_ENV: text({
    fallback: 'development',
    doc: '`production` turns the sandbox, GraphiQL and introspection off and requires `SIGNING_SECRET`',
  }),
  PORT: int({ min: 0, max: 65535, fallback: 4000, doc: 'port the gateway listens on' }),
  HOST: text({ fallback: '0.0.0.0', doc: 'address the gateway listens on' }),
  PUBLIC_URL: url({
    default: 'the listen address',
    doc: 'base of signed download URLs, as callers reach the gateway (set it behind a proxy)',
  }),
  CORS_ORIGINS: origins({ default: 'none', doc: 'origins allowed to call from a browser' }),
  GRAPHIQL: bool({ default: 'on; off in production', doc: 'serve GraphiQL on `GET /graphql`' }),
  INTROSPECTION: bool({ default: 'on; off in production', doc: 'answer introspection queries' }),
  PERSISTED_OPERATIONS: text({ doc: 'JSON file `{sha256: document}`: only these operations are served' }),
  REQUEST_TIMEOUT_MS: int({
    min: 100,
    max: 600_000,
    fallback: 30_000,
    doc: 'per-request deadline for all its vendor calls',
  }),
  REQUEST_RECEIVE_TIMEOUT_MS: placed(
    'limits.receiveTimeoutMs',
    int({
      min: 100,
      max: 600_000,
      fallback: 30_000,
      doc: 'time a caller has to send a whole request, headers and body (slow-loris bound: 408, connection closed); downloads are responses and are not cut',
    }),
  ),
  SHUTDOWN_TIMEOUT_MS: int({ min: 0, max: 600_000, fallback: 10_000, doc: 'shutdown grace after SIGTERM' }),
  SHUTDOWN_DRAIN_DELAY_MS: int({
    min: 0,
    max: 600_000,
    fallback: 0,
    doc: 'after SIGTERM, keep serving this long with `/readyz` at 503 so load balancers drain',
  }),
  LOG_LEVEL: oneOf(['debug', 'info', 'warn', 'error', 'silent'], {
    fallback: 'info',
    doc: '`debug`, `info`, `warn`, `error`, `silent` (JSON lines on stderr, never a secret)',
  }),
  SETTINGS_IGNORE: placed(
    'settingsIgnore',
    variableNames({
      doc: 'variables that belong to another program and only look like a misspelt setting (names, or prefixes ending in `*`): not reported, and not refused in production',
    }),
  ),
};

const SANDBOX_GROUP = {
  SANDBOX: oneOf(['auto', 'on', 'off'], {
    fallback: 'auto',
    doc: '`auto`: emulators for every vendor without settings, except when `NODE_ENV=production`; `on`: the same, even in production; `off`: never',
  }),
};

const DOWNLOADS = {
  SIGNING_SECRET: secret({
    minLength: 32,
    default: 'random (warned); required in production',
    doc: 'HMAC key for signed download URLs (≥ 32 characters); links survive restarts and replicas only with it',
  }),
  SIGNING_SECRET_PREVIOUS: secret({
    minLength: 32,
    doc: 'the previous `SIGNING_SECRET`, still accepted for verification during a rotation',
  }),
  DOWNLOAD_MAX_EXPIRES_IN: int({
    min: 1,
    max: 7 * 86400,
    fallback: 3600,
    doc: 'upper bound (seconds) of `download(expiresIn:)`; the default is 300 s or this, if lower',
  }),
  DOWNLOAD_IDLE_TIMEOUT_MS: placed(
    'downloads.idleTimeoutMs',
    int({
      min: 100,
      max: 3_600_000,
      fallback: 30_000,
      doc: 'a download whose caller reads nothing for this long is cut (connection closed, vendor stream ended); a slow but reading caller is not',
    }),
  ),
  DOWNLOAD_MAX_PER_LINK: placed(
    'downloads.maxPerLink',
    int({
      min: 1,
      max: 1000,
      fallback: 4,
      doc: 'concurrent downloads (GET) of one signed link streamed from a vendor, per replica (vault archives are local and not counted); more answer 429 `RATE_LIMITED` with `Retry-After`',
    }),
  ),
  DOWNLOADS_BIND_TO_CALLER: bool({
    fallback: false,
    doc: 'signed links only work for the caller that asked for them',
  }),
  VAULT_DIR: text({
    default: '`$XDG_DATA_HOME/vendor-gateway/vault`',
    doc: 'the once-only archive vault: keep it on a persistent volume',
  }),
  XDG_DATA_HOME: text({ default: '`~/.local/share`', doc: 'base of the default `VAULT_DIR`' }),
  VAULT_ENCRYPTION_KEY: key32({
    doc: 'encrypts the vault (AES-256-GCM): 32 bytes as 64 hex digits or base64',
  }),
  VAULT_RETENTION: duration({ fallback: 7 * 86_400_000, doc: 'how long vault entries are kept' }),
  VAULT_MAX_BYTES: size({ fallback: 2 * 1024 ** 3, doc: 'vault size cap (also the largest archive kept)' }),
  VAULT_MIN_FREE_BYTES: size({
    default: '`VAULT_MAX_BYTES`',
    doc: 'free space the vault needs before a once-only archive is taken; below it, `VAULT_UNAVAILABLE` before any call to the vendor and `/readyz` 503 (`vault:capacity`)',
  }),
  VAULT_SHUTDOWN_GRACE_MS: int({
    min: 0,
    max: 3_600_000,
    fallback: 15_000,
    doc: 'how long shutdown waits for once-only archives still being written to the vault (past it, the loss is recorded)',
  }),
};

const AUTH_OWN = {
  AUTH_MODE: oneOf(['none', 'api-key', 'jwt'], {
    fallback: 'none',
    doc: '`none`, `api-key`, `jwt`; LIVE vendors with `none` refuse to start unless `ALLOW_ANONYMOUS=true`',
  }),
  ALLOW_ANONYMOUS: bool({ fallback: false, doc: 'accept anonymous callers while vendors are LIVE' }),
  API_KEYS: apiKeys(allScopes, {
    doc: '`name:sha256(key):scope,scope;…` — hashes only, never the key (`npm run hash-key`)',
  }),
  ANONYMOUS_SCOPES: scopes(allScopes, {
    default: anonymousDefault(),
    doc: 'what `AUTH_MODE=none` callers may do',
  }),
  JWT_JWKS_URL: url({ doc: 'JWKS of the token issuer (or `JWT_PUBLIC_KEY`, or `JWT_SECRET`)' }),
  JWT_PUBLIC_KEY: text({ doc: 'PEM public key (`\\n` accepted for newlines)' }),
  JWT_SECRET: secret({ minLength: 32, doc: 'HS256 shared secret (≥ 32 characters)' }),
  JWT_ISSUER: text({ doc: 'required `iss`' }),
  JWT_AUDIENCE: text({ doc: 'required `aud`' }),
  JWT_CLOCK_SKEW_SECONDS: int({ min: 0, max: 600, fallback: 30, doc: 'tolerance on `exp`/`nbf`' }),
  JWT_SCOPES_CLAIM: text({ fallback: 'scope', doc: 'claim holding the scopes' }),
  JWT_ALLOW_ANY_AUDIENCE: bool({
    fallback: false,
    doc: 'with `AUTH_MODE=jwt`, no `JWT_AUDIENCE` or `JWT_ISSUER` logs a warning; in production it is refused unless this is `true`',
  }),
  CREDENTIAL_FORWARDING: bool({
    fallback: false,
    doc: 'callers may send their own vendor credentials (each vendor’s `X-…` header, docs/api.md), used for that request only',
  }),
};

const LIMITS = {
  LIMIT_DEPTH: placed(
    'limits.depth',
    int({ min: 1, max: 100, fallback: 12, doc: 'maximum operation depth' }),
  ),
  LIMIT_ALIASES: placed('limits.aliases', int({ min: 1, max: 1000, fallback: 50, doc: 'maximum aliases' })),
  LIMIT_DIRECTIVES: placed(
    'limits.directives',
    int({ min: 1, max: 1000, fallback: 20, doc: 'maximum directives' }),
  ),
  LIMIT_TOKENS: placed(
    'limits.tokens',
    int({ min: 10, max: 1_000_000, fallback: 5000, doc: 'maximum tokens' }),
  ),
  LIMIT_COST: placed(
    'limits.cost',
    int({ min: 1, max: 10_000_000, fallback: 2000, doc: 'maximum cost (a vendor field costs 50)' }),
  ),
  LIMIT_REQUEST_BYTES: placed(
    'limits.requestBytes',
    size({ fallback: 100 * 1024, doc: 'maximum request body' }),
  ),
  LIMIT_VENDOR_BYTES: placed(
    'limits.vendorBytes',
    size({
      fallback: 128 * 1024 ** 2,
      doc: 'vendor JSON one request may hold, summed over all its vendor answers (fetched, shared or cached); past it that request’s further vendor fields fail with `QUERY_TOO_COMPLEX` (no further vendor call), other requests are served',
    }),
  ),
  LIMIT_ARCHIVE_ENTRIES: placed(
    'limits.archiveEntries',
    int({
      min: 1,
      max: 1_000_000,
      fallback: 1000,
      doc: 'entries an archive’s table of contents lists (`AppVersionExport.entries`); past it the list is cut, `entriesTruncated` is true and `entryCount` gives the whole count',
    }),
  ),
  NODES_MAX_IDS: placed(
    'limits.nodesMaxIds',
    int({
      min: 1,
      max: 10_000,
      fallback: 100,
      doc: 'ids one request may look up, summed over every `node(id:)` and `nodes(ids:)` field (aliases, fragments, `@defer`); more is `QUERY_TOO_COMPLEX` before any vendor call (each id also costs 5, and its selection is paid per id)',
    }),
  ),
};

const FEDERATION_GROUP = {
  FEDERATION: oneOf(['on', 'off'], {
    fallback: 'on',
    doc: '`/graphql` is also an Apollo Federation v2 subgraph (`_service`, `_entities`); `off`: the stand-alone schema only',
  }),
  FEDERATION_MAX_REPRESENTATIONS: int({
    min: 1,
    max: 10_000,
    fallback: 100,
    doc: '`_entities` representations one request may look up, summed over every `_entities` field (aliases, fragments, `@defer`); more is `QUERY_TOO_COMPLEX` before any vendor call (each also costs 5, and its selection is paid per representation)',
  }),
};

const CACHE_OWN = {
  CACHE: placed(
    'cache.enabled',
    bool({
      fallback: true,
      doc: 'the vendor-response cache (see “Caching, coalescing and speed”): a vendor’s answers are kept only when it has a `*_CACHE_TTL_MS` (exports, once-only archives and job status never are); `off` turns it off (coalescing of identical calls stays on)',
    }),
  ),
  CACHE_MAX_BYTES: placed(
    'cache.maxBytes',
    size({
      fallback: 64 * 1024 ** 2,
      doc: "bound on the vendors' JSON bytes kept (least recently used go first)",
    }),
  ),
  RESPONSE_CACHE: placed(
    'cache.response',
    bool({
      fallback: true,
      doc: 'the whole-response cache: a query’s answer kept for the same caller (identity, scopes, forwarded credentials) while every vendor answer in it is fresh (see “Caching, coalescing and speed”); `CACHE=off` turns it off too',
    }),
  ),
  RESPONSE_CACHE_MAX_BYTES: placed(
    'cache.responseMaxBytes',
    size({
      fallback: 32 * 1024 ** 2,
      doc: 'bound on the whole-response cache’s JSON bytes (least recently used go first)',
    }),
  ),
  CACHE_STALE_MS: placed(
    'cache.staleMs',
    int({
      min: 0,
      max: 86_400_000,
      fallback: 30_000,
      doc: 'how long past its TTL an answer may still be served while one background call refreshes it',
    }),
  ),
  CACHE_FAILURE_TTL_MS: placed(
    'cache.failureTtlMs',
    int({
      min: 0,
      max: 60_000,
      fallback: 3_000,
      doc: 'how long a failed vendor read (same vendor, URL and credential) is answered with the same error without calling the vendor again, so a broken vendor sees about one call per key per this time whatever the number of callers; never for a refused credential; applies with `CACHE=off` too (`0` = off)',
    }),
  ),
};

/** Shared state for several replicas. Unset: every tier stays in this process. */
const SHARED_OWN = {
  REDIS_URL: placed(
    'shared.redisUrl',
    serviceUrl(['redis:', 'rediss:'], {
      doc: '`redis://[user:password@]host:port[/db]`: vendor rate limits, the cache, vendor tokens and the once-only download locks are shared by every replica on it',
    }),
  ),
  REDIS_KEY_PREFIX: placed(
    'shared.redisKeyPrefix',
    matching(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1-64 letters, digits, ":", "_", "." or "-"', {
      fallback: 'vg:',
      doc: 'prefix of every Redis key (replicas of one deployment share it; tests isolate themselves with it)',
    }),
  ),
  REDIS_ENCRYPTION_KEY: placed(
    'shared.redisEncryptionKey',
    key32({
      default: 'derived from `SIGNING_SECRET`',
      doc: 'AES-256-GCM key for vendor tokens and cached answers kept in Redis (32 bytes, 64 hex digits or base64)',
    }),
  ),
  REDIS_CACHE_MAX_ENTRY_BYTES: placed(
    'shared.redisCacheMaxEntryBytes',
    size({
      fallback: 1024 ** 2,
      doc: 'largest vendor answer (serialised JSON) kept in the shared Redis cache tier; larger ones stay in the local tier only',
    }),
  ),
  DATABASE_URL: placed(
    'shared.databaseUrl',
    serviceUrl(['postgres:', 'postgresql:'], {
      doc: '`postgres://[user:password@]host:port/db`: once-only archives are kept in PostgreSQL (spooled to `VAULT_DIR` first, so a dropped connection loses nothing)',
    }),
  ),
  DATABASE_SCHEMA: placed(
    'shared.databaseSchema',
    matching(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier', {
      fallback: 'vendor_gateway',
      doc: 'PostgreSQL schema of the vault tables (created and migrated at start)',
    }),
  ),
  DATABASE_POOL_MAX: placed(
    'shared.databasePoolMax',
    int({
      min: 1,
      max: 1000,
      fallback: 10,
      doc: 'PostgreSQL connections of the pool; one gateway opens at most this many plus one (the once-only locks of a vault without Redis)',
    }),
  ),
  DATABASE_CONNECT_TIMEOUT: placed(
    'shared.databaseConnectTimeoutMs',
    duration({
      fallback: 5_000,
      doc: 'how long a PostgreSQL query waits for a pool connection (or a new connection to open) before it fails',
    }),
  ),
  DATABASE_LOCK_WAIT: placed(
    'shared.databaseLockWaitMs',
    duration({
      fallback: 60_000,
      doc: 'without Redis: how long a once-only take waits for another replica holding its PostgreSQL lock; past it, `VAULT_UNAVAILABLE` (`LOCK_UNAVAILABLE`) and the vendor is not asked',
    }),
  ),
  DATABASE_WRITE_RETRY: placed(
    'shared.databaseWriteRetryMs',
    duration({
      fallback: 30_000,
      doc: 'how long an archive spooled to `VAULT_DIR` is retried into PostgreSQL (fresh connections) before the take fails; the spooled copy is kept and committed on the next ask or sweep',
    }),
  ),
};

/** Each group with the settings the vendors show in it, after the gateway's own. */
const AUTH = { ...AUTH_OWN, ...(groupEntries(BUILT_IN_SPECS, 'auth') as GroupEntries<'auth'>) };
const CACHE_GROUP = { ...CACHE_OWN, ...(groupEntries(BUILT_IN_SPECS, 'cache') as GroupEntries<'cache'>) };
const SHARED = { ...SHARED_OWN, ...(groupEntries(BUILT_IN_SPECS, 'shared') as GroupEntries<'shared'>) };

const OBSERVABILITY = {
  LOG_FORMAT: oneOf(['auto', 'json', 'pretty'], {
    fallback: 'auto',
    doc: '`json`, `pretty` (pino-pretty, a dev dependency: JSON when absent), `auto` = pretty only when stderr is a terminal',
  }),
  METRICS: bool({ fallback: true, doc: 'serve Prometheus `/metrics`' }),
  METRICS_PORT: int({
    min: 0,
    max: 65535,
    doc: 'serve `/metrics` on its own listener on this port instead of the main one',
  }),
  METRICS_HOST: text({ default: '`HOST`', doc: 'address of the `METRICS_PORT` listener' }),
  METRICS_TOKEN: secret({
    minLength: 16,
    doc: 'scrapers must send `Authorization: Bearer <token>` (≥ 16 characters)',
  }),
  METRICS_PUBLIC: bool({
    default: 'off in production',
    doc: 'serve `/metrics` on the main port with no `METRICS_TOKEN`; when off, such a scrape gets 403',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: url({
    doc: 'export traces over OTLP/HTTP (JSON) to `<endpoint>/v1/traces`; unset = tracing off (the OpenTelemetry SDK is not even loaded)',
  }),
  OTEL_SERVICE_NAME: text({ fallback: 'vendor-gateway', doc: '`service.name` of the exported traces' }),
  RATE_LIMIT_RPS: int({
    min: 0,
    max: 1_000_000,
    fallback: 0,
    default: '`0` (off)',
    doc: 'requests per second per caller (API key, JWT subject; client address for anonymous callers and downloads); past it: HTTP 429, `Retry-After`, `RATE_LIMITED`',
  }),
  RATE_LIMIT_BURST: int({
    min: 1,
    max: 1_000_000,
    default: '2 × `RATE_LIMIT_RPS`',
    doc: 'requests a caller may make at once before `RATE_LIMIT_RPS` applies',
  }),
};

const VENDORS = Object.assign({}, ...VENDOR_SETTINGS.map((v) => v.entries)) as Intersect<
  VendorSpec['entries']
>;

/** The vendor HTTP layer: `UPSTREAM_<KEY>` for every vendor, `<VENDOR>_<KEY>` for one. */
export const UPSTREAM_KEYS = {
  CONNECT_TIMEOUT_MS: int({ min: 1, max: 120_000, fallback: 5_000, doc: 'TCP/TLS connect timeout' }),
  HEADERS_TIMEOUT_MS: int({ min: 1, max: 600_000, fallback: 15_000, doc: 'time to response headers' }),
  BODY_TIMEOUT_MS: int({ min: 1, max: 600_000, fallback: 30_000, doc: 'idle time between body chunks' }),
  MAX_JSON_BYTES: size({ fallback: 10 * 1024 ** 2, doc: 'cap on a JSON response body' }),
  RETRIES: int({ min: 0, max: 10, fallback: 2, doc: 'extra attempts for idempotent calls' }),
  MAX_CONCURRENCY: int({ min: 1, max: 1024, fallback: 32, doc: 'requests in flight to one vendor' }),
  MAX_QUEUE: int({ min: 0, max: 100_000, fallback: 1000, doc: 'waiting requests before RATE_LIMITED' }),
  MAX_STREAMS: int({
    min: 1,
    max: 1024,
    fallback: 16,
    doc: 'streamed downloads in flight to one vendor, on their own connections: a download never takes a socket or a concurrency slot of the JSON calls (more wait in the queue)',
  }),
  MAX_RPS: int({
    min: 0,
    max: 100_000,
    fallback: 0,
    default: '`0` = unlimited (or the vendor’s documented rate)',
    doc: 'request starts per second',
  }),
  CIRCUIT_THRESHOLD: int({
    min: 1,
    max: 1000,
    fallback: 5,
    doc: 'consecutive failures that open the circuit',
  }),
  CIRCUIT_COOLDOWN_MS: int({
    min: 1,
    max: 3_600_000,
    fallback: 30_000,
    doc: 'how long an open circuit fails fast',
  }),
  RETRY_BUDGET: ratio({ fallback: 0.5, doc: 'retries earned per first attempt' }),
};
export type UpstreamKey = keyof typeof UPSTREAM_KEYS;
export const VENDOR_PREFIXES: readonly VendorSpec['prefix'][] = VENDOR_SETTINGS.map((v) => v.prefix);

type Output<E> = E extends Entry<infer T> ? T : never;
type UpstreamDefaults = { [K in UpstreamKey as `UPSTREAM_${K}`]: (typeof UPSTREAM_KEYS)[K] };
type UpstreamOverrides = {
  [K in UpstreamKey as `${(typeof VENDOR_PREFIXES)[number]}_${K}`]: Entry<
    Output<(typeof UPSTREAM_KEYS)[K]> | undefined
  >;
};

/** The per-vendor form of an `UPSTREAM_*` entry: no default of its own, unset means "as UPSTREAM_*". */
function overrideEntry(prefix: string, key: string, e: Entry): Entry {
  const inner = e.schema as z.ZodDefault<z.ZodType<unknown, string | undefined>>;
  return { ...e, schema: inner.unwrap(), doc: `${e.doc} (${prefix} only)`, default: `UPSTREAM_${key}` };
}

/** `<PREFIX>_<KEY>` for every `UPSTREAM_<KEY>`: one vendor's HTTP overrides. */
function overridesOf(prefix: string): Record<string, Entry> {
  return Object.fromEntries(
    Object.entries(UPSTREAM_KEYS).map(([key, e]) => [`${prefix}_${key}`, overrideEntry(prefix, key, e)]),
  );
}

function upstreamEntries(): UpstreamDefaults & UpstreamOverrides {
  const out: Record<string, Entry> = {};
  for (const [key, e] of Object.entries(UPSTREAM_KEYS)) out[`UPSTREAM_${key}`] = e;
  for (const p of VENDOR_PREFIXES) Object.assign(out, overridesOf(p));
  return out as UpstreamDefaults & UpstreamOverrides;
}
const UPSTREAM = upstreamEntries();

/** The groups, in the order `--help` and docs/settings.md show them (the built-in vendors only). */
export const GROUPS = [
  { id: 'server', title: 'Server', entries: SERVER },
  { id: 'sandbox', title: 'Sandbox', entries: SANDBOX_GROUP },
  { id: 'downloads', title: 'Signed downloads and the vault', entries: DOWNLOADS },
  { id: 'auth', title: 'Callers: authentication and scopes', entries: AUTH },
  { id: 'limits', title: 'Operation limits', entries: LIMITS },
  { id: 'federation', title: 'Federation', entries: FEDERATION_GROUP },
  { id: 'cache', title: 'Vendor-response cache', entries: CACHE_GROUP },
  { id: 'shared', title: 'Shared state (several replicas)', entries: SHARED },
  { id: 'observability', title: 'Observability: logs, metrics, traces, rate limit', entries: OBSERVABILITY },
  { id: 'vendors', title: 'Vendors (a base URL or a credential makes a vendor LIVE)', entries: VENDORS },
  { id: 'upstream', title: 'Vendor HTTP layer', entries: UPSTREAM },
] as const;

export const SPEC = {
  ...SERVER,
  ...SANDBOX_GROUP,
  ...DOWNLOADS,
  ...AUTH,
  ...LIMITS,
  ...FEDERATION_GROUP,
  ...CACHE_GROUP,
  ...SHARED,
  ...OBSERVABILITY,
  ...VENDORS,
  ...UPSTREAM,
};
export type SettingName = keyof typeof SPEC;
/** The parsed value of every setting. */
export type Values = { [K in SettingName]: Output<(typeof SPEC)[K]> };
type Nest<P extends string, V> = P extends `${infer H}.${infer R}`
  ? { [K in H]: Nest<R, V> }
  : { [K in P]: V };
/** The Settings fields that `placed` entries declare. */
export type PlacedSettings = Intersect<
  {
    [K in SettingName]: (typeof SPEC)[K] extends { at: infer P extends string } ? Nest<P, Values[K]> : never;
  }[SettingName]
>;

/** A registered vendor's entries in one group (`vendors`: its own; `upstream`: its HTTP overrides). */
function registeredIn(group: string, spec: VendorSettingsSpec): Record<string, Entry> {
  if (group === 'vendors') return spec.entries;
  if (group === 'upstream') return overridesOf(spec.prefix);
  if (group === 'auth' || group === 'cache' || group === 'shared') return spec.groups?.[group] ?? {};
  return {};
}

/**
 * Adds the settings of a vendor registered at run time (`registerVendor`): its entries, the ones
 * it shows in the gateway's groups, its HTTP overrides and its scopes join every list below, so
 * `loadSettings`, `--help` and `--check` read them like a built-in vendor's.
 */
export function addVendorSettings(spec: VendorSettingsSpec): void {
  const taken = new Set(Object.keys(allSpec()));
  const clash = [...GROUPS.map((g) => g.id)]
    .flatMap((id) => Object.keys(registeredIn(id, spec)))
    .filter((name) => taken.has(name));
  if (vendorSpecs().some((v) => v.key === spec.key || v.prefix === spec.prefix) || clash.length > 0)
    throw new Error(
      `the settings of vendor ${spec.key} clash with declared ones (${clash.join(', ') || spec.prefix})`,
    );
  registered.push(spec);
}

/** The groups with the settings of the vendors registered at run time. */
export function allGroups(): readonly { id: string; title: string; entries: Record<string, Entry> }[] {
  return GROUPS.map((g) => ({
    id: g.id,
    title: g.title,
    entries: Object.assign({}, g.entries, ...registered.map((v) => registeredIn(g.id, v))) as Record<
      string,
      Entry
    >,
  }));
}

/** Every setting, the registered vendors' included. */
export function allSpec(): Record<string, Entry> {
  return Object.assign({}, ...allGroups().map((g) => g.entries)) as Record<string, Entry>;
}

/** Every vendor's `<PREFIX>` of HTTP overrides, the registered vendors' included. */
export function vendorPrefixes(): readonly string[] {
  return vendorSpecs().map((v) => v.prefix);
}

/** Per-vendor overrides are documented as one line, not one per vendor and setting. */
export function isVendorOverride(name: string): boolean {
  return (
    vendorPrefixes().some((p) => name.startsWith(`${p}_`)) &&
    name.slice(name.indexOf('_') + 1) in UPSTREAM_KEYS
  );
}
