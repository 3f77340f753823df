/**
 * Oracle Marketplace emulator: package details with the X-Oracle-UserId and bearer checks, the
 * `GET /appstore/publisher/v1/authenticate` token endpoint (HTTP Basic), and 400/401/404/500.
 *
 * Reference: REST API for Oracle Cloud Marketplace Publisher, "Package Details of an Application"
 * (`GET /appstore/publisher/v1/applications/{listingVersionId}/packages/{packageVersionId}`, the
 * seed oracle-marketplace-package-version.txt; docs.oracle.com/en/cloud/marketplace/partner-portal/
 * rest-api-publisher/): root schema PackageVersion with the nested schemas Service, Action,
 * ActionProperty, Authentication, Operation, OperationAction, AccessURL, AccessURLParam, Resource,
 * ResourceMap, PackageParam; the seed's example body is served as is (package 2133526/3084832).
 */
import { randomBytes } from 'node:crypto';
import { basicAuth, bearer, type SandboxServer, sendJson, startSandbox } from '../../sandbox/harness.js';
import { oracleFixtures } from './fixtures.js';

export const ORACLE_SANDBOX = {
  userId: 'partner@acme.example',
  token: 'oracle-sandbox-token',
  clientId: 'oracle-sandbox-client',
  clientSecret: 'oracle-sandbox-secret',
};

export interface OracleSandbox extends SandboxServer {
  issued: Set<string>;
}

export async function startOracleSandbox(): Promise<OracleSandbox> {
  const packages = oracleFixtures();
  let self: OracleSandbox;
  const server = await startSandbox({
    name: 'oracle',
    errorBody: (status, message) => ({
      body: {
        type: 'https://ocm-apis.cloud.oracle.com/errors',
        title: message,
        status,
        code: `OCM-${status}`,
      },
      headers: { 'opc-request-id': randomBytes(8).toString('hex') },
    }),
    routes: [
      {
        name: 'authenticate',
        method: 'GET',
        pattern: /^\/appstore\/publisher\/v1\/authenticate$/,
        handler: ({ req, res }) => {
          const creds = basicAuth(req);
          if (creds?.user !== ORACLE_SANDBOX.clientId || creds.pass !== ORACLE_SANDBOX.clientSecret) {
            return self.sendError(res, 401, 'Not Authorized');
          }
          const token = `ocm-${randomBytes(12).toString('hex')}`;
          self.issued.add(token);
          sendJson(res, 200, { access_token: token, expires_in: 604800, token_type: 'Bearer' });
        },
      },
      {
        name: 'packageVersion',
        method: 'GET',
        pattern: /^\/appstore\/publisher\/v1\/applications\/(?<listing>[^/]+)\/packages\/(?<pkg>[^/]+)$/,
        handler: ({ req, res, params }) => {
          const token = bearer(req);
          if (!token || (token !== ORACLE_SANDBOX.token && !self.issued.has(token))) {
            return self.sendError(res, 401, 'Not Authorized');
          }
          if (!req.headers['x-oracle-userid']) return self.sendError(res, 401, 'X-Oracle-UserId is required');
          if (!/^\d+$/.test(params.listing ?? '') || !/^\d+$/.test(params.pkg ?? '')) {
            return self.sendError(res, 400, 'Bad Request');
          }
          const pkg = packages.get(`${params.listing}/${params.pkg}`);
          if (!pkg) return self.sendError(res, 404, 'Entity Not Found');
          sendJson(res, 200, pkg);
        },
      },
    ],
  });
  self = Object.assign(server, { issued: new Set<string>() });
  return self;
}
