/**
 * Oracle Cloud Marketplace browse fields: `oracleApplications` ("List of Applications", Oracle's
 * `offset`/`limit` paging, items wrapped under `listingSummary`) and `OracleApplication.packages`
 * ("Application Package": one PackageVersion as documented, or a collection), whose items
 * are the same `PackageVersion` objects as `packageVersion(...)`: the listed objects are primed
 * into the package loader, so their fields cost no further call.
 */
import { builder } from '../../graphql/builder.js';
import { vendorEnum } from '../../schema/conventions.js';
import { FORWARD_ONLY } from '../../schema/forward-only-plugin.js';
import { BadUserInputError } from '../../foundations/errors.js';
import { ORACLE } from './ref.js';
import { arrayConnection, checkConnectionArgs } from '../../schema/connections.js';
import { offsetArgs, offsetPage, pagedComplexity } from '../paging.js';
import { oracleLoaders } from './loaders.js';
import {
  CatalogItem,
  loadFromList,
  registerCatalogSource,
  registerListedNodeDoor,
  walkPages,
} from '../../schema/catalog-items.js';
import { PackageVersion } from './schema.js';
import type { OracleApplication as Application } from './parse.js';

/** Oracle's listing version states (`status` of "List of Applications"). */
const ApplicationStatus = vendorEnum('OracleApplicationStatus', {
  description: 'Where an Oracle Marketplace application (listing version) stands (`status`).',
  values: {
    NEW: 'Created, not yet submitted.',
    PENDING_APPROVAL: 'Submitted for Oracle’s approval.',
    APPROVED: 'Approved, not yet published.',
    PUBLISHED: 'Listed on the Marketplace.',
    REJECTED: 'Oracle refused it.',
    WITHDRAWN: 'Taken off the Marketplace.',
  },
  other: 'OTHER',
});

const ORACLE_KEY = /^[A-Za-z0-9._-]{1,64}$/;

const applicationsSource = registerCatalogSource<Application>({
  kind: 'ORACLE_APPLICATION',
  kindDescription: 'An Oracle Cloud Marketplace application (`OracleApplication`).',
  descriptionFrom: 'Oracle `shortDescription`',
  vendor: ORACLE.vendor,
  typename: 'OracleApplication',
  scope: 'oracle:read',
  list: (ctx) => {
    const client = ctx.gateway.vendors.client(ORACLE);
    const limit = 100;
    return walkPages<Application, number>(ORACLE.vendor, async (offset = 0) => {
      const page = await client.listApplications({ offset, limit }, ctx.signal);
      const more = page.hasMore ?? page.items.length >= limit;
      return {
        items: page.items,
        next: more && page.items.length > 0 ? offset + page.items.length : undefined,
      };
    });
  },
  view: (a) => ({
    key: a.listingVersionId,
    name: a.name,
    description: a.shortDescription,
    updatedAt: a.lastUpdateDate,
  }),
  scopesOfKey: (key) => {
    if (!ORACLE_KEY.test(key)) throw new BadUserInputError('OracleApplication ids are listing version ids');
    return {};
  },
});

registerListedNodeDoor(applicationsSource);

const OracleApplication = builder.node(builder.objectRef<Application>('OracleApplication'), {
  interfaces: [CatalogItem],
  id: { resolve: (a) => a.listingVersionId },
  loadMany: loadFromList(applicationsSource),
  description:
    'An application (listing version) of the Oracle Cloud Marketplace publisher (`items[]` of `GET /appstore/publisher/v1/applications`).',
  fields: (t) => ({
    listingVersionId: t.exposeID('listingVersionId', {
      description: 'The listing version id (`id`, or `listingVersionId` where Oracle names it so).',
    }),
    listingId: t.exposeID('listingId', { nullable: true, description: '`listingId`.' }),
    name: t.exposeString('name', { nullable: true, description: '`name`.' }),
    description: t.exposeString('shortDescription', { nullable: true, description: '`shortDescription`.' }),
    shortDescription: t.exposeString('shortDescription', {
      nullable: true,
      description: '`shortDescription`.',
    }),
    versionNumber: t.exposeString('versionNumber', { nullable: true, description: '`versionNumber`.' }),
    status: t.field({
      type: ApplicationStatus.ref,
      nullable: true,
      description: '`status` (or `status.code`) as an enum; OTHER for a value this gateway does not know.',
      resolve: (a) => ApplicationStatus.of(a.status),
    }),
    vendorStatus: t.exposeString('status', {
      nullable: true,
      description:
        '`status` (or `status.code`) exactly as Oracle sent it: NEW, PUBLISHED, PENDING_APPROVAL, WITHDRAWN…',
    }),
    updatedAt: t.expose('lastUpdateDate', {
      type: 'DateTime',
      nullable: true,
      description: '`lastUpdateDate`.',
    }),
    lastUpdateDate: t.expose('lastUpdateDate', {
      type: 'DateTime',
      nullable: true,
      description: '`lastUpdateDate`.',
      deprecationReason: 'use updatedAt',
    }),
    raw: t.expose('raw', { type: 'JSONObject', description: 'The item exactly as Oracle sent it.' }),
    packages: t.connection(
      {
        type: PackageVersion,
        nullable: true,
        complexity: pagedComplexity(20),
        description:
          'The package versions of this application (`GET /appstore/publisher/v1/applications/{listingVersionId}/packages`, not paged by Oracle: paged by the gateway). The same objects as `packageVersion(...)`; their fields cost no further call.',
        resolve: async (a, args, ctx) => {
          checkConnectionArgs(args);
          const listed = await oracleLoaders(ctx).listingPackages.load(a.listingVersionId);
          const nodes = PackageVersion.getDataloader(ctx);
          for (const { key, pkg } of listed) nodes.prime(key, { ...pkg, _key: key });
          return arrayConnection(
            args,
            listed.map((l) => l.key),
          );
        },
      },
      { name: 'OraclePackageConnection', description: 'A page of an application’s package versions.' },
      { name: 'OraclePackageEdge', description: 'A package version and its cursor.' },
    ),
  }),
});

const STATUS = /^[A-Z_]{1,40}$/;

builder.queryField('oracleApplications', (t) =>
  t.connection(
    {
      authScopes: { 'oracle:read': true },
      complexity: pagedComplexity(50),
      extensions: FORWARD_ONLY,
      type: OracleApplication,
      nullable: true,
      description:
        'The publisher’s Oracle Cloud Marketplace applications (`GET /appstore/publisher/v1/applications`), paged by Oracle (`offset`/`limit` ≤ 100; the cursor is the offset). Oracle reports no total. An Oracle failure nulls only this field.',
      args: {
        status: t.arg.stringList({
          description: 'Oracle `status`: only applications in these states (e.g. PUBLISHED, NEW).',
        }),
      },
      resolve: async (_root, args, ctx) => {
        const status = args.status ?? undefined;
        if (status && (status.length > 10 || status.some((s) => !STATUS.test(s)))) {
          throw new BadUserInputError('status takes at most 10 values of upper-case letters and "_"');
        }
        const { offset, limit } = offsetArgs(args);
        const client = ctx.gateway.vendors.client(ORACLE);
        const page = await client.listApplications({ offset, limit, status }, ctx.signal);
        const out = offsetPage(offset, limit, page.items, null);
        if (page.hasMore !== null) out.pageInfo.hasNextPage = page.hasMore;
        return out as never;
      },
    },
    { name: 'OracleApplicationConnection', description: 'A page of Oracle applications.' },
    { name: 'OracleApplicationEdge', description: 'An Oracle application and its cursor.' },
  ),
);
