/**
 * Google Application Integration browse fields: `googleIntegrations` (integrations.list) with each
 * integration's `versions`, and `integrationVersions` (versions.list, `integrations/-` = every
 * integration of the region). Relay connections over Google's `pageSize`/`pageToken`: the cursor
 * wraps Google's page token. Listed versions are the same `IntegrationVersion` objects (same id) as
 * `integrationVersion(name:)`: the list items are primed into the versions.get loader, so their
 * typed fields cost no further call; package fields batch through the existing package loader.
 */
import type { ArgBuilder } from '@pothos/core';
import type { DefaultConnectionArguments } from '@pothos/plugin-relay';
import { type BuilderTypes, builder } from '../../graphql/builder.js';
import { FORWARD_ONLY } from '../../schema/forward-only-plugin.js';
import type { Context } from '../../graphql/context.js';
import { BadUserInputError } from '../../foundations/errors.js';
import { GOOGLE } from './ref.js';
import { checkText, tokenArgs, tokenPage, pagedComplexity } from '../paging.js';
import {
  checkParent,
  type GoogleIntegration as GoogleIntegrationItem,
  type GoogleVersion,
  type ListParent,
  parseVersionName,
  type VersionName,
} from './parse.js';
import { googleLoaders } from './loaders.js';
import { IntegrationVersion } from './schema.js';
import {
  type CatalogScopes,
  CatalogItem,
  loadFromList,
  registerListedNodeDoor,
  registerCatalogSource,
  walkPages,
} from '../../schema/catalog-items.js';

const MAX_VERSIONS_PAGE = 1000;

interface ListArgs extends DefaultConnectionArguments {
  filter?: string | null;
  orderBy?: string | null;
}

function parentOf(
  ctx: Context,
  args: { projectId?: string | null; location?: string | null },
  integration?: string,
): ListParent {
  const client = ctx.gateway.vendors.client(GOOGLE);
  const projectId = args.projectId ?? client.defaults.projectId;
  const location = args.location ?? client.defaults.location;
  if (!projectId) throw new BadUserInputError('projectId is required (GOOGLE_PROJECT_ID is not set)');
  if (!location) throw new BadUserInputError('location is required (GOOGLE_LOCATION is not set)');
  return checkParent({ projectId, location, integration });
}

/** versions.list → a page of IntegrationVersion objects, each primed into the versions.get loader. */
async function versionsPage(ctx: Context, parent: ListParent, args: ListArgs) {
  const filter = checkText('filter', args.filter, 1000);
  const orderBy = checkText('orderBy', args.orderBy, 100);
  const req = tokenArgs(args, MAX_VERSIONS_PAGE, JSON.stringify(['versions', parent, filter, orderBy]));
  const client = ctx.gateway.vendors.client(GOOGLE);
  const list = await client.listVersions(parent, { ...req, filter, orderBy }, ctx.signal);
  const loaders = googleLoaders(ctx);
  const nodes: VersionName[] = [];
  for (const item of list.items) {
    let v: VersionName;
    try {
      v = parseVersionName(item.name ?? '');
    } catch {
      continue; // an item without a usable name cannot be looked up again: left out
    }
    loaders.primeVersion(v.name, item);
    nodes.push(v);
  }
  return tokenPage(req, nodes, list.nextPageToken);
}

/** Google's `filter` and `orderBy` arguments of its list calls, sent as they are. */
const filterArgs = (arg: ArgBuilder<BuilderTypes>) => ({
  filter: arg.string({
    description:
      'Google `filter` on IntegrationVersion fields, e.g. `state=ACTIVE AND description:"orders"` (sent as is).',
  }),
  orderBy: arg.string({
    description:
      'Google `orderBy`: `last_modified_time`, `created_time`, `snapshot_number` (descending) or `name`.',
  }),
});

const versionsDescription =
  'Versions of this integration (versions.list, `GET /v1/{parent}/versions`), paged by Google (`pageSize`/`pageToken`; the cursor wraps the page token). The same `IntegrationVersion` objects as `integrationVersion(name:)`; fields the list returned cost no further call.';

/** The parent of the catalog's Google lists: the given scopes, else the settings. */
function catalogParent(ctx: Context, scopes: CatalogScopes, integration?: string): ListParent {
  return parentOf(ctx, { projectId: scopes.googleProjectId, location: scopes.googleLocation }, integration);
}

