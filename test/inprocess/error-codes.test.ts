/**
 * Every error a caller can get carries a code from docs/api.md's table: the fault matrix of every
 * vendor, and every caller-side error path we can reach (auth, scopes, bad input, limits, CSRF,
 * transport-level refusals, persisted operations, not configured, once-only archives). Also the
 * low-severity hardening: no "Did you mean" hints with introspection off, one warn line per CSRF
 * refusal, and AUTH_MODE=jwt without audience/issuer warned about (refused in production).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERED_CODES } from '../../src/foundations/errors.js';
import type { Fault, SandboxServer } from '../../src/sandbox/harness.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { loadSettings, SettingsError } from '../../src/settings/load.js';
import { SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import type { RomaSandbox } from '../../src/vendors/roma/sandbox.js';
import { type GraphQLResponse, startGateway, type TestGateway } from '../helpers.js';
import { probeFor, vendorProbes } from '../probes.js';

/** docs/api.md's table, plus GraphQL's own codes it names (test/unit/error-codes.test.ts holds the two equal). */
const DOCUMENTED = new Set<string>(ANSWERED_CODES);

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function post(gw: TestGateway, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: res.status,
    ...((await res.json()) as Omit<GraphQLResponse<unknown>, 'status' | 'headers'>),
  };
}

function expectDocumented(
  label: string,
  res: { errors?: GraphQLResponse<unknown>['errors'] },
  mustFail = true,
): void {
  if (mustFail) expect(res.errors?.length ?? 0, `${label}: an error`).toBeGreaterThan(0);
  for (const e of res.errors ?? []) {
    expect(DOCUMENTED.has(String(e.extensions?.code)), `${label}: ${JSON.stringify(e)}`).toBe(true);
  }
}

const PROBES = await vendorProbes('job-codes');

const FAULTS: [string, Fault][] = [
  ...[400, 401, 403, 404, 408, 409, 418, 429, 500, 502, 503, 504].map((s): [string, Fault] => [
    `status ${s}`,
    { status: s },
  ]),
  ['reset before headers', { resetBeforeHeaders: true }],
  ['reset mid-body', { resetAfterBytes: 10 }],
  ['malformed JSON', { malformedJson: true }],
  ['wrong content type', { contentType: 'text/html' }],
  ['oversized body', { oversizedBytes: 2 * 1024 * 1024 }],
  ['hang', { hang: true }],
  ['echoed credentials', { echoCredentials: true }],
];

