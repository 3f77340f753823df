/**
 * Google's credentials: GOOGLE_ACCESS_TOKEN as a bearer token, or google-auth-library (service
 * account key file, ADC, metadata server) with its own token caching and the cloud-platform scope.
 * The library caches its tokens itself: this vendor has no `tokenCache`.
 */
import { readFile } from 'node:fs/promises';
import { GoogleAuth } from 'google-auth-library';
import { UpstreamUnauthenticatedError } from '../../foundations/errors.js';
import { bearerValue, staticAuth } from '../../http/auth.js';
import type { VendorAuth } from '../../http/vendor-http.js';
import type { GoogleSettings } from './settings.js';
import { GOOGLE } from './ref.js';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The static token when settings give one, else google-auth-library. */
export function googleAuth(settings: GoogleSettings): VendorAuth {
  return settings.accessToken
    ? staticAuth('authorization', bearerValue, settings.accessToken)
    : googleAuthLibrary(settings);
}

function googleAuthLibrary(settings: GoogleSettings): VendorAuth {
  const auth = new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE], keyFilename: settings.credentialsFile });
  let ready: Promise<Awaited<ReturnType<GoogleAuth['getClient']>>> | undefined;
  const client = () => {
    ready ??= (async () => {
      const c = await auth.getClient();
      // Key files name their token endpoint (`token_uri`); google-auth-library always posts to
      // Google's. Honour the file, so private endpoints and the sandbox work the same way.
      const tokenUri = settings.credentialsFile ? await keyFileTokenUri(settings.credentialsFile) : undefined;
      if (tokenUri && tokenUri !== GOOGLE_TOKEN_URL) {
        c.transporter.interceptors.request.add({
          resolved: async (config) => {
            if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUri);
            return config;
          },
        });
      }
      return c;
    })().catch((err: unknown) => {
      ready = undefined;
      throw err;
    });
    return ready;
  };
  return {
    async headers() {
      try {
        const headers = await (await client()).getRequestHeaders();
        const value = headers.get('authorization');
        if (!value) throw new Error('no authorization header');
        return { authorization: value };
      } catch (err) {
        // The library's error can quote the key file path or response body: keep only what is safe.
        throw new UpstreamUnauthenticatedError('Google credentials could not produce an access token', {
          vendor: GOOGLE.vendor,
          cause: err,
        });
      }
    },
  };
}

async function keyFileTokenUri(file: string): Promise<string | undefined> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { token_uri?: unknown };
    return typeof json.token_uri === 'string' ? json.token_uri : undefined;
  } catch {
    return undefined;
  }
}
