/**
 * Per-request toy loaders, as a real vendor's loaders.ts keeps them: one call per widget id per
 * request, identical asks merged. `served` lets a test see the contexts loaders were made for.
 */
import { type Context, requestCache } from '../../src/graphql/context.js';
import { ObservedDataLoader } from '../../src/observability/loaders.js';
import type { ToyWidget } from './client.js';
import { TOY } from './ref.js';

export const served: Context[] = [];

export const toyLoaders = requestCache((ctx: Context) => {
  served.push(ctx);
  return {
    widgets: new ObservedDataLoader<string, ToyWidget | null>(TOY.key, 'widgets', (ids) => {
      const client = ctx.gateway.vendors.client(TOY);
      return Promise.all(ids.map((id) => client.widget(id, ctx.signal).catch((e: Error) => e)));
    }),
  };
});
