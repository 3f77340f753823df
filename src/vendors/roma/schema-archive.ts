/**
 * ROMA's `AssetArchive`: an asset package kept in the vault (ROMA serves it once), its node door and
 * its federation entity. `keep` and `lookup` take ROMA's one download for the root fields too.
 */
import { builder } from '../../graphql/builder.js';
import type { Context } from '../../graphql/context.js';
import type { VaultEntry } from '../../downloads/vault.js';
import { BadUserInputError } from '../../foundations/errors.js';
import { ROMA } from './ref.js';
import { Downloadable, SignedUrl, signedDownload } from '../../schema/downloads.js';
import { federateEntity, keyField } from '../../schema/federation.js';
import { registerNodeDoor } from '../../schema/nodes.js';
import { parseArchiveRef, type Scope } from './parse.js';
import { ROMA_ARCHIVE_KIND } from './downloads.js';

interface ArchiveShape {
  scope: Scope;
  archiveId: string;
  /** The kept archive (its record and its bytes). */
  entry: VaultEntry;
  /** apps/tasks, read once from the kept body when it is the seed's JSON. */
  seed?: Promise<{ apps: string | null; tasks: string[]; raw: unknown }>;
}

const SEED_MAX_BYTES = 10 * 1024 * 1024;

async function seedContent(a: ArchiveShape): Promise<{ apps: string | null; tasks: string[]; raw: unknown }> {
  a.seed ??= (async () => {
    const none = { apps: null, tasks: [], raw: null };
    const { meta } = a.entry;
    if (!/json/i.test(meta.contentType) || meta.size > SEED_MAX_BYTES) return none;
    const chunks: Buffer[] = [];
    for await (const c of a.entry.open()) chunks.push(c as Buffer);
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { apps?: unknown; tasks?: unknown };
      const tasks = Array.isArray(body.tasks)
        ? body.tasks
            .map((t: { task_id?: unknown }) => t?.task_id)
            .filter((t): t is string => typeof t === 'string')
        : [];
      return { apps: typeof body.apps === 'string' ? body.apps : null, tasks, raw: body };
    } catch {
      return none;
    }
  })();
  return a.seed;
}

/** `{projectId}/{instanceId}/{archiveId}`: the native key inside the global id, every part checked. */
function parseArchiveKey(key: string) {
  const [projectId, instanceId, archiveId, extra] = key.split('/');
  if (extra !== undefined) throw new BadUserInputError('malformed AssetArchive id');
  return parseArchiveRef({ projectId, instanceId, archiveId });
}

export async function keep(ctx: Context, scope: Scope, archiveId: string): Promise<ArchiveShape> {
  const client = ctx.gateway.vendors.client(ROMA);
  // The caller waits until its deadline at most; the fetch into the vault goes on without it.
  return { scope, archiveId, entry: await client.archives.ensure(scope, archiveId, ctx.signal) };
}

/** A lookup: null (no error) when ROMA says the archive does not exist (404: a typo, never issued). */
export async function lookup(ctx: Context, scope: Scope, archiveId: string): Promise<ArchiveShape | null> {
  try {
    return await keep(ctx, scope, archiveId);
  } catch (err) {
    if ((err as { code?: string }).code === 'NOT_FOUND') return null;
    throw err;
  }
}

const AssetTask = builder.objectRef<string>('AssetTask').implement({
  description: 'A task listed in an asset package (`tasks[]` of the package body).',
  fields: (t) => ({ taskId: t.string({ description: '`task_id`.', resolve: (id) => id }) }),
});

