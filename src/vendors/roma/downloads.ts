import type { DownloadSource } from '../../downloads/route.js';
import { ArchiveAlreadyConsumedError } from '../../errors.js';
import { archiveKey } from './archives.js';
import { checkRomaId, type RomaClient } from './client.js';

export const ROMA_ARCHIVE_KIND = 'roma-archive';

/** Archives are served from the vault; the one vendor download happens first if it has not yet. */
export function romaDownloads(client: RomaClient): Record<string, DownloadSource> {
  return {
    [ROMA_ARCHIVE_KIND]: {
      async open(params) {
        const scope = {
          projectId: checkRomaId('projectId', params.projectId),
          instanceId: checkRomaId('instanceId', params.instanceId),
        };
        const archiveId = checkRomaId('archiveId', params.archiveId);
        const meta = await client.archives.ensure(scope, archiveId);
        const entry = await client.archives.vault.get(archiveKey(scope, archiveId));
        if (!entry) {
          throw new ArchiveAlreadyConsumedError(
            'The archive left the vault (retention); run a new export job.',
            {
              vendor: 'HUAWEI_ROMA_CONNECT',
            },
          );
        }
        return {
          body: entry.open(),
          contentType: meta.contentType,
          contentLength: meta.size,
          fileName: meta.fileName,
          defaultFileName: `${archiveId}.zip`,
        };
      },
    },
  };
}
