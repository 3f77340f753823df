/**
 * Attacker's suite, list fields: every list field and nested list field sits
 * behind the same doors as the id-taking fields. A caller without the vendor's scope gets FORBIDDEN
 * with zero vendor calls and the same answer whatever the filters; bad page sizes, cursors and
 * filter strings are BAD_USER_INPUT with zero vendor calls; aliasing wide lists is QUERY_TOO_COMPLEX
 * before any call; an Akana PKI export reached through `akanaApps → versions → export` needs
 * akana:pki; a listed object's download link works with GET and HEAD.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../../src/settings/load.js';
import { codes, type GraphQLResponse, startGateway, type TestGateway } from '../../helpers.js';
import { apiKeysEnv, auth, type Caller, resetVendorLogs, scopeSets, vendorCalls } from './doors-helpers.js';

const callers = scopeSets();
const caller = (name: string) => callers.find((c) => c.name === name) as Caller;
const all = caller('all');

interface ListField {
  name: string;
  needs: Scope[];
  /** The operation, with `first`/`after`/filter arguments spliced in by `args`. */
  op: (args: string) => string;
  /** Filter arguments: one that matches, one that matches nothing, one that is malformed. */
  filters: string[];
  /** A (valid) text filter argument name for the over-long / control-character checks. */
  text?: string;
  /** Which kind of cursor the field takes. */
  paging: 'offset' | 'token' | 'array';
}

const pageSel = 'edges { cursor node { __typename } } pageInfo { hasNextPage endCursor }';
const comma = (a: string) => (a ? `(${a})` : '');

/** Root list fields, and the nested ones reached from a one-item page of their parent. */
const LISTS: ListField[] = [
  {
    name: 'integrations (Torq)',
    needs: ['torq:read'],
    op: (a) => `{ integrations${comma(a)} { totalCount typeIds { typeId count } ${pageSel} } }`,
    filters: ['search: "a"', 'search: "zz-no-such-integration"', 'typeId: "web/hook"'],
    text: 'search',
    paging: 'array',
  },
  {
    name: 'googleIntegrations',
    needs: ['google:read'],
    op: (a) => `{ googleIntegrations${comma(a)} { ${pageSel} } }`,
    filters: ['filter: "state=ACTIVE"', 'filter: "state=NOPE"', 'projectId: "../x"'],
    text: 'filter',
    paging: 'token',
  },
  {
    name: 'googleIntegrations → versions',
    needs: ['google:read'],
    op: (a) => `{ googleIntegrations(first: 1) { edges { node { versions${comma(a)} { ${pageSel} } } } } }`,
    filters: ['filter: "state=ACTIVE"', 'orderBy: "name"', 'orderBy: "x\\u0000"'],
    text: 'filter',
    paging: 'token',
  },
  {
    name: 'integrationVersions',
    needs: ['google:read'],
    op: (a) => `{ integrationVersions${comma(a)} { ${pageSel} } }`,
    filters: ['filter: "state=ACTIVE"', 'integration: "no-such"', 'integration: "../x"'],
    text: 'filter',
    paging: 'token',
  },
  {
    name: 'oracleApplications',
    needs: ['oracle:read'],
    op: (a) => `{ oracleApplications${comma(a)} { ${pageSel} } }`,
    filters: ['status: ["PUBLISHED"]', 'status: ["NOPE"]', 'status: ["bad status!"]'],
    paging: 'offset',
  },
  {
    name: 'oracleApplications → packages',
    needs: ['oracle:read'],
    op: (a) => `{ oracleApplications(first: 1) { edges { node { packages${comma(a)} { ${pageSel} } } } } }`,
    filters: [],
    paging: 'array',
  },
  {
    name: 'akanaApps',
    needs: ['akana:export'],
    op: (a) => `{ akanaApps${comma(a)} { ${pageSel} } }`,
    filters: ['userId: "nobody.acmepaymentscorp"', 'userId: "../../admin"'],
    paging: 'offset',
  },
  {
    name: 'akanaApps → versions',
    needs: ['akana:export'],
    op: (a) => `{ akanaApps(first: 1) { edges { node { versions${comma(a)} { ${pageSel} } } } } }`,
    filters: [],
    paging: 'array',
  },
  {
    name: 'romaApps',
    needs: ['roma:read'],
    op: (a) => `{ romaApps${comma(a)} { totalCount ${pageSel} } }`,
    filters: ['name: "billing"', 'name: "zz-none"', 'projectId: "../x"'],
    text: 'name',
    paging: 'offset',
  },
  {
    name: 'romaTasks',
    needs: ['roma:read'],
    op: (a) => `{ romaTasks${comma(a)} { totalCount ${pageSel} } }`,
    filters: ['taskName: "etl", status: 1', 'taskName: "zz-none"', 'status: 7'],
    text: 'taskName',
    paging: 'offset',
  },
];