export const AssetArchive = builder.node(builder.objectRef<ArchiveShape>('AssetArchive'), {
  authScopes: { 'roma:read': true },
  description:
    'A ROMA Connect asset package (`GET /v2/{project_id}/instances/{instance_id}/assets/archives/{archive_id}`). ROMA lets it be downloaded only once: the gateway takes that one download into its vault before answering, and serves every later read and download from there.',
  interfaces: [Downloadable],
  id: { resolve: (a) => `${a.scope.projectId}/${a.scope.instanceId}/${a.archiveId}` },
  isTypeOf: (v) => typeof v === 'object' && v !== null && 'archiveId' in v && 'entry' in v,
  loadOne: (key, ctx) => {
    const ref = parseArchiveKey(key);
    // The door (registerNodeDoor below) has checked scope and key; ROMA's 404 is null, no error.
    return lookup(ctx, ref.scope, ref.archiveId);
  },
  fields: (t) => ({
    projectId: t.string({ description: 'ROMA `project_id`.', resolve: (a) => a.scope.projectId }),
    instanceId: t.string({ description: 'ROMA `instance_id`.', resolve: (a) => a.scope.instanceId }),
    archiveId: t.exposeString('archiveId', {
      description: 'ROMA `archive_id` (from the export job’s `archive_id`, or `entities.archive_id`).',
    }),
    fileName: t.string({
      nullable: true,
      description: 'The file name from ROMA’s Content-Disposition (sanitized), if it sent one.',
      resolve: (a) => a.entry.meta.fileName ?? null,
    }),
    contentType: t.string({
      description: 'The Content-Type ROMA sent.',
      resolve: (a) => a.entry.meta.contentType,
    }),
    size: t.field({
      type: 'NonNegativeInt',
      description: 'Size in bytes, exactly as received.',
      resolve: (a) => a.entry.meta.size,
    }),
    sha256: t.string({
      description: 'SHA-256 of the bytes as received (hex).',
      resolve: (a) => a.entry.meta.sha256,
    }),
    retrievedAt: t.field({
      type: 'DateTime',
      description: 'When the gateway took the one download from ROMA.',
      resolve: (a) => new Date(a.entry.meta.retrievedAt),
    }),
    appIds: t.stringList({
      description:
        '`apps` of the package body split at its commas, when ROMA sent the documented JSON (empty for a binary package).',
      resolve: async (a) =>
        ((await seedContent(a)).apps ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter((x) => x !== ''),
    }),
    apps: t.string({
      nullable: true,
      description:
        '`apps` of the package body, when ROMA sent the documented JSON (null for a binary package).',
      deprecationReason: 'use appIds',
      resolve: async (a) => (await seedContent(a)).apps,
    }),
    tasks: t.field({
      type: [AssetTask],
      description: '`tasks[].task_id` of the package body, when ROMA sent the documented JSON.',
      resolve: async (a) => (await seedContent(a)).tasks,
    }),
    raw: t.field({
      type: 'JSON',
      nullable: true,
      description:
        'The package body parsed as JSON when ROMA sent JSON (the seed’s `{apps, tasks}` form); null for a binary package.',
      resolve: async (a) => (await seedContent(a)).raw,
    }),
    download: t.field({
      type: SignedUrl,
      description:
        'A signed URL served from the gateway’s vault (never from ROMA again). Use it as often as you like until it expires.',
      args: { expiresIn: t.arg.int({ description: 'Seconds until the link expires (default 300).' }) },
      resolve: (a, args, ctx) =>
        signedDownload(
          ctx,
          ROMA_ARCHIVE_KIND,
          { projectId: a.scope.projectId, instanceId: a.scope.instanceId, archiveId: a.archiveId },
          args.expiresIn,
        ),
    }),
  }),
});

// The one door of node(id), nodes(ids) and _entities. Fetching an AssetArchive by id takes ROMA's
// one download: scope and key are checked first.
registerNodeDoor('AssetArchive', {
  scope: 'roma:read',
  check: (key) => {
    const ref = parseArchiveKey(key);
    return `${ref.scope.projectId}/${ref.scope.instanceId}/${ref.archiveId}`;
  },
});

// Federation: other subgraphs reference an archive by project, instance and archive id. Resolving
// one takes ROMA's one download into the vault, as `assetArchive` does.
federateEntity(AssetArchive, {
  key: builder.selection<{ projectId: string; instanceId: string; archiveId: string }>(
    'projectId instanceId archiveId',
  ),
  nativeKey: (rep) =>
    `${keyField(rep, 'projectId')}/${keyField(rep, 'instanceId')}/${keyField(rep, 'archiveId')}`,
  load: (key, ctx) => {
    const ref = parseArchiveKey(key);
    return lookup(ctx, ref.scope, ref.archiveId);
  },
});
