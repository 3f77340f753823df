import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Signer } from '../../src/downloads/signer.js';
import { Secret } from '../../src/settings/load.js';
import { AKANA_FED, LARGE_APP_VERSION, SEED_APP_VERSION } from '../../src/vendors/akana/fixtures.js';
import { AKANA_SANDBOX, type AkanaSandbox, startAkanaSandbox } from '../../src/vendors/akana/sandbox.js';
import { graphql } from '../gql/index.js';
import { codes, startGateway, TEST_SIGNING_SECRET, type TestGateway } from '../helpers.js';
import { sha256 } from '../fixtures/cleanup.js';

const ExportQuery = graphql(`
  query AkanaExport($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {
    appVersionExport(appVersionId: $id, options: $options) {
      id
      appVersionId
      fileName
      size
      entries {
        path
        size
      }
      properties
      download(expiresIn: $expiresIn) {
        url
        expiresAt
      }
    }
  }
`);

const DownloadOnly = graphql(`
  query AkanaDownloadOnly($id: ID!, $options: AppVersionExportOptions, $expiresIn: Int) {
    appVersionExport(appVersionId: $id, options: $options) {
      download(expiresIn: $expiresIn) {
        url
        expiresAt
      }
    }
  }
`);

async function fetchBytes(
  url: string,
  init: { method?: 'GET' | 'HEAD'; headers?: Record<string, string> } = {},
) {
  const res = await request(url, init);
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body };
}

/** The zip exactly as Akana sends it (no transfer encoding), straight from the emulator. */
async function direct(sandbox: AkanaSandbox, id: string, query: string): Promise<Buffer> {
  const gzip = sandbox.gzip;
  sandbox.gzip = false;
  try {
    const res = await fetchBytes(
      `${sandbox.url}/api/apps/versions/${id}/package?exportVersion=current${query}`,
      {
        headers: { cookie: `AtmoAuthToken_${AKANA_FED}=${AKANA_SANDBOX.session}` },
      },
    );
    expect(res.status).toBe(200);
    return res.body;
  } finally {
    sandbox.gzip = gzip;
  }
}

