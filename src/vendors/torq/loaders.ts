/**
 * Per-request Torq loaders. Torq has one list call and no get-by-id, so every lookup goes through
 * `byType`: one list call per `type_id` scope per request, however many ids or fields ask.
 */
import { ObservedDataLoader } from '../../observability/loaders.js';
import { type Context, requestCache } from '../../graphql/context.js';
import { ForbiddenError } from '../../foundations/errors.js';
import { TORQ } from './ref.js';
import type { TorqIntegration, TorqIntegrations } from './parse.js';

export const torqLoaders = requestCache((ctx: Context) => {
  const client = () => {
    // The last line of the doors' check (Integration has no per-field scope check): no Torq data
    // for a caller without torq:read, whichever field asked.
    if (!ctx.principal.scopes.has('torq:read')) {
      throw new ForbiddenError('Not allowed to read Integration: needs the torq:read scope');
    }
    return ctx.gateway.vendors.client(TORQ);
  };
  /** Key '' = every integration of the workspace. */
  const byType = new ObservedDataLoader<string, TorqIntegrations>('torq', 'byType', async (typeIds) => {
    const torq = client();
    return Promise.all(
      typeIds.map((t) => torq.listIntegrations(t || undefined, ctx.signal).catch((e: Error) => e)),
    );
  });
  const byId = new ObservedDataLoader<string, TorqIntegration | null>('torq', 'byId', async (ids) => {
    const all = await byType.load('');
    return ids.map((id) => all.find(id));
  });
  return { byType, byId };
});
