/**
 * Oracle Cloud Marketplace bodies, read once at the edge: the zod schemas of PackageVersion
 * (the seed oracle-marketplace-package-version.txt: numeric ids, `status` a string in v1 and
 * `{code, displayName}` in v2), of the application list (`{items, hasMore?}`) and of the package
 * list (`{items}`, or one Package object in the v2 edition), and the typed objects they make.
 */
import * as z from 'zod';
import {
  bodyParser,
  date,
  flag,
  type Json,
  list,
  num,
  rawItems,
  scalar,
  url,
  type VendorBody,
} from '../parse.js';

const ORACLE = { vendor: 'ORACLE_CLOUD_MARKETPLACE', label: 'Oracle' } as const;

/** Oracle's texts may come as numbers (ids, sizes) or booleans: read as strings; '' kept. */
const s = scalar;
/** The same, '' read as none. */
const nonBlank = scalar.transform((v) => v || null);

/** `status` is a string in v1 and `{code, displayName}` in v2. */
const status = z
  .union([z.string(), z.object({ code: s, displayName: s })])
  .nullish()
  .transform((v) =>
    typeof v === 'string'
      ? { code: v, displayName: null }
      : { code: v?.code ?? null, displayName: v?.displayName ?? null },
  );

/** `standardProperties`/`customProperties`: collapsed in the reference, any JSON (masked on the way out). */
const anyJson = z
  .unknown()
  .optional()
  .transform((v) => (v === undefined ? null : v));

const Service = z.object({
  tag: s,
  serviceName: s,
  minVersion: s,
  maxVersion: s,
  isDedicatedToAppFlag: flag,
  minSize: s,
  maxSize: s,
  standardProperties: anyJson,
  customProperties: anyJson,
});

const Action = z.object({
  tag: s,
  dependentServiceTag: s,
  actionName: s,
  type: s,
  requestProperties: list(z.object({ name: s, source: s, value: s })),
  authentication: z
    .object({ type: s, authHeader: s })
    .nullish()
    .transform((v) => v ?? null),
});

const Operation = z.object({
  type: s,
  actionExecutionSequence: list(z.object({ sequenceNumber: num, actionTag: s })).transform((l) =>
    [...l].sort((a, b) => (a.sequenceNumber ?? 0) - (b.sequenceNumber ?? 0)),
  ),
});

const AccessUrl = z.object({
  name: s,
  description: s,
  staticURL: url,
  dynamicURL: nonBlank,
  parameters: list(z.object({ name: s, value: s })),
});

const Resource = z.object({ id: s, name: s, type: s, description: s });

const Package = z.object({
  id: s,
  listingVersionId: s,
  name: s,
  description: s,
  version: s,
  type: s,
  namespacePrefix: s,
  displayName: nonBlank,
  listingImageURL: url,
  status,
  dependentServices: list(Service),
  actions: list(Action),
  operations: list(Operation),
  accessURLs: list(AccessUrl),
  links: list(z.object({ rel: s, href: url })),
  code: s,
  deploymentMode: s,
  owner: s,
  partnerName: s,
  resources: list(Resource),
  downloadablePackageResource: Resource.nullish(),
});

type Typed = z.output<typeof Package>;
export type OracleService = Typed['dependentServices'][number];
export type OracleAction = Typed['actions'][number];
export type OracleActionProperty = OracleAction['requestProperties'][number];
export type OracleAuthentication = NonNullable<OracleAction['authentication']>;
export type OracleOperation = Typed['operations'][number];
export type OracleOperationStep = OracleOperation['actionExecutionSequence'][number];
export type OracleAccessUrl = Typed['accessURLs'][number];
export type OracleAccessUrlParam = OracleAccessUrl['parameters'][number];
export type OracleLink = Typed['links'][number];
/** A `Resource`, typed, and as Oracle sent it (`raw`, masked on the way out). */
export type OracleResource = z.output<typeof Resource> & { raw: Json };

/** A PackageVersion, typed, and as Oracle sent it (`raw`). */
export interface OraclePackage extends Omit<Typed, 'status' | 'resources' | 'downloadablePackageResource'> {
  statusCode: string | null;
  statusDisplayName: string | null;
  resources: OracleResource[];
  downloadablePackageResource: OracleResource | null;
  raw: Json;
}

function toPackage(p: Typed, raw: Json): OraclePackage {
  const { status: st, resources, downloadablePackageResource: dl, ...fields } = p;
  const sent = rawItems(raw, 'resources');
  return {
    ...fields,
    statusCode: st.code,
    statusDisplayName: st.displayName,
    resources: resources.map((r, i) => ({ ...r, raw: sent[i] as Json })),
    downloadablePackageResource: dl ? { ...dl, raw: raw.downloadablePackageResource as Json } : null,
    raw,
  };
}

export const parsePackage = bodyParser(Package, { ...ORACLE, what: 'a package version' }, toPackage);

const parsePackageItems = bodyParser(
  z.object({ items: z.array(Package) }),
  { ...ORACLE, what: 'a package list' },
  (typed, raw): OraclePackage[] => {
    const sent = rawItems(raw, 'items');
    return typed.items.map((p, i) => toPackage(p, sent[i] as Json));
  },
);

/** The package list: `{items: [PackageVersion]}`, or the v2 edition's one Package object. */
export function parsePackages(body: VendorBody): OraclePackage[] {
  const d = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Json;
  if (Array.isArray(d.items)) return parsePackageItems(body);
  return 'id' in d ? [parsePackage(body)] : [];
}

/** An application (listing version) of `GET /appstore/publisher/v1/applications`. */
const Application = z.object({
  id: nonBlank,
  listingVersionId: nonBlank,
  listingId: nonBlank,
  name: nonBlank,
  shortDescription: nonBlank,
  versionNumber: nonBlank,
  status,
  lastUpdateDate: date,
});

export interface OracleApplication {
  /** `listingVersionId`, or `id` where Oracle names it so. */
  listingVersionId: string;
  listingId: string | null;
  name: string | null;
  shortDescription: string | null;
  versionNumber: string | null;
  status: string | null;
  lastUpdateDate: Date | null;
  raw: Json;
}

export const parseApplications = bodyParser(
  z.object({ items: list(Application), hasMore: z.boolean().optional().catch(undefined) }),
  { ...ORACLE, what: 'an application list' },
  (typed, raw) => {
    const sent = rawItems(raw, 'items');
    return {
      items: typed.items.map((a, i): OracleApplication => ({
        listingVersionId: a.listingVersionId ?? a.id ?? '',
        listingId: a.listingId,
        name: a.name,
        shortDescription: a.shortDescription,
        versionNumber: a.versionNumber,
        status: a.status.code,
        lastUpdateDate: a.lastUpdateDate,
        raw: sent[i] as Json,
      })),
      hasMore: typed.hasMore ?? null,
    };
  },
);
