// Longer than 300 lines: PackageVersion is Oracle's largest documented body (~100 values, v1 and v2); its schema and typed form stay side by side.
/**
 * Oracle Cloud Marketplace ids and bodies, read once at the edge: the id check, the zod schemas of PackageVersion
 * (the seed oracle-marketplace-package-version.txt: numeric ids, `status` a string in v1 and
 * `{code, displayName}` in v2), of the application list (`{items: [{listingSummary}], hasMore?}`)
 * and of the package list (one PackageVersion as documented, or `{items}`), and the typed objects
 * they make.
 *
 * A package version is checked by its schema (compiled: `checkOnly`) and then read by plain
 * functions (`toPackage`): Oracle's scalars come as text, numbers or booleans and nearly every
 * field is optional, so a converting zod schema would run two or three transforms for each of the
 * package's ~100 values; plain functions allocate far less (docs/performance.md).
 */
import * as z from 'zod';
import { BadUserInputError } from '../../foundations/errors.js';
import {
  bodyParser,
  date,
  invalid,
  type Json,
  rawItems,
  scalar,
  shape,
  toText,
  toUrl,
  type VendorBody,
} from '../parse.js';
import { ORACLE as ORACLE_REF } from './ref.js';

const NUMERIC_ID = /^[1-9]\d{0,17}$/;

/** Oracle's listing and package version ids: positive decimal numbers, checked before any URL is built. */
export function checkNumericId(name: string, value: string): string {
  if (!NUMERIC_ID.test(value)) throw new BadUserInputError(`${name} must be a numeric id`);
  return value;
}

/** Who sent a body, as the parsers name it: the vendor's ref. */
const ORACLE = { vendor: ORACLE_REF.vendor, label: ORACLE_REF.name };

/** Oracle's texts may come as numbers (ids, sizes) or booleans: checked here, read as strings (`toText`); '' kept. */
const s = shape.scalar;
/** The same, '' read as none. */
const nonBlank = scalar.transform((v) => v || null);
const blankless = (v: z.output<typeof s>): string | null => toText(v) || null;

/** `status` is a string in v1 and `{code, displayName}` in v2. */
const statusShape = z.union([z.string(), z.object({ code: s, displayName: s })]).nullish();
function toStatus(v: z.output<typeof statusShape>): { code: string | null; displayName: string | null } {
  return typeof v === 'string'
    ? { code: v, displayName: null }
    : { code: toText(v?.code), displayName: toText(v?.displayName) };
}

const Service = z.object({
  tag: s,
  serviceName: s,
  minVersion: s,
  maxVersion: s,
  isDedicatedToAppFlag: shape.flag,
  minSize: s,
  maxSize: s,
  // Collapsed in the reference: any JSON (masked on the way out).
  standardProperties: z.unknown().optional(),
  customProperties: z.unknown().optional(),
});

const Action = z.object({
  tag: s,
  dependentServiceTag: s,
  actionName: s,
  type: s,
  requestProperties: shape.list(z.object({ name: s, source: s, value: s })),
  authentication: z.object({ type: s, authHeader: s }).nullish(),
});

const Operation = z.object({
  type: s,
  actionExecutionSequence: shape.list(z.object({ sequenceNumber: shape.num, actionTag: s })),
});

const AccessUrl = z.object({
  name: s,
  description: s,
  staticURL: shape.text,
  dynamicURL: s,
  parameters: shape.list(z.object({ name: s, value: s })),
});

const Resource = z.object({ id: s, name: s, type: s, description: s });

/** The documented shape of a PackageVersion, checked only (read by `toPackage`). */
export const packageShape = z.object({
  id: s,
  listingVersionId: s,
  name: s,
  description: s,
  version: s,
  type: s,
  namespacePrefix: s,
  displayName: s,
  listingImageURL: shape.text,
  status: statusShape,
  dependentServices: shape.list(Service),
  actions: shape.list(Action),
  operations: shape.list(Operation),
  accessURLs: shape.list(AccessUrl),
  links: shape.list(z.object({ rel: s, href: shape.text })),
  code: s,
  deploymentMode: s,
  owner: s,
  partnerName: s,
  resources: shape.list(Resource),
  downloadablePackageResource: Resource.nullish(),
});

/** Oracle's text fields, read. */
type Text = string | null;