describe('every error a caller can get has a documented code', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({
      UPSTREAM_RETRIES: '0',
      UPSTREAM_HEADERS_TIMEOUT_MS: '300',
      UPSTREAM_MAX_JSON_BYTES: '1mb',
      // Torq's list is read as a stream under a cap of its own.
      TORQ_MAX_LIST_BYTES: '1mb',
    });
    for (const [vendor, probe] of Object.entries(PROBES))
      probe.prepare?.(gw.sandboxes[vendor]?.server as SandboxServer);
  });
  afterAll(() => gw.close());

  it('walks the fault matrix of every vendor', async () => {
    for (const [vendor, probe] of Object.entries(PROBES)) {
      const sandbox = gw.sandboxes[vendor as keyof typeof gw.sandboxes]?.server as SandboxServer;
      for (const [name, fault] of FAULTS) {
        sandbox.setFault(probe.route, fault);
        try {
          // A lookup answers a vendor 404 with null and no error (docs/api.md), and the zip vendor
          // ignores the content type; everything else must fail.
          const mayPass = name === 'status 404' || (vendor === 'akana' && name === 'wrong content type');
          expectDocumented(`${vendor} ${name}`, await gw.query(probe.query), !mayPass);
        } finally {
          sandbox.clearFaults();
        }
      }
    }
  });

  it('walks the caller-side error paths', async () => {
    const id = (t: string, k: string) => encodeGlobalId(t, k);
    const graphql: [string, string, Record<string, unknown>?][] = [
      ['syntax', '{ vendors { vendor '],
      ['unknown field', '{ vendor { vendor } }'],
      ['bad UUID literal', '{ integration(id: "nope") { name } }'],
      ['bad UUID variable', 'query($id: UUID!) { integration(id: $id) { name } }', { id: 'nope' }],
      [
        'bad enum variable',
        'query($v: [IntegrationFileType!]) { vendors { vendor } x: integrationVersion(name: "a") { files(types: $v) { type } } }',
        { v: ['NOPE'] },
      ],
      ['missing variable', 'query($id: UUID!) { integration(id: $id) { name } }'],
      ['bad resource name', '{ integrationVersion(name: "projects/x") { state } }'],
      ['bad numeric id', '{ packageVersion(listingVersionId: "x", packageVersionId: "1") { name } }'],
      ['bad app version', '{ appVersionExport(appVersionId: "../x") { fileName } }'],
      [
        'PKI refused',
        `{ appVersionExport(appVersionId: "${SEED_APP_VERSION}", options: { includeApiPki: true }) { fileName } }`,
      ],
      ['bad archive id', '{ assetArchive(archiveId: "../../x") { size } }'],
      ['bad job id', '{ assetJob(jobId: "a/b") { status } }'],
      ['bad page size', '{ integrations(first: 1000) { edges { cursor } } }'],
      ['bad cursor', '{ integrations(after: "zzz") { edges { cursor } } }'],
      [
        'bad expiresIn',
        `{ integrationVersion(name: "${googleFixtures()[0]?.name}") { download(expiresIn: -5) { url } } }`,
      ],
      ['garbage node id', '{ node(id: "%%%") { id } }'],
      ['unknown node type', `{ node(id: "${id('Nope', 'x')}") { id } }`],
      ['non-node type', `{ nodes(ids: ["${id('VendorStatus', 'TORQ')}"]) { id } }`],
      [
        'too many nodes',
        `{ nodes(ids: ${JSON.stringify(Array.from({ length: 101 }, (_, i) => id('PackageVersion', `1/${i + 1}`)))}) { id } }`,
      ],
      ['too many tokens', `{ ${'vendors { vendor } '.repeat(1300)} }`],
      [
        'too many aliases',
        `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: vendors { vendor }`).join(' ')} }`,
      ],
      [
        'too costly',
        `{ ${Array.from({ length: 45 }, (_, i) => `a${i}: packageVersion(listingVersionId: "1", packageVersionId: "${i + 1}") { name }`).join(' ')} }`,
      ],
      ['empty export', 'mutation { exportAssets(input: {}) { jobId } }'],
      ['admin field', '{ vendors { baseUrl } }'],
      ['unknown operation name', 'query A { vendors { vendor } }'],
    ];
    for (const [label, query, variables] of graphql) {
      const body = JSON.stringify(
        label === 'unknown operation name' ? { query, operationName: 'B' } : { query, variables },
      );
      expectDocumented(label, await post(gw, body));
    }
    // Transport-level refusals.
    expectDocumented('invalid JSON', await post(gw, 'not json'));
    expectDocumented('no query', await post(gw, '{}'));
    expectDocumented(
      'body too large',
      await post(gw, JSON.stringify({ query: `{ vendors { vendor } } #${'x'.repeat(200_000)}` })),
    );
    expectDocumented(
      'CSRF',
      await post(gw, JSON.stringify({ query: '{ vendors { vendor } }' }), { 'content-type': 'text/plain' }),
    );
    const put = await fetch(`${gw.url}/graphql`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expectDocumented('PUT', (await put.json()) as { errors?: GraphQLResponse<unknown>['errors'] });
  });

  it('covers auth, configuration, persisted operations and once-only archives', async () => {
    const key = 'vg_codes_4a1f9e0c2b7d';
    await using keyed = await startGateway(
      { AUTH_MODE: 'api-key', API_KEYS: `k:${sha(key)}:torq:read` },
      { sandboxes: gw.sandboxes },
    );
    expectDocumented('no key', await keyed.query('{ vendors { vendor } }'));
    expectDocumented(
      'bad key',
      await keyed.query('{ vendors { vendor } }', undefined, { authorization: 'Bearer nope' }),
    );
    expectDocumented(
      'scope',
      await keyed.query(probeFor(PROBES, 'oracle').query, undefined, { 'x-api-key': key }),
    );

    await using off = await startGateway({ SANDBOX: 'off' });
    for (const probe of Object.values(PROBES))
      expectDocumented('not configured', await off.query(probe.query));

    const doc = '{ vendors { vendor } }';
    const dir = mkdtempSync(join(tmpdir(), 'vg-codes-'));
    writeFileSync(join(dir, 'ops.json'), JSON.stringify({ [sha(doc)]: doc }));
    await using persisted = await startGateway(
      { PERSISTED_OPERATIONS: join(dir, 'ops.json') },
      { sandboxes: gw.sandboxes },
    );
    expectDocumented('arbitrary operation', await persisted.query(doc));
    expectDocumented(
      'unknown hash',
      await post(
        persisted,
        JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha('x') } } }),
      ),
    );

    // An archive ROMA gave out before (to another gateway's vault) is ARCHIVE_ALREADY_CONSUMED here.
    const roma = gw.sandboxes.roma?.server as RomaSandbox;
    const archiveId = roma.addArchive(Buffer.from('{"apps":"a","tasks":[]}'), 'application/json');
    await using other = await startGateway({}, { sandboxes: gw.sandboxes });
    expect(
      (await other.query(`{ assetArchive(archiveId: "${archiveId}") { size } }`)).errors,
    ).toBeUndefined();
    expectDocumented('consumed', await gw.query(`{ assetArchive(archiveId: "${archiveId}") { size } }`));
  });
});

