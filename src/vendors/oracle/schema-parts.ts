/**
 * The parts of an Oracle `PackageVersion` (services, actions and their properties, operations,
 * access URLs, links, resources) as GraphQL types over the typed objects of parse.ts, and the one
 * masking rule of Oracle's secret-looking values (typed fields and `raw` alike).
 */
import { audit } from '../../graphql/audit.js';
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import { isSecretProperty, MASK, maskJson } from '../masking.js';
import type {
  OracleAccessUrl,
  OracleAccessUrlParam,
  OracleAction,
  OracleActionProperty,
  OracleAuthentication,
  OracleLink,
  OracleOperation,
  OracleOperationStep,
  OracleResource,
  OracleService,
} from './parse.js';

/** Every unmasking is audited: who saw which secret (again on each cached answer that carries it). */
export function auditUnmask(ctx: Context, property: string | null): void {
  audit(ctx, 'audit: Oracle secret unmasked', { audit: 'oracle.unmask', property });
}

/** Masked unless the caller has `secrets:read`. */
export const maskUnlessAllowed = (v: unknown, ctx: Context): unknown =>
  v === undefined ? null : ctx.principal.scopes.has('secrets:read') ? v : maskJson(v);

const DependentService = builder.objectRef<OracleService>('DependentService').implement({
  description: 'A cloud service the package depends on (`dependentServices[]`, Oracle `Service`).',
  fields: (t) => ({
    tag: t.exposeString('tag', { nullable: true, description: '`tag`: how actions refer to this service.' }),
    serviceName: t.exposeString('serviceName', { nullable: true, description: '`serviceName` (e.g. JAVA).' }),
    minVersion: t.exposeString('minVersion', { nullable: true, description: '`minVersion`.' }),
    maxVersion: t.exposeString('maxVersion', { nullable: true, description: '`maxVersion`.' }),
    isDedicatedToApp: t.exposeBoolean('isDedicatedToAppFlag', {
      nullable: true,
      description: '`isDedicatedToAppFlag`.',
    }),
    minSize: t.exposeString('minSize', { nullable: true, description: '`minSize`.' }),
    maxSize: t.exposeString('maxSize', { nullable: true, description: '`maxSize`.' }),
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

const ActionProperty = builder.objectRef<OracleActionProperty>('ActionProperty').implement({
  description: 'A request property of an action (`requestProperties[]`, Oracle `ActionProperty`).',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true, description: '`name`.' }),
    source: t.exposeString('source', {
      nullable: true,
      description: '`source` (e.g. BLUEPRINT_STATIC, USER_INPUT).',
    }),
    value: t.string({
      nullable: true,
      description:
        '`value`. Masked as `********` when it is a secret: the property names a password, secret, token, passphrase, credential, or a private/API/access key (by the noun of its name: `KEY_PASSWORD` is masked, `KEY_USER` is not), or the value is a PEM private key; never a reference such as `${var}`. Unmasked for callers with the `secrets:read` scope (each unmasking is audited); see `masked`.',
      resolve: (o, _args, ctx) => {
        if (!isSecretProperty(o.name, o.value)) return o.value;
        if (!ctx.principal.scopes.has('secrets:read')) return MASK;
        auditUnmask(ctx, o.name);
        return o.value;
      },
    }),
    masked: t.boolean({
      description:
        'True when `value` was masked because it looks secret and the caller lacks `secrets:read`.',
      resolve: (o, _args, ctx) =>
        isSecretProperty(o.name, o.value) && !ctx.principal.scopes.has('secrets:read'),
    }),
    secret: t.boolean({
      description: 'True when the property looks secret (masked for callers without `secrets:read`).',
      resolve: (o) => isSecretProperty(o.name, o.value),
    }),
  }),
});

const ActionAuthentication = builder.objectRef<OracleAuthentication>('ActionAuthentication').implement({
  description: 'How an action authenticates (`authentication`, Oracle `Authentication`).',
  fields: (t) => ({
    type: t.exposeString('type', { nullable: true, description: '`type`.' }),
    authHeader: t.exposeString('authHeader', { nullable: true, description: '`authHeader`.' }),
  }),
});