export interface OracleService {
  tag: Text;
  serviceName: Text;
  minVersion: Text;
  maxVersion: Text;
  isDedicatedToAppFlag: boolean | null;
  minSize: Text;
  maxSize: Text;
  /** Any JSON as sent; null when absent. */
  standardProperties: unknown;
  customProperties: unknown;
}
export interface OracleActionProperty {
  name: Text;
  source: Text;
  value: Text;
}
export interface OracleAuthentication {
  type: Text;
  authHeader: Text;
}
export interface OracleAction {
  tag: Text;
  dependentServiceTag: Text;
  actionName: Text;
  type: Text;
  requestProperties: OracleActionProperty[];
  authentication: OracleAuthentication | null;
}
export interface OracleOperationStep {
  sequenceNumber: number | null;
  actionTag: Text;
}
export interface OracleOperation {
  type: Text;
  /** In `sequenceNumber` order (none counts as 0; equal numbers keep Oracle's order). */
  actionExecutionSequence: OracleOperationStep[];
}
export interface OracleAccessUrlParam {
  name: Text;
  value: Text;
}
export interface OracleAccessUrl {
  name: Text;
  description: Text;
  /** A normalized absolute URL; unreadable → null. */
  staticURL: Text;
  /** A template filled from `parameters`; '' → null. */
  dynamicURL: Text;
  parameters: OracleAccessUrlParam[];
}
export interface OracleLink {
  rel: Text;
  href: Text;
}
/** A `Resource`, typed, and as Oracle sent it (`raw`, masked on the way out). */
export interface OracleResource {
  id: Text;
  name: Text;
  type: Text;
  description: Text;
  raw: Json;
}

/** A PackageVersion, typed, and as Oracle sent it (`raw`). */
export interface OraclePackage {
  id: Text;
  listingVersionId: Text;
  name: Text;
  description: Text;
  version: Text;
  type: Text;
  namespacePrefix: Text;
  /** '' → null. */
  displayName: Text;
  listingImageURL: Text;
  statusCode: Text;
  statusDisplayName: Text;
  dependentServices: OracleService[];
  actions: OracleAction[];
  operations: OracleOperation[];
  accessURLs: OracleAccessUrl[];
  links: OracleLink[];
  code: Text;
  deploymentMode: Text;
  owner: Text;
  partnerName: Text;
  resources: OracleResource[];
  downloadablePackageResource: OracleResource | null;
  raw: Json;
}

type PackageJson = z.output<typeof packageShape>;
type ResourceJson = z.output<typeof Resource>;

const toResource = (r: ResourceJson, raw: Json): OracleResource => ({
  id: toText(r.id),
  name: toText(r.name),
  type: toText(r.type),
  description: toText(r.description),
  raw,
});

/** A checked package read into its typed self: every conversion of Oracle's values is here. */
function toPackage(p: PackageJson, raw: Json): OraclePackage {
  const st = toStatus(p.status);
  const sent = rawItems(raw, 'resources');
  return {
    id: toText(p.id),
    listingVersionId: toText(p.listingVersionId),
    name: toText(p.name),
    description: toText(p.description),
    version: toText(p.version),
    type: toText(p.type),
    namespacePrefix: toText(p.namespacePrefix),
    displayName: blankless(p.displayName),
    listingImageURL: toUrl(p.listingImageURL),
    statusCode: st.code,
    statusDisplayName: st.displayName,
    dependentServices: (p.dependentServices ?? []).map((v) => ({
      tag: toText(v.tag),
      serviceName: toText(v.serviceName),
      minVersion: toText(v.minVersion),
      maxVersion: toText(v.maxVersion),
      isDedicatedToAppFlag: v.isDedicatedToAppFlag ?? null,
      minSize: toText(v.minSize),
      maxSize: toText(v.maxSize),
      standardProperties: v.standardProperties === undefined ? null : v.standardProperties,
      customProperties: v.customProperties === undefined ? null : v.customProperties,
    })),
    actions: (p.actions ?? []).map((a) => ({
      tag: toText(a.tag),
      dependentServiceTag: toText(a.dependentServiceTag),
      actionName: toText(a.actionName),
      type: toText(a.type),
      requestProperties: (a.requestProperties ?? []).map((r) => ({
        name: toText(r.name),
        source: toText(r.source),
        value: toText(r.value),
      })),
      authentication: a.authentication
        ? { type: toText(a.authentication.type), authHeader: toText(a.authentication.authHeader) }
        : null,
    })),
    operations: (p.operations ?? []).map((o) => ({
      type: toText(o.type),
      actionExecutionSequence: (o.actionExecutionSequence ?? [])
        .map((step) => ({ sequenceNumber: step.sequenceNumber ?? null, actionTag: toText(step.actionTag) }))
        .sort((a, b) => (a.sequenceNumber ?? 0) - (b.sequenceNumber ?? 0)),
    })),
    accessURLs: (p.accessURLs ?? []).map((u) => ({
      name: toText(u.name),
      description: toText(u.description),
      staticURL: toUrl(u.staticURL),
      dynamicURL: blankless(u.dynamicURL),
      parameters: (u.parameters ?? []).map((q) => ({ name: toText(q.name), value: toText(q.value) })),
    })),
    links: (p.links ?? []).map((l) => ({ rel: toText(l.rel), href: toUrl(l.href) })),
    code: toText(p.code),
    deploymentMode: toText(p.deploymentMode),
    owner: toText(p.owner),
    partnerName: toText(p.partnerName),
    resources: (p.resources ?? []).map((r, i) => toResource(r, sent[i] as Json)),
    downloadablePackageResource: p.downloadablePackageResource
      ? toResource(p.downloadablePackageResource, raw.downloadablePackageResource as Json)
      : null,
    raw,
  };
}

