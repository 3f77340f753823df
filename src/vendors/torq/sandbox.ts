/**
 * Torq emulator: `GET /v1alpha/integrations` with bearer check and `type_id` filter, and the
 * token endpoint `POST /v1/auth/token` (HTTP Basic, client_credentials). Error bodies are Torq's
 * `{code, message, details}`.
 *
 * Reference: Torq public API "List integrations" (the seed torq-list-integrations.txt, from
 * docs.torq.io): 200 `{integrations: [v1alphaIntegration]}` where no property is marked required;
 * 401/403; default error `{code (int32), message, details: [protobufAny {"@type", …}]}`.
 */
import { randomBytes } from 'node:crypto';
import { basicAuth, bearer, type SandboxServer, sendJson, startSandbox } from '../../sandbox/harness.js';
import { torqFixtures } from './fixtures.js';

export const TORQ_SANDBOX = {
  token: 'torq-sandbox-token',
  /** A token Torq knows but that lacks permission: 403. */
  forbiddenToken: 'torq-sandbox-forbidden',
  clientId: 'torq-sandbox-client',
  clientSecret: 'torq-sandbox-secret',
};

const GRPC_CODE: Record<number, number> = {
  400: 3,
  401: 16,
  403: 7,
  404: 5,
  429: 8,
  500: 13,
  503: 14,
  504: 4,
};

export interface TorqSandbox extends SandboxServer {
  /** Tokens issued by the token endpoint, with their expiry (ms epoch). */
  issued: Map<string, number>;
  /** Lifetime of issued tokens, in seconds (tests shorten it). */
  tokenTtlSeconds: number;
  /** Items appended to every list as is (e.g. without `name`, which the schema allows). */
  extraIntegrations: Record<string, unknown>[];
  /** `details` of every error body (protobufAny objects). */
  errorDetails: Record<string, unknown>[];
}

/** From this many seeded integrations on, each list body is serialised once and served as is. */
const LARGE = 10_000;

/**
 * `integrations`: how many seeded integrations (the bench's Hive contender lists exactly 73; the
 * scale bench up to 200,000, about 70 MB, as a large workspace's unpaged list).
 */
export async function startTorqSandbox(opts: { integrations?: number } = {}): Promise<TorqSandbox> {
  const integrations = torqFixtures(opts.integrations);
  // A large list's body per type_id ('' = all), made on first ask: serialising 70 MB per call
  // would make the emulator, not the gateway, the slow part of a scale run.
  const bodies = new Map<string, Buffer>();
  let self: TorqSandbox;
  const server = await startSandbox({
    name: 'torq',
    errorBody: (status, message) => ({
      body: { code: GRPC_CODE[status] ?? 2, message, details: self.errorDetails },
    }),
    routes: [
      {
        name: 'token',
        method: 'POST',
        pattern: /^\/v1\/auth\/token$/,
        handler: async ({ req, res, body }) => {
          const creds = basicAuth(req);
          const form = new URLSearchParams((await body()).toString('utf8'));
          if (form.get('grant_type') !== 'client_credentials') {
            return self.sendError(res, 400, 'grant_type must be client_credentials');
          }
          if (creds?.user !== TORQ_SANDBOX.clientId || creds.pass !== TORQ_SANDBOX.clientSecret) {
            return self.sendError(res, 401, 'invalid client credentials');
          }
          const token = `torq-issued-${randomBytes(12).toString('hex')}`;
          self.issued.set(token, Date.now() + self.tokenTtlSeconds * 1000);
          sendJson(res, 200, { access_token: token, expires_in: self.tokenTtlSeconds, token_type: 'Bearer' });
        },
      },
      {
        name: 'listIntegrations',
        method: 'GET',
        pattern: /^\/v1alpha\/integrations$/,
        handler: ({ req, res, url }) => {
          const token = bearer(req);
          const issuedUntil = token ? self.issued.get(token) : undefined;
          const valid =
            token === TORQ_SANDBOX.token || (issuedUntil !== undefined && issuedUntil > Date.now());
          if (token === TORQ_SANDBOX.forbiddenToken) {
            return self.sendError(res, 403, "You don't have permission to access this resource.");
          }
          if (!valid) {
            return self.sendError(
              res,
              401,
              'Invalid bearer token. If you receive this message more than once try creating a new Client ID/Client Secret or generating a new bearer token.',
            );
          }
          const typeId = url.searchParams.get('type_id');
          const requestId = { 'x-request-id': randomBytes(8).toString('hex') };
          const pick = (all: { type_id?: unknown }[]) =>
            typeId ? all.filter((i) => i.type_id === typeId) : all;
          if (integrations.length < LARGE || self.extraIntegrations.length > 0) {
            return sendJson(
              res,
              200,
              { integrations: pick([...integrations, ...self.extraIntegrations]) },
              requestId,
            );
          }
          let body = bodies.get(typeId ?? '');
          if (!body)
            bodies.set(
              typeId ?? '',
              (body = Buffer.from(JSON.stringify({ integrations: pick(integrations) }))),
            );
          res.writeHead(200, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': body.length,
            ...requestId,
          });
          res.end(body);
        },
      },
    ],
  });
  self = Object.assign(server, {
    issued: new Map<string, number>(),
    tokenTtlSeconds: 3600,
    extraIntegrations: [] as Record<string, unknown>[],
    errorDetails: [] as Record<string, unknown>[],
  });
  return self;
}