describe('no schema hints with introspection off', () => {
  it('strips "Did you mean" from validation and variable errors, keeps them in development', async () => {
    const queries: [string, Record<string, unknown>?][] = [
      ['{ vendor { vendor } }'],
      ['{ vendors { vendr } }'],
      ['{ integrationVersion(name: "a") { files(types: [INTEGRATON]) { type } } }'],
      [
        'query($v: [IntegrationFileType!]) { integrationVersion(name: "a") { files(types: $v) { type } } }',
        { v: ['INTEGRATON'] },
      ],
      ['{ integrations(frist: 1) { edges { cursor } } }'],
    ];
    await using prod = await startGateway({ INTROSPECTION: 'false' });
    await using dev = await startGateway({ INTROSPECTION: 'true' }, { sandboxes: prod.sandboxes });
    for (const [query, variables] of queries) {
      const hidden = await prod.query(query, variables);
      expect(hidden.errors?.length, query).toBeGreaterThan(0);
      expect(JSON.stringify(hidden.errors), query).not.toMatch(/Did you mean/i);
      const shown = await dev.query(query, variables);
      expect(JSON.stringify(shown.errors), query).toMatch(/Did you mean/);
    }
  });
});

describe('CSRF refusals are logged once, at warn, with the request id', () => {
  it('writes exactly one warn line and no error line per refusal', async () => {
    await using gw = await startGateway();
    gw.logs.length = 0;
    const res = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ vendors { vendor } }')}`, {
      headers: { 'x-request-id': 'req-csrf-1' },
    });
    expect(res.status).toBe(403);
    await res.arrayBuffer();
    const all = gw.logs
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level !== 'debug');
    // Besides the request's own access line (h14b: one per request, same id), exactly one warn line.
    expect(all.filter((l) => l.msg === 'request')).toEqual([
      expect.objectContaining({ level: 'info', status: 403, requestId: 'req-csrf-1' }),
    ]);
    const lines = all.filter((l) => l.msg !== 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', requestId: 'req-csrf-1' });
  });
});

describe('AUTH_MODE=jwt with no audience or issuer', () => {
  const jwt = { AUTH_MODE: 'jwt', JWT_SECRET: 'a-jwt-secret-that-is-long-enough-0123456789' };
  it('is refused in production unless JWT_ALLOW_ANY_AUDIENCE=true', () => {
    // Production also requires SIGNING_SECRET (h14a): given, so that only the JWT rule is tested.
    const prod = { ...jwt, NODE_ENV: 'production', SIGNING_SECRET: 's'.repeat(40) };
    expect(() => loadSettings(prod)).toThrow(SettingsError);
    expect(() => loadSettings(prod)).toThrow(/AUTH_MODE=jwt in production needs JWT_AUDIENCE and JWT_ISSUER/);
    expect(() => loadSettings({ ...prod, JWT_AUDIENCE: 'gw' })).toThrow(/JWT_ISSUER/);
    expect(loadSettings({ ...prod, JWT_ALLOW_ANY_AUDIENCE: 'true' }).auth.mode).toBe('jwt');
    expect(loadSettings({ ...prod, JWT_AUDIENCE: 'gw', JWT_ISSUER: 'https://idp' }).auth.mode).toBe('jwt');
  });

  it('starts with a warning outside production, and silently when both are set', async () => {
    await using loose = await startGateway(jwt);
    expect(loose.logs.some((l) => l.includes('"warn"') && l.includes('JWT_AUDIENCE'))).toBe(true);
    await using strict = await startGateway(
      { ...jwt, JWT_AUDIENCE: 'gw', JWT_ISSUER: 'https://idp' },
      { sandboxes: loose.sandboxes },
    );
    expect(strict.logs.some((l) => l.includes('JWT_AUDIENCE'))).toBe(false);
  });
});
