/** Oracle Cloud Marketplace: `PackageVersion` (every field of the vendor's example, in camelCase). */
import { builder } from '../../graphql/builder.js';
import { BadUserInputError } from '../../foundations/errors.js';
import { federateEntity, keyField } from '../../schema/federation.js';
import { registerNodeDoor } from '../../schema/nodes.js';
import { vendorEnum } from '../../schema/conventions.js';
import { REFRESH_ARG_DESCRIPTION } from '../../graphql/cache-plugin.js';
import { checkNumericId, type OraclePackage } from './parse.js';
import { maskJson } from '../masking.js';
import { oracleLoaders } from './loaders.js';
import {
  AccessUrl,
  auditUnmask,
  DependentService,
  Link,
  PackageAction,
  PackageOperation,
  PackageResource,
} from './schema-parts.js';

type Keyed = OraclePackage & { _key?: string };

/** Oracle's package version states, as the publisher API reports them. */
const PackageStatus = vendorEnum('PackageVersionStatus', {
  description: 'Where an Oracle package version stands (`status`, or `status.code`).',
  values: {
    NEW: 'Created, not yet validated.',
    VALIDATION_IN_PROGRESS: 'Oracle is validating the package.',
    VALIDATION_SUCCEEDED: 'Validated: ready to publish.',
    VALIDATION_FAILED: 'Validation failed.',
    PUBLISHED: 'Published on the Marketplace.',
  },
  other: 'OTHER',
});

export const PackageVersion = builder.loadableNode('PackageVersion', {
  authScopes: { 'oracle:read': true },
  description:
    'An Oracle Cloud Marketplace package version (`GET /appstore/publisher/v1/applications/{listingVersionId}/packages/{packageVersionId}`).',
  id: { resolve: (p: Keyed) => p._key ?? `${p.listingVersionId}/${p.id}` },
  load: async (keys: string[], ctx) => {
    const loaded = await oracleLoaders(ctx).packages.loadMany(keys);
    // A shallow copy per request carries the key asked for; the parsed (shared) object is untouched.
    return loaded.map((p, i) => (p && !(p instanceof Error) ? { ...p, _key: keys[i] } : p)) as (
      Keyed | Error
    )[];
  },
  fields: (t) => ({
    packageVersionId: t.id({
      description: 'Oracle `id` of the package version.',
      resolve: (p) => p.id ?? '',
    }),
    listingVersionId: t.id({ description: '`listingVersionId`.', resolve: (p) => p.listingVersionId ?? '' }),
    name: t.exposeString('name', { nullable: true, description: '`name`.' }),
    description: t.exposeString('description', { nullable: true, description: '`description`.' }),
    version: t.exposeString('version', { nullable: true, description: '`version`.' }),
    type: t.exposeString('type', { nullable: true, description: '`type` (MANAGED, UNMANAGED).' }),
    namespacePrefix: t.exposeString('namespacePrefix', { nullable: true, description: '`namespacePrefix`.' }),
    displayName: t.exposeString('displayName', {
      nullable: true,
      description: '`displayName` (null when empty).',
    }),
    listingImageUrl: t.expose('listingImageURL', {
      type: 'URL',
      nullable: true,
      description: '`listingImageURL`.',
    }),
    status: t.field({
      type: PackageStatus.ref,
      nullable: true,
      description:
        '`status` (API v1) or `status.code` (v2) as an enum; OTHER for a value this gateway does not know.',
      resolve: (p) => PackageStatus.of(p.statusCode),
    }),
    vendorStatus: t.exposeString('statusCode', {
      nullable: true,
      description: '`status`: the string of API v1, or `status.code` of v2, exactly as Oracle sent it.',
    }),
    statusDisplayName: t.exposeString('statusDisplayName', {
      nullable: true,
      description: '`status.displayName` (API v2 only).',
    }),
    dependentServices: t.expose('dependentServices', {
      type: [DependentService],
      description: '`dependentServices`.',
    }),
    actions: t.expose('actions', { type: [PackageAction], description: '`actions`.' }),
    operations: t.expose('operations', { type: [PackageOperation], description: '`operations`.' }),
    accessUrls: t.expose('accessURLs', { type: [AccessUrl], description: '`accessURLs`.' }),
    links: t.expose('links', { type: [Link], description: '`links`.' }),
    code: t.exposeString('code', { nullable: true, description: '`code`.' }),
    deploymentMode: t.exposeString('deploymentMode', { nullable: true, description: '`deploymentMode`.' }),
    owner: t.exposeString('owner', { nullable: true, description: '`owner`.' }),
    partnerName: t.exposeString('partnerName', { nullable: true, description: '`partnerName`.' }),
    resources: t.expose('resources', {
      type: [PackageResource],
      description: '`resources` (Oracle `Resource` objects).',
    }),
    downloadablePackageResource: t.expose('downloadablePackageResource', {
      type: PackageResource,
      nullable: true,
      description: '`downloadablePackageResource`: the package file itself (Oracle `Resource`).',
    }),
    raw: t.field({
      type: 'JSONObject',
      description:
        'The package version exactly as Oracle sent it, with the same masking as the typed fields (secret values are `********` unless the caller has `secrets:read`; unmasking is audited).',
      resolve: (p, _a, ctx) => {
        if (!ctx.principal.scopes.has('secrets:read')) return maskJson(p.raw) as Record<string, unknown>;
        auditUnmask(ctx, 'raw');
        return p.raw;
      },
    }),
  }),
});

// The one door of node(id), nodes(ids) and _entities: scope, then both numeric ids.
registerNodeDoor('PackageVersion', {
  scope: 'oracle:read',
  check: (key) => {
    const [listing, pkg, extra] = key.split('/');
    if (listing === undefined || pkg === undefined || extra !== undefined)
      throw new BadUserInputError('malformed PackageVersion id');
    return `${checkNumericId('listingVersionId', listing)}/${checkNumericId('packageVersionId', pkg)}`;
  },
});

// Federation: other subgraphs reference a package version by its listing + package version ids.
federateEntity(PackageVersion, {
  key: builder.selection<{ listingVersionId: string; packageVersionId: string }>(
    'listingVersionId packageVersionId',
  ),
  nativeKey: (rep) => `${keyField(rep, 'listingVersionId')}/${keyField(rep, 'packageVersionId')}`,
  load: (key, ctx) => PackageVersion.getDataloader(ctx).load(key),
});

builder.queryField('packageVersion', (t) =>
  t.field({
    authScopes: { 'oracle:read': true },
    complexity: 50,
    type: PackageVersion,
    nullable: true,
    description: 'An Oracle Marketplace package version; null when Oracle has none with these ids.',
    args: {
      listingVersionId: t.arg.id({ required: true, description: 'The numeric listing version id.' }),
      packageVersionId: t.arg.id({ required: true, description: 'The numeric package version id.' }),
      refresh: t.arg.boolean({ description: REFRESH_ARG_DESCRIPTION }),
    },
    resolve: (_root, args) =>
      `${checkNumericId('listingVersionId', String(args.listingVersionId))}/${checkNumericId('packageVersionId', String(args.packageVersionId))}`,
  }),
);
