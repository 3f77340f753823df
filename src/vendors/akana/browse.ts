/**
 * Akana browse fields: `akanaApps` (`GET /api/users/{UserID}/apps`, Akana's `start`/`count` paging,
 * the cursor being the `start` index), each app's `versions` (`GET /api/apps/{AppID}/versions`, not
 * paged by Akana) and each version's `export` — the same `AppVersionExport` as
 * `appVersionExport(...)`, with no existence call of its own since Akana just listed the version.
 */
import { builder } from '../../graphql/builder.js';
import { FORWARD_ONLY } from '../../schema/forward-only-plugin.js';
import { BadUserInputError } from '../../foundations/errors.js';
import { AKANA } from './ref.js';
import { akanaLoaders } from './loaders.js';
import { arrayConnection, checkConnectionArgs } from '../../schema/connections.js';
import { offsetArgs, offsetPage, pagedComplexity } from '../paging.js';
import { type ChannelItem, checkAkanaId, type ExportOptions, NO_OPTIONS } from './parse.js';
import { checkPkiAllowed } from './downloads.js';
import { AppVersionExport, exportRef } from './schema.js';
import {
  CatalogItem,
  loadFromList,
  registerCatalogSource,
  registerListedNodeDoor,
  walkPages,
} from '../../schema/catalog-items.js';

const AkanaAppVersion = builder.objectRef<ChannelItem>('AkanaAppVersion').implement({
  description: 'A version of an Akana app (an item of `GET /api/apps/{AppID}/versions`).',
  fields: (t) => ({
    appVersionId: t.exposeID('guid', { description: 'Akana `AppVersionID` (the item’s `guid`).' }),
    name: t.exposeString('title', { nullable: true, description: 'The version name (`title`).' }),
    description: t.exposeString('description', { nullable: true, description: '`description`.' }),
    export: t.field({
      type: AppVersionExport,
      description:
        'This version’s export (the same object as `appVersionExport(appVersionId:, options:)`), ready for `download`. PKI options need the akana:pki scope and AKANA_ALLOW_PKI_EXPORT, checked before any call.',
      args: {
        includeApiConnections: t.arg.boolean({ description: '`migration.export.include.api.connections`.' }),
        includeAppTeam: t.arg.boolean({ description: '`migration.export.include.app.team`.' }),
        includeAppPki: t.arg.boolean({ description: '`migration.app.pki.export`.' }),
        includeApiPki: t.arg.boolean({ description: '`migration.pki.export`.' }),
      },
      resolve: (v, args, ctx) => {
        const options: ExportOptions = { ...NO_OPTIONS };
        for (const k of Object.keys(NO_OPTIONS) as (keyof ExportOptions)[]) options[k] = args[k] === true;
        checkPkiAllowed(options, ctx, v.guid);
        return exportRef(v.guid, options);
      },
    }),
    raw: t.expose('raw', { type: 'JSONObject', description: 'The channel item as Akana sent it.' }),
  }),
});

/** A listed app and the user whose list it came from (its global id carries both). */
type UserApp = ChannelItem & { userId: string };

function userOf(client: { userId: string | undefined }, given: string | null | undefined): string {
  const userId = given ?? client.userId;
  if (!userId) throw new BadUserInputError('userId is required (AKANA_USER_ID is not set)');
  checkAkanaId('userId', userId);
  return userId;
}

