/**
 * Operator acts on the ROMA archives kept in the gateway's vault (directory or PostgreSQL):
 * `deleteVaultArchive`. Registered after ROMA's other fields (its module's `schema()`).
 */
import { builder } from '../../graphql/builder.js';
import { archiveKey } from './archives.js';
import { checkRomaId } from './parse.js';
import { ROMA } from './ref.js';

interface DeletedShape {
  archiveId: string;
  deleted: boolean;
}

const DeleteVaultArchivePayload = builder.objectRef<DeletedShape>('DeleteVaultArchivePayload').implement({
  description: 'What `deleteVaultArchive` did.',
  fields: (t) => ({
    archiveId: t.string({ description: 'The archive asked for.', resolve: (p) => p.archiveId }),
    deleted: t.boolean({
      description: 'True when the vault held this archive and it is gone now; false when it held none.',
      resolve: (p) => p.deleted,
    }),
  }),
});

builder.mutationField('deleteVaultArchive', (t) =>
  t.field({
    // Removing a once-only archive cannot be undone (ROMA will not hand it out again): operators only.
    authScopes: { admin: true },
    complexity: 10,
    type: DeleteVaultArchivePayload,
    description:
      'Deletes a ROMA archive kept in the gateway’s vault (and the record of a failed take of it) before its retention (VAULT_RETENTION) ends. ROMA allows one download, so a deleted archive is gone for good: later asks answer ARCHIVE_ALREADY_CONSUMED. Makes no vendor call. Needs the `admin` scope (FORBIDDEN otherwise).',
    args: {
      archiveId: t.arg.string({ required: true, description: '`archive_id` of the kept archive.' }),
      projectId: t.arg.string({ description: 'ROMA project id (default ROMA_PROJECT_ID).' }),
      instanceId: t.arg.string({ description: 'ROMA instance id (default ROMA_INSTANCE_ID).' }),
    },
    resolve: async (_root, args, ctx) => {
      const client = ctx.gateway.vendors.client(ROMA);
      const scope = client.resolveScope(args.projectId, args.instanceId);
      const archiveId = checkRomaId('archiveId', args.archiveId);
      const deleted = await ctx.gateway.vault.delete(archiveKey(scope, archiveId));
      ctx.gateway.logger.info('audit: vault archive deleted', {
        audit: 'vault.delete',
        caller: ctx.principal.id,
        projectId: scope.projectId,
        instanceId: scope.instanceId,
        archiveId,
        deleted,
      });
      return { archiveId, deleted };
    },
  }),
);
