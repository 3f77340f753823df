/**
 * Torq's credentials: TORQ_TOKEN as a bearer token, or an OAuth client-credentials token from
 * TORQ_AUTH_URL (HTTP Basic client id/secret), cached until it expires (an hour unless Torq says
 * otherwise) and renewed once after a 401.
 */
import { basicHeader, bearerValue, renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import { fetchAccessToken } from '../../http/oauth.js';
import type { VendorAuth, VendorHttp } from '../../http/vendor-http.js';
import type { TorqSettings } from './settings.js';
import type { ClientDeps } from '../types.js';

export interface TorqAuth {
  auth: VendorAuth | undefined;
  /** The client-credentials token, when the gateway obtains one. */
  tokenCache: TokenCache | undefined;
}

/** `http` is the client's HTTP layer, read when the first token is due (it is built with this auth). */
export function torqAuth(settings: TorqSettings, http: () => VendorHttp, deps: ClientDeps): TorqAuth {
  const { token, clientId, clientSecret } = settings;
  if (token) return { auth: staticAuth('authorization', bearerValue, token), tokenCache: undefined };
  if (!(clientId && clientSecret)) return { auth: undefined, tokenCache: undefined };
  const tokenCache = new TokenCache(
    (signal) =>
      fetchAccessToken(
        http(),
        {
          method: 'POST',
          baseUrl: settings.authUrl,
          path: '',
          signal,
          headers: {
            authorization: basicHeader(clientId, clientSecret.reveal()),
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
        },
        3600,
      ),
    undefined,
    deps.sharedCredential?.(['client_credentials', settings.authUrl, clientId, clientSecret.reveal()]),
  );
  return { auth: renewableAuth('authorization', bearerValue, tokenCache), tokenCache };
}
