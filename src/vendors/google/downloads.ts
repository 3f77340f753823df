import { Readable } from 'node:stream';
import type { DownloadSource } from '../../downloads/route.js';
import { NotFoundError } from '../../foundations/errors.js';
import { decodedBody } from '../../http/decode.js';
import type { GoogleClient } from './client.js';
import { parseVersionName } from './parse.js';
import { GOOGLE } from './ref.js';

export const GOOGLE_PACKAGE_KIND = 'google-package';
export const GOOGLE_INTEGRATION_FILE_KIND = 'google-integration-file';

/** The JSON package (every file) as `{integration}-{version}.json`. */
export function googleDownloads(client: GoogleClient): Record<string, DownloadSource> {
  return {
    [GOOGLE_PACKAGE_KIND]: {
      async open(params, { signal }) {
        const v = parseVersionName(params.name ?? '');
        const res = await client.downloadPackage(v, signal);
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
    /**
     * The Console's "Download integration" file: the IntegrationVersion JSON alone (the package's
     * INTEGRATION file), which the Console's "Upload integration" takes back as is.
     */
    [GOOGLE_INTEGRATION_FILE_KIND]: {
      async open(params, { signal }) {
        const v = parseVersionName(params.name ?? '');
        const files = await client.getPackageFiles(v, ['INTEGRATION'], signal);
        const content = files.find((f) => f.type === 'INTEGRATION')?.content;
        if (!content) {
          throw new NotFoundError(`Google sent no INTEGRATION file for ${v.name}`, {
            vendor: GOOGLE.vendor,
          });
        }
        const bytes = Buffer.from(`${JSON.stringify(content, null, 2)}\n`, 'utf8');
        return {
          body: Readable.from([bytes]),
          contentLength: bytes.length,
          contentType: 'application/json',
          fileName: `${v.integration}.json`,
          defaultFileName: 'integration.json',
        };
      },
    },
  };
}
