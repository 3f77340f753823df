/** Torq: the `Integration` type, `integrations` (a connection) and `integration(id:)`. */
import { builder } from '../../graphql/builder.js';
import { REFRESH_ARG_DESCRIPTION } from '../../graphql/cache-plugin.js';
import { BadUserInputError } from '../../foundations/errors.js';
import { arrayConnection, checkConnectionArgs } from '../../schema/connections.js';
import { checkText } from '../paging.js';
import { federateEntity, keyField } from '../../schema/federation.js';
import { registerNodeDoor } from '../../schema/nodes.js';
import type { TorqIntegration } from './parse.js';
import { torqLoaders } from './loaders.js';
import { TORQ } from './ref.js';
import { CatalogItem, registerCatalogSource } from '../../schema/catalog-items.js';

const SharingDirection = builder.enumType('SharingDirection', {
  description: 'Which way a Torq resource is shared (`sharing_data.direction`).',
  values: {
    NOT_SHARED: { value: 'not_shared', description: "`not_shared`: the resource isn't shared." },
    INCOMING: { value: 'incoming', description: '`incoming`: shared with this workspace by another one.' },
    OUTGOING: { value: 'outgoing', description: '`outgoing`: shared from this workspace to others.' },
  } as const,
});

const Sharing = builder.objectRef<TorqIntegration['sharing']>('Sharing').implement({
  description: 'How a Torq integration is shared across workspaces (`sharing_data`).',
  fields: (t) => ({
    direction: t.expose('direction', {
      type: SharingDirection,
      description: '`sharing_data.direction`; `NOT_SHARED` when Torq omits it (its documented default).',
    }),
    workspaceIds: t.exposeStringList('workspaceIds', {
      description:
        '`sharing_data.workspace_ids`: the source workspace when INCOMING, the destination workspaces when OUTGOING.',
    }),
  }),
});

