/**
 * Oracle's credentials: ORACLE_ACCESS_TOKEN as a bearer token, or a token from
 * `GET /appstore/publisher/v1/authenticate` (HTTP Basic client id/secret, `X-Oracle-UserId`),
 * cached until it expires (a week unless Oracle says otherwise) and renewed once after a 401.
 */
import { basicHeader, bearerValue, renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import { fetchAccessToken } from '../../http/oauth.js';
import type { VendorAuth, VendorHttp } from '../../http/vendor-http.js';
import type { OracleSettings } from './settings.js';
import type { ClientDeps } from '../types.js';

export interface OracleAuth {
  auth: VendorAuth | undefined;
  /** The token of `authenticate`, when the gateway obtains one. */
  tokenCache: TokenCache | undefined;
}

/** `http` is the client's HTTP layer, read when the first token is due (it is built with this auth). */
export function oracleAuth(
  settings: OracleSettings,
  baseUrl: string,
  http: () => VendorHttp,
  deps: ClientDeps,
): OracleAuth {
  const userId = settings.userId ?? '';
  const { accessToken, clientId, clientSecret } = settings;
  if (accessToken)
    return { auth: staticAuth('authorization', bearerValue, accessToken), tokenCache: undefined };
  if (!(clientId && clientSecret)) return { auth: undefined, tokenCache: undefined };
  const tokenCache = new TokenCache(
    (signal) =>
      fetchAccessToken(
        http(),
        {
          path: '/appstore/publisher/v1/authenticate',
          signal,
          headers: {
            authorization: basicHeader(clientId, clientSecret.reveal()),
            'x-oracle-userid': userId,
          },
        },
        604_800,
      ),
    undefined,
    deps.sharedCredential?.(['authenticate', baseUrl, clientId, clientSecret.reveal(), userId]),
  );
  return { auth: renewableAuth('authorization', bearerValue, tokenCache), tokenCache };
}