/** A version name parsed from a key; BAD_USER_INPUT when it is not one. */
const versionScopes = (key: string): CatalogScopes => {
  const v = parseVersionName(key);
  return { googleProjectId: v.projectId, googleLocation: v.location };
};

const integrationsSource = registerCatalogSource<GoogleIntegrationItem>({
  kind: 'GOOGLE_INTEGRATION',
  kindDescription: 'A Google Application Integration integration (`GoogleIntegration`).',
  scopeFields: {
    googleProjectId: 'Google project id (default GOOGLE_PROJECT_ID).',
    googleLocation: 'Google region (default GOOGLE_LOCATION).',
  },
  vendor: GOOGLE.vendor,
  typename: 'GoogleIntegration',
  scope: 'google:read',
  list: (ctx, scopes) => {
    const parent = catalogParent(ctx, scopes);
    const client = ctx.gateway.vendors.client(GOOGLE);
    return walkPages<GoogleIntegrationItem, string>(GOOGLE.vendor, async (pageToken) => {
      const page = await client.listIntegrations(parent, { pageSize: 1000, pageToken }, ctx.signal);
      return { items: page.items, next: page.nextPageToken };
    });
  },
  view: (i) => ({ key: i.name, name: i.name, description: i.description, updatedAt: i.updateTime }),
  scopesOfKey: (key) => {
    const [p, projectId = '', l, location = '', i, integration = '', ...rest] = key.split('/');
    if (p !== 'projects' || l !== 'locations' || i !== 'integrations' || rest.length > 0) {
      throw new BadUserInputError('GoogleIntegration ids are projects/{p}/locations/{l}/integrations/{i}');
    }
    checkParent({ projectId, location, integration });
    return { googleProjectId: projectId, googleLocation: location };
  },
});

/** A listed version: its name, and what versions.list said of it (also primed into versions.get). */
type ListedVersion = VersionName & { listed: GoogleVersion };

registerCatalogSource<ListedVersion>({
  kind: 'GOOGLE_INTEGRATION_VERSION',
  kindDescription: 'A version of a Google integration (`IntegrationVersion`), with a download.',
  scopeFields: {
    googleProjectId: 'Google project id (default GOOGLE_PROJECT_ID).',
    googleLocation: 'Google region (default GOOGLE_LOCATION).',
  },
  vendor: GOOGLE.vendor,
  typename: 'IntegrationVersion',
  scope: 'google:read',
  list: async (ctx, scopes) => {
    const parent = catalogParent(ctx, scopes, '-');
    const client = ctx.gateway.vendors.client(GOOGLE);
    const items = await walkPages<GoogleVersion, string>(GOOGLE.vendor, async (pageToken) => {
      const page = await client.listVersions(parent, { pageSize: 1000, pageToken }, ctx.signal);
      return { items: page.items, next: page.nextPageToken };
    });
    const loaders = googleLoaders(ctx);
    const out: ListedVersion[] = [];
    for (const item of items) {
      try {
        const v = parseVersionName(item.name ?? '');
        loaders.primeVersion(v.name, item);
        out.push({ ...v, listed: item });
      } catch {
        // an item without a usable name cannot be looked up again: left out
      }
    }
    return out;
  },
  view: (v) => ({
    key: v.name,
    name: v.name,
    description: v.listed.description,
    updatedAt: v.listed.updateTime,
  }),
  scopesOfKey: versionScopes,
});

registerListedNodeDoor(integrationsSource);

