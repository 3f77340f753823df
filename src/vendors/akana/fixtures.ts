/**
 * Akana exports generated in code: real zips with `exportproperties.properties`, `objectdata.xml`
 * and `objectgraph.xml` whose contents follow the export options, plus a ≥ 200 MB export made on
 * the fly for memory and throughput tests. Entries carry a fixed mtime, so the same request always
 * yields the same bytes.
 */
import type { SandboxProbe } from '../types.js';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import type { ExportOptions } from './parse.js';

export const AKANA_FED = 'acmepaymentscorp';
export const SEED_APP_VERSION = `6CYql2jSyfK9vaGZrvNkb7Am.${AKANA_FED}`;
export const LARGE_APP_VERSION = `large-export.${AKANA_FED}`;
export const LARGE_EXPORT_BYTES = 200 * 1024 * 1024 + 12_345;
/** An export whose zip lists many small entries (a big table of contents, a small file). */
export const MANY_ENTRIES_APP_VERSION = `many-entries.${AKANA_FED}`;
export const MANY_ENTRIES = 2000;
/** The app versions the emulator serves besides AKANA_APP_VERSIONS (not listed by any app). */
export const EXTRA_APP_VERSIONS: readonly string[] = [LARGE_APP_VERSION, MANY_ENTRIES_APP_VERSION];

export const AKANA_APP_VERSIONS: { id: string; app: string; version: string }[] = [
  { id: SEED_APP_VERSION, app: 'Acme Payments Mobile', version: '1.0' },
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `app${String(i + 1).padStart(3, '0')}v${(i % 3) + 1}.${AKANA_FED}`,
    app: `Partner App ${i + 1}`,
    version: `${(i % 3) + 1}.0`,
  })),
  // Apps with two versions each, so the app list has more than one page by default.
  ...Array.from({ length: 14 }, (_, i) =>
    [1, 2].map((v) => ({
      id: `teamapp${String(i + 1).padStart(2, '0')}v${v}.${AKANA_FED}`,
      app: `Team App ${i + 1}`,
      version: `${v}.0`,
    })),
  ).flat(),
];

/** The app of an app version id (`app001v1.fed` → `app001.fed`), as the emulator derives it. */
export const akanaAppIdOf = (appVersionId: string) => appVersionId.replace(/v\d+(?=\.)/, '');

const MTIME = new Date('2024-01-15T10:00:00Z');

export function exportProperties(appVersionId: string, o: ExportOptions): string {
  const app = AKANA_APP_VERSIONS.find((a) => a.id === appVersionId);
  return [
    '# Akana API Platform export',
    `exportVersion=current`,
    `export.type=appversion`,
    `appversion.id=${appVersionId}`,
    `app.name=${app?.app ?? 'Large export'}`,
    `app.version=${app?.version ?? '1.0'}`,
    `migration.app.pki.export=${o.includeAppPki}`,
    `migration.pki.export=${o.includeApiPki}`,
    `migration.export.include.api.connections=${o.includeApiConnections}`,
    `migration.export.include.app.team=${o.includeAppTeam}`,
    'tenant.name=Acme Payments\\u00ae Corp',
    '',
  ].join('\n');
}

function objectData(appVersionId: string, o: ExportOptions): string {
  const parts = [`<appVersion id="${appVersionId}"/>`];
  if (o.includeApiConnections) parts.push('<contract id="contract-1" api="payments-api"/>');
  if (o.includeAppTeam) parts.push('<teamMember user="alice@acmepaymentscorp.example" role="admin"/>');
  if (o.includeAppPki) parts.push('<appPki alias="app-key"/>');
  if (o.includeApiPki) parts.push('<apiPki alias="api-key"/>');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<objects>\n  ${parts.join('\n  ')}\n</objects>\n`;
}

function objectGraph(appVersionId: string, o: ExportOptions): string {
  const edges = [`<node id="${appVersionId}" type="appversion"/>`];
  if (o.includeApiConnections) edges.push(`<edge from="${appVersionId}" to="contract-1"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<graph>\n  ${edges.join('\n  ')}\n</graph>\n`;
}

/** Pseudo-random but cheap filler so the large export does not compress to nothing. */
function filler(size: number): Readable {
  const block = Buffer.alloc(64 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const n = Math.min(left, block.length);
      left -= n;
      this.push(n === block.length ? block : block.subarray(0, n));
    },
  });
}

/**
 * The export zip as a stream, and its size when known in advance (-1 otherwise). The large export
 * stores entries uncompressed so its length is known and can be sent as Content-Length.
 */
export function exportZip(
  appVersionId: string,
  o: ExportOptions,
): { stream: Readable; size: Promise<number> } {
  const zip = new yazl.ZipFile();
  // Stored, not deflated: the large export's length is known in advance, and many entries are cheap.
  const compress = !EXTRA_APP_VERSIONS.includes(appVersionId);
  const add = (name: string, text: string) =>
    zip.addBuffer(Buffer.from(text, 'utf8'), name, { mtime: MTIME, compress });
  add('exportproperties.properties', exportProperties(appVersionId, o));
  add('objectdata.xml', objectData(appVersionId, o));
  add('objectgraph.xml', objectGraph(appVersionId, o));
  if (o.includeAppPki)
    add(
      'pki/app-key.pem',
      '-----BEGIN PRIVATE KEY-----\nsandbox-not-a-real-key\n-----END PRIVATE KEY-----\n',
    );
  if (appVersionId === MANY_ENTRIES_APP_VERSION) {
    for (let i = 0; i < MANY_ENTRIES; i++)
      add(`attachments/part-${String(i).padStart(5, '0')}.txt`, `${i}\n`);
  }
  if (appVersionId === LARGE_APP_VERSION) {
    zip.addReadStreamLazy(
      'attachments/large.bin',
      { mtime: MTIME, compress: false, size: LARGE_EXPORT_BYTES },
      (cb) => cb(null, filler(LARGE_EXPORT_BYTES)),
    );
  }
  // @types/yazl omits the callback's argument: the final size, or -1 when compression makes it unknown.
  const end = zip.end.bind(zip) as unknown as (o: object, cb: (finalSize: number) => void) => void;
  const size = new Promise<number>((resolve) => end({}, resolve));
  return { stream: zip.outputStream as unknown as Readable, size };
}

/** The sandbox probe (SandboxProbe): the seed app version's export, an archive. */
export function sandboxProbe(): SandboxProbe {
  return {
    route: 'exportPackage',
    select: `appVersionExport(appVersionId: "${SEED_APP_VERSION}") { entries { path } }`,
    field: ['appVersionExport', 'entries'],
    kind: 'zip',
    firstRoute: 'getAppVersion',
    // The app version is shown only as sent: anything but a JSON object is misshapen.
    misshapen: { route: 'getAppVersion', body: ['secret-ish'], field: '(body)' },
  };
}
