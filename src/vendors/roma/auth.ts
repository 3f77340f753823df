/**
 * ROMA's credentials: `X-Auth-Token` from settings (ROMA_AUTH_TOKEN), or a token from IAM password
 * auth (`POST {iam}/v3/auth/tokens`, project scope when ROMA_PROJECT_ID is set, else domain scope;
 * the token in `X-Subject-Token`), cached for its life (24 h unless the body says otherwise) minus a
 * margin and renewed once after a 401.
 */
import { UpstreamInvalidResponseError } from '../../foundations/errors.js';
import { renewableAuth, staticAuth, TokenCache } from '../../http/auth.js';
import type { VendorAuth, VendorHttp } from '../../http/vendor-http.js';
import type { RomaSettings } from './settings.js';
import type { ClientDeps } from '../types.js';
import { ROMA } from './ref.js';

export interface RomaAuth {
  auth: VendorAuth | undefined;
  /** The IAM token, when the gateway obtains one (undefined with a static token or none). */
  tokenCache: TokenCache | undefined;
}

/** `http` is the client's HTTP layer, read when the first token is due (it is built with this auth). */
export function romaAuth(settings: RomaSettings, http: () => VendorHttp, deps: ClientDeps): RomaAuth {
  const { authToken, iamUrl, iamUser, iamPassword, iamDomain } = settings;
  if (authToken) return { auth: staticAuth('x-auth-token', (t) => t, authToken), tokenCache: undefined };
  if (!(iamUrl && iamUser && iamPassword && iamDomain)) return { auth: undefined, tokenCache: undefined };
  const tokenCache = new TokenCache(
    async (signal) => {
      const project = settings.projectId ? { id: settings.projectId } : undefined;
      const res = await http().request({
        method: 'POST',
        baseUrl: iamUrl,
        path: '/v3/auth/tokens',
        authenticate: false,
        idempotent: true,
        signal,
        headers: { 'content-type': 'application/json;charset=utf8' },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ['password'],
              password: {
                user: { name: iamUser, password: iamPassword.reveal(), domain: { name: iamDomain } },
              },
            },
            scope: project ? { project } : { domain: { name: iamDomain } },
          },
        }),
      });
      const text = await http().readCapped(res, 1024 * 1024);
      const token = res.headers['x-subject-token'];
      if (typeof token !== 'string' || token === '') {
        throw new UpstreamInvalidResponseError('Huawei IAM returned no X-Subject-Token', {
          vendor: ROMA.vendor,
        });
      }
      let expiresInMs = 24 * 3_600_000;
      try {
        const expiresAt = Date.parse(
          (JSON.parse(text) as { token?: { expires_at?: string } }).token?.expires_at ?? '',
        );
        if (!Number.isNaN(expiresAt)) expiresInMs = expiresAt - Date.now();
      } catch {
        // no body: keep the documented 24 h
      }
      return { value: token, expiresInMs };
    },
    60 * 60_000,
    deps.sharedCredential?.([
      'iam-password',
      iamUrl,
      iamUser,
      iamPassword.reveal(),
      iamDomain,
      settings.projectId ?? '',
    ]),
  );
  return { auth: renewableAuth('x-auth-token', (t) => t, tokenCache), tokenCache };
}
