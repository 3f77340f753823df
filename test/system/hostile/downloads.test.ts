/**
 * Attacker's suite, downloads: HEAD, a caller that leaves mid-download and a vendor that resets
 * mid-body, on every download kind, against a real gateway process (`src/main.ts`) whose vendors
 * are emulators in this process (so faults can be switched). After each case the process must be
 * alive and still serve a complete download: one unhandled stream 'error' kills it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AKANA_FED, LARGE_APP_VERSION, SEED_APP_VERSION } from '../../../src/vendors/akana/fixtures.js';
import { AKANA_SANDBOX, type AkanaSandbox, startAkanaSandbox } from '../../../src/vendors/akana/sandbox.js';
import { googleFixtures } from '../../../src/vendors/google/fixtures.js';
import {
  GOOGLE_SANDBOX,
  type GoogleSandbox,
  startGoogleSandbox,
} from '../../../src/vendors/google/sandbox.js';
import { ROMA_SANDBOX, type RomaSandbox, startRomaSandbox } from '../../../src/vendors/roma/sandbox.js';
import { type ChildGateway, startChildGateway } from '../../fixtures/child-gateway.js';
import { codes, startGateway, untakenRomaLink } from '../../helpers.js';

const [version] = googleFixtures();
const GOOGLE_LINK = `query($name: String!) { integrationVersion(name: $name) { download(expiresIn: 600) { url } } }`;
const AKANA_LINK = `query($id: ID!) { appVersionExport(appVersionId: $id) { download(expiresIn: 600) { url } } }`;
const ROMA_LINK = `query($archiveId: String!) { assetArchive(archiveId: $archiveId) { download(expiresIn: 600) { url } } }`;

let gw: ChildGateway;
let google: GoogleSandbox;
let akana: AkanaSandbox;
let roma: RomaSandbox;
let vault = '';

beforeAll(async () => {
  [google, akana, roma] = await Promise.all([startGoogleSandbox(), startAkanaSandbox(), startRomaSandbox()]);
  gw = await startChildGateway({
    GOOGLE_INTEGRATIONS_BASE_URL: google.url,
    GOOGLE_ACCESS_TOKEN: GOOGLE_SANDBOX.token,
    AKANA_BASE_URL: akana.url,
    AKANA_FED_MEMBER_ID: AKANA_FED,
    AKANA_EMAIL: AKANA_SANDBOX.email,
    AKANA_PASSWORD: AKANA_SANDBOX.password,
    ROMA_BASE_URL: roma.url,
    ROMA_AUTH_TOKEN: ROMA_SANDBOX.token,
    ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
    ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
    VAULT_DIR: (vault = mkdtempSync(join(tmpdir(), 'vg-hostile-dl-'))),
    UPSTREAM_RETRIES: '0',
  });
}, 60_000);

afterAll(async () => {
  await gw?.stop();
  await Promise.all([google?.close(), akana?.close(), roma?.close()]);
  if (vault) rmSync(vault, { recursive: true, force: true });
});

afterEach(async () => {
  for (const s of [google, akana, roma]) s.clearFaults();
  akana.gzip = false;
  // Still alive, still serving: give a late unhandled 'error' the time to kill it first.
  await new Promise((r) => setTimeout(r, 300));
  expect(gw.alive(), gw.logs().slice(-2000)).toBe(true);
  expect((await fetch(`${gw.url}/healthz`)).status).toBe(200);
  const ok = await fetch(await googleLink());
  expect(ok.status).toBe(200);
  expect((await ok.arrayBuffer()).byteLength).toBeGreaterThan(0);
  expect(gw.alive()).toBe(true);
});

type Data = Record<string, { download: { url: string } }>;

async function link(query: string, variables: Record<string, unknown>): Promise<string> {
  const res = await gw.query(query, variables);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  const data = res.data as Data;
  return Object.values(data)[0]?.download.url ?? '';
}

const googleLink = () => link(GOOGLE_LINK, { name: version?.name });
const akanaLink = (id: string) => link(AKANA_LINK, { id });
/** A ROMA archive taken into the vault, and its link. */
const romaLink = (size: number) =>
  link(ROMA_LINK, { archiveId: roma.addArchive(randomBytes(size), 'application/octet-stream') });
