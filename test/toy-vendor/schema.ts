/**
 * The toy vendor's GraphQL: `ToyWidget`, a Node (global id, `node(id:)`, `nodes(ids:)`) with a
 * download, loaded through its per-request loaders, and one root field. Every door checks `toy:read`.
 */
import { BadUserInputError } from '../../src/foundations/errors.js';
import { builder } from '../../src/graphql/builder.js';
import { Downloadable, SignedUrl, signedDownload } from '../../src/schema/downloads.js';
import { registerNodeDoor } from '../../src/schema/nodes.js';
import type { ToyWidget as ToyWidgetShape } from './client.js';
import { toyLoaders } from './loaders.js';
import { TOY_FILE_KIND } from './ref.js';
import { TOY_READ } from './settings.js';

const WIDGET_ID = /^[A-Za-z0-9_-]{1,64}$/;

function checkWidgetId(id: string): string {
  if (!WIDGET_ID.test(id)) throw new BadUserInputError('a toy widget id is 1-64 letters, digits, "_" or "-"');
  return id;
}

export const ToyWidget = builder.loadableNode('ToyWidget', {
  authScopes: { [TOY_READ]: true },
  description: 'A widget of the toy vendor (a test of the vendor module contract).',
  interfaces: [Downloadable],
  id: { resolve: (w: ToyWidgetShape) => w.id },
  load: (ids: string[], ctx) => toyLoaders(ctx).widgets.loadMany(ids),
  fields: (t) => ({
    widgetId: t.exposeID('id', { description: 'Its id at the toy vendor.' }),
    name: t.exposeString('name', { description: 'Its name.' }),
    download: t.field({
      type: SignedUrl,
      description: 'A signed URL for the widget’s file.',
      args: { expiresIn: t.arg.int({ description: 'Seconds until the link expires.' }) },
      resolve: (w, args, ctx) => signedDownload(ctx, TOY_FILE_KIND, { id: w.id }, args.expiresIn),
    }),
  }),
});

// The one door of node(id) and nodes(ids): the scope, then the id's syntax.
registerNodeDoor('ToyWidget', { scope: TOY_READ, check: checkWidgetId });

builder.queryField('toyWidget', (t) =>
  t.field({
    authScopes: { [TOY_READ]: true },
    type: ToyWidget,
    nullable: true,
    complexity: 50,
    description: 'A toy widget by id; null when the toy vendor has none.',
    args: { id: t.arg.id({ required: true, description: 'The widget id.' }) },
    resolve: (_root, args) => checkWidgetId(String(args.id)),
  }),
);
