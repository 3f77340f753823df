import type { DownloadSource } from '../../downloads/route.js';
import type { RomaClient } from './client.js';
import { parseArchiveRef } from './parse.js';

export const ROMA_ARCHIVE_KIND = 'roma-archive';

/** Archives are served from the vault; the one vendor download happens first if it has not yet. */
export function romaDownloads(client: RomaClient): Record<string, DownloadSource> {
  return {
    [ROMA_ARCHIVE_KIND]: {
      // Served from the vault, which the archive flows into while the caller waits.
      fromVault: true,
      async open(params, { signal, method }) {
        const { scope, archiveId } = parseArchiveRef(params);
        // A caller that leaves stops waiting; the fetch into the vault goes on without it.
        const entry = await client.archives.ensure(scope, archiveId, signal);
        const { meta } = entry;
        return {
          // HEAD needs only the record: the file is not opened.
          body: method === 'HEAD' ? undefined : entry.open(),
          contentType: meta.contentType,
          contentLength: meta.size,
          fileName: meta.fileName,
          defaultFileName: `${archiveId}.zip`,
        };
      },
    },
  };
}
