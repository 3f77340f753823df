/** Per-request Oracle loader: one call per (listing, package) per request, identical asks merged. */
import { ObservedDataLoader } from '../../observability/loaders.js';
import { type Context, requestCache } from '../../graphql/context.js';
import { ORACLE } from './ref.js';
import type { OraclePackage } from './parse.js';

export const oracleLoaders = requestCache((ctx: Context) => ({
  /** Key: `{listingVersionId}/{packageVersionId}`. Oracle has no batch endpoint: calls run in parallel. */
  packages: new ObservedDataLoader<string, OraclePackage | null>('oracle', 'packages', async (keys) => {
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
  }),
}));
