import type { DownloadSource } from '../../downloads/route.js';
import { parseArchiveRef, type RomaClient } from './client.js';

export const ROMA_ARCHIVE_KIND = 'roma-archive';

/** Archives are served from the vault; the one vendor download happens first if it has not yet. */
export function romaDownloads(client: RomaClient): Record<string, DownloadSource> {
  return {
    [ROMA_ARCHIVE_KIND]: {
      async open(params) {
        const { scope, archiveId } = parseArchiveRef(params);
        const entry = await client.archives.ensure(scope, archiveId);
        const { meta } = entry;
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
