/**
 * Akana's session: the `AtmoAuthToken_{fedmemberid}` cookie from settings (AKANA_AUTH_TOKEN) or
 * from `POST /api/login` (email and password), renewed through `POST /api/login/renewToken` before
 * its 30-minute expiry (a fresh login when renewal is refused), with the CSRF cookie and header
 * when Akana sets them or settings give one.
 */
import { UpstreamInvalidResponseError } from '../../foundations/errors.js';
import { TokenCache } from '../../http/auth.js';
import type { VendorAuth, VendorHttp } from '../../http/vendor-http.js';
import type { AkanaSettings } from './settings.js';
import type { ClientDeps } from '../types.js';
import { AKANA } from './ref.js';

const SESSION_MS = 30 * 60_000;

export interface AkanaAuth {
  auth: VendorAuth | undefined;
  /** The session the gateway logs in for (undefined with AKANA_AUTH_TOKEN or no credentials). */
  tokenCache: TokenCache | undefined;
  /** The session cookie's name: `AtmoAuthToken_{fedmemberid}`. */
  cookieName: string;
}

/** `http` is the client's HTTP layer, read when the first session is due (it is built with this auth). */
export function akanaAuth(
  settings: AkanaSettings,
  baseUrl: string,
  http: () => VendorHttp,
  deps: ClientDeps,
): AkanaAuth {
  const fed = settings.fedMemberId ?? '';
  let csrf = settings.csrfToken?.reveal();
  const cookieName = `AtmoAuthToken_${fed}`;
  const csrfHeader = `X-Csrf-Token_${fed}`;
  const headersFor = (session: string): Record<string, string> => {
    const cookies = [`${cookieName}=${session}`];
    const h: Record<string, string> = {};
    if (csrf) {
      cookies.push(`Csrf-Token_${fed}=${csrf}`);
      h[csrfHeader] = csrf;
    }
    h.cookie = cookies.join('; ');
    return h;
  };

  /** One login or renewal call: the session (and CSRF) cookie it sets. */
  const sessionCall = async (
    p: string,
    headers: Record<string, string>,
    body: string | undefined,
    signal?: AbortSignal,
  ) => {
    const res = await http().request({
      method: 'POST',
      path: p,
      headers,
      body,
      authenticate: false,
      idempotent: true,
      signal,
    });
    await res.body.dump();
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const value = cookieValue(cookies, cookieName);
    if (!value) {
      throw new UpstreamInvalidResponseError('Akana login set no session cookie', {
        vendor: AKANA.vendor,
      });
    }
    const set = cookieValue(cookies, `Csrf-Token_${fed}`);
    if (set) csrf = set;
    return { value, expiresInMs: SESSION_MS };
  };

  const { authToken, email, password } = settings;
  if (authToken) {
    return {
      auth: { headers: async () => headersFor(authToken.reveal()) },
      tokenCache: undefined,
      cookieName,
    };
  }
  if (!(email && password)) return { auth: undefined, tokenCache: undefined, cookieName };
  let last: string | undefined;
  const tokenCache = new TokenCache(
    async (signal) => {
      // Renew the live session when there is one; log in again when renewal is refused.
      if (last) {
        try {
          // help.akana.com/content/current/cm/api/login/m_login_renewToken.htm: a POST with
          // `Content-Type: application/x-www-form-urlencoded` and no body, the cookie to renew.
          return await sessionCall(
            '/api/login/renewToken',
            { ...headersFor(last), 'content-type': 'application/x-www-form-urlencoded' },
            '',
            signal,
          );
        } catch {
          last = undefined;
        }
      }
      const issued = await sessionCall(
        '/api/login',
        { 'content-type': 'application/json' },
        JSON.stringify({ email, password: password.reveal() }),
        signal,
      );
      last = issued.value;
      return issued;
    },
    5 * 60_000,
    deps.sharedCredential?.(['login', baseUrl, email, password.reveal()]),
  );
  const auth: VendorAuth = {
    headers: async (signal) => headersFor(await tokenCache.get(signal)),
    renew: (refused) => {
      const current = tokenCache.peek();
      if (current !== undefined && refused.cookie === headersFor(current).cookie)
        tokenCache.invalidate(current);
      last = undefined;
      return true;
    },
  };
  return { auth, tokenCache, cookieName };
}

function cookieValue(setCookies: string[], name: string): string | undefined {
  for (const c of setCookies) {
    const first = c.split(';')[0] ?? '';
    const i = first.indexOf('=');
    if (i > 0 && first.slice(0, i).trim() === name) return first.slice(i + 1).trim();
  }
  return undefined;
}
