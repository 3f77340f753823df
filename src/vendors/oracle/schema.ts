/** Oracle Cloud Marketplace: `PackageVersion` (every field of the vendor's example, in camelCase). */
import { builder } from '../../builder.js';
import type { Context } from '../../context.js';
import { BadUserInputError } from '../../errors.js';
import { federateEntity, keyField } from '../../schema/federation.js';
import { registerNodeDoor } from '../../schema/nodes.js';
import { REFRESH_ARG_DESCRIPTION } from '../../cache-plugin.js';
import { checkNumericId, type PackageJson } from './client.js';
import { isSecretProperty, MASK, maskJson } from '../masking.js';
import { oracleLoaders } from './loaders.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): Obj[] =>
  (Array.isArray(v) ? v.filter((x) => typeof x === 'object' && x !== null) : []) as Obj[];
const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
const url = (v: unknown): string | null => {
  try {
    return typeof v === 'string' && v !== '' ? new URL(v).toString() : null;
  } catch {
    return null;
  }
};

const maskUnlessAllowed = (v: unknown, ctx: Context): unknown =>
  v === undefined ? null : ctx.principal.scopes.has('secrets:read') ? v : maskJson(v);

const DependentService = builder.objectRef<Obj>('DependentService').implement({
  description: 'A cloud service the package depends on (`dependentServices[]`, Oracle `Service`).',
  fields: (t) => ({
    tag: t.string({
      nullable: true,
      description: '`tag`: how actions refer to this service.',
      resolve: (o) => str(o.tag),
    }),
    serviceName: t.string({
      nullable: true,
      description: '`serviceName` (e.g. JAVA).',
      resolve: (o) => str(o.serviceName),
    }),
    minVersion: t.string({ nullable: true, description: '`minVersion`.', resolve: (o) => str(o.minVersion) }),
    maxVersion: t.string({ nullable: true, description: '`maxVersion`.', resolve: (o) => str(o.maxVersion) }),
    isDedicatedToApp: t.boolean({
      nullable: true,
      description: '`isDedicatedToAppFlag`.',
      resolve: (o) => (typeof o.isDedicatedToAppFlag === 'boolean' ? o.isDedicatedToAppFlag : null),
    }),
    minSize: t.string({ nullable: true, description: '`minSize`.', resolve: (o) => str(o.minSize) }),
    maxSize: t.string({ nullable: true, description: '`maxSize`.', resolve: (o) => str(o.maxSize) }),
    standardProperties: t.field({
      type: 'JSON',
      nullable: true,
      description:
        '`standardProperties` of the Oracle `Service` schema (its item schema is collapsed in the reference), secret values masked as in `ActionProperty`.',
      resolve: (o, _a, ctx) => maskUnlessAllowed(o.standardProperties, ctx),
    }),
    customProperties: t.field({
      type: 'JSON',
      nullable: true,
      description:
        '`customProperties` of the Oracle `Service` schema, secret values masked as in `ActionProperty`.',
      resolve: (o, _a, ctx) => maskUnlessAllowed(o.customProperties, ctx),
    }),
  }),
});

const ActionProperty = builder.objectRef<Obj>('ActionProperty').implement({
  description: 'A request property of an action (`requestProperties[]`, Oracle `ActionProperty`).',
  fields: (t) => ({
    name: t.string({ nullable: true, description: '`name`.', resolve: (o) => str(o.name) }),
    source: t.string({
      nullable: true,
      description: '`source` (e.g. BLUEPRINT_STATIC, USER_INPUT).',
      resolve: (o) => str(o.source),
    }),
    value: t.string({
      nullable: true,
      description:
        '`value`. Masked as `********` when it is a secret: the property names a password, secret, token, passphrase, credential, or a private/API/access key (by the noun of its name: `KEY_PASSWORD` is masked, `KEY_USER` is not), or the value is a PEM private key; never a reference such as `${var}`. Unmasked for callers with the `secrets:read` scope (each unmasking is audited); see `masked`.',
      resolve: (o, _args, ctx) => {
        const value = str(o.value);
        if (!isSecretProperty(str(o.name), value)) return value;
        if (!ctx.principal.scopes.has('secrets:read')) return MASK;
        ctx.gateway.logger.info('audit: Oracle secret unmasked', {
          audit: 'oracle.unmask',
          caller: ctx.principal.id,
          property: str(o.name),
        });
        return value;
      },
    }),
    masked: t.boolean({
      description:
        'True when `value` was masked because it looks secret and the caller lacks `secrets:read`.',
      resolve: (o, _args, ctx) =>
        isSecretProperty(str(o.name), str(o.value)) && !ctx.principal.scopes.has('secrets:read'),
    }),
    secret: t.boolean({
      description: 'True when the property looks secret (masked for callers without `secrets:read`).',
      resolve: (o) => isSecretProperty(str(o.name), str(o.value)),
    }),
  }),
});

const ActionAuthentication = builder.objectRef<Obj>('ActionAuthentication').implement({
  description: 'How an action authenticates (`authentication`, Oracle `Authentication`).',
  fields: (t) => ({
    type: t.string({ nullable: true, description: '`type`.', resolve: (o) => str(o.type) }),
    authHeader: t.string({ nullable: true, description: '`authHeader`.', resolve: (o) => str(o.authHeader) }),
  }),
});

