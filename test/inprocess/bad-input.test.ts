/**
 * Property-based: arbitrary strings at every argument of every root field and at the download
 * route never crash the gateway, never produce a 500 or an unstable error code, and never make a
 * vendor see a path with an unencoded `/`, `..`, `?`, `#` or control character in a segment.
 */
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/foundations/errors.js';
import { startGateway, type TestGateway } from '../helpers.js';

/** The codes arbitrary arguments may answer: the gateway's own, but the vault's and the limits'. */
const STABLE = new Set<string>([
  ...ERROR_CODES.filter((c) => c !== 'VAULT_UNAVAILABLE' && c !== 'QUERY_TOO_COMPLEX'),
  'GRAPHQL_VALIDATION_FAILED',
]);

/** Strings biased toward what breaks URLs: separators, dot segments, escapes, controls. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        '/',
        '..',
        '.',
        '?',
        '#',
        '%2F',
        '%2e%2e',
        '\n',
        '\r',
        '\u0000',
        ' ',
        'a',
        'Z',
        '9',
        '-',
        '_',
        ':',
        '|',
        '\\',
        '%',
        '\u00e9',
        '😀',
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join('')),
  fc.constantFrom(
    '',
    '..',
    '../../etc/passwd',
    'projects/p/locations/l/integrations/i/versions/..',
    'a.b',
    '6CYql2jSyfK9vaGZrvNkb7Am.acmepaymentscorp/../x',
  ),
);

const OPERATIONS: { query: string; vars: fc.Arbitrary<Record<string, unknown>> }[] = [
  { query: 'query($v: UUID!) { integration(id: $v) { name } }', vars: nasty.map((v) => ({ v })) },
  {
    query:
      'query($t: String, $f: Int, $a: String) { integrations(typeId: $t, first: $f, after: $a) { edges { cursor } } }',
    vars: fc.record({ t: nasty, f: fc.integer({ min: -1000, max: 1000 }), a: nasty }),
  },
  { query: 'query($v: String!) { integrationVersion(name: $v) { state } }', vars: nasty.map((v) => ({ v })) },
  {
    query: 'query($l: ID!, $p: ID!) { packageVersion(listingVersionId: $l, packageVersionId: $p) { name } }',
    vars: fc.record({ l: nasty, p: nasty }),
  },
  {
    query:
      'query($v: ID!, $e: Int) { appVersionExport(appVersionId: $v) { entries { path } download(expiresIn: $e) { url } } }',
    vars: fc.record({ v: nasty, e: fc.integer({ min: -10_000, max: 100_000 }) }),
  },
  {
    query:
      'query($a: String!, $p: String, $i: String) { assetArchive(archiveId: $a, projectId: $p, instanceId: $i) { size } }',
    vars: fc.record({ a: nasty, p: nasty, i: nasty }),
  },
  { query: 'query($v: String!) { assetJob(jobId: $v) { status } }', vars: nasty.map((v) => ({ v })) },
  { query: 'query($v: ID!) { node(id: $v) { id } }', vars: nasty.map((v) => ({ v })) },
  {
    query: 'query($v: [ID!]!) { nodes(ids: $v) { id } }',
    vars: fc.array(nasty, { maxLength: 5 }).map((v) => ({ v })),
  },
  {
    query:
      'mutation($a: [String!], $t: [String!]) { exportAssets(input: { appIds: $a, taskIds: $t }) { jobId } }',
    vars: fc.record({ a: fc.array(nasty, { maxLength: 3 }), t: fc.array(nasty, { maxLength: 3 }) }),
  },
];

describe('bad input never breaks the gateway', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startGateway({ UPSTREAM_RETRIES: '0' });
  });
  afterAll(() => gw.close());

  it('answers arbitrary arguments with a stable code and safe vendor URLs', async () => {
    for (const op of OPERATIONS) {
      await fc.assert(
        fc.asyncProperty(op.vars, async (vars) => {
          const res = await gw.query<unknown, Record<string, unknown>>(op.query, vars);
          expect(res.status).toBeLessThan(500);
          for (const e of res.errors ?? []) expect(STABLE, JSON.stringify(e)).toContain(e.extensions?.code);
        }),
        { numRuns: 60 },
      );
    }
    for (const [name, s] of Object.entries(gw.sandboxes)) {
      for (const call of s?.server.calls() ?? []) {
        expect(call.route, `${name} ${call.rawUrl}`).not.toBe('unmatched');
        // Every byte of the path is printable ASCII, and no segment is a dot segment.
        expect(call.path).toMatch(/^[\x21-\x7e]+$/);
        for (const seg of call.path.split('/')) expect(['.', '..']).not.toContain(seg);
      }
    }
  });

  it('answers arbitrary download paths and queries with 403/404/405/410 and no vendor call', async () => {
    for (const s of Object.values(gw.sandboxes)) s?.server.resetLog();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('akana-export', 'google-package', 'roma-archive', 'nope', '', '..%2F..'),
        fc.dictionary(
          fc.constantFrom('appVersionId', 'options', 'name', 'exp', 'kid', 'sig', 'archiveId', 'x'),
          nasty,
          {
            maxKeys: 6,
          },
        ),
        fc.constantFrom('GET', 'HEAD', 'POST'),
        async (kind, params, method) => {
          const qs = new URLSearchParams(params as Record<string, string>).toString();
          const res = await request(`${gw.url}/downloads/${kind}?${qs}`, { method: method as 'GET' });
          await res.body.dump();
          expect([403, 404, 405, 410]).toContain(res.statusCode);
        },
      ),
      { numRuns: 150 },
    );
    for (const s of Object.values(gw.sandboxes)) expect(s?.server.calls()).toEqual([]);
  });
});