/** What a caller can compare between two answers: data, and each error's message, code and path. */
function shape(res: GraphQLResponse<unknown>) {
  return {
    status: res.status,
    data: res.data,
    errors: (res.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path })),
  };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const b64url = (s: string) => Buffer.from(s).toString('base64url');

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway({ AUTH_MODE: 'api-key', API_KEYS: apiKeysEnv(callers), UPSTREAM_RETRIES: '0' });
});
afterAll(() => gw.close());

/** Runs `doc` as `c` and returns the answer with the number of vendor calls it made. */
async function run(doc: string, c: Caller = all, variables?: Record<string, unknown>) {
  resetVendorLogs(gw);
  const res = await gw.query<Record<string, unknown>, Record<string, unknown>>(doc, variables, auth(c));
  return { res, calls: vendorCalls(gw) };
}

function expectClean(res: GraphQLResponse<unknown>, what: string) {
  expect(res.status, what).toBeLessThan(500);
  for (const e of res.errors ?? []) {
    expect(e.extensions?.code, `${what}: ${e.message}`).not.toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(e), what).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack trace
  }
}

describe('hostile lists: scopes', () => {
  for (const l of LISTS) {
    it(`${l.name}: every scope set, every filter`, async () => {
      for (const c of callers) {
        const allowed = l.needs.every((s) => c.scopes.includes(s));
        const answers = [];
        for (const f of ['', ...l.filters]) {
          const doc = l.op(f);
          const { res, calls } = await run(doc, c);
          expectClean(res, `${c.name} ${doc}`);
          if (!allowed) {
            expect(calls, `${c.name} ${doc}: no vendor call`).toBe(0);
            expect(codes(res), `${c.name} ${doc}`).toEqual(['FORBIDDEN']);
            expect(JSON.stringify(res.data ?? null), `${c.name} ${doc}`).not.toMatch(/"edges"|"cursor"/);
            answers.push(shape(res));
          } else {
            expect(codes(res), `${c.name} ${doc}`).not.toContain('FORBIDDEN');
          }
        }
        // Nothing a forbidden caller sees depends on the filters (whether they match, or are even valid).
        for (const a of answers.slice(1)) expect(a, c.name).toEqual(answers[0]);
        if (allowed) {
          const { res } = await run(l.op('first: 2'), c);
          expect(res.errors, `${c.name} ${l.name}`).toBeUndefined();
          expect(JSON.stringify(res.data)).toMatch(/"edges":\[\{/);
        }
      }
    });
  }
});

describe('hostile lists: page sizes, cursors and filters are checked before any vendor call', () => {
  /** A cursor of every other kind of list, and the kinds no list ever issues. */
  const offsetCursor = (n: string) => b64(`OffsetConnection:${n}`);
  const tokenCursor = (c: unknown) => b64url(`PageToken:${JSON.stringify(c)}`);
  const foreign: Record<ListField['paging'], string[]> = {
    offset: [tokenCursor({ n: 'abc' }), tokenCursor({ t: '', i: 3 })],
    array: [tokenCursor({ n: 'abc' }), tokenCursor({ t: '', i: 3 })],
    token: [offsetCursor('1'), offsetCursor('40')],
  };
  const badCursors = [
    'nope',
    '',
    b64('\u0000\u0001garbage\u00ff'),
    Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 37) % 256)).toString('base64'),
    b64('OffsetConnection:-1'),
    b64('OffsetConnection:1e3'),
    b64('OffsetConnection:99999999999999999999'),
    b64(`OffsetConnection:${'9'.repeat(400)}`),
    b64url('PageToken:{"i":-1}'),
    b64url('PageToken:{"i":1e400}'),
    b64url('PageToken:[1,2]'),
    b64url('PageToken:null'),
    b64url('PageToken:{not json'),
    'A'.repeat(10_000),
    '%00../..',
  ];

  for (const l of LISTS) {
    it(`${l.name}: first, last, after and filters`, async () => {
      const bad = [
        'first: -1',
        'first: 101',
        'first: 100000',
        'first: 2147483647',
        // The vendor-paged lists page forward only and do not offer last/before (the schema refuses
        // them in validation); the gateway-paged ones (`array`) take them, checked.
        ...(l.paging === 'array' ? ['last: 101', 'before: "x"'] : []),
        ...[...badCursors, ...foreign[l.paging]].map((c) => `first: 2, after: ${JSON.stringify(c)}`),
      ];
      if (l.text) {
        bad.push(`${l.text}: ${JSON.stringify('x'.repeat(5000))}`);
        for (const ch of ['\u0000', '\n', '\r', '\u001b[31m', '\u007f']) {
          bad.push(`${l.text}: ${JSON.stringify(`ab${ch}cd`)}`);
        }
      }
      for (const a of bad) {
        const doc = l.op(a);
        const { res, calls } = await run(doc);
        expectClean(res, doc);
        const nested = l.name.includes('→');
        // A nested list's bad arguments fail that list only; its parent page was already loaded.
        expect(
          codes(res).every((c) => c === 'BAD_USER_INPUT'),
          `${doc}: ${JSON.stringify(res.errors)}`,
        ).toBe(true);
        expect(codes(res).length, doc).toBeGreaterThan(0);
        if (!nested) expect(calls, `${doc}: no vendor call`).toBe(0);
      }
      // The nested lists' own checks come before any call of theirs: only the parent's one call.
      if (l.name.includes('→')) {
        const { calls } = await run(l.op('first: 101'));
        expect(calls).toBe(1);
      }
    });
  }

  it('a cursor taken from one Google list (or the same list with other filters) is refused before any call', async () => {
    type Conn = { pageInfo: { endCursor: string }; edges: { cursor: string }[] };
    const page = await run(
      '{ googleIntegrations(first: 3) { edges { cursor } pageInfo { endCursor } } integrationVersions(first: 3) { edges { cursor } pageInfo { endCursor } } }',
    );
    const gi = page.res.data?.googleIntegrations as Conn;
    const iv = page.res.data?.integrationVersions as Conn;
    const cursors = [gi.pageInfo.endCursor, gi.edges[0]?.cursor, iv.pageInfo.endCursor, iv.edges[0]?.cursor];
    for (const c of cursors) expect(c).toBeTruthy();
    const uses = [
      ...cursors.slice(0, 2).map((c) => `integrationVersions(first: 2, after: ${JSON.stringify(c)})`),
      ...cursors.slice(2).map((c) => `googleIntegrations(first: 2, after: ${JSON.stringify(c)})`),
      ...cursors
        .slice(0, 2)
        .map((c) => `googleIntegrations(first: 2, orderBy: "name", after: ${JSON.stringify(c)})`),
      ...cursors
        .slice(2)
        .map((c) => `integrationVersions(first: 2, location: "europe-west1", after: ${JSON.stringify(c)})`),
      ...cursors
        .slice(2)
        .map((c) => `integrationVersions(first: 2, filter: "state=ACTIVE", after: ${JSON.stringify(c)})`),
    ];
    for (const u of uses) {
      const { res, calls } = await run(`{ ${u} { edges { cursor } } }`);
      expectClean(res, u);
      expect(codes(res), u).toEqual(['BAD_USER_INPUT']);
      expect(calls, u).toBe(0);
    }
    // Its own list takes it, of course.
    const own = await run(
      `{ integrationVersions(first: 2, after: ${JSON.stringify(iv.pageInfo.endCursor)}) { edges { cursor } } }`,
    );
    expect(own.res.errors).toBeUndefined();
  });

  it('a huge (well-formed) offset is an empty last page, never a crash', async () => {
    for (const l of LISTS.filter((x) => x.paging === 'offset' && !x.name.includes('→'))) {
      const doc = l.op(`first: 5, after: ${JSON.stringify(b64('OffsetConnection:999999999'))}`);
      const { res } = await run(doc);
      expectClean(res, doc);
      const codesSeen = codes(res);
      if (codesSeen.length) {
        expect(codesSeen, doc).toEqual(['BAD_USER_INPUT']);
      } else {
        const conn = Object.values(res.data ?? {})[0] as {
          edges: unknown[];
          pageInfo: { hasNextPage: boolean };
        };
        expect(conn.edges, doc).toEqual([]);
        expect(conn.pageInfo.hasNextPage, doc).toBe(false);
      }
    }
  });
});

