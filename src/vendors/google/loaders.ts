/**
 * Per-request Google loader: one `downloadJsonPackage` call per version per request. The file
 * types wanted by every field of the request (`files(types:)`, `integrationVersion`,
 * `integrationConfig`, the typed fields) are merged into one `files=…&files=…` request, or none
 * (= every file) when any field wants them all.
 */
import { ObservedDataLoader } from '../../observability/loaders.js';
import { type Context, requestCache } from '../../graphql/context.js';
import { GOOGLE } from './ref.js';
import {
  FILE_TYPES,
  type FileType,
  type GoogleVersion,
  type PackageFile,
  parseVersionName,
} from './parse.js';

type Want = readonly FileType[] | 'ALL';

interface Fetched {
  covers: Want;
  files: Promise<PackageFile[]>;
}

function covers(have: Want, want: Want): boolean {
  if (have === 'ALL') return true;
  if (want === 'ALL') return FILE_TYPES.every((t) => have.includes(t));
  return want.every((t) => have.includes(t));
}

function merge(a: Want, b: Want): Want {
  if (a === 'ALL' || b === 'ALL') return 'ALL';
  const set = [...new Set([...a, ...b])].sort() as FileType[];
  return set.length === FILE_TYPES.length ? 'ALL' : set;
}

export const googleLoaders = requestCache((ctx: Context) => {
  const fetched = new Map<string, Fetched>();
  const batch = new ObservedDataLoader<{ name: string; want: Want }, PackageFile[], string>(
    'google',
    'batch',
    async (keys) => {
      const client = ctx.gateway.vendors.client(GOOGLE);
      const wantByName = new Map<string, Want>();
      for (const k of keys) {
        const prior = fetched.get(k.name);
        if (prior && covers(prior.covers, k.want)) continue;
        wantByName.set(k.name, merge(wantByName.get(k.name) ?? [], k.want));
      }
      for (const [name, want] of wantByName) {
        const v = parseVersionName(name);
        fetched.set(name, { covers: want, files: client.getPackageFiles(v, want, ctx.signal) });
      }
      return Promise.all(keys.map((k) => (fetched.get(k.name) as Fetched).files.catch((e: Error) => e)));
    },
    { cacheKeyFn: (k) => `${k.name}#${k.want === 'ALL' ? 'ALL' : k.want.join(',')}` },
  );
  /** versions.get per distinct name, in parallel (Google has no batch get): null = not found. */
  const versions = new ObservedDataLoader<string, GoogleVersion | null>(
    'google',
    'versions',
    async (names) => {
      const client = ctx.gateway.vendors.client(GOOGLE);
      return Promise.all(
        names.map((name) => client.getVersion(parseVersionName(name), ctx.signal).catch((e: Error) => e)),
      );
    },
  );
  return {
    /** The package files of `name` that include at least `want`. */
    files: (name: string, want: Want) => batch.load({ name, want }),
    /** The IntegrationVersion (versions.get), or null when Google has none by that name. */
    version: (name: string) => versions.load(name),
    /** A version a list already returned (versions.list items are IntegrationVersion objects): no get. */
    primeVersion: (name: string, version: GoogleVersion) => versions.prime(name, version),
  };
});
