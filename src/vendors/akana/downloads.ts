import type { DownloadSource } from '../../downloads/route.js';
import { ForbiddenError } from '../../errors.js';
import type { Settings } from '../../settings.js';
import { type AkanaClient, checkAppVersionId, decodeOptions, type ExportOptions } from './client.js';

export const AKANA_EXPORT_KIND = 'akana-export';
export const AKANA_DEFAULT_FILE_NAME = 'appversion-export.zip';

/** PKI options export private keys: only with AKANA_ALLOW_PKI_EXPORT=true. */
export function checkPkiAllowed(options: ExportOptions, settings: Settings): void {
  if ((options.includeAppPki || options.includeApiPki) && !settings.akana.allowPkiExport) {
    throw new ForbiddenError(
      'Exports with private keys (includeAppPki, includeApiPki) are refused unless AKANA_ALLOW_PKI_EXPORT=true',
      { vendor: 'AKANA_API_PLATFORM' },
    );
  }
}

export function akanaDownloads(client: AkanaClient, settings: Settings): Record<string, DownloadSource> {
  return {
    [AKANA_EXPORT_KIND]: {
      async open(params, { signal }) {
        const appVersionId = checkAppVersionId(params.appVersionId ?? '');
        const options = decodeOptions(params.options ?? '');
        checkPkiAllowed(options, settings);
        const file = await client.openExport(appVersionId, options, signal);
        return { ...file, defaultFileName: AKANA_DEFAULT_FILE_NAME };
      },
    },
  };
}