/** A link to a ROMA archive the gateway has not taken yet (as an old link or a node id would). */
const romaUntaken = (archiveId: string) => untakenRomaLink(gw.url, archiveId);

interface Kind {
  name: string;
  /** A link to a small file. */
  smallLink(): Promise<string>;
  /** A link to a file big or slow enough to leave in the middle of. */
  largeLink(): Promise<string>;
  /** Arms a vendor reset mid-body for the next fetch of the returned link. */
  resetLink(): Promise<string>;
  /** Requests the vendor saw for this kind. */
  vendorCalls(): { aborted: boolean }[];
  /** Served from the gateway's vault (no vendor stream behind a download). */
  vault?: boolean;
}

const kinds: Kind[] = [
  {
    name: 'Google package',
    smallLink: googleLink,
    async largeLink() {
      google.setFault('downloadJsonPackage', { dripBytesPer100ms: 16, times: 1 });
      return googleLink();
    },
    async resetLink() {
      google.setFault('downloadJsonPackage', { resetAfterBytes: 40, times: 1 });
      return googleLink();
    },
    vendorCalls: () => google.calls('downloadJsonPackage'),
  },
  {
    name: 'Akana export',
    smallLink: () => akanaLink(SEED_APP_VERSION),
    largeLink: () => akanaLink(LARGE_APP_VERSION),
    async resetLink() {
      akana.setFault('exportPackage', { resetAfterBytes: 512 * 1024, times: 1 });
      return akanaLink(LARGE_APP_VERSION);
    },
    vendorCalls: () => akana.calls('exportPackage'),
  },
  {
    name: 'Akana export with gzip transfer encoding',
    async smallLink() {
      akana.gzip = true;
      return akanaLink(SEED_APP_VERSION);
    },
    async largeLink() {
      akana.gzip = true;
      return akanaLink(LARGE_APP_VERSION);
    },
    async resetLink() {
      akana.gzip = true;
      akana.setFault('exportPackage', { resetAfterBytes: 256 * 1024, times: 1 });
      return akanaLink(LARGE_APP_VERSION);
    },
    vendorCalls: () => akana.calls('exportPackage'),
  },
  {
    name: 'ROMA archive',
    vault: true,
    smallLink: () => romaLink(64 * 1024),
    largeLink: () => romaLink(8 * 1024 * 1024),
    async resetLink() {
      // ROMA resets while the keeper takes the archive: the link is the first ask.
      const archiveId = roma.addArchive(randomBytes(1024 * 1024), 'application/octet-stream');
      roma.setFault('downloadArchive', { resetAfterBytes: 100 * 1024, times: 1 });
      return romaUntaken(archiveId);
    },
    vendorCalls: () => roma.calls('downloadArchive'),
  },
];

