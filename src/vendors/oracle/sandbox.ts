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
 * "List of Applications" (`GET /appstore/publisher/v1/applications`, docs.oracle.com/en/cloud/
 * marketplace/partner-portal/rest-api-publisher/op-publisher-v1-applications-get.html): `limit`
 * 1–100 (default 30), `offset` ≥ 0 (default 0), `status` (comma-separated), `sort` NAME|LASTUPDATEDATE,
 * `orderBy` ASC|DESC → a `collection` whose `items` each wrap the listing under `listingSummary`
 * (collection → items → listingSummary; Oracle's own client libraries read
 * `items[i].listingSummary.listingVersionId`), plus the usual collection members `hasMore`,
 * `limit`, `offset`, `count` (the page's size: Oracle reports no overall total). `applicationsForm:
 * 'flat'` serves the summaries unwrapped, a form the gateway also reads.
 * "Application Package" (`GET /appstore/publisher/v1/applications/{listingVersionId}/packages`,
 * docs.oracle.com/en/cloud/marketplace/partner-portal/rest-api-publisher/
 * op-publisher-v1-applications-listingversionid-packages-get.html): root schema one
 * `PackageVersion` ("the package configured for the application"; the listing's newest package
 * here), statuses 200/400/401/500 only, so an unknown listing is a 400. `packagesForm: 'items'`
 * serves `{items: [PackageVersion]}` instead (every package of the listing), which the gateway
 * also reads.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicAuth, bearer, type SandboxServer, sendJson, startSandbox } from '../../sandbox/harness.js';
import { oracleApplicationFixtures, oracleFixtures } from './fixtures.js';

export const ORACLE_SANDBOX = {
  userId: 'partner@acme.example',
  token: 'oracle-sandbox-token',
  clientId: 'oracle-sandbox-client',
  clientSecret: 'oracle-sandbox-secret',
};

export interface OracleSandbox extends SandboxServer {
  issued: Set<string>;
  /** List of Applications items: wrapped under `listingSummary` (the reference) or flat. */
  applicationsForm: 'listingSummary' | 'flat';
  /** Application Package: one PackageVersion (the reference) or `{items: [PackageVersion]}`. */
  packagesForm: 'single' | 'items';
}

export async function startOracleSandbox(): Promise<OracleSandbox> {
  const packages = oracleFixtures();
  const applications = oracleApplicationFixtures(packages);
  let self: OracleSandbox;
  const checkAuth = (req: IncomingMessage, res: ServerResponse): boolean => {
    const token = bearer(req);
    if (!token || (token !== ORACLE_SANDBOX.token && !self.issued.has(token))) {
      self.sendError(res, 401, 'Not Authorized');
      return false;
    }
    if (!req.headers['x-oracle-userid']) {
      self.sendError(res, 401, 'X-Oracle-UserId is required');
      return false;
    }
    return true;
  };
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
        name: 'listApplications',
        method: 'GET',
        pattern: /^\/appstore\/publisher\/v1\/applications$/,
        handler: ({ req, res, url }) => {
          if (!checkAuth(req, res)) return;
          const q = url.searchParams;
          const limit = q.get('limit') == null ? 30 : Number(q.get('limit'));
          const offset = q.get('offset') == null ? 0 : Number(q.get('offset'));
          if (
            !Number.isInteger(limit) ||
            limit < 1 ||
            limit > 100 ||
            !Number.isInteger(offset) ||
            offset < 0
          ) {
            return self.sendError(res, 400, 'Invalid Parameter Value');
          }
          const statuses = (q.get('status') ?? '').split(',').filter(Boolean);
          const sort = q.get('sort');
          const order = q.get('orderBy');
          if (
            (sort && !['NAME', 'LASTUPDATEDATE'].includes(sort)) ||
            (order && !['ASC', 'DESC'].includes(order))
          ) {
            return self.sendError(res, 400, 'Invalid Parameter Value');
          }
          let all = applications.filter(
            (a) => statuses.length === 0 || statuses.includes((a.status as { code: string }).code),
          );
          if (sort) {
            const key = sort === 'NAME' ? 'name' : 'lastUpdateDate';
            all = [...all].sort((a, b) => String(a[key]).localeCompare(String(b[key])));
            if (order === 'DESC') all.reverse();
          }
          const page = all.slice(offset, offset + limit);
          const items =
            self.applicationsForm === 'flat'
              ? page
              : page.map(({ id, ...rest }) => ({ listingSummary: { listingVersionId: id, ...rest } }));
          sendJson(res, 200, {
            items,
            hasMore: offset + items.length < all.length,
            limit,
            offset,
            count: items.length,
          });
        },
      },
      {
        name: 'listPackages',
        method: 'GET',
        pattern: /^\/appstore\/publisher\/v1\/applications\/(?<listing>[^/]+)\/packages$/,
        handler: ({ req, res, params }) => {
          if (!checkAuth(req, res)) return;
          if (!/^\d+$/.test(params.listing ?? '')) return self.sendError(res, 400, 'Bad Request');
          // The reference lists no 404 for this call: an unknown listing is a bad request.
          if (!applications.some((a) => String(a.id) === params.listing)) {
            return self.sendError(res, 400, 'Invalid listingVersionId');
          }
          const items = [...packages.values()].filter((p) => String(p.listingVersionId) === params.listing);
          if (self.packagesForm === 'items') return sendJson(res, 200, { items });
          const newest = items.reduce<Record<string, unknown> | undefined>(
            (a, p) => (a === undefined || Number(p.id) > Number(a.id) ? p : a),
            undefined,
          );
          sendJson(res, 200, newest ?? {});
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
  self = Object.assign(server, {
    issued: new Set<string>(),
    applicationsForm: 'listingSummary' as const,
    packagesForm: 'single' as const,
  });
  return self;
}
