import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError, unknownSettings, vendorIsLive } from '../../src/settings/load.js';
import { assemble } from '../../src/settings/assemble.js';
import { settingsHelp } from '../../src/settings/help.js';
import { SPEC, type Values } from '../../src/settings/spec.js';

function problems(env: Record<string, string>): string {
  try {
    loadSettings(env);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    return (err as Error).message;
  }
  throw new Error('expected a SettingsError');
}

describe('settings', () => {
  it('has working defaults with an empty environment', () => {
    const s = loadSettings({});
    expect(s.port).toBe(4000);
    expect(s.sandbox).toBe('auto');
    expect(s.publicUrl).toBe('http://localhost:4000');
    expect(s.signingSecretGenerated).toBe(true);
    expect(s.downloadDefaultExpiresIn).toBe(300);
    expect(s.vault.retentionMs).toBe(7 * 86_400_000);
    for (const v of ['torq', 'google', 'oracle', 'akana', 'roma'] as const)
      expect(vendorIsLive(v, s)).toBe(false);
  });

  it('names the variable of a bad value, and reports every problem at once', () => {
    const msg = problems({
      PORT: 'abc',
      SANDBOX: 'maybe',
      REQUEST_TIMEOUT_MS: '-5',
      TORQ_BASE_URL: 'ftp://x',
    });
    expect(msg).toContain('PORT must be a whole number');
    expect(msg).toContain('SANDBOX must be one of auto, on, off (got "maybe")');
    expect(msg).toContain('REQUEST_TIMEOUT_MS');
    expect(msg).toContain('TORQ_BASE_URL');
  });

  it('never echoes a secret value, even a bad one', () => {
    const secrets = {
      SIGNING_SECRET: 'too-short-secret',
      TORQ_CLIENT_SECRET: 'torq-client-secret-value',
      VAULT_ENCRYPTION_KEY: 'not-a-32-byte-key-value',
      AKANA_PASSWORD: 'akana-password-value',
    };
    const msg = problems(secrets);
    expect(msg).toContain('SIGNING_SECRET must be at least 32 characters');
    expect(msg).toContain('TORQ_CLIENT_ID and TORQ_CLIENT_SECRET must be set together');
    expect(msg).toContain('VAULT_ENCRYPTION_KEY must be 32 bytes');
    for (const value of Object.values(secrets)) expect(msg).not.toContain(value);
  });

  it('keeps secrets out of JSON, inspect and string conversion', () => {
    const s = loadSettings({
      TORQ_TOKEN: 'torq-token-value',
      SIGNING_SECRET: 'x'.repeat(40),
      ALLOW_ANONYMOUS: 'true',
    });
    expect(s.torq.token?.reveal()).toBe('torq-token-value');
    expect(JSON.stringify(s)).not.toContain('torq-token-value');
    expect(inspect(s, { depth: 10 })).not.toContain('torq-token-value');
    expect(String(s.torq.token)).toBe('[redacted]');
    expect(JSON.stringify(s)).not.toContain('x'.repeat(40));
  });

  it('refuses credentials inside a base URL', () => {
    const msg = problems({ TORQ_BASE_URL: 'https://user:hunter2@api.torq.io' });
    expect(msg).toContain('TORQ_BASE_URL must not carry credentials');
    expect(msg).not.toContain('hunter2');
  });

  it('makes a vendor LIVE when its base URL or a credential is set', () => {
    expect(vendorIsLive('torq', loadSettings({ TORQ_TOKEN: 't', ALLOW_ANONYMOUS: 'true' }))).toBe(true);
    expect(
      vendorIsLive(
        'torq',
        loadSettings({ TORQ_BASE_URL: 'https://api.eu.torq.io/public', ALLOW_ANONYMOUS: 'true' }),
      ),
    ).toBe(true);
    expect(vendorIsLive('roma', loadSettings({ ROMA_PROJECT_ID: 'p' }))).toBe(false);
  });

  it('parses sizes and durations with units', () => {
    const s = loadSettings({
      VAULT_RETENTION: '2d',
      VAULT_MAX_BYTES: '512mb',
      UPSTREAM_MAX_JSON_BYTES: '1kb',
    });
    expect(s.vault.retentionMs).toBe(2 * 86_400_000);
    expect(s.vault.maxBytes).toBe(512 * 1024 ** 2);
    expect(s.upstream.maxJsonBytes).toBe(1024);
    expect(problems({ VAULT_RETENTION: '3 weeks' })).toContain('VAULT_RETENTION');
  });

  describe('NODE_ENV=production', () => {
    const secret = { SIGNING_SECRET: 's'.repeat(40) };

    it('turns the sandbox off unless SANDBOX=on is given', () => {
      expect(loadSettings({ NODE_ENV: 'production', ...secret }).sandbox).toBe('off');
      expect(loadSettings({ NODE_ENV: 'production', SANDBOX: 'auto', ...secret }).sandbox).toBe('off');
      expect(loadSettings({ NODE_ENV: 'production', SANDBOX: 'on', ...secret }).sandbox).toBe('auto');
      expect(loadSettings({ SANDBOX: 'on' }).sandbox).toBe('auto');
      expect(loadSettings({ SANDBOX: 'off' }).sandbox).toBe('off');
      expect(loadSettings({}).sandbox).toBe('auto');
    });

    it('requires SIGNING_SECRET', () => {
      expect(problems({ NODE_ENV: 'production' })).toContain(
        'SIGNING_SECRET must be set when NODE_ENV=production',
      );
      expect(loadSettings({ NODE_ENV: 'production', ...secret }).signingSecretGenerated).toBe(false);
      // A bad one is reported once, as bad, not also as missing.
      const bad = problems({ NODE_ENV: 'production', SIGNING_SECRET: 'short' });
      expect(bad).toContain('SIGNING_SECRET must be at least 32 characters long');
      expect(bad).not.toContain('must be set when');
      expect(loadSettings({}).signingSecretGenerated).toBe(true);
    });

    it('turns GraphiQL and introspection off unless asked for', () => {
      const s = loadSettings({ NODE_ENV: 'production', ...secret });
      expect([s.graphiql, s.introspection]).toEqual([false, false]);
      const on = loadSettings({ NODE_ENV: 'production', GRAPHIQL: 'true', INTROSPECTION: 'yes', ...secret });
      expect([on.graphiql, on.introspection]).toEqual([true, true]);
    });
  });

  it('reads every declared setting (a new entry in the spec must reach Settings)', () => {
    const values = Object.fromEntries(
      Object.entries(SPEC).map(([name, e]) => [name, e.schema.parse(undefined)]),
    ) as Values;
    const read = new Set<string>();
    const spy = new Proxy(values, {
      get(target, key, receiver) {
        if (typeof key === 'string') read.add(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    assemble(spy);
    expect(Object.keys(SPEC).filter((k) => !read.has(k))).toEqual([]);
  });

  it('places `placed` entries at their path (limits are declared that way)', () => {
    expect(loadSettings({}).limits).toEqual({
      depth: 12,
      aliases: 50,
      directives: 20,
      tokens: 5000,
      cost: 2000,
      requestBytes: 100 * 1024,
      nodesMaxIds: 100,
      vendorBytes: 128 * 1024 ** 2,
      archiveEntries: 1000,
      receiveTimeoutMs: 30_000,
    });
    expect(loadSettings({ LIMIT_DEPTH: '5', LIMIT_REQUEST_BYTES: '1mb' }).limits).toMatchObject({
      depth: 5,
      requestBytes: 1024 ** 2,
    });
    expect(problems({ LIMIT_DEPTH: '0' })).toContain(
      'LIMIT_DEPTH must be a whole number from 1 to 100 (got "0")',
    );
  });

  it('reads the settings other branches added, ported into the spec (vault, cache, federation, limits, observability)', () => {
    const d = loadSettings({});
    expect(d.vault).toMatchObject({
      maxBytes: 2 * 1024 ** 3,
      minFreeBytes: 2 * 1024 ** 3,
      shutdownGraceMs: 15_000,
    });
    expect(loadSettings({ VAULT_MAX_BYTES: '10mb' }).vault.minFreeBytes).toBe(10 * 1024 ** 2);
    expect(loadSettings({ VAULT_MIN_FREE_BYTES: '1kb' }).vault.minFreeBytes).toBe(1024);
    expect(d.cache).toEqual({
      enabled: true,
      maxBytes: 64 * 1024 ** 2,
      response: true,
      responseMaxBytes: 32 * 1024 ** 2,
      staleMs: 30_000,
      failureTtlMs: 3_000,
      ttlMs: { torq: 5_000, google: 600_000, oracle: 300_000 },
    });
    expect(loadSettings({ RESPONSE_CACHE: 'off', RESPONSE_CACHE_MAX_BYTES: '1mb' }).cache).toMatchObject({
      response: false,
      responseMaxBytes: 1024 ** 2,
    });
    expect(loadSettings({ CACHE: 'off', TORQ_CACHE_TTL_MS: '0' }).cache).toMatchObject({
      enabled: false,
      ttlMs: { torq: 0 },
    });
    expect(d.federation).toEqual({ enabled: true, maxRepresentations: 100 });
    expect(d.auth.jwtAllowAnyAudience).toBe(false);
    expect(d.auth.anonymousScopes).not.toContain('admin');
    expect(d.auth.anonymousScopes).not.toContain('secrets:read');
    expect(d.observability).toEqual({
      logFormat: 'auto',
      metrics: true,
      metricsPort: undefined,
      metricsHost: '0.0.0.0',
      metricsToken: undefined,
      metricsPublic: true,
      otlpEndpoint: undefined,
      serviceName: 'vendor-gateway',
      rateLimit: undefined,
    });
    expect(loadSettings({ RATE_LIMIT_RPS: '5' }).observability.rateLimit).toEqual({
      ratePerSecond: 5,
      burst: 10,
    });
    expect(loadSettings({ HOST: '127.0.0.1', METRICS_PORT: '9100' }).observability).toMatchObject({
      metricsPort: 9100,
      metricsHost: '127.0.0.1',
    });
    const msg = problems({
      METRICS_TOKEN: 'short-token',
      LOG_FORMAT: 'xml',
      FEDERATION: 'yes',
      NODES_MAX_IDS: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector',
      ORACLE_ACCESS_TOKEN: 'oracle-token-value',
      ALLOW_ANONYMOUS: 'true',
    });
    expect(msg).toContain('METRICS_TOKEN must be at least 16 characters long');
    expect(msg).not.toContain('short-token');
    expect(msg).toContain('LOG_FORMAT must be one of auto, json, pretty');
    expect(msg).toContain('FEDERATION must be one of on, off');
    expect(msg).toContain('NODES_MAX_IDS must be a whole number');
    expect(msg).toContain('OTEL_EXPORTER_OTLP_ENDPOINT');
    expect(msg).toContain('ORACLE_USER_ID must be set');
    // --help documents them too (docs/settings.md is the same text).
    for (const name of [
      'VAULT_MIN_FREE_BYTES',
      'CACHE_STALE_MS',
      'FEDERATION',
      'NODES_MAX_IDS',
      'RATE_LIMIT_BURST',
      'JWT_ALLOW_ANY_AUDIENCE',
    ])
      expect(settingsHelp()).toContain(name);
  });

  it('applies per-vendor overrides of the HTTP layer on top of UPSTREAM_*', () => {
    const s = loadSettings({
      UPSTREAM_RETRIES: '4',
      ROMA_RETRIES: '0',
      TORQ_MAX_RPS: '0',
      UPSTREAM_MAX_RPS: '7',
    });
    expect(s.upstream.retries).toBe(4);
    expect(s.upstreamFor.google.retries).toBe(4);
    expect(s.upstreamFor.roma.retries).toBe(0);
    expect(s.upstreamFor.google.ratePerSecond).toBe(7);
    expect(s.upstreamFor.torq.ratePerSecond).toBeUndefined();
    expect(loadSettings({}).upstreamFor.torq.ratePerSecond).toBe(50);
    expect(problems({ AKANA_RETRIES: '99' })).toContain('AKANA_RETRIES must be a whole number from 0 to 10');
  });

  it('parses API keys and scopes, naming bad entries without echoing them', () => {
    const hash = 'a'.repeat(64);
    const s = loadSettings({
      AUTH_MODE: 'api-key',
      API_KEYS: `ci:${hash}:torq:read,roma:export; b:${'B'.repeat(64)}:`,
    });
    expect(s.auth.apiKeys).toEqual([
      { name: 'ci', sha256: hash, scopes: ['torq:read', 'roma:export'] },
      { name: 'b', sha256: 'b'.repeat(64), scopes: [] },
    ]);
    const msg = problems({ API_KEYS: 'plainkey-value', ANONYMOUS_SCOPES: 'torq:read,torq:write' });
    expect(msg).toContain('API_KEYS entries must be name:sha256hex:scope,scope');
    expect(msg).not.toContain('plainkey-value');
    expect(msg).toContain('ANONYMOUS_SCOPES has unknown scopes: torq:write');
  });

  it('points out unknown variables that look like settings, with the closest name', () => {
    expect(
      unknownSettings({
        SIGNING_SECRT: 'x',
        TORQ_TOKN: 'x',
        TORQ_SOMETHING_NEW: 'x',
        TORQ_TOKEN: 'x',
        GOOGLE_CLOUD_PROJECT: 'p', // google-auth-library's own
        NODE_OPTIONS: '',
        PATH: '/bin',
      }),
    ).toEqual([
      'SIGNING_SECRT (did you mean SIGNING_SECRET?)',
      'TORQ_SOMETHING_NEW',
      'TORQ_TOKN (did you mean TORQ_TOKEN?)',
    ]);
  });

  describe('variables that look like a misspelt setting', () => {
    const secret = { SIGNING_SECRET: 's'.repeat(40) };
    const typos = {
      CORS_ORIGIN: 'CORS_ORIGINS',
      REDIS_ULR: 'REDIS_URL',
      DATABSE_URL: 'DATABASE_URL',
      OTEL_EXPORTER_OTLP_ENDPIONT: 'OTEL_EXPORTER_OTLP_ENDPOINT',
      PUBLIC_URI: 'PUBLIC_URL',
      LOG_LEVL: 'LOG_LEVEL',
      ALLOW_ANONYMOUSE: 'ALLOW_ANONYMOUS',
    };

    it('are a warning in development, naming the variable most likely meant', () => {
      for (const [typo, meant] of Object.entries(typos)) {
        const s = loadSettings({ [typo]: 'x' });
        expect(s.warnings, typo).toEqual([
          `${typo} is not a setting of this gateway: did you mean ${meant}? (a variable of another program: add it to SETTINGS_IGNORE)`,
        ]);
      }
      expect(loadSettings({ REDIS_HOST: 'cache' }).warnings[0]).toMatch(/^REDIS_HOST is not a setting/);
    });

    it('refuse the start in production', () => {
      for (const [typo, meant] of Object.entries(typos))
        expect(problems({ NODE_ENV: 'production', ...secret, [typo]: 'x' })).toContain(
          `${typo} is not a setting of this gateway: did you mean ${meant}?`,
        );
    });

    it('leave alone the variables of other programs, and those listed in SETTINGS_IGNORE', () => {
      const everyday = {
        HOME: '/root',
        PATH: '/bin',
        HOSTNAME: 'pod-1',
        NODE_OPTIONS: '',
        OTEL_RESOURCE_ATTRIBUTES: 'team=a', // the OpenTelemetry SDK's own
        GOOGLE_CLOUD_PROJECT: 'p', // google-auth-library's own
        KUBERNETES_SERVICE_PORT: '443',
        npm_package_version: '0.1.0',
      };
      expect(loadSettings({ NODE_ENV: 'production', ...secret, ...everyday }).warnings).not.toContainEqual(
        expect.stringContaining('is not a setting'),
      );
      const s = loadSettings({
        NODE_ENV: 'production',
        ...secret,
        REDIS_HOST: 'x',
        CACHE_DIR: '/tmp',
        CACHE_TTL: '1',
        SETTINGS_IGNORE: 'REDIS_HOST, CACHE_*',
      });
      expect(s.settingsIgnore).toEqual(['REDIS_HOST', 'CACHE_*']);
      expect(problems({ SETTINGS_IGNORE: 'not a-name' })).toContain(
        'SETTINGS_IGNORE entries must be variable names or prefixes ending in *',
      );
    });
  });

  it('says so when a base URL makes a vendor LIVE without a credential, and refuses it in production', () => {
    const s = loadSettings({ TORQ_BASE_URL: 'https://api.torq.io/public', ALLOW_ANONYMOUS: 'true' });
    expect(s.warnings).toEqual([
      'TORQ_BASE_URL is set but no credential (TORQ_TOKEN, TORQ_CLIENT_ID, TORQ_CLIENT_SECRET): TORQ would be LIVE and call its API unauthenticated',
    ]);
    const prod = { NODE_ENV: 'production', SIGNING_SECRET: 's'.repeat(40), ALLOW_ANONYMOUS: 'true' };
    expect(problems({ ...prod, TORQ_BASE_URL: 'https://api.torq.io/public' })).toContain(
      'TORQ_BASE_URL is set but no credential',
    );
    // With a credential, or for Google (application default credentials), nothing to say.
    expect(loadSettings({ ...prod, TORQ_BASE_URL: 'https://t.example', TORQ_TOKEN: 't' }).warnings).toEqual(
      [],
    );
    expect(
      loadSettings({ ...prod, GOOGLE_INTEGRATIONS_BASE_URL: 'https://integrations.googleapis.com' }).warnings,
    ).toEqual([]);
  });

  it('reports an invalid API_KEYS once, not also as missing', () => {
    const msg = problems({ AUTH_MODE: 'api-key', API_KEYS: 'frontend:not-a-hash:torq:read' });
    expect(msg).toContain('API_KEYS entries must be name:sha256hex:scope,scope');
    expect(msg).not.toContain('needs API_KEYS');
    expect(problems({ AUTH_MODE: 'api-key' })).toContain('AUTH_MODE=api-key needs API_KEYS');
  });

  it('warns when production starts with no vendor configured', () => {
    const prod = { NODE_ENV: 'production', SIGNING_SECRET: 's'.repeat(40) };
    expect(loadSettings(prod).warnings).toEqual([
      expect.stringContaining('NODE_ENV=production and no vendor is configured'),
    ]);
    expect(loadSettings({ ...prod, SANDBOX: 'on' }).warnings).toEqual([]);
    expect(loadSettings({}).warnings).toEqual([]);
  });

  it('prints every documented setting in --help', () => {
    const help = settingsHelp();
    for (const name of ['SIGNING_SECRET', 'SANDBOX', 'UPSTREAM_RETRIES', 'VAULT_DIR', 'AUTH_MODE'])
      expect(help).toContain(`\n  ${name}`);
    expect(help).toContain('[default: 4000]');
    expect(help).toContain('TORQ_*');
  });
});