describe('Akana app-version exports through signed URLs', () => {
  let gw: TestGateway;
  let sandbox: AkanaSandbox;
  beforeAll(async () => {
    gw = await startGateway();
    sandbox = gw.sandboxes.akana?.server as AkanaSandbox;
  });
  afterAll(() => gw.close());
  beforeEach(() => {
    sandbox.resetLog();
    sandbox.clearFaults();
    sandbox.gzip = false;
    sandbox.fileName = undefined;
  });

  const options = { includeApiConnections: true, includeAppTeam: true };

  it('lists entries and parses properties with one export fetch for every field', async () => {
    const res = await gw.query(ExportQuery, { id: SEED_APP_VERSION, options });
    expect(res.errors).toBeUndefined();
    const e = res.data?.appVersionExport;
    expect(e?.fileName).toBe('appversion-export.zip');
    expect(e?.entries.map((x) => x.path)).toEqual([
      'exportproperties.properties',
      'objectdata.xml',
      'objectgraph.xml',
    ]);
    expect(e?.entries.every((x) => x.size > 0)).toBe(true);
    expect(e?.properties).toMatchObject({
      exportVersion: 'current',
      'appversion.id': SEED_APP_VERSION,
      'migration.export.include.api.connections': 'true',
      'migration.export.include.app.team': 'true',
      'migration.app.pki.export': 'false',
      'tenant.name': 'Acme Payments® Corp',
    });
    const calls = sandbox.calls('exportPackage');
    expect(calls).toHaveLength(1);
    const q = calls[0]?.query;
    expect(q?.get('exportVersion')).toBe('current');
    expect(q?.get('migration.export.include.api.connections')).toBe('true');
    expect(q?.get('migration.export.include.app.team')).toBe('true');
    expect(q?.has('migration.app.pki.export')).toBe(false);
    expect(calls[0]?.headers.cookie).toContain(`AtmoAuthToken_${AKANA_FED}=`);
    expect(e?.size).toBe(
      (
        await direct(
          sandbox,
          SEED_APP_VERSION,
          '&migration.export.include.api.connections=true&migration.export.include.app.team=true',
        )
      ).length,
    );
  });

  it('makes only the existence check when only download is asked, and the URL round-trips byte for byte', async () => {
    const res = await gw.query(DownloadOnly, { id: SEED_APP_VERSION, options, expiresIn: 120 });
    expect(res.errors).toBeUndefined();
    expect(sandbox.calls().map((c) => c.route)).toEqual(['getAppVersion']);
    const link = res.data?.appVersionExport?.download;
    expect(new Date(link?.expiresAt ?? 0).getTime()).toBeGreaterThan(Date.now() + 100_000);
    expect(link?.url.startsWith(`${gw.url}/downloads/`)).toBe(true);
    expect(link?.url).not.toContain(AKANA_SANDBOX.session);
    expect(link?.url).not.toContain(TEST_SIGNING_SECRET);

    const file = await fetchBytes(link?.url ?? '');
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/octet-stream');
    expect(file.headers['content-disposition']).toBe('attachment; filename="appversion-export.zip"');
    expect(file.headers['cache-control']).toBe('private, no-store');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    const original = await direct(
      sandbox,
      SEED_APP_VERSION,
      '&migration.export.include.api.connections=true&migration.export.include.app.team=true',
    );
    expect(sha256(file.body)).toBe(sha256(original));
    expect(file.body.subarray(0, 4).toString('hex')).toBe('504b0304'); // a zip, not gzip
  });

  it('decodes a gzip transfer encoding so the saved bytes are the zip', async () => {
    sandbox.gzip = true;
    const res = await gw.query(DownloadOnly, { id: SEED_APP_VERSION });
    const file = await fetchBytes(res.data?.appVersionExport?.download.url ?? '');
    expect(file.status).toBe(200);
    expect(file.headers['content-encoding']).toBeUndefined();
    expect(sha256(file.body)).toBe(sha256(await direct(sandbox, SEED_APP_VERSION, '')));
    // entries work through gzip too
    const meta = await gw.query(ExportQuery, { id: SEED_APP_VERSION });
    expect(meta.data?.appVersionExport?.entries).toHaveLength(3);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await gw.query(DownloadOnly, { id: LARGE_APP_VERSION });
    const head = await fetchBytes(res.data?.appVersionExport?.download.url ?? '', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(200 * 1024 * 1024);
    expect(head.body).toHaveLength(0);
  });

  it('refuses tampered, re-scoped, foreign and expired URLs before any vendor call', async () => {
    const res = await gw.query(DownloadOnly, { id: SEED_APP_VERSION, options });
    const url = new URL(res.data?.appVersionExport?.download.url ?? '');
    const variants: [string, (u: URL) => void, number][] = [
      [
        'signature changed',
        (u) => u.searchParams.set('sig', `${u.searchParams.get('sig')?.slice(0, -2)}AA`),
        403,
      ],
      ['options widened', (u) => u.searchParams.set('options', '1111'), 403],
      ['other app version', (u) => u.searchParams.set('appVersionId', `app001v2.${AKANA_FED}`), 403],
      [
        'expiry extended',
        (u) => u.searchParams.set('exp', String(Number(u.searchParams.get('exp')) + 3600)),
        403,
      ],
      ['extra parameter', (u) => u.searchParams.append('appVersionId', 'x.y'), 403],
      ['unknown key id', (u) => u.searchParams.set('kid', 'AAAAAAAA'), 403],
      ['no signature', (u) => u.searchParams.delete('sig'), 403],
      ['other route', (u) => (u.pathname = '/downloads/roma-archive'), 403],
    ];
    for (const [what, change, status] of variants) {
      const u = new URL(url);
      change(u);
      const r = await fetchBytes(u.toString());
      expect(r.status, what).toBe(status);
      expect(r.body.toString()).not.toContain('    at ');
    }
    // A URL that was valid and has expired: signed with the gateway's key at a time in the past.
    const past = new Signer({
      secret: new Secret(TEST_SIGNING_SECRET),
      publicUrl: () => gw.url,
      defaultExpiresIn: 60,
      maxExpiresIn: 3600,
      now: () => Date.now() - 120_000,
    }).sign('akana-export', { appVersionId: SEED_APP_VERSION, options: '0011' });
    const expired = await fetchBytes(past.url);
    expect(expired.status).toBe(410);
    expect(JSON.parse(expired.body.toString()).error.code).toBe('LINK_EXPIRED');
    // Only GET and HEAD are downloads.
    const post = await request(url.toString(), { method: 'POST' });
    await post.body.dump();
    expect(post.statusCode).toBe(405);
    // Only the existence check behind the query; none of the refused URLs reached Akana.
    expect(sandbox.calls().map((c) => c.route)).toEqual(['getAppVersion']);
  });

  it('bounds expiresIn', async () => {
    for (const expiresIn of [0, -5, 3601]) {
      const res = await gw.query(DownloadOnly, { id: SEED_APP_VERSION, expiresIn });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses PKI options with FORBIDDEN, before any vendor call', async () => {
    for (const o of [{ includeAppPki: true }, { includeApiPki: true }]) {
      const res = await gw.query(ExportQuery, { id: SEED_APP_VERSION, options: o });
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(res.data?.appVersionExport).toBeNull();
    }
    expect(sandbox.calls()).toHaveLength(0);
  });

  it('validates appVersionId: malformed is BAD_USER_INPUT with no call, unknown is null with no link', async () => {
    for (const id of ['no-dot', '../../etc.passwd', 'a/b.c', 'a.b.c', `${'x'.repeat(200)}.y`, 'a%2f.b']) {
      const res = await gw.query(ExportQuery, { id });
      expect(codes(res), id).toEqual(['BAD_USER_INPUT']);
    }
    expect(sandbox.calls()).toHaveLength(0);
    const unknown = await gw.query(ExportQuery, { id: `nosuchapp.${AKANA_FED}` });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.appVersionExport).toBeNull();
    // No object, so no signed link, and no export fetch for something that does not exist.
    const dl = await gw.query(DownloadOnly, { id: `nosuchapp.${AKANA_FED}` });
    expect(dl.errors).toBeUndefined();
    expect(dl.data?.appVersionExport).toBeNull();
    expect(sandbox.calls('exportPackage')).toHaveLength(0);
    // A link signed for an export that vanished later still gets the vendor's NOT_FOUND on the route.
    const url = gw.app.gateway.signer.sign('akana-export', {
      appVersionId: `nosuchapp.${AKANA_FED}`,
      options: '0000',
    }).url;
    const r = await fetchBytes(url);
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body.toString()).error).toMatchObject({
      code: 'NOT_FOUND',
      vendor: 'AKANA_API_PLATFORM',
    });
  });

  it('sanitizes a hostile vendor file name in Content-Disposition and fileName', async () => {
    for (const hostile of [
      '../../etc/evil"; filename=x.exe',
      '..\\..\\win.ini',
      'rapport-été.zip',
      '"";.zip',
    ]) {
      sandbox.fileName = hostile;
      const res = await gw.query(ExportQuery, { id: SEED_APP_VERSION });
      const name = res.data?.appVersionExport?.fileName ?? '';
      expect(name).not.toMatch(/[/\\"]/);
      const file = await fetchBytes(res.data?.appVersionExport?.download.url ?? '');
      const cd = String(file.headers['content-disposition']);
      expect(cd.startsWith('attachment; filename="')).toBe(true);
      const plain = /filename="([^"]*)"/.exec(cd)?.[1] ?? '';
      expect(plain).toMatch(/^[\x20-\x7e]+$/);
      expect(plain).not.toMatch(/[/\\";%]/);
      expect((cd.match(/"/g) ?? []).length).toBe(2);
    }
    sandbox.fileName = 'rapport-été.zip';
    const res = await gw.query(DownloadOnly, { id: SEED_APP_VERSION });
    const file = await fetchBytes(res.data?.appVersionExport?.download.url ?? '');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="rapport-_t_.zip"; filename*=UTF-8''rapport-%C3%A9t%C3%A9.zip`,
    );
  });

  it('aborts the vendor request when the caller goes away', async () => {
    const res = await gw.query(DownloadOnly, { id: LARGE_APP_VERSION });
    const controller = new AbortController();
    const r = await fetch(res.data?.appVersionExport?.download.url ?? '', { signal: controller.signal });
    const reader = r.body?.getReader();
    let got = 0;
    while (got < 1024 * 1024) {
      const chunk = await reader?.read();
      if (!chunk || chunk.done) break;
      got += chunk.value.length;
    }
    controller.abort();
    await expect
      .poll(() => sandbox.calls('exportPackage')[0]?.aborted, { timeout: 5000, interval: 50 })
      .toBe(true);
  });

  it('never delivers a vendor failure mid-stream as a complete file', async () => {
    // Known length: the client sees fewer bytes than announced and an error.
    sandbox.setFault('exportPackage', { resetAfterBytes: 3 * 1024 * 1024 });
    const large = await gw.query(DownloadOnly, { id: LARGE_APP_VERSION });
    await expect(
      fetch(large.data?.appVersionExport?.download.url ?? '').then((r) => r.arrayBuffer()),
    ).rejects.toThrow();
    // Unknown length (gzip decoded, chunked): the response is cut, not ended cleanly.
    sandbox.gzip = true;
    sandbox.setFault('exportPackage', { resetAfterBytes: 200 });
    const small = await gw.query(DownloadOnly, { id: SEED_APP_VERSION });
    await expect(
      fetch(small.data?.appVersionExport?.download.url ?? '').then((r) => r.arrayBuffer()),
    ).rejects.toThrow();
    // And the metadata fields report the failure instead of partial entries.
    sandbox.setFault('exportPackage', { resetAfterBytes: 200 });
    const meta = await gw.query(ExportQuery, { id: SEED_APP_VERSION });
    expect(codes(meta)[0]).toMatch(/UPSTREAM_(UNAVAILABLE|INVALID_RESPONSE)/);
  });

  it('maps a refused session to UPSTREAM_UNAUTHENTICATED, in GraphQL and on the route', async () => {
    sandbox.setFault('exportPackage', { status: 401 });
    const res = await gw.query(ExportQuery, { id: SEED_APP_VERSION });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAUTHENTICATED', httpStatus: 401 });
    expect(res.errors?.[0]?.path).toEqual(['appVersionExport', expect.any(String)]);
    sandbox.setFault('exportPackage', { status: 500 });
    const dl = await gw.query(DownloadOnly, { id: SEED_APP_VERSION });
    const r = await fetchBytes(dl.data?.appVersionExport?.download.url ?? '');
    expect(r.status).toBe(502);
    expect(JSON.parse(r.body.toString()).error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(r.body.toString()).not.toContain(AKANA_SANDBOX.session);
  });
});

describe('Akana login, CSRF and key rotation', () => {
  it('logs in with email/password once, sends the CSRF header, and renews after a 401', async () => {
    await using sandbox = await startAkanaSandbox();
    sandbox.requireCsrf = true;
    await using gw = await startGateway({
      AKANA_BASE_URL: sandbox.url,
      AKANA_FED_MEMBER_ID: AKANA_FED,
      AKANA_EMAIL: AKANA_SANDBOX.email,
      AKANA_PASSWORD: AKANA_SANDBOX.password,
    });
    const all = await Promise.all(
      Array.from({ length: 5 }, () => gw.query(ExportQuery, { id: SEED_APP_VERSION })),
    );
    for (const r of all) expect(r.errors).toBeUndefined();
    expect(sandbox.calls('login')).toHaveLength(1);
    const call = sandbox.calls('exportPackage')[0];
    expect(call?.headers[`x-csrf-token_${AKANA_FED}`]).toBe(sandbox.csrfToken);

    sandbox.sessions.clear(); // Akana forgets the session
    const again = await gw.query(ExportQuery, { id: SEED_APP_VERSION });
    expect(again.errors).toBeUndefined();
    expect(sandbox.calls('login')).toHaveLength(2);
    expect(JSON.stringify(gw.logs)).not.toContain(AKANA_SANDBOX.password);
  });

  it('keeps links signed with SIGNING_SECRET_PREVIOUS working after a rotation', async () => {
    const newSecret = 'rotated-signing-secret-abcdefghijklmnopqrstuvwxyz';
    await using oldGw = await startGateway();
    const link = await oldGw.query(DownloadOnly, { id: SEED_APP_VERSION });
    const url = new URL(link.data?.appVersionExport?.download.url ?? '');
    await using newGw = await startGateway(
      { SIGNING_SECRET: newSecret, SIGNING_SECRET_PREVIOUS: TEST_SIGNING_SECRET },
      { sandboxes: oldGw.sandboxes },
    );
    const moved = `${newGw.url}${url.pathname}${url.search}`;
    expect((await fetchBytes(moved)).status).toBe(200);
    await using thirdGw = await startGateway({ SIGNING_SECRET: newSecret }, { sandboxes: oldGw.sandboxes });
    expect((await fetchBytes(`${thirdGw.url}${url.pathname}${url.search}`)).status).toBe(403);
  });
});
