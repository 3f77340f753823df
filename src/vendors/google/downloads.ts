import type { DownloadSource } from '../../downloads/route.js';
import { decodedBody } from '../../http/decode.js';
import { type GoogleClient, parseVersionName } from './client.js';

export const GOOGLE_PACKAGE_KIND = 'google-package';

/** The JSON package (every file) as `{integration}-{version}.json`. */
export function googleDownloads(client: GoogleClient): Record<string, DownloadSource> {
  return {
    [GOOGLE_PACKAGE_KIND]: {
      async open(params, { signal }) {
        const v = parseVersionName(params.name ?? '');
        const res = await client.openPackage(v, signal);
        const { body, contentLength } = decodedBody(res);
        return {
          body,
          contentLength,
          contentType: 'application/json',
          fileName: `${v.integration}-${v.version}.json`,
          defaultFileName: 'integration-version.json',
        };
      },
    },
  };
}