const GoogleIntegration = builder.node(builder.objectRef<GoogleIntegrationItem>('GoogleIntegration'), {
  description:
    'A Google Application Integration integration (`Integration` of integrations.list): the parent of its versions.',
  interfaces: [CatalogItem],
  id: { resolve: (i) => i.name },
  loadMany: loadFromList(integrationsSource),
  fields: (t) => ({
    name: t.exposeString('name', {
      description: '`name`: `projects/{p}/locations/{l}/integrations/{integration}`.',
    }),
    integration: t.exposeString('integration', { description: 'The `{integration}` segment of the name.' }),
    description: t.exposeString('description', { nullable: true, description: '`description`.' }),
    active: t.exposeBoolean('active', {
      nullable: true,
      description: '`active`: whether a version is published.',
    }),
    creatorEmail: t.exposeString('creatorEmail', { nullable: true, description: '`creatorEmail`.' }),
    lastModifierEmail: t.exposeString('lastModifierEmail', {
      nullable: true,
      description: '`lastModifierEmail`.',
    }),
    createdAt: t.expose('createTime', { type: 'DateTime', nullable: true, description: '`createTime`.' }),
    updatedAt: t.expose('updateTime', { type: 'DateTime', nullable: true, description: '`updateTime`.' }),
    createTime: t.expose('createTime', {
      type: 'DateTime',
      nullable: true,
      description: '`createTime`.',
      deprecationReason: 'use createdAt',
    }),
    updateTime: t.expose('updateTime', {
      type: 'DateTime',
      nullable: true,
      description: '`updateTime`.',
      deprecationReason: 'use updatedAt',
    }),
    raw: t.expose('raw', { type: 'JSONObject', description: 'The item exactly as Google sent it.' }),
    versions: t.connection(
      {
        type: IntegrationVersion,
        nullable: true,
        extensions: FORWARD_ONLY,
        complexity: pagedComplexity(20),
        description: versionsDescription,
        args: {
          ...filterArgs(t.arg),
        },
        resolve: async (i, args, ctx) => {
          const [, projectId = '', , location = '', , integration = ''] = i.name.split('/');
          return (await versionsPage(ctx, checkParent({ projectId, location, integration }), args)) as never;
        },
      },
      { name: 'GoogleIntegrationVersionConnection', description: 'A page of integration versions.' },
      { name: 'GoogleIntegrationVersionEdge', description: 'An integration version and its cursor.' },
    ),
  }),
});

builder.queryFields((t) => ({
  googleIntegrations: t.connection(
    {
      authScopes: { 'google:read': true },
      complexity: pagedComplexity(50),
      extensions: FORWARD_ONLY,
      type: GoogleIntegration,
      nullable: true,
      description:
        'Integrations of a Google project and region (integrations.list, `GET /v1/{parent=projects/*/locations/*}/integrations`), paged by Google (`pageSize`/`pageToken`; the cursor wraps the page token; Google reports no total). A Google failure nulls only this field.',
      args: {
        projectId: t.arg.string({ description: 'Google project id (default GOOGLE_PROJECT_ID).' }),
        location: t.arg.string({ description: 'Region, e.g. `us-central1` (default GOOGLE_LOCATION).' }),
        ...filterArgs(t.arg),
      },
      resolve: async (_root, args, ctx) => {
        const parent = parentOf(ctx, args);
        const filter = checkText('filter', args.filter, 1000);
        const orderBy = checkText('orderBy', args.orderBy, 100);
        const req = tokenArgs(
          args,
          MAX_VERSIONS_PAGE,
          JSON.stringify(['integrations', parent, filter, orderBy]),
        );
        const client = ctx.gateway.vendors.client(GOOGLE);
        const list = await client.listIntegrations(parent, { ...req, filter, orderBy }, ctx.signal);
        return tokenPage(req, list.items, list.nextPageToken) as never;
      },
    },
    { name: 'GoogleIntegrationConnection', description: 'A page of Google integrations.' },
    { name: 'GoogleIntegrationEdge', description: 'A Google integration and its cursor.' },
  ),
  integrationVersions: t.connection(
    {
      authScopes: { 'google:read': true },
      complexity: pagedComplexity(50),
      extensions: FORWARD_ONLY,
      type: IntegrationVersion,
      nullable: true,
      description: `Integration versions of one integration, or of every integration of the region (\`integration\` "-", the default): ${versionsDescription} A Google failure nulls only this field.`,
      args: {
        projectId: t.arg.string({ description: 'Google project id (default GOOGLE_PROJECT_ID).' }),
        location: t.arg.string({ description: 'Region, e.g. `us-central1` (default GOOGLE_LOCATION).' }),
        integration: t.arg.string({
          description: 'The integration, or `-` (default) for every integration.',
        }),
        ...filterArgs(t.arg),
      },
      resolve: async (_root, args, ctx) =>
        (await versionsPage(ctx, parentOf(ctx, args, args.integration ?? '-'), args)) as never,
    },
    { name: 'IntegrationVersionConnection', description: 'A page of integration versions.' },
    { name: 'IntegrationVersionEdge', description: 'An integration version and its cursor.' },
  ),
}));
