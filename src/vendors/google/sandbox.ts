/**
 * Google Application Integration emulator: the `:downloadJsonPackage` colon-verb path with the
 * repeated `files` parameter, bearer check, Google-shaped errors, and an OAuth token endpoint
 * that verifies service-account JWT assertions (RS256) against keys the test registers.
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { bearer, type SandboxServer, sendJson, startSandbox } from '../../sandbox/harness.js';
import { CLOUD_PLATFORM_SCOPE } from './client.js';
import { googleFixtures } from './fixtures.js';

export const GOOGLE_SANDBOX = { token: 'google-sandbox-token' };

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export interface GoogleSandbox extends SandboxServer {
  /** PEM public keys whose signed assertions the token endpoint accepts. */
  trustedKeys: string[];
  issued: Set<string>;
}

function b64json(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export async function startGoogleSandbox(): Promise<GoogleSandbox> {
  const versions = new Map(googleFixtures().map((f) => [f.name, f]));
  let self: GoogleSandbox;
  const server = await startSandbox({
    name: 'google',
    errorBody: (status, message) => ({
      body: { error: { code: status, message, status: STATUS[status] ?? 'UNKNOWN', details: [] } },
    }),
    routes: [
      {
        name: 'token',
        method: 'POST',
        pattern: /^\/token$/,
        handler: async ({ res, body }) => {
          const form = new URLSearchParams((await body()).toString('utf8'));
          const fail = (msg: string) =>
            sendJson(res, 400, { error: 'invalid_grant', error_description: msg });
          if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
            return fail('grant_type');
          const [h, p, s] = (form.get('assertion') ?? '').split('.');
          if (!h || !p || !s) return fail('malformed assertion');
          const header = b64json(h);
          const claims = b64json(p);
          const signedBy = self.trustedKeys.some((pem) =>
            verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey(pem), Buffer.from(s, 'base64url')),
          );
          if (header.alg !== 'RS256' || !signedBy) return fail('Invalid JWT Signature.');
          if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now())
            return fail('expired assertion');
          if (
            !String(claims.scope ?? '')
              .split(' ')
              .includes(CLOUD_PLATFORM_SCOPE)
          )
            return fail('scope');
          const token = `ya29.sandbox-${randomBytes(12).toString('hex')}`;
          self.issued.add(token);
          sendJson(res, 200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
        },
      },
      {
        name: 'downloadJsonPackage',
        method: 'GET',
        pattern:
          /^\/v1\/projects\/(?<p>[^/]+)\/locations\/(?<l>[^/]+)\/integrations\/(?<i>[^/]+)\/versions\/(?<v>[^/:]+):downloadJsonPackage$/,
        handler: ({ req, res, params, url }) => {
          const token = bearer(req);
          if (!token || (token !== GOOGLE_SANDBOX.token && !self.issued.has(token))) {
            return self.sendError(
              res,
              401,
              'Request had invalid authentication credentials. Expected OAuth 2 access token.',
            );
          }
          const name = `projects/${params.p}/locations/${params.l}/integrations/${params.i}/versions/${params.v}`;
          const version = versions.get(name);
          if (!version) return self.sendError(res, 404, `Requested entity was not found: ${name}`);
          const wanted = url.searchParams.getAll('files');
          const known = ['INTEGRATION', 'INTEGRATION_CONFIG_VARIABLES', 'INTEGRATION_FILE_UNSPECIFIED'];
          const bad = wanted.find((w) => !known.includes(w));
          if (bad) return self.sendError(res, 400, `Invalid value at 'files' (${bad})`);
          const all = wanted.length === 0 || wanted.includes('INTEGRATION_FILE_UNSPECIFIED');
          const files: unknown[] = [];
          if (all || wanted.includes('INTEGRATION')) {
            files.push({ type: 'INTEGRATION', integrationVersion: version.integrationVersion });
          }
          if (all || wanted.includes('INTEGRATION_CONFIG_VARIABLES')) {
            files.push({
              type: 'INTEGRATION_CONFIG_VARIABLES',
              integrationConfig: version.integrationConfig,
            });
          }
          sendJson(res, 200, { files });
        },
      },
    ],
  });
  self = Object.assign(server, { trustedKeys: [] as string[], issued: new Set<string>() });
  return self;
}