const appsSource = registerCatalogSource<UserApp>({
  kind: 'AKANA_APP',
  kindDescription: 'An Akana app (`AkanaApp`).',
  scopeFields: { akanaUserId: 'Akana `UserID` whose apps are listed (default AKANA_USER_ID).' },
  vendor: AKANA.vendor,
  typename: 'AkanaApp',
  scope: 'akana:export',
  list: (ctx, scopes) => {
    const client = ctx.gateway.vendors.client(AKANA);
    const userId = userOf(client, scopes.akanaUserId);
    const count = 100;
    return walkPages<UserApp, number>(AKANA.vendor, async (start = 0) => {
      const items = await client.listUserApps(userId, { start, count }, ctx.signal);
      return {
        items: items.map((i) => ({ ...i, userId })),
        next: items.length >= count ? start + items.length : undefined,
      };
    });
  },
  view: (a) => ({
    key: `${a.userId}/${a.guid}`,
    name: a.title,
    description: a.description,
    updatedAt: a.pubDate,
  }),
  scopesOfKey: (key) => {
    const [userId = '', appId = '', ...rest] = key.split('/');
    if (rest.length > 0) throw new BadUserInputError('AkanaApp ids are {UserID}/{AppID}');
    checkAkanaId('userId', userId);
    checkAkanaId('appId', appId);
    return { akanaUserId: userId };
  },
});

registerListedNodeDoor(appsSource);

const AkanaApp = builder.node(builder.objectRef<UserApp>('AkanaApp'), {
  interfaces: [CatalogItem],
  id: { resolve: (a) => `${a.userId}/${a.guid}` },
  loadMany: loadFromList(appsSource),
  description: 'An Akana app the user is on the team of (an item of `GET /api/users/{UserID}/apps`).',
  fields: (t) => ({
    appId: t.exposeID('guid', { description: 'Akana `AppID` (the item’s `guid`).' }),
    name: t.exposeString('title', { nullable: true, description: 'The app name (`title`).' }),
    description: t.exposeString('description', { nullable: true, description: '`description`.' }),
    updatedAt: t.expose('pubDate', {
      type: 'DateTime',
      nullable: true,
      description: '`pubDate`: when Akana last published the app’s channel item.',
    }),
    pubDate: t.expose('pubDate', {
      type: 'DateTime',
      nullable: true,
      description: '`pubDate`.',
      deprecationReason: 'use updatedAt',
    }),
    raw: t.expose('raw', { type: 'JSONObject', description: 'The channel item as Akana sent it.' }),
    versions: t.connection(
      {
        type: AkanaAppVersion,
        nullable: true,
        complexity: pagedComplexity(20),
        description:
          'The app’s versions (`GET /api/apps/{AppID}/versions`; Akana does not page it: the gateway does).',
        resolve: async (a, args, ctx) => {
          checkConnectionArgs(args);
          checkAkanaId('appId', a.guid);
          return arrayConnection(args, await akanaLoaders(ctx).appVersionLists.load(a.guid));
        },
      },
      { name: 'AkanaAppVersionConnection', description: 'A page of an Akana app’s versions.' },
      { name: 'AkanaAppVersionEdge', description: 'An Akana app version and its cursor.' },
    ),
  }),
});

builder.queryField('akanaApps', (t) =>
  t.connection(
    {
      authScopes: { 'akana:export': true },
      complexity: pagedComplexity(50),
      extensions: FORWARD_ONLY,
      type: AkanaApp,
      nullable: true,
      description:
        'Akana apps whose team the user is on (`GET /api/users/{UserID}/apps`), paged by Akana (`start`/`count`; the cursor is the index). Akana reports no total. An Akana failure nulls only this field.',
      args: {
        userId: t.arg.id({ description: 'Akana `UserID` (`{id}.{fedmemberid}`; default AKANA_USER_ID).' }),
      },
      resolve: async (_root, args, ctx) => {
        const client = ctx.gateway.vendors.client(AKANA);
        const userId = userOf(client, args.userId == null ? null : String(args.userId));
        const { offset, limit } = offsetArgs(args);
        const items = await client.listUserApps(userId, { start: offset, count: limit }, ctx.signal);
        return offsetPage(
          offset,
          limit,
          items.map((i) => ({ ...i, userId })),
          null,
        ) as never;
      },
    },
    { name: 'AkanaAppConnection', description: 'A page of Akana apps.' },
    { name: 'AkanaAppEdge', description: 'An Akana app and its cursor.' },
  ),
);
