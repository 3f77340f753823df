/**
 * Google Application Integration emulator: the `:downloadJsonPackage` colon-verb path with the
 * repeated `files` parameter, `versions.get`, bearer check, Google-shaped errors, and an OAuth
 * token endpoint that verifies service-account JWT assertions (RS256) against keys the test
 * registers.
 *
 * References: projects.locations.integrations.versions.downloadJsonPackage (the seed,
 * google-application-integration-downloadJsonPackage.txt: `{files: [{type, integrationVersion |
 * integrationConfig}]}`, IAM permission `integrations.integrationVersions.get`);
 * projects.locations.integrations.versions.get (docs.cloud.google.com/application-integration/
 * docs/reference/rest/v1/projects.locations.integrations.versions/get: `GET /v1/{name}` → the
 * IntegrationVersion, same permission); File / IntegrationFileType (type enum
 * `INTEGRATION_FILE_UNSPECIFIED | INTEGRATION | INTEGRATION_CONFIG_VARIABLES`);
 * projects.locations.integrations.list (docs.cloud.google.com/application-integration/docs/
 * reference/rest/v1/projects.locations.integrations/list: `GET /v1/{parent=projects/*\/locations/*}/
 * integrations`, pageSize/pageToken/filter/orderBy → `{integrations: [{name, description,
 * updateTime, active, creatorEmail, lastModifierEmail, createTime}], nextPageToken}`);
 * projects.locations.integrations.versions.list (…/projects.locations.integrations.versions/list:
 * `GET /v1/{parent=…/integrations/*}/versions`, `integrations/-` and `locations/-` = all, pageSize
 * default 50, above 1000 coerced to 1000, filter on IntegrationVersion fields (see
 * `compileFilter`: `:`, `=`, `!=`, `<`, `>`, `<=`, `>=`, NOT, AND, OR, parentheses), orderBy
 * `last_modified_time`, `created_time`, `snapshot_number` (descending) or `name` →
 * `{integrationVersions, nextPageToken, noPermission}`). Page tokens are opaque to clients;
 * an unknown one is INVALID_ARGUMENT. Errors
 * `{"error": {code, message, status, details}}` (cloud.google.com/apis/design/errors).
 */
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearer, type SandboxServer, sendJson, startSandbox } from '../../sandbox/harness.js';
import { CLOUD_PLATFORM_SCOPE } from './auth.js';
import { googleFixtures } from './fixtures.js';
import { compileFilter, compileOrder, type Obj, pageOf } from './sandbox-lists.js';

export const GOOGLE_SANDBOX = {
  token: 'google-sandbox-token',
  /** A valid token whose principal lacks `integrations.integrationVersions.get`: the documented 403. */
  deniedToken: 'google-sandbox-no-permission',
};

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
  /** Files added to every package (e.g. `{type: 'INTEGRATION_FILE_UNSPECIFIED', …}` or a newer type). */
  extraFiles: Record<string, unknown>[];
}

