/**
 * Akana emulator: `POST /api/login` (sets the `AtmoAuthToken_{fed}` and `Csrf-Token_{fed}`
 * cookies), `POST /api/login/renewToken`, `GET /api/apps/versions/{id}` and
 * `GET /api/apps/versions/{id}/package` serving real zips built from the options, with switches
 * for gzip transfer encoding, a hostile file name, CSRF enforcement, and (through the harness)
 * drip, reset and status faults.
 *
 * References: "GET /api/apps/versions/{AppVersionID}/package" (the seed
 * akana-app-version-package-export.txt: query parameters, `Content-Disposition:
 * attachment;filename="appversion-export.zip"`, and `Content-Encoding: gzip` in the sample
 * response, hence `gzip = true` by default); "GET /api/apps/versions/{AppVersionID}" (Returns a
 * version of an app, help.akana.com/content/current/cm/api/apps/m_apps_getVersion.htm).
 * "GET /api/users/{UserID}/apps" (help.akana.com/content/current/cm/api/users/m_users_getApps.htm:
 * `IncludeVersions`, `start`, `count`, `VersionCount`…; with `Accept: application/json` the apps
 * come as an RSS channel in JSON, `{channel: {title, item: [{title, description, guid, pubDate,
 * category, EntityReferences: {EntityReference: [{Title, Guid, Category}]}}]}}`, the form this
 * emulator serves; the versioned `application/vnd.soa.v8x+json` form is m_users_listApps.htm) and
 * "GET /api/apps/{AppID}/versions" (help.akana.com/content/current/cm/api/apps/m_apps_getVersions.htm:
 * "information about the app versions in JSON or XML format"; the JSON body's form is not shown
 * in what the reference gives, so the emulator serves the same channel form by default and, with
 * `appVersionsForm: 'objects'`, a body without a channel, which the gateway must refuse rather
 * than read as no versions). `start` is taken as a 0-based index.
 * "POST /api/login/renewToken" (help.akana.com/content/current/cm/api/login/m_login_renewToken.htm):
 * `Content-Type: application/x-www-form-urlencoded`, no body, a valid session cookie; any other
 * content type is a 415 here. In the users' apps channel `guid` comes as `{value}`, as Akana's own
 * portal code reads it (`guidForm: 'string'` serves a plain string instead).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createGzip } from 'node:zlib';
import { type SandboxServer, sendJson, startSandbox, streamBody } from '../../sandbox/harness.js';
import type { ExportOptions } from './parse.js';
import { AKANA_APP_VERSIONS, AKANA_FED, akanaAppIdOf, EXTRA_APP_VERSIONS, exportZip } from './fixtures.js';

export const AKANA_SANDBOX = {
  fedMemberId: AKANA_FED,
  /** The logged-in user whose apps `GET /api/users/{UserID}/apps` lists. */
  userId: `00904729-ae54-4a91-94bb-bde91ec6495d.${AKANA_FED}`,
  session: 'TokenID=akana-sandbox-session',
  email: 'sandbox@acmepaymentscorp.example',
  password: 'akana-sandbox-password',
};

export interface AkanaSandbox extends SandboxServer {
  sessions: Map<string, number>;
  /** Send exports with Content-Encoding: gzip (default, as in the seed's sample response). */
  gzip: boolean;
  /** Override the file name in Content-Disposition (hostile-name tests). */
  fileName: string | undefined;
  /** Demand the CSRF header on GET as well. */
  requireCsrf: boolean;
  csrfToken: string;
  /** `guid` of the users' apps channel items: `{value}` (default) or a plain string. */
  guidForm: 'value' | 'string';
  /** `GET /api/apps/{AppID}/versions`: the channel form (default) or a body without a channel. */
  appVersionsForm: 'channel' | 'objects';
}

function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

