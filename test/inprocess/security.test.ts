import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, SignJWT } from 'jose';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../../src/settings/load.js';
import { SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { codes, startGateway } from '../helpers.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const READER_KEY = 'vg_reader_5b8f0c2e9d4a41b7a6c3e1f0d2b9a877';
const ADMIN_KEY = 'vg_admin_e3c1d9b27a6f4e08b5c2a9d1f7e6b403';
const API_KEYS = [
  `reader:${sha(READER_KEY)}:torq:read,google:read`,
  `admin:${sha(ADMIN_KEY)}:torq:read,google:read,oracle:read,akana:export,akana:pki,roma:read,roma:export,secrets:read`,
].join(';');

const ORACLE_Q =
  '{ packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name actions { requestProperties { name value masked } } } }';
const MIXED_Q = `{ vendors { vendor } integrations(first: 1) { edges { node { name } } } ${ORACLE_Q.slice(1, -1)} }`;

describe('secure by default', () => {
  it('refuses to start anonymous with a LIVE vendor, unless ALLOW_ANONYMOUS=true', () => {
    expect(() => loadSettings({ TORQ_TOKEN: 't' })).toThrow(SettingsError);
    expect(() => loadSettings({ TORQ_TOKEN: 't' })).toThrow(/AUTH_MODE=none with LIVE vendors \(torq\)/);
    expect(loadSettings({ TORQ_TOKEN: 't', ALLOW_ANONYMOUS: 'true' }).auth.mode).toBe('none');
    expect(loadSettings({}).auth.mode).toBe('none'); // the sandbox alone may run anonymous
    expect(loadSettings({ TORQ_TOKEN: 't', AUTH_MODE: 'api-key', API_KEYS }).auth.apiKeys).toHaveLength(2);
  });

  it('takes API keys only as hashes', () => {
    expect(() => loadSettings({ AUTH_MODE: 'api-key', API_KEYS: `x:${READER_KEY}:torq:read` })).toThrow(
      /sha256/,
    );
    expect(() => loadSettings({ AUTH_MODE: 'api-key', API_KEYS: `x:${sha('k')}:torq:write` })).toThrow(
      /unknown scopes/,
    );
  });

  it('masks secrets and refuses PKI for anonymous callers by default', async () => {
    await using gw = await startGateway();
    const res = await gw.query<
      { packageVersion: { actions: { requestProperties: { value: string }[] }[] } },
      never
    >(ORACLE_Q);
    expect(JSON.stringify(res.data)).not.toContain('Welcome1');
    const pki = await gw.query(
      `{ appVersionExport(appVersionId: "${SEED_APP_VERSION}", options: { includeAppPki: true }) { fileName } }`,
    );
    expect(codes(pki)).toEqual(['FORBIDDEN']);
  });
});

describe('AUTH_MODE=api-key', () => {
  it('authenticates keys, enforces scopes per field, and unmasks with secrets:read (audited)', async () => {
    await using gw = await startGateway({ AUTH_MODE: 'api-key', API_KEYS });
    const none = await gw.query(MIXED_Q);
    expect(none.status).toBe(401);
    expect(codes(none)).toEqual(['UNAUTHENTICATED']);
    const unknown = await gw.query(MIXED_Q, undefined, { authorization: 'Bearer not-a-key' });
    expect(unknown.status).toBe(401);

    const oracle = gw.sandboxes.oracle?.server;
    oracle?.resetLog();
    const reader = await gw.query<Record<string, unknown>, never>(MIXED_Q, undefined, {
      authorization: `Bearer ${READER_KEY}`,
    });
    expect(reader.data?.integrations).not.toBeNull();
    expect(reader.data?.packageVersion).toBeNull();
    expect(reader.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([
      ['packageVersion', 'FORBIDDEN'],
    ]);
    expect(oracle?.calls()).toHaveLength(0); // refused before any vendor call

    const admin = await gw.query<
      {
        packageVersion: {
          actions: { requestProperties: { name: string; value: string; masked: boolean }[] }[];
        };
      },
      never
    >(ORACLE_Q, undefined, { 'x-api-key': ADMIN_KEY });
    const props = admin.data?.packageVersion.actions[0]?.requestProperties ?? [];
    expect(props.find((p) => p.name === 'KEY_PASSWORD')).toEqual({
      name: 'KEY_PASSWORD',
      value: 'Welcome1',
      masked: false,
    });
    expect(
      gw.logs.some((l) => l.includes('"audit":"oracle.unmask"') && l.includes('"caller":"key:admin"')),
    ).toBe(true);

    const pki = await gw.query(
      `{ appVersionExport(appVersionId: "${SEED_APP_VERSION}", options: { includeAppPki: true }) { entries { path } } }`,
      undefined,
      { 'x-api-key': ADMIN_KEY },
    );
    expect(pki.errors).toBeUndefined();
    expect(JSON.stringify(pki.data)).toContain('pki/app-key.pem');
    expect(gw.logs.some((l) => l.includes('"audit":"akana.pki_export"'))).toBe(true);
  });

  it('binds download links to their caller with DOWNLOADS_BIND_TO_CALLER=true', async () => {
    await using gw = await startGateway({ AUTH_MODE: 'api-key', API_KEYS, DOWNLOADS_BIND_TO_CALLER: 'true' });
    const res = await gw.query<{ appVersionExport: { download: { url: string } } }, never>(
      `{ appVersionExport(appVersionId: "${SEED_APP_VERSION}") { download { url } } }`,
      undefined,
      { 'x-api-key': ADMIN_KEY },
    );
    const url = res.data?.appVersionExport.download.url ?? '';
    const get = async (headers: Record<string, string>) => {
      const r = await request(url, { headers });
      await r.body.dump();
      return r.statusCode;
    };
    expect(await get({})).toBe(403);
    expect(await get({ 'x-api-key': READER_KEY })).toBe(403);
    expect(await get({ 'x-api-key': ADMIN_KEY })).toBe(200);
  });
});

describe('AUTH_MODE=jwt', () => {
  const secret = 'jwt-test-secret-0123456789-abcdefghijklmnop';
  const sign = (
    claims: Record<string, unknown>,
    opts: { exp?: string | number; aud?: string; iss?: string; key?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuer(opts.iss ?? 'https://idp.example')
      .setAudience(opts.aud ?? 'vendor-gateway')
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? '5m')
      .sign(new TextEncoder().encode(opts.key ?? secret));

  it('verifies signature, expiry (with clock skew), issuer and audience; scopes from the claim', async () => {
    await using gw = await startGateway({
      AUTH_MODE: 'jwt',
      JWT_SECRET: secret,
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'vendor-gateway',
      JWT_CLOCK_SKEW_SECONDS: '30',
    });
    const q = (token: string) => gw.query(MIXED_Q, undefined, { authorization: `Bearer ${token}` });
    const ok = await q(await sign({ scope: 'torq:read oracle:read' }));
    expect(ok.errors).toBeUndefined();
    const now = Math.floor(Date.now() / 1000);
    expect((await q(await sign({ scope: 'torq:read' }, { exp: now - 10 }))).status).toBe(200); // within skew
    for (const bad of [
      await sign({ scope: 'torq:read' }, { exp: now - 120 }),
      await sign({ scope: 'torq:read' }, { key: 'some-other-secret-0123456789-abcdefghijk' }),
      await sign({ scope: 'torq:read' }, { aud: 'someone-else' }),
      await sign({ scope: 'torq:read' }, { iss: 'https://evil.example' }),
      'not.a.jwt',
    ]) {
      const r = await q(bad);
      expect(r.status).toBe(401);
      expect(codes(r)).toEqual(['UNAUTHENTICATED']);
      expect(JSON.stringify(r)).not.toContain(bad);
    }
    const partial = await q(await sign({ scope: 'torq:read' }));
    expect(codes(partial)).toEqual(['FORBIDDEN']);
  });

  it('verifies RS256 tokens against a JWKS URL', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const jwks = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', r));
    try {
      await using gw = await startGateway({
        AUTH_MODE: 'jwt',
        JWT_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
        JWT_AUDIENCE: 'vendor-gateway',
        JWT_SCOPES_CLAIM: 'permissions',
      });
      const token = await new SignJWT({ permissions: ['torq:read', 'oracle:read'] })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('svc')
        .setAudience('vendor-gateway')
        .setExpirationTime('5m')
        .sign(privateKey);
      const res = await gw.query(MIXED_Q, undefined, { authorization: `Bearer ${token}` });
      expect(res.errors).toBeUndefined();
    } finally {
      jwks.closeAllConnections();
      await new Promise((r) => jwks.close(r));
    }
  });
});

describe('hardening', () => {
  it('trips depth, alias, token and cost limits before any vendor call', async () => {
    await using gw = await startGateway({
      LIMIT_DEPTH: '4',
      LIMIT_ALIASES: '5',
      LIMIT_TOKENS: '400',
      LIMIT_COST: '200',
    });
    const calls = () => Object.values(gw.sandboxes).reduce((n, s) => n + (s?.server.calls().length ?? 0), 0);
    const packages = Array.from(
      { length: 5 },
      (_, i) => `p${i}: packageVersion(listingVersionId: "1", packageVersionId: "${i + 2}") { name }`,
    ).join(' ');
    const tooMuch = {
      depth: '{ integrations { edges { node { sharing { direction } } } } }',
      aliases: `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: integrations { edges { cursor } }`).join(' ')} }`,
      tokens: `{ integrations { edges { ${'cursor '.repeat(500)} } } }`,
      cost: `{ ${packages} }`,
    };
    for (const [limit, q] of Object.entries(tooMuch)) {
      const res = await gw.query(q);
      expect(res.status, limit).toBeLessThan(500);
      expect(new Set(codes(res)), limit).toEqual(new Set(['QUERY_TOO_COMPLEX']));
      // Nothing resolved: either no data at all, or every root field null.
      expect(
        Object.values(res.data ?? {}).every((v) => v === null),
        limit,
      ).toBe(true);
    }
    expect(calls()).toBe(0);
    const fine = await gw.query('{ integrations(first: 2) { edges { node { name } } } }');
    expect(fine.errors).toBeUndefined();
    expect(calls()).toBe(1);
  });

  it('serves only persisted operations in allow-list mode', async () => {
    const doc = '{ vendors { vendor mode } }';
    const hash = sha(doc);
    const dir = mkdtempSync(join(tmpdir(), 'vg-po-'));
    writeFileSync(join(dir, 'ops.json'), JSON.stringify({ [hash]: doc }));
    await using gw = await startGateway({ PERSISTED_OPERATIONS: join(dir, 'ops.json') });
    const ok = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    expect(((await ok.json()) as { data: { vendors: unknown[] } }).data.vendors).toHaveLength(5);
    const arbitrary = await gw.query('{ vendors { vendor } }');
    expect(arbitrary.data).toBeUndefined();
    expect(arbitrary.errors?.[0]?.message).toMatch(/persisted/i);
  });

  it('prevents CSRF and allows only configured CORS origins', async () => {
    await using gw = await startGateway({ CORS_ORIGINS: 'https://app.example.com' });
    const simple = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ vendors { vendor } }')}`);
    expect(simple.status).toBe(403);
    await simple.arrayBuffer();
    const withHeader = await fetch(
      `${gw.url}/graphql?query=${encodeURIComponent('{ vendors { vendor } }')}`,
      {
        headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
      },
    );
    expect(withHeader.status).toBe(200);
    await withHeader.arrayBuffer();
    const preflight = async (origin: string) => {
      const r = await fetch(`${gw.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      await r.arrayBuffer();
      return r.headers.get('access-control-allow-origin');
    };
    expect(await preflight('https://app.example.com')).toBe('https://app.example.com');
    expect(await preflight('https://evil.example')).not.toBe('https://evil.example');
  });

  it('turns GraphiQL and introspection off in production', async () => {
    await using gw = await startGateway({ NODE_ENV: 'production' });
    const page = await fetch(`${gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<title>vendor-gateway</title>');
    const intro = await gw.query('{ __schema { types { name } } }');
    expect(intro.errors?.length).toBeGreaterThan(0);
  });

  it('refuses /metrics on the main port in production without a token, unless METRICS_PUBLIC=true', async () => {
    const token = 'metrics-token-0123456789abcdef';
    {
      await using gw = await startGateway({ NODE_ENV: 'production' });
      const res = await fetch(`${gw.url}/metrics`);
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(text).toContain('METRICS_TOKEN');
      expect(text).not.toContain('gateway_');
    }
    {
      await using gw = await startGateway({ NODE_ENV: 'production', METRICS_TOKEN: token });
      expect((await fetch(`${gw.url}/metrics`)).status).toBe(401);
      const ok = await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
    }
    {
      // Its own listener (a private interface) needs no token: the operator chose who reaches it.
      await using gw = await startGateway({ NODE_ENV: 'production', METRICS_PORT: '0' });
      expect((await fetch(gw.app.server.metricsUrl ?? '')).status).toBe(200);
    }
    {
      await using gw = await startGateway({ NODE_ENV: 'production', METRICS_PUBLIC: 'true' });
      expect((await fetch(`${gw.url}/metrics`)).status).toBe(200);
    }
    // Outside production the main port serves it as before.
    await using dev = await startGateway();
    expect((await fetch(`${dev.url}/metrics`)).status).toBe(200);
  });
});
