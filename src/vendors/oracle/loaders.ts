/**
 * Per-request Oracle loaders: one call per (listing, package) and one per listing's package list
 * per request, identical asks merged. A listed package is primed into `packages`: its fields cost
 * no further call.
 */
import { ObservedDataLoader } from '../../observability/loaders.js';
import { type Context, requestCache } from '../../graphql/context.js';
import { ORACLE } from './ref.js';
import type { OraclePackage } from './parse.js';

/** A package of a listing's list and its key, `{listingVersionId}/{packageVersionId}`. */
export interface ListedPackage {
  key: string;
  pkg: OraclePackage;
}

export const oracleLoaders = requestCache((ctx: Context) => {
  /** Key: `{listingVersionId}/{packageVersionId}`. Oracle has no batch endpoint: calls run in parallel. */
  const packages = new ObservedDataLoader<string, OraclePackage | null>(
    'oracle',
    'packages',
    async (keys) => {
      const client = ctx.gateway.vendors.client(ORACLE);
      return Promise.all(
        keys.map(async (key) => {
          const [listing = '', pkg = ''] = key.split('/');
          try {
            return await client.getPackageVersion(listing, pkg, ctx.signal);
          } catch (err) {
            if ((err as { code?: string }).code === 'NOT_FOUND') return null;
            return err as Error;
          }
        }),
      );
    },
  );
  /** The packages of each listing: one call per listing, all listings of a page in one batch. */
  const listingPackages = new ObservedDataLoader<string, ListedPackage[]>(
    'oracle',
    'listingPackages',
    async (listings) => {
      const client = ctx.gateway.vendors.client(ORACLE);
      return Promise.all(
        listings.map(async (listing) => {
          try {
            const list = await client.listPackages(listing, ctx.signal);
            return list.map((p) => {
              // A package without `id` (the documented schema does not require it) is still listed;
              // its node id then names no package version and cannot be looked up again.
              const key = `${p.listingVersionId ?? listing}/${p.id ?? ''}`;
              packages.prime(key, p);
              return { key, pkg: p };
            });
          } catch (err) {
            return err as Error;
          }
        }),
      );
    },
  );
  return { packages, listingPackages };
});