export async function startAkanaSandbox(): Promise<AkanaSandbox> {
  const authCookie = `AtmoAuthToken_${AKANA_FED}`;
  const csrfCookie = `Csrf-Token_${AKANA_FED}`;
  let self: AkanaSandbox;
  const sessionOf = (req: IncomingMessage) => {
    const value = cookies(req)[authCookie];
    if (!value) return undefined;
    if (value === AKANA_SANDBOX.session) return value;
    const until = self.sessions.get(value);
    return until !== undefined && until > Date.now() ? value : undefined;
  };
  const csrfOk = (req: IncomingMessage) =>
    req.headers[`x-csrf-token_${AKANA_FED}`.toLowerCase()] === self.csrfToken &&
    cookies(req)[csrfCookie] === self.csrfToken;
  const issue = (res: import('node:http').ServerResponse) => {
    const value = `TokenID=${randomBytes(12).toString('hex')}`;
    self.sessions.set(value, Date.now() + 30 * 60_000);
    res.setHeader('set-cookie', [
      `${authCookie}=${value}; Path=/; HttpOnly; Secure`,
      `${csrfCookie}=${self.csrfToken}; Path=/; Secure`,
    ]);
    sendJson(res, 200, { loginDomainID: 'acme', userFDN: `alice.${AKANA_FED}` });
  };
  const server = await startSandbox({
    name: 'akana',
    errorBody: (status, message) => ({ body: { code: status, message } }),
    routes: [
      {
        name: 'login',
        method: 'POST',
        pattern: /^\/api\/login$/,
        handler: async ({ res, body }) => {
          let creds: { email?: string; password?: string };
          try {
            creds = JSON.parse((await body()).toString('utf8'));
          } catch {
            return self.sendError(res, 400, 'malformed login body');
          }
          if (creds.email !== AKANA_SANDBOX.email || creds.password !== AKANA_SANDBOX.password) {
            return self.sendError(res, 401, 'Invalid email or password');
          }
          issue(res);
        },
      },
      {
        name: 'renewToken',
        method: 'POST',
        pattern: /^\/api\/login\/renewToken$/,
        handler: ({ req, res }) => {
          const type = String(req.headers['content-type'] ?? '')
            .split(';')[0]
            ?.trim();
          if (type !== 'application/x-www-form-urlencoded') {
            return self.sendError(res, 415, 'Content-Type must be application/x-www-form-urlencoded');
          }
          const session = sessionOf(req);
          if (!session) return self.sendError(res, 401, 'Unauthorized');
          self.sessions.delete(session);
          issue(res);
        },
      },
      {
        name: 'listUserApps',
        method: 'GET',
        pattern: /^\/api\/users\/(?<user>[^/]+)\/apps$/,
        handler: ({ req, res, params, url }) => {
          if (!sessionOf(req)) return self.sendError(res, 401, 'Unauthorized: login required');
          if (params.user !== AKANA_SANDBOX.userId)
            return self.sendError(res, 403, 'Not allowed for this user');
          const q = url.searchParams;
          const start = q.get('start') == null ? 0 : Number(q.get('start'));
          const count = q.get('count') == null ? Infinity : Number(q.get('count'));
          if (
            !Number.isInteger(start) ||
            start < 0 ||
            !(count === Infinity || (Number.isInteger(count) && count > 0))
          ) {
            return self.sendError(res, 400, 'Invalid start or count');
          }
          const withVersions = q.get('IncludeVersions') === 'true';
          const apps = [...new Set(AKANA_APP_VERSIONS.map((a) => akanaAppIdOf(a.id)))];
          const item = apps.slice(start, start + count).map((appId) => {
            const versions = AKANA_APP_VERSIONS.filter((a) => akanaAppIdOf(a.id) === appId);
            return {
              title: versions[0]?.app,
              description: `${versions[0]?.app} (${versions.length} version${versions.length > 1 ? 's' : ''})`,
              guid: self.guidForm === 'value' ? { value: appId } : appId,
              pubDate: 'Mon, 15 Jan 2024 10:00:00 GMT',
              category: [{ value: 'app', domain: 'uddi:soa.com:resourcetype' }],
              ...(withVersions
                ? {
                    EntityReferences: {
                      EntityReference: versions.map((v) => ({
                        Title: v.version,
                        Guid: v.id,
                        Category: [{ value: 'appversion', domain: 'uddi:soa.com:resourcetype' }],
                      })),
                    },
                  }
                : {}),
            };
          });
          sendJson(res, 200, { channel: { title: 'Apps', description: `Apps of ${params.user}`, item } });
        },
      },
      {
        name: 'listAppVersions',
        method: 'GET',
        pattern: /^\/api\/apps\/(?<app>[^/]+)\/versions$/,
        handler: ({ req, res, params }) => {
          if (!sessionOf(req)) return self.sendError(res, 401, 'Unauthorized: login required');
          const versions = AKANA_APP_VERSIONS.filter((a) => akanaAppIdOf(a.id) === params.app);
          if (versions.length === 0) return self.sendError(res, 404, `App ${params.app} not found`);
          if (self.appVersionsForm === 'objects') {
            return sendJson(res, 200, {
              AppVersion: versions.map((v) => ({ AppVersionID: v.id, Name: v.version, AppID: params.app })),
            });
          }
          sendJson(res, 200, {
            channel: {
              title: versions[0]?.app,
              item: versions.map((v) => ({
                title: v.version,
                description: `${v.app} ${v.version}`,
                guid: v.id,
                pubDate: 'Mon, 15 Jan 2024 10:00:00 GMT',
                category: [{ value: 'appversion', domain: 'uddi:soa.com:resourcetype' }],
              })),
            },
          });
        },
      },
      {
        name: 'getAppVersion',
        method: 'GET',
        pattern: /^\/api\/apps\/versions\/(?<id>[^/]+)$/,
        handler: ({ req, res, params }) => {
          if (!sessionOf(req)) return self.sendError(res, 401, 'Unauthorized: login required');
          if (self.requireCsrf && !csrfOk(req)) {
            return self.sendError(res, 401, 'Unauthorized: missing or invalid CSRF header');
          }
          const id = params.id ?? '';
          const app = AKANA_APP_VERSIONS.find((a) => a.id === id);
          if (!app && !EXTRA_APP_VERSIONS.includes(id))
            return self.sendError(res, 404, `App version ${id} not found`);
          const appId = akanaAppIdOf(id);
          sendJson(res, 200, {
            AppVersionID: id,
            AppID: appId,
            Name: app?.version ?? '1.0',
            Description: `${app?.app ?? 'Large export'} ${app?.version ?? '1.0'}`,
            Visibility: 'Registered',
            State: 'Active',
            ConnectionVisibility: 'Public',
            Created: '2024-01-15T10:00:00Z',
            Updated: '2024-01-15T10:00:00Z',
            SharedSecret: 'sandbox-shared-secret-not-for-callers',
          });
        },
      },
      {
        name: 'exportPackage',
        method: 'GET',
        pattern: /^\/api\/apps\/versions\/(?<id>[^/]+)\/package$/,
        handler: async ({ req, res, params, url, fault }) => {
          if (!sessionOf(req)) return self.sendError(res, 401, 'Unauthorized: login required');
          if (self.requireCsrf && !csrfOk(req)) {
            return self.sendError(res, 401, 'Unauthorized: missing or invalid CSRF header');
          }
          const id = params.id ?? '';
          if (!EXTRA_APP_VERSIONS.includes(id) && !AKANA_APP_VERSIONS.some((a) => a.id === id)) {
            return self.sendError(res, 404, `App version ${id} not found`);
          }
          if (url.searchParams.get('exportVersion') !== 'current') {
            return self.sendError(res, 400, 'exportVersion must be current');
          }
          const flag = (p: string) => url.searchParams.get(p) === 'true';
          const options: ExportOptions = {
            includeAppPki: flag('migration.app.pki.export'),
            includeApiPki: flag('migration.pki.export'),
            includeApiConnections: flag('migration.export.include.api.connections'),
            includeAppTeam: flag('migration.export.include.app.team'),
          };
          const zip = exportZip(id, options);
          const size = await zip.size;
          const headers: Record<string, string | number> = {
            'content-type': 'application/octet-stream',
            expires: 'Thu, 25 Sep 2014 16:38:20 GMT',
            // Interpolated unescaped on purpose, like a careless vendor: the hostile suite injects
            // quotes and parameters through `fileName`.
            'content-disposition': `attachment;filename="${self.fileName ?? 'appversion-export.zip'}"`,
          };
          let stream = zip.stream;
          if (self.gzip) {
            headers['content-encoding'] = 'gzip';
            stream = zip.stream.pipe(createGzip({ level: 1 }));
          } else if (size >= 0) {
            headers['content-length'] = size;
          }
          res.writeHead(200, headers);
          if (req.method === 'HEAD') {
            zip.stream.destroy();
            res.end();
            return;
          }
          await streamBody(res, stream, fault);
        },
      },
    ],
  });
  self = Object.assign(server, {
    sessions: new Map<string, number>(),
    gzip: true,
    fileName: undefined,
    requireCsrf: false,
    csrfToken: `csrf-${randomBytes(8).toString('hex')}`,
    guidForm: 'value' as const,
    appVersionsForm: 'channel' as const,
  });
  return self;
}