const PackageAction = builder.objectRef<Obj>('PackageAction').implement({
  description: 'An action the package runs (`actions[]`, Oracle `Action`).',
  fields: (t) => ({
    tag: t.string({
      nullable: true,
      description: '`tag`: how operations refer to this action.',
      resolve: (o) => str(o.tag),
    }),
    dependentServiceTag: t.string({
      nullable: true,
      description: '`dependentServiceTag`.',
      resolve: (o) => str(o.dependentServiceTag),
    }),
    actionName: t.string({ nullable: true, description: '`actionName`.', resolve: (o) => str(o.actionName) }),
    type: t.string({
      nullable: true,
      description: '`type` (e.g. OUT_OF_THE_BOX_ACTION).',
      resolve: (o) => str(o.type),
    }),
    requestProperties: t.field({
      type: [ActionProperty],
      description: '`requestProperties`; secret-looking values are masked.',
      resolve: (o) => list(o.requestProperties),
    }),
    authentication: t.field({
      type: ActionAuthentication,
      nullable: true,
      description: '`authentication`.',
      resolve: (o) => (o.authentication ? obj(o.authentication) : null),
    }),
  }),
});

const OperationAction = builder.objectRef<Obj>('OperationAction').implement({
  description: 'One step of an operation (`actionExecutionSequence[]`, Oracle `OperationAction`).',
  fields: (t) => ({
    sequenceNumber: t.int({
      nullable: true,
      description: '`sequenceNumber`: the step’s order.',
      resolve: (o) => (typeof o.sequenceNumber === 'number' ? o.sequenceNumber : null),
    }),
    actionTag: t.string({
      nullable: true,
      description: '`actionTag`: the action run at this step.',
      resolve: (o) => str(o.actionTag),
    }),
  }),
});

const PackageOperation = builder.objectRef<Obj>('PackageOperation').implement({
  description: 'A lifecycle operation (`operations[]`, Oracle `Operation`), e.g. INSTALL or UNINSTALL.',
  fields: (t) => ({
    type: t.string({ nullable: true, description: '`type`.', resolve: (o) => str(o.type) }),
    actionExecutionSequence: t.field({
      type: [OperationAction],
      description: '`actionExecutionSequence`, in sequence order.',
      resolve: (o) =>
        list(o.actionExecutionSequence).sort(
          (a, b) => Number(a.sequenceNumber ?? 0) - Number(b.sequenceNumber ?? 0),
        ),
    }),
  }),
});

const AccessUrlParam = builder.objectRef<Obj>('AccessUrlParam').implement({
  description: 'A parameter of an access URL (`parameters[]`, Oracle `AccessURLParam`).',
  fields: (t) => ({
    name: t.string({ nullable: true, description: '`name`.', resolve: (o) => str(o.name) }),
    value: t.string({ nullable: true, description: '`value`.', resolve: (o) => str(o.value) }),
  }),
});

const AccessUrl = builder.objectRef<Obj>('AccessUrl').implement({
  description: 'A URL to reach the installed package (`accessURLs[]`, Oracle `AccessURL`).',
  fields: (t) => ({
    name: t.string({ nullable: true, description: '`name`.', resolve: (o) => str(o.name) }),
    description: t.string({
      nullable: true,
      description: '`description`.',
      resolve: (o) => str(o.description),
    }),
    staticUrl: t.field({
      type: 'URL',
      nullable: true,
      description: '`staticURL`.',
      resolve: (o) => url(o.staticURL),
    }),
    dynamicUrl: t.string({
      nullable: true,
      description: '`dynamicURL`: a template filled from `parameters`.',
      resolve: (o) => str(o.dynamicURL) || null,
    }),
    parameters: t.field({
      type: [AccessUrlParam],
      description: '`parameters`.',
      resolve: (o) => list(o.parameters),
    }),
  }),
});

const Link = builder.objectRef<Obj>('Link').implement({
  description: 'A hypermedia link (`links[]`).',
  fields: (t) => ({
    rel: t.string({ nullable: true, description: '`rel` (e.g. CANONICAL).', resolve: (o) => str(o.rel) }),
    href: t.field({ type: 'URL', nullable: true, description: '`href`.', resolve: (o) => url(o.href) }),
  }),
});

const PackageResource = builder.objectRef<Obj>('PackageResource').implement({
  description:
    'A file or artifact of the package (Oracle `Resource`: `resources[]` and `downloadablePackageResource`). The reference collapses this schema; the common fields are typed and everything else is in `raw`.',
  fields: (t) => ({
    id: t.string({ nullable: true, description: '`id`.', resolve: (o) => str(o.id) }),
    name: t.string({ nullable: true, description: '`name`.', resolve: (o) => str(o.name) }),
    type: t.string({ nullable: true, description: '`type`.', resolve: (o) => str(o.type) }),
    description: t.string({
      nullable: true,
      description: '`description`.',
      resolve: (o) => str(o.description),
    }),
    raw: t.field({
      type: 'JSONObject',
      description: 'The resource exactly as Oracle sent it, secret values masked as in `ActionProperty`.',
      resolve: (o, _a, ctx) => maskUnlessAllowed(o, ctx) as Obj,
    }),
  }),
});