export const parsePackage = bodyParser(packageShape, { ...ORACLE, what: 'a package version' }, toPackage, {
  checkOnly: true,
});

const parsePackageItems = bodyParser(
  z.object({ items: z.array(packageShape) }),
  { ...ORACLE, what: 'a package list' },
  (typed, raw): OraclePackage[] => {
    const sent = rawItems(raw, 'items');
    return typed.items.map((p, i) => toPackage(p, sent[i] as Json));
  },
  { checkOnly: true },
);

/** A package object that carries none of PackageVersion's fields is no package (e.g. a wrapper). */
function checkPackageItems(list: readonly OraclePackage[], at: (i: number) => string): void {
  list.forEach((p, i) => {
    const known = Object.keys(packageShape.shape).some((k) => (p.raw as Json)[k] != null);
    if (!known) {
      invalid(ORACLE, `Oracle sent a package list with ${at(i)}: no PackageVersion field`, {
        field: at(i),
        problem: 'no PackageVersion field',
      });
    }
  });
}

/**
 * The package list. "Application Package" (docs.oracle.com/en/cloud/marketplace/partner-portal/
 * rest-api-publisher/op-publisher-v1-applications-listingversionid-packages-get.html) documents
 * one `PackageVersion` as the root schema; `{items: [PackageVersion]}` (a collection, as the
 * other list calls answer) is read too. A body of neither form, or an object with none of
 * PackageVersion's fields, is UPSTREAM_INVALID_RESPONSE: never an empty list.
 */
export function parsePackages(body: VendorBody): OraclePackage[] {
  const d = body.data;
  if (typeof d !== 'object' || d === null || Array.isArray(d)) {
    return invalid(ORACLE, 'Oracle sent a package list that is not a JSON object', {
      field: '(body)',
      problem: 'expected object',
    });
  }
  if ('items' in d) {
    const list = parsePackageItems(body);
    checkPackageItems(list, (i) => `items[${i}]`);
    return list;
  }
  const one = parsePackage(body);
  checkPackageItems([one], () => '(body)');
  return [one];
}

/** The fields of an application (listing version) summary. */
const Summary = z.object({
  id: nonBlank,
  listingVersionId: nonBlank,
  listingId: nonBlank,
  name: nonBlank,
  shortDescription: nonBlank,
  versionNumber: nonBlank,
  status: statusShape.transform(toStatus),
  lastUpdateDate: date,
});

/**
 * An item of `GET /appstore/publisher/v1/applications`: the reference's collection → items →
 * `listingSummary` (Oracle's own client libraries read `items[i].listingSummary.listingVersionId`),
 * or the summary's fields at the top level, as some answers carry them. Either way the listing
 * version id (`listingVersionId`, or `id`) is required: an item without it cannot be followed.
 */
const Application = Summary.extend({ listingSummary: Summary.nullish() }).transform((a, ctx) => {
  const s = a.listingSummary ?? a;
  const id = s.listingVersionId ?? s.id;
  if (id === null) {
    ctx.addIssue({
      code: 'invalid_type',
      expected: 'string',
      input: undefined,
      path: a.listingSummary ? ['listingSummary', 'listingVersionId'] : ['listingVersionId'],
    });
    return z.NEVER;
  }
  return { ...s, listingVersionId: id };
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
  z.object({ items: z.array(Application), hasMore: z.boolean().optional().catch(undefined) }),
  { ...ORACLE, what: 'an application list' },
  (typed, raw) => {
    const sent = rawItems(raw, 'items');
    return {
      items: typed.items.map((a, i): OracleApplication => ({
        listingVersionId: a.listingVersionId,
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
