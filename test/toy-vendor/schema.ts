/** The toy vendor's GraphQL: a two-field type (`id`, `name`), downloadable, and one root field. */
import { builder } from '../../src/graphql/builder.js';
import { type Context, requestCache } from '../../src/graphql/context.js';
import { Downloadable, SignedUrl, signedDownload } from '../../src/schema/downloads.js';
import type { ToyClient, ToyWidget as ToyWidgetShape } from './client.js';
import { TOY, TOY_FILE_KIND } from './ref.js';

const ToyWidget = builder.objectRef<ToyWidgetShape>('ToyWidget').implement({
  description: 'A widget of the toy vendor (a test of the vendor module contract).',
  interfaces: [Downloadable],
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Its id.' }),
    name: t.exposeString('name', { description: 'Its name.' }),
    download: t.field({
      type: SignedUrl,
      description: 'A signed URL for the widget’s file.',
      args: { expiresIn: t.arg.int({ description: 'Seconds until the link expires.' }) },
      resolve: (w, args, ctx) => signedDownload(ctx, TOY_FILE_KIND, { id: w.id }, args.expiresIn),
    }),
  }),
});

/** Per-request lookups, as a real vendor's loaders.ts keeps them; `served` lets a test see the contexts. */
export const served: Context[] = [];
export const toyLoaders = requestCache((ctx: Context) => {
  served.push(ctx);
  const seen = new Map<string, ReturnType<ToyClient['widget']>>();
  return {
    widget: (id: string) => {
      let p = seen.get(id);
      if (!p) seen.set(id, (p = ctx.gateway.vendors.client(TOY).widget(id, ctx.signal)));
      return p;
    },
  };
});

builder.queryField('toyWidget', (t) =>
  t.field({
    type: ToyWidget,
    nullable: true,
    complexity: 50,
    description: 'A toy widget by id; null when the toy vendor has none.',
    args: { id: t.arg.id({ required: true, description: 'The widget id.' }) },
    resolve: (_root, args, ctx) => toyLoaders(ctx).widget(String(args.id)),
  }),
);