describe('hostile lists: cost', () => {
  it('aliasing many wide lists is QUERY_TOO_COMPLEX before any vendor call', async () => {
    const roots = [
      'integrations(first: 100) { edges { node { name } } }',
      'googleIntegrations(first: 100) { edges { node { name versions(first: 100) { edges { node { state } } } } } }',
      'integrationVersions(first: 100) { edges { node { state } } }',
      'oracleApplications(first: 100) { edges { node { name packages(first: 100) { edges { node { name } } } } } }',
      'akanaApps(first: 100) { edges { node { name versions(first: 100) { edges { node { export { id } } } } } } }',
      'romaApps(first: 100) { edges { node { name } } }',
      'romaTasks(first: 100) { edges { node { taskName } } }',
    ];
    // One wide list with a wide nested list each, and aliases of the plain ones.
    for (const r of roots.filter((x) => x.includes('versions(') || x.includes('packages('))) {
      const { res, calls } = await run(`{ ${r} }`);
      expect(codes(res), r).toEqual(['QUERY_TOO_COMPLEX']);
      expect(JSON.stringify(res.data ?? null), r).not.toMatch(/"edges"/);
      expect(calls, r).toBe(0);
    }
    const aliased = `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: ${roots[i % roots.length]}`).join(' ')} }`;
    const { res, calls } = await run(aliased);
    expect(codes(res).length).toBeGreaterThan(0);
    expect(new Set(codes(res))).toEqual(new Set(['QUERY_TOO_COMPLEX']));
    expect(JSON.stringify(res.data ?? null)).not.toMatch(/"edges"/);
    expect(calls).toBe(0);
    const plain = `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: romaApps(first: 100) { edges { node { name appId } } }`).join(' ')} }`;
    const wide = await run(plain);
    expect(new Set(codes(wide.res))).toEqual(new Set(['QUERY_TOO_COMPLEX']));
    expect(wide.calls).toBe(0);
  });

  it('a small browse still fits', async () => {
    const { res } = await run(
      '{ romaApps(first: 5) { edges { node { name } } } akanaApps(first: 3) { edges { node { versions(first: 3) { edges { node { name } } } } } } }',
    );
    expect(res.errors).toBeUndefined();
  });
});