describe.each(kinds)('$name download', (kind) => {
  it('answers HEAD with the headers of GET and no body, and stays up', async () => {
    const url = await kind.smallLink();
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const get = await fetch(url);
    expect(get.status).toBe(200);
    const body = Buffer.from(await get.arrayBuffer());
    for (const h of ['content-type', 'content-disposition', 'content-length', 'cache-control']) {
      expect(head.headers.get(h), h).toBe(get.headers.get(h));
    }
    if (get.headers.get('content-length') !== null) {
      expect(Number(head.headers.get('content-length'))).toBe(body.length);
    }
    // A burst of HEADs (link-preview bots) changes nothing.
    const heads = await Promise.all(Array.from({ length: 5 }, () => fetch(url, { method: 'HEAD' })));
    for (const h of heads) expect(h.status).toBe(200);
  });

  it('survives a caller that leaves mid-download, and ends the vendor request', async () => {
    const url = await kind.largeLink();
    const before = kind.vendorCalls().length;
    const controller = new AbortController();
    const res = await fetch(url, { signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    expect((await reader?.read())?.done).toBe(false); // some bytes arrived: we are mid-body
    controller.abort();
    await reader?.cancel().catch(() => undefined);
    if (!kind.vault) {
      await expect
        .poll(
          () =>
            kind
              .vendorCalls()
              .slice(before)
              .every((c) => c.aborted),
          { timeout: 5000 },
        )
        .toBe(true);
    }
  });

  it('survives a vendor that resets mid-body, and never delivers a cut file as complete', async () => {
    const url = await kind.resetLink();
    const res = await fetch(url);
    if (kind.vault) {
      // The vendor failed before the gateway sent any header (the keeper): a clear JSON error.
      expect(res.status).toBe(502);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UPSTREAM_UNAVAILABLE');
    } else {
      // Headers were out when the vendor failed: the connection is cut, not ended cleanly.
      expect(res.status).toBe(200);
      await expect(res.arrayBuffer()).rejects.toThrow();
    }
  });
});

describe('download links and names', () => {
  it.each(['exp', 'kid', 'sig'])(
    'refuses a link with a repeated %s (403) before any vendor call',
    async (param) => {
      const url = new URL(await googleLink());
      const before = google.calls('downloadJsonPackage').length;
      const value = url.searchParams.get(param) ?? '';
      for (const extra of [value, `${value}0`]) {
        const twice = new URL(url);
        twice.searchParams.append(param, extra);
        const res = await fetch(twice);
        expect(res.status).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
        const head = await fetch(twice, { method: 'HEAD' });
        expect(head.status).toBe(403);
      }
      expect(google.calls('downloadJsonPackage')).toHaveLength(before);
      expect((await fetch(url)).status).toBe(200); // the genuine link still works
    },
  );

  it('strips right-to-left overrides and other invisible characters from vendor file names', async () => {
    // "invoice<RLO>fdp.exe" shows as "invoiceexe.pdf"; with zero-width and bidi marks around it.
    akana.fileName = `x.zip"; filename*=UTF-8''%E2%80%8Binvoice%E2%80%AEfdp%E2%81%A6.exe%EF%BB%BF`;
    try {
      const res = await fetch(await akanaLink(SEED_APP_VERSION));
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      const cd = res.headers.get('content-disposition') ?? '';
      const star = /filename\*=UTF-8''([^;]+)/.exec(cd)?.[1];
      const name = decodeURIComponent(star ?? /filename="([^"]*)"/.exec(cd)?.[1] ?? '');
      expect(name).toMatch(/^invoicefdp\.exe/);
      expect(name).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
      const meta = await gw.query(`query($id: ID!) { appVersionExport(appVersionId: $id) { fileName } }`, {
        id: SEED_APP_VERSION,
      });
      const fileName = (meta.data as { appVersionExport: { fileName: string } }).appVersionExport.fileName;
      expect(fileName).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
    } finally {
      akana.fileName = undefined;
    }
  });
});

describe('the Akana export spool', () => {
  it("reports a failing temporary directory as the gateway's storage, never as Akana", async () => {
    await using local = await startGateway();
    const spool = mkdtempSync(join(tmpdir(), 'vg-hostile-spool-'));
    const notADir = join(spool, 'file');
    writeFileSync(notADir, 'not a directory');
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = join(notADir, 'tmp'); // where the spool would go: cannot be created
    let res: Awaited<ReturnType<typeof local.query>>;
    try {
      res = await local.query(
        `query($id: ID!) { appVersionExport(appVersionId: $id) { entries { path } } }`,
        {
          id: SEED_APP_VERSION,
        },
      );
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(spool, { recursive: true, force: true });
    }
    expect(codes(res)).toEqual(['VAULT_UNAVAILABLE']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'STORAGE_ERROR' });
    expect(res.errors?.[0]?.extensions?.vendor).toBeUndefined();
  });
});
