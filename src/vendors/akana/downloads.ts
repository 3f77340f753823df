import type { DownloadSource } from '../../downloads/route.js';
import { ForbiddenError } from '../../foundations/errors.js';
import type { Context } from '../../graphql/context.js';
import type { AkanaClient } from './client.js';
import { checkAppVersionId, decodeOptions, type ExportOptions } from './parse.js';
import { AKANA } from './ref.js';

export const AKANA_EXPORT_KIND = 'akana-export';
export const AKANA_DEFAULT_FILE_NAME = 'appversion-export.zip';

/**
 * PKI options export private keys: only for callers with the `akana:pki` scope (anonymous callers
 * get it only with AKANA_ALLOW_PKI_EXPORT=true). Every granted PKI export leaves an audit line.
 */
export function checkPkiAllowed(options: ExportOptions, ctx: Context, appVersionId: string): void {
  if (!options.includeAppPki && !options.includeApiPki) return;
  if (!ctx.principal.scopes.has('akana:pki')) {
    throw new ForbiddenError(
      'Exports with private keys (includeAppPki, includeApiPki) need the akana:pki scope',
      { vendor: AKANA.vendor },
    );
  }
  ctx.gateway.logger.info('audit: Akana PKI export', {
    audit: 'akana.pki_export',
    caller: ctx.principal.id,
    appVersionId,
    includeAppPki: options.includeAppPki,
    includeApiPki: options.includeApiPki,
  });
}

export function akanaDownloads(client: AkanaClient): Record<string, DownloadSource> {
  return {
    [AKANA_EXPORT_KIND]: {
      async open(params, { signal }) {
        const appVersionId = checkAppVersionId(params.appVersionId ?? '');
        // The signature is the capability: only a caller with akana:pki can mint a PKI link (the
        // AppVersionExport type refuses every other caller, whichever path reached it), and the
        // minting left an audit line with the caller. Serving it leaves one too.
        const options = decodeOptions(params.options ?? '');
        if (options.includeAppPki || options.includeApiPki) {
          client.logger.info('audit: Akana PKI export downloaded', {
            audit: 'akana.pki_export_download',
            appVersionId,
            includeAppPki: options.includeAppPki,
            includeApiPki: options.includeApiPki,
          });
        }
        const file = await client.downloadExport(appVersionId, options, signal);
        return { ...file, defaultFileName: AKANA_DEFAULT_FILE_NAME };
      },
    },
  };
}