describe('hostile lists: Akana PKI through akanaApps → versions → export', () => {
  const pkiDoc = (flag: 'includeAppPki' | 'includeApiPki') =>
    `{ akanaApps(first: 2) { edges { node { versions(first: 2) { edges { node { appVersionId export(${flag}: true) { id options { includeAppPki includeApiPki } download { url } } } } } } } } }`;

  it('needs akana:pki: FORBIDDEN without it, with no export call and no link', async () => {
    for (const c of callers.filter(
      (x) => x.scopes.includes('akana:export') && !x.scopes.includes('akana:pki'),
    )) {
      for (const flag of ['includeAppPki', 'includeApiPki'] as const) {
        resetVendorLogs(gw);
        const res = await gw.query<Record<string, unknown>, never>(pkiDoc(flag), undefined, auth(c));
        expectClean(res, `${c.name} ${flag}`);
        expect(codes(res).length, c.name).toBeGreaterThan(0);
        expect(new Set(codes(res)), `${c.name} ${flag}`).toEqual(new Set(['FORBIDDEN']));
        expect(JSON.stringify(res.data ?? null)).not.toMatch(/"url"|"download"|"includeAppPki"/);
        const akana = gw.sandboxes.akana?.server;
        expect(akana?.calls('exportPackage'), c.name).toHaveLength(0);
        expect(akana?.calls('getAppVersion'), c.name).toHaveLength(0);
      }
    }
  });

  it('through a variable too (the flag is not in the document text)', async () => {
    const c = caller('only-akana-export');
    resetVendorLogs(gw);
    const res = await gw.query<Record<string, unknown>, { pki: boolean }>(
      'query ($pki: Boolean) { akanaApps(first: 1) { edges { node { versions(first: 1) { edges { node { export(includeAppPki: $pki) { id download { url } } } } } } } } }',
      { pki: true },
      auth(c),
    );
    expect(new Set(codes(res))).toEqual(new Set(['FORBIDDEN']));
    expect(gw.sandboxes.akana?.server.calls('exportPackage')).toHaveLength(0);
    expect(JSON.stringify(res.data ?? null)).not.toMatch(/"url"/);
  });

  it('with akana:pki the export and its link are served, and audited', async () => {
    const c = caller('akana-pki');
    const before = gw.logs.length;
    const { res } = await run(pkiDoc('includeAppPki'), c);
    expect(res.errors).toBeUndefined();
    const url = JSON.stringify(res.data).match(/"url":"([^"]+)"/)?.[1] ?? '';
    expect(url).toMatch(/^http/);
    const audit = gw.logs.slice(before).join('\n');
    expect(audit).toContain('akana.pki_export');
    expect(audit).toContain('akana.pki_export_link');
  });

  it('without PKI options the listed export needs only akana:export', async () => {
    const { res } = await run(
      '{ akanaApps(first: 1) { edges { node { versions(first: 1) { edges { node { export { id } } } } } } } }',
      caller('only-akana-export'),
    );
    expect(res.errors).toBeUndefined();
  });
});