function b64json(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export async function startGoogleSandbox(): Promise<GoogleSandbox> {
  const versions = new Map(googleFixtures().map((f) => [f.name, f]));
  let self: GoogleSandbox;
  /** Bearer check, then the IAM check both methods document (`integrations.integrationVersions.get`). */
  const authorize = (req: IncomingMessage, res: ServerResponse, name: string): boolean => {
    const token = bearer(req);
    if (token === GOOGLE_SANDBOX.deniedToken) {
      self.sendError(
        res,
        403,
        `Permission 'integrations.integrationVersions.get' denied on resource '//integrations.googleapis.com/${name}' (or it may not exist).`,
      );
      return false;
    }
    if (!token || (token !== GOOGLE_SANDBOX.token && !self.issued.has(token))) {
      self.sendError(
        res,
        401,
        'Request had invalid authentication credentials. Expected OAuth 2 access token.',
      );
      return false;
    }
    return true;
  };
  /** A list method's answer: `filter`, `orderBy`, then one page of `pageSize`/`pageToken`. */
  const sendList = (res: ServerResponse, url: URL, all: Obj[], key: string): void => {
    const filter = compileFilter(url.searchParams.get('filter'));
    const order = compileOrder(url.searchParams.get('orderBy'));
    if (filter === 'invalid') return self.sendError(res, 400, 'Invalid filter');
    if (order === null) return self.sendError(res, 400, 'Invalid orderBy');
    const kept = all.filter(filter);
    if (order) kept.sort(order);
    const page = pageOf(kept, url);
    if (page === 'invalid') return self.sendError(res, 400, 'Invalid pageSize or pageToken');
    sendJson(res, 200, {
      [key]: page.items,
      ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}),
    });
  };
  const server = await startSandbox({
    name: 'google',
    errorBody: (status, message) => ({
      body: {
        error: {
          code: status,
          message,
          status: STATUS[status] ?? 'UNKNOWN',
          details:
            status === 403
              ? [
                  {
                    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                    reason: 'IAM_PERMISSION_DENIED',
                    domain: 'iam.googleapis.com',
                    metadata: { permission: 'integrations.integrationVersions.get' },
                  },
                ]
              : [],
        },
      },
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
        name: 'listIntegrations',
        method: 'GET',
        pattern: /^\/v1\/projects\/(?<p>[^/]+)\/locations\/(?<l>[^/]+)\/integrations$/,
        handler: ({ req, res, params, url }) => {
          const parent = `projects/${params.p}/locations/${params.l}`;
          if (!authorize(req, res, parent)) return;
          const byIntegration = new Map<string, Obj[]>();
          for (const f of versions.values()) {
            const m = /^projects\/([^/]+)\/locations\/([^/]+)\/integrations\/([^/]+)\//.exec(f.name);
            if (!m || m[1] !== params.p || m[2] !== params.l) continue;
            const list = byIntegration.get(m[3] as string) ?? [];
            list.push({ name: f.name, ...f.integrationVersion });
            byIntegration.set(m[3] as string, list);
          }
          const all: Obj[] = [...byIntegration].map(([id, vs]) => {
            const times = (k: string) => vs.map((v) => String(v[k] ?? '')).sort();
            return {
              name: `${parent}/integrations/${id}`,
              description: String(vs[0]?.description ?? '').replace(/ v\d+ .*$/, ''),
              updateTime: times('updateTime').at(-1),
              createTime: times('createTime')[0],
              active: vs.some((v) => v.state === 'ACTIVE'),
              creatorEmail: 'integrations-admin@acme.example',
              lastModifierEmail: String(vs.at(-1)?.lastModifierEmail ?? ''),
            };
          });
          sendList(res, url, all, 'integrations');
        },
      },
      {
        name: 'listVersions',
        method: 'GET',
        pattern: /^\/v1\/projects\/(?<p>[^/]+)\/locations\/(?<l>[^/]+)\/integrations\/(?<i>[^/]+)\/versions$/,
        handler: ({ req, res, params, url }) => {
          const parent = `projects/${params.p}/locations/${params.l}/integrations/${params.i}`;
          if (!authorize(req, res, parent)) return;
          const all: Obj[] = [...versions.values()]
            .filter((f) => {
              const [, p, , l, , i] = f.name.split('/');
              return (
                p === params.p && (params.l === '-' || l === params.l) && (params.i === '-' || i === params.i)
              );
            })
            .map((f) => ({ name: f.name, ...f.integrationVersion }));
          sendList(res, url, all, 'integrationVersions');
        },
      },
      {
        // versions.get: `GET /v1/{name}` → IntegrationVersion.
        name: 'getVersion',
        method: 'GET',
        pattern:
          /^\/v1\/projects\/(?<p>[^/]+)\/locations\/(?<l>[^/]+)\/integrations\/(?<i>[^/]+)\/versions\/(?<v>[^/:]+)$/,
        handler: ({ req, res, params }) => {
          const name = `projects/${params.p}/locations/${params.l}/integrations/${params.i}/versions/${params.v}`;
          if (!authorize(req, res, name)) return;
          const version = versions.get(name);
          if (!version) return self.sendError(res, 404, `Requested entity was not found: ${name}`);
          sendJson(res, 200, { name, ...version.integrationVersion });
        },
      },
      {
        name: 'downloadJsonPackage',
        method: 'GET',
        pattern:
          /^\/v1\/projects\/(?<p>[^/]+)\/locations\/(?<l>[^/]+)\/integrations\/(?<i>[^/]+)\/versions\/(?<v>[^/:]+):downloadJsonPackage$/,
        handler: ({ req, res, params, url }) => {
          const name = `projects/${params.p}/locations/${params.l}/integrations/${params.i}/versions/${params.v}`;
          if (!authorize(req, res, name)) return;
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
          files.push(...self.extraFiles);
          sendJson(res, 200, { files });
        },
      },
    ],
  });
  self = Object.assign(server, {
    trustedKeys: [] as string[],
    issued: new Set<string>(),
    extraFiles: [] as Record<string, unknown>[],
  });
  return self;
}