export const Integration = builder.loadableNode('Integration', {
  // No type-level `authScopes`: Pothos would wrap each of its fields in a scope check, and
  // graphql-jit then calls a resolver per field (×73 on a page) instead of reading a property:
  // about a third of a list request's CPU. The same scope is checked once at every door instead
  // (`integrations`, `integration`, node/nodes/_entities via registerNodeDoor), and again by
  // torqLoaders before any Torq call; test/unit/schema.test.ts fails when a new field can return
  // an Integration.
  description: 'A Torq integration (`v1alphaIntegration` of `GET /v1alpha/integrations`).',
  interfaces: [CatalogItem],
  id: { resolve: (i: TorqIntegration) => i.id.toLowerCase() },
  load: (ids: string[], ctx) => torqLoaders(ctx).byId.loadMany(ids) as Promise<(TorqIntegration | Error)[]>,
  fields: (t) => ({
    integrationId: t.expose('id', { type: 'UUID', description: 'Torq `id`: the integration UUID.' }),
    name: t.exposeString('name', {
      nullable: true,
      description:
        'Torq `name`: derived from the display name, lowercased, special characters as underscores. Null when Torq sends none (the field is optional in its schema).',
    }),
    displayName: t.exposeString('displayName', {
      nullable: true,
      description: 'Torq `display_name`: the name shown in the Torq UI.',
    }),
    typeId: t.exposeString('typeId', {
      nullable: true,
      description: 'Torq `type_id`: the integration type (e.g. `webhook`).',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', nullable: true, description: 'Torq `created_at`.' }),
    createdBy: t.exposeString('createdBy', {
      nullable: true,
      description:
        'Torq `created_by`: email of the creator (or of the API key owner when created automatically).',
    }),
    lastUsedAt: t.expose('lastUsedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'Torq `last_used_at`.',
    }),
    webhookUrl: t.expose('webhookUrl', {
      type: 'URL',
      nullable: true,
      description: 'Torq `details.trigger.webhook_url`: the trigger endpoint, when the integration has one.',
    }),
    sharing: t.expose('sharing', { type: Sharing, description: 'Torq `sharing_data`.' }),
    raw: t.expose('raw', {
      type: 'JSONObject',
      description: 'The item exactly as Torq sent it (fields the typed schema does not cover yet).',
    }),
  }),
});

// The catalog lists the workspace's integrations; Torq reports no update time, so `updatedAt` is `created_at`.
registerCatalogSource<TorqIntegration>({
  kind: 'TORQ_INTEGRATION',
  kindDescription: 'A Torq integration (`Integration`).',
  vendor: TORQ.vendor,
  typename: 'Integration',
  scope: 'torq:read',
  list: async (ctx) => (await torqLoaders(ctx).byType.load('')).slice(),
  view: (i) => ({ key: i.id.toLowerCase(), name: i.name, description: null, updatedAt: i.createdAt }),
  scopesOfKey: () => ({}),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The one door of node(id), nodes(ids) and _entities: scope, then a UUID key.
registerNodeDoor('Integration', {
  scope: 'torq:read',
  check: (key) => {
    if (!UUID.test(key)) throw new BadUserInputError('Integration.integrationId must be a UUID');
    return key.toLowerCase();
  },
});

// Federation: other subgraphs reference an integration by its Torq id.
federateEntity(Integration, {
  key: builder.selection<{ integrationId: string }>('integrationId'),
  nativeKey: (rep) => keyField(rep, 'integrationId'),
  load: (key, ctx) => Integration.getDataloader(ctx).load(key),
});

const TYPE_ID = /^[A-Za-z0-9_.-]{1,128}$/;

const TypeIdFacet = builder.objectRef<{ typeId: string; count: number }>('IntegrationTypeFacet').implement({
  description: 'One Torq `type_id` among the listed integrations and how many have it.',
  fields: (t) => ({
    typeId: t.exposeString('typeId', { description: 'Torq `type_id`.' }),
    count: t.exposeInt('count', { description: 'How many of the matching integrations have it.' }),
  }),
});

builder.queryFields((t) => ({
  integrations: t.connection(
    {
      authScopes: { 'torq:read': true },
      complexity: 50,
      type: Integration,
      // Nullable on purpose: a Torq failure must null only this field, not the whole response.
      nullable: true,
      description:
        'Torq integrations of the workspace, optionally of one type (`GET /v1alpha/integrations?type_id=`). Torq itself does not paginate or search this list: it answers every integration in one response, and the gateway pages it (`first`/`after`), filters it by `search`, and counts `typeIds`.',
      args: {
        typeId: t.arg.string({
          description: 'Torq `type_id`: only integrations of this type (e.g. `webhook`), filtered by Torq.',
        }),
        search: t.arg.string({
          description:
            'Only integrations whose `name` or `display_name` contains this text (case-insensitive), filtered by the gateway: Torq has no such parameter.',
        }),
        refresh: t.arg.boolean({ description: REFRESH_ARG_DESCRIPTION }),
      },
      resolve: async (_root, args, ctx) => {
        if (args.typeId != null && !TYPE_ID.test(args.typeId)) {
          throw new BadUserInputError('typeId must be 1-128 letters, digits, ".", "_" or "-"');
        }
        // The one check of every free-text list filter (DEL included, like every other control character).
        checkText('search', args.search, 128);
        checkConnectionArgs(args);
        const all = await torqLoaders(ctx).byType.load(args.typeId ?? '');
        // The list is compact (list.ts): a page reads only its items, `search` only the names.
        const needle = args.search?.toLowerCase();
        const list = needle ? all.search(needle) : all;
        const typeIds = [...list.typeCounts()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([typeId, count]) => ({ typeId, count }));
        return Object.assign(arrayConnection(args, list), { totalCount: list.length, typeIds });
      },
    },
    {
      name: 'IntegrationConnection',
      description: 'A page of Torq integrations.',
      fields: (c) => ({
        totalCount: c.int({
          description:
            'How many integrations match (`typeId` and `search`), over all pages (counted by the gateway).',
          resolve: (p) => (p as unknown as { totalCount: number }).totalCount,
        }),
        typeIds: c.field({
          type: [TypeIdFacet],
          description:
            'The `type_id`s of the matching integrations, with how many of each, over all pages (computed by the gateway).',
          resolve: (p) => (p as unknown as { typeIds: { typeId: string; count: number }[] }).typeIds,
        }),
      }),
    },
    { name: 'IntegrationEdge', description: 'A Torq integration and its cursor.' },
  ),
  integration: t.field({
    authScopes: { 'torq:read': true },
    complexity: 20,
    type: Integration,
    nullable: true,
    description: 'One Torq integration by its UUID; null when the workspace has none with that id.',
    args: {
      id: t.arg({ type: 'UUID', required: true, description: 'Torq integration `id` (a UUID).' }),
      refresh: t.arg.boolean({ description: REFRESH_ARG_DESCRIPTION }),
    },
    resolve: (_root, args) => args.id.toLowerCase(),
  }),
}));