describe('hostile lists: a listed object’s download', () => {
  async function checkLink(url: string, what: string) {
    expect(url, what).toMatch(/^http/);
    const get = await fetch(url);
    expect(get.status, what).toBe(200);
    const body = Buffer.from(await get.arrayBuffer());
    expect(body.length, what).toBeGreaterThan(0);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status, `${what} HEAD`).toBe(200);
    expect(head.headers.get('content-type'), `${what} HEAD`).toBe(get.headers.get('content-type'));
    expect((await head.arrayBuffer()).byteLength, `${what} HEAD has no body`).toBe(0);
    const again = await fetch(url);
    expect(again.status, `${what} GET after HEAD`).toBe(200);
    expect(Buffer.from(await again.arrayBuffer()).equals(body), `${what} same bytes`).toBe(true);
  }

  it('works with GET and HEAD for Google versions and Akana exports reached through lists', async () => {
    const { res } = await run(
      '{ integrationVersions(first: 1) { edges { node { download { url } } } } googleIntegrations(first: 1) { edges { node { versions(first: 1) { edges { node { download { url } } } } } } } akanaApps(first: 1) { edges { node { versions(first: 1) { edges { node { export { download { url } } } } } } } } }',
    );
    expect(res.errors).toBeUndefined();
    const urls = [...JSON.stringify(res.data).matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(urls).toHaveLength(3);
    for (const [i, u] of urls.entries()) await checkLink(u, `link ${i}`);
  });

  it('a tampered link from a list is refused on GET and HEAD without a vendor call', async () => {
    const { res } = await run('{ integrationVersions(first: 1) { edges { node { download { url } } } } }');
    const url = JSON.stringify(res.data).match(/"url":"([^"]+)"/)?.[1] ?? '';
    const tampered = url.replace(/sig=([^&]+)/, (_m, s: string) => `sig=${s.slice(0, -2)}AA`);
    expect(tampered).not.toBe(url);
    for (const method of ['GET', 'HEAD']) {
      resetVendorLogs(gw);
      const r = await fetch(tampered, { method });
      expect(r.status, method).toBeGreaterThanOrEqual(400);
      expect(r.status, method).toBeLessThan(500);
      expect(vendorCalls(gw), method).toBe(0);
    }
  });
});
