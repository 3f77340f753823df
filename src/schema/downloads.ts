import { principalTag } from '../foundations/auth.js';
import { markUncacheable } from '../http/cache-scope.js';
import { forwardingTag } from '../http/forwarding.js';
import { builder } from '../graphql/builder.js';
import type { Context } from '../graphql/context.js';
import type { SignedUrl as SignedUrlShape } from '../downloads/signer.js';

export const SignedUrl = builder.objectRef<SignedUrlShape>('SignedUrl').implement({
  description:
    'A short-lived link to a file, served by this gateway’s `/downloads/` route. It is a capability: anyone holding it can fetch that one file until it expires.',
  // Federation: a plain value type (url + expiry) that file-serving subgraphs may declare too.
  shareable: true,
  fields: (t) => ({
    url: t.field({
      type: 'URL',
      description: 'Absolute URL on this gateway (see PUBLIC_URL).',
      resolve: (s) => s.url,
    }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'When the link stops working (HTTP 410 after that).',
      resolve: (s) => s.expiresAt,
    }),
  }),
});

export const Downloadable = builder.interfaceRef<unknown>('Downloadable').implement({
  description:
    'An object whose file can be downloaded through a signed URL (files never travel inside GraphQL).',
  fields: (t) => ({
    download: t.field({
      type: SignedUrl,
      description:
        'A signed URL for the file. Makes no vendor call: the file is fetched when the URL is used.',
      args: {
        expiresIn: t.arg.int({
          description: 'Seconds until the link expires (default 300; at most DOWNLOAD_MAX_EXPIRES_IN).',
        }),
      },
      // Each implementing type resolves this with `signedDownload`.
      resolve: () => {
        throw new Error('Downloadable.download must be implemented by the object type');
      },
    }),
  }),
});

/**
 * The shared `download(expiresIn:)` resolver: signs `kind` + the parameters that select the file.
 * With DOWNLOADS_BIND_TO_CALLER the link also carries a tag of the caller, and only the same caller
 * can use it.
 */
export function signedDownload(
  ctx: Context,
  kind: string,
  params: Record<string, string>,
  expiresIn?: number | null,
) {
  const bound: Record<string, string> = ctx.gateway.settings.auth.downloadsBindToCaller
    ? { caller: principalTag(ctx.principal) }
    : {};
  // Files fetched with a caller's own (forwarded) credentials stay that caller's.
  const fwd = forwardingTag();
  if (fwd) bound.fwd = fwd;
  // A link is minted for this moment (its expiry) and caller: never kept by the response cache.
  markUncacheable(ctx.signal);
  return ctx.gateway.signer.sign(kind, { ...params, ...bound }, expiresIn);
}
