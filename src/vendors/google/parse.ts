/**
 * What names Google's things and what Google sends, read at the edge: version names, list parents
 * and locations (checked before any URL is built; a location is also a host label) and the parsers
 * of the documented bodies (IntegrationVersion, versions.list, integrations.list,
 * downloadJsonPackage).
 */
import * as z from 'zod';
import { BadUserInputError } from '../../foundations/errors.js';
import {
  bodyParser,
  date,
  flag,
  type Json,
  jsonObject,
  list,
  nonEmpty,
  rawItems,
  scalar,
  text,
} from '../parse.js';
import { GOOGLE as GOOGLE_REF } from './ref.js';

export type FileType = 'INTEGRATION' | 'INTEGRATION_CONFIG_VARIABLES';
export const FILE_TYPES: readonly FileType[] = ['INTEGRATION', 'INTEGRATION_CONFIG_VARIABLES'];

export interface VersionName {
  name: string;
  projectId: string;
  location: string;
  integration: string;
  version: string;
}

/**
 * One file of the package: `{type, integrationVersion | integrationConfig}`. `type` is the string
 * Google sent (`INTEGRATION_FILE_UNSPECIFIED` or a value added later stay readable).
 */
export interface PackageFile {
  type: string;
  content: Record<string, unknown> | null;
  /** The file object exactly as Google sent it. */
  raw: Record<string, unknown>;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/;

/**
 * A location is a label (`us-central1`, `europe-west4`): letters, digits and `-`, never `.`, since
 * it is also put into a regional base URL's host (`https://{location}-integrations.googleapis.com`).
 */
const LOCATION = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * The base URL for `location`. A `{location}` template is filled with the label; `-` ("every
 * location", documented for versions.list: `projects/{p}/locations/-/integrations/-`) has no
 * regional host, so the template's `{location}` and the separator after it are dropped: the global
 * endpoint (`https://integrations.googleapis.com`, the reference's HTTP request host). Anything but
 * a label or `-` is refused before a URL is built from it.
 */
export function regionalBaseUrl(template: string, location: string): string {
  if (!template.includes('{location}')) return template;
  if (location === '-') return template.replace(/\{location\}[-.]?/, '');
  if (!LOCATION.test(location)) throw new BadUserInputError('location is not a valid location');
  return template.replace('{location}', location);
}

/** `projects/{p}/locations/{l}/integrations/{i}/versions/{v}`, one non-empty segment each, no `..`. */
export function parseVersionName(name: string): VersionName {
  const parts = name.split('/');
  const bad = () =>
    new BadUserInputError(
      'name must be projects/{project}/locations/{location}/integrations/{integration}/versions/{version}',
    );
  if (parts.length !== 8) throw bad();
  const [p0, projectId, l0, location, i0, integration, v0, version] = parts as [
    string,
    ...string[],
  ] as string[];
  if (p0 !== 'projects' || l0 !== 'locations' || i0 !== 'integrations' || v0 !== 'versions') throw bad();
  for (const s of [projectId, location, integration, version]) {
    if (!s || !SEGMENT.test(s) || s.includes('..')) throw bad();
  }
  if (!LOCATION.test(location as string)) throw bad();
  return {
    name,
    projectId: projectId as string,
    location: location as string,
    integration: integration as string,
    version: version as string,
  };
}
/** A list parent: `projects/{p}/locations/{l}` (+ `/integrations/{i}` for versions; `-` = all). */
export interface ListParent {
  projectId: string;
  location: string;
  integration?: string;
}

/** Checks a parent's segments (no call is made with an unchecked one); `-` where Google allows it. */
export function checkParent(p: { projectId: string; location: string; integration?: string }): ListParent {
  const ok = (s: string, dash: boolean) => (dash && s === '-') || (SEGMENT.test(s) && !s.includes('..'));
  if (!ok(p.projectId, false)) throw new BadUserInputError('projectId is not a valid Google project id');
  if (!((p.integration !== undefined && p.location === '-') || LOCATION.test(p.location)))
    throw new BadUserInputError('location is not a valid location (letters, digits and "-")');
  if (p.integration !== undefined && !ok(p.integration, true)) {
    throw new BadUserInputError('integration is not a valid integration name (or "-" for all)');
  }
  return p;
}
/** The union field is documented as an object and described as a string: accept both. */
export function asObject(raw: unknown): Record<string, unknown> | null {
  if (typeof raw === 'string') {
    try {
      return asObject(JSON.parse(raw));
    } catch {
      return null;
    }
  }
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw)
    ? (raw as Record<string, unknown>)
    : null;
}
/** Who sent a body, as the parsers name it: the vendor's ref. */
const GOOGLE = { vendor: GOOGLE_REF.vendor, label: GOOGLE_REF.name };

/** `startTasks[]` / `nextTasks[]`: the task ids they name. */
const taskIds = list(z.object({ taskId: scalar })).transform((l) =>
  l.map((x) => x.taskId ?? '').filter(Boolean),
);

/** An IntegrationVersion (versions.get, versions.list items), typed where the schema reads it. */
const Version = z.object({
  name: nonEmpty,
  description: nonEmpty,
  state: nonEmpty,
  status: nonEmpty,
  // int64 in proto3 JSON is a string; a number is read too.
  snapshotNumber: scalar.transform((n) => n || null),
  createTime: date,
  updateTime: date,
  lastModifierEmail: nonEmpty,
  userLabel: nonEmpty,
  triggerConfigs: list(
    z.object({
      label: nonEmpty,
      triggerType: nonEmpty,
      triggerId: nonEmpty,
      triggerNumber: nonEmpty,
      description: nonEmpty,
      startTasks: taskIds,
    }),
  ),
  taskConfigs: list(
    z.object({
      taskId: nonEmpty,
      task: nonEmpty,
      displayName: nonEmpty,
      description: nonEmpty,
      nextTasks: taskIds,
      parameters: jsonObject.transform((p) => (p ? Object.keys(p) : [])),
    }),
  ),
  integrationParameters: list(
    z.object({ key: nonEmpty, dataType: nonEmpty, displayName: nonEmpty, inputOutputType: nonEmpty }),
  ),
});

type VersionTyped = z.output<typeof Version>;
export type GoogleTrigger = VersionTyped['triggerConfigs'][number];
export type GoogleTask = VersionTyped['taskConfigs'][number];
export type GoogleParameter = VersionTyped['integrationParameters'][number];

/** An IntegrationVersion as the typed fields read it, and as Google sent it (`raw`). */
export interface GoogleVersion {
  name: string | null;
  description: string | null;
  state: string | null;
  status: string | null;
  snapshotNumber: string | null;
  createTime: Date | null;
  updateTime: Date | null;
  lastModifierEmail: string | null;
  userLabel: string | null;
  triggers: GoogleTrigger[];
  tasks: GoogleTask[];
  parameters: GoogleParameter[];
  raw: Json;
}

function toVersion(v: VersionTyped, raw: Json): GoogleVersion {
  const { triggerConfigs, taskConfigs, integrationParameters, ...fields } = v;
  return { ...fields, triggers: triggerConfigs, tasks: taskConfigs, parameters: integrationParameters, raw };
}

export const parseVersion = bodyParser(Version, { ...GOOGLE, what: 'an IntegrationVersion' }, toVersion);

const nextPageToken = nonEmpty.transform((t) => t ?? undefined);

export const parseVersions = bodyParser(
  z.object({ integrationVersions: list(Version), nextPageToken }),
  { ...GOOGLE, what: 'a version list' },
  (typed, raw) => {
    const sent = rawItems(raw, 'integrationVersions');
    return {
      items: typed.integrationVersions.map((v, i) => toVersion(v, sent[i] as Json)),
      nextPageToken: typed.nextPageToken,
    };
  },
);

/** An Integration of integrations.list. */
export interface GoogleIntegration {
  /** `projects/{p}/locations/{l}/integrations/{integration}`. */
  name: string;
  /** The `{integration}` segment of the name. */
  integration: string;
  description: string | null;
  active: boolean | null;
  creatorEmail: string | null;
  lastModifierEmail: string | null;
  createTime: Date | null;
  updateTime: Date | null;
  raw: Json;
}

export const parseIntegrations = bodyParser(
  z.object({
    integrations: list(
      z.object({
        name: text,
        description: nonEmpty,
        active: flag,
        creatorEmail: nonEmpty,
        lastModifierEmail: nonEmpty,
        createTime: date,
        updateTime: date,
      }),
    ),
    nextPageToken,
  }),
  { ...GOOGLE, what: 'an integration list' },
  (typed, raw) => {
    const sent = rawItems(raw, 'integrations');
    return {
      items: typed.integrations.map((i, n): GoogleIntegration => ({
        ...i,
        name: i.name ?? '',
        integration: (i.name ?? '').split('/')[5] ?? '',
        raw: sent[n] as Json,
      })),
      nextPageToken: typed.nextPageToken,
    };
  },
);

/**
 * `downloadJsonPackage`: `{files: [{type, integrationVersion | integrationConfig}]}`. The union
 * field `content`: the two documented members, else whatever member Google added.
 */
export const parseFiles = bodyParser(
  z.object({ files: list(z.object({ type: nonEmpty })) }),
  { ...GOOGLE, what: 'a JSON package' },
  (typed, raw): PackageFile[] => {
    const sent = rawItems(raw, 'files');
    return typed.files.map((f, i) => {
      const file = sent[i] as Json;
      const other = Object.keys(file).find((k) => k !== 'type');
      const member = file.integrationVersion ?? file.integrationConfig ?? (other ? file[other] : null);
      return { type: f.type ?? 'INTEGRATION_FILE_UNSPECIFIED', content: asObject(member), raw: file };
    });
  },
);