/** `status` is a string in v1 and `{code, displayName}` in v2. */
function status(p: PackageJson): { code: string | null; displayName: string | null } {
  if (typeof p.status === 'string') return { code: p.status, displayName: null };
  const s = obj(p.status);
  return { code: str(s.code), displayName: str(s.displayName) };
}

export const PackageVersion = builder.loadableNode('PackageVersion', {
  authScopes: { 'oracle:read': true },
  description:
    'An Oracle Cloud Marketplace package version (`GET /appstore/publisher/v1/applications/{listingVersionId}/packages/{packageVersionId}`).',
  id: {
    resolve: (p: PackageJson & { _key?: string }) => p._key ?? `${str(p.listingVersionId)}/${str(p.id)}`,
  },
  load: async (keys: string[], ctx) => {
    const loaded = await oracleLoaders(ctx).packages.loadMany(keys);
    return loaded.map((p, i) => (p && !(p instanceof Error) ? { ...p, _key: keys[i] } : p)) as (
      PackageJson | Error
    )[];
  },
  fields: (t) => ({
    packageVersionId: t.id({
      description: 'Oracle `id` of the package version.',
      resolve: (p) => str(p.id) ?? '',
    }),
    listingVersionId: t.id({
      description: '`listingVersionId`.',
      resolve: (p) => str(p.listingVersionId) ?? '',
    }),
    name: t.string({ nullable: true, description: '`name`.', resolve: (p) => str(p.name) }),
    description: t.string({
      nullable: true,
      description: '`description`.',
      resolve: (p) => str(p.description),
    }),
    version: t.string({ nullable: true, description: '`version`.', resolve: (p) => str(p.version) }),
    type: t.string({
      nullable: true,
      description: '`type` (MANAGED, UNMANAGED).',
      resolve: (p) => str(p.type),
    }),
    namespacePrefix: t.string({
      nullable: true,
      description: '`namespacePrefix`.',
      resolve: (p) => str(p.namespacePrefix),
    }),
    displayName: t.string({
      nullable: true,
      description: '`displayName` (null when empty).',
      resolve: (p) => str(p.displayName) || null,
    }),
    listingImageUrl: t.field({
      type: 'URL',
      nullable: true,
      description: '`listingImageURL`.',
      resolve: (p) => url(p.listingImageURL),
    }),
    status: t.string({
      nullable: true,
      description: '`status`: the string of API v1, or `status.code` of v2.',
      resolve: (p) => status(p).code,
    }),
    statusDisplayName: t.string({
      nullable: true,
      description: '`status.displayName` (API v2 only).',
      resolve: (p) => status(p).displayName,
    }),
    dependentServices: t.field({
      type: [DependentService],
      description: '`dependentServices`.',
      resolve: (p) => list(p.dependentServices),
    }),
    actions: t.field({ type: [PackageAction], description: '`actions`.', resolve: (p) => list(p.actions) }),
    operations: t.field({
      type: [PackageOperation],
      description: '`operations`.',
      resolve: (p) => list(p.operations),
    }),
    accessUrls: t.field({
      type: [AccessUrl],
      description: '`accessURLs`.',
      resolve: (p) => list(p.accessURLs),
    }),
    links: t.field({ type: [Link], description: '`links`.', resolve: (p) => list(p.links) }),
    code: t.string({ nullable: true, description: '`code`.', resolve: (p) => str(p.code) }),
    deploymentMode: t.string({
      nullable: true,
      description: '`deploymentMode`.',
      resolve: (p) => str(p.deploymentMode),
    }),
    owner: t.string({ nullable: true, description: '`owner`.', resolve: (p) => str(p.owner) }),
    partnerName: t.string({
      nullable: true,
      description: '`partnerName`.',
      resolve: (p) => str(p.partnerName),
    }),
    resources: t.field({
      type: [PackageResource],
      description: '`resources` (Oracle `Resource` objects).',
      resolve: (p) => list(p.resources),
    }),
    downloadablePackageResource: t.field({
      type: PackageResource,
      nullable: true,
      description: '`downloadablePackageResource`: the package file itself (Oracle `Resource`).',
      resolve: (p) => (p.downloadablePackageResource ? obj(p.downloadablePackageResource) : null),
    }),
    raw: t.field({
      type: 'JSONObject',
      description:
        'The package version exactly as Oracle sent it, with the same masking as the typed fields (secret values are `********` unless the caller has `secrets:read`; unmasking is audited).',
      resolve: (p, _a, ctx) => {
        const { _key, ...json } = p as PackageJson & { _key?: string };
        void _key;
        if (!ctx.principal.scopes.has('secrets:read')) return maskJson(json) as Obj;
        ctx.gateway.logger.info('audit: Oracle secret unmasked', {
          audit: 'oracle.unmask',
          caller: ctx.principal.id,
          property: 'raw',
        });
        return json;
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