export const PackageAction = builder.objectRef<OracleAction>('PackageAction').implement({
  description: 'An action the package runs (`actions[]`, Oracle `Action`).',
  fields: (t) => ({
    tag: t.exposeString('tag', {
      nullable: true,
      description: '`tag`: how operations refer to this action.',
    }),
    dependentServiceTag: t.exposeString('dependentServiceTag', {
      nullable: true,
      description: '`dependentServiceTag`.',
    }),
    actionName: t.exposeString('actionName', { nullable: true, description: '`actionName`.' }),
    type: t.exposeString('type', { nullable: true, description: '`type` (e.g. OUT_OF_THE_BOX_ACTION).' }),
    requestProperties: t.expose('requestProperties', {
      type: [ActionProperty],
      description: '`requestProperties`; secret-looking values are masked.',
    }),
    authentication: t.expose('authentication', {
      type: ActionAuthentication,
      nullable: true,
      description: '`authentication`.',
    }),
  }),
});

const OperationAction = builder.objectRef<OracleOperationStep>('OperationAction').implement({
  description: 'One step of an operation (`actionExecutionSequence[]`, Oracle `OperationAction`).',
  fields: (t) => ({
    sequenceNumber: t.exposeInt('sequenceNumber', {
      nullable: true,
      description: '`sequenceNumber`: the step’s order.',
    }),
    actionTag: t.exposeString('actionTag', {
      nullable: true,
      description: '`actionTag`: the action run at this step.',
    }),
  }),
});

export const PackageOperation = builder.objectRef<OracleOperation>('PackageOperation').implement({
  description: 'A lifecycle operation (`operations[]`, Oracle `Operation`), e.g. INSTALL or UNINSTALL.',
  fields: (t) => ({
    type: t.exposeString('type', { nullable: true, description: '`type`.' }),
    actionExecutionSequence: t.expose('actionExecutionSequence', {
      type: [OperationAction],
      description: '`actionExecutionSequence`, in sequence order.',
    }),
  }),
});

const AccessUrlParam = builder.objectRef<OracleAccessUrlParam>('AccessUrlParam').implement({
  description: 'A parameter of an access URL (`parameters[]`, Oracle `AccessURLParam`).',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true, description: '`name`.' }),
    value: t.exposeString('value', { nullable: true, description: '`value`.' }),
  }),
});

export const AccessUrl = builder.objectRef<OracleAccessUrl>('AccessUrl').implement({
  description: 'A URL to reach the installed package (`accessURLs[]`, Oracle `AccessURL`).',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true, description: '`name`.' }),
    description: t.exposeString('description', { nullable: true, description: '`description`.' }),
    staticUrl: t.expose('staticURL', { type: 'URL', nullable: true, description: '`staticURL`.' }),
    dynamicUrl: t.exposeString('dynamicURL', {
      nullable: true,
      description: '`dynamicURL`: a template filled from `parameters`.',
    }),
    parameters: t.expose('parameters', { type: [AccessUrlParam], description: '`parameters`.' }),
  }),
});

export const Link = builder.objectRef<OracleLink>('Link').implement({
  description: 'A hypermedia link (`links[]`).',
  fields: (t) => ({
    rel: t.exposeString('rel', { nullable: true, description: '`rel` (e.g. CANONICAL).' }),
    href: t.expose('href', { type: 'URL', nullable: true, description: '`href`.' }),
  }),
});

export const PackageResource = builder.objectRef<OracleResource>('PackageResource').implement({
  description:
    'A file or artifact of the package (Oracle `Resource`: `resources[]` and `downloadablePackageResource`). The reference collapses this schema; the common fields are typed and everything else is in `raw`.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: true, description: '`id`.' }),
    name: t.exposeString('name', { nullable: true, description: '`name`.' }),
    type: t.exposeString('type', { nullable: true, description: '`type`.' }),
    description: t.exposeString('description', { nullable: true, description: '`description`.' }),
    raw: t.field({
      type: 'JSONObject',
      description: 'The resource exactly as Oracle sent it, secret values masked as in `ActionProperty`.',
      resolve: (o, _a, ctx) => maskUnlessAllowed(o.raw, ctx) as Record<string, unknown>,
    }),
  }),
});

export { DependentService };
