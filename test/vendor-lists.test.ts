/**
 * The list calls as the vendors document them: each emulator serves the documented form(s) of its
 * list answers (every edition the gateway supports, switched on the emulator), and the gateway
 * reads each one; an unreadable list is UPSTREAM_INVALID_RESPONSE, never an empty list.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SandboxServer } from '../src/sandbox/harness.js';
import type { OracleSandbox } from '../src/vendors/oracle/sandbox.js';
import { codes, startGateway, type TestGateway } from './helpers.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const server = (k: 'torq' | 'google' | 'oracle' | 'akana' | 'roma') =>
  gw.sandboxes[k]?.server as SandboxServer;
const oracle = () => server('oracle') as OracleSandbox;

beforeEach(() => {
  for (const k of ['torq', 'google', 'oracle', 'akana', 'roma'] as const) {
    server(k).resetLog();
    server(k).clearFaults();
  }
  oracle().applicationsForm = 'listingSummary';
  oracle().packagesForm = 'single';
});

interface Edge<T> {
  node: T;
}
interface OracleApp {
  listingVersionId: string;
  listingId: string | null;
  name: string | null;
  status: string | null;
  packages: { edges: Edge<{ id: string; packageVersionId: string; name: string | null }>[] } | null;
}

const ORACLE_APPS = `{ oracleApplications(first: 5) { edges { node {
  listingVersionId listingId name status
  packages(first: 5) { edges { node { id packageVersionId name } } }
} } } }`;

describe('Oracle: List of Applications and Application Package as documented', () => {
  for (const applicationsForm of ['listingSummary', 'flat'] as const) {
    for (const packagesForm of ['single', 'items'] as const) {
      it(`reads applications (${applicationsForm}) → packages (${packagesForm}) → packageVersion`, async () => {
        oracle().applicationsForm = applicationsForm;
        oracle().packagesForm = packagesForm;
        const res = await gw.query<{ oracleApplications: { edges: Edge<OracleApp>[] } }, never>(ORACLE_APPS);
        expect(res.errors?.map((e) => e.message)).toBeUndefined();
        const apps = res.data?.oracleApplications.edges.map((e) => e.node) ?? [];
        expect(apps).toHaveLength(5);
        for (const a of apps) {
          expect(a.listingVersionId).toMatch(/^\d+$/);
          expect(a.name).toBeTruthy();
          expect(a.status).toMatch(/^[A-Z_]+$/);
          const pkgs = a.packages?.edges.map((e) => e.node) ?? [];
          expect(pkgs.length).toBeGreaterThan(0);
          for (const p of pkgs) expect(p.packageVersionId).toMatch(/^\d+$/);
        }
        // A listed package is the looked-up one: node(id) answers it with the same fields.
        const first = apps[0]?.packages?.edges[0]?.node;
        const again = await gw.query<{ node: { packageVersionId: string; name: string } }, { id: string }>(
          'query ($id: ID!) { node(id: $id) { ... on PackageVersion { packageVersionId name } } }',
          { id: first?.id ?? '' },
        );
        expect(again.errors).toBeUndefined();
        expect(again.data?.node).toEqual({ packageVersionId: first?.packageVersionId, name: first?.name });
      });
    }
  }

  it('an application list of no documented form is UPSTREAM_INVALID_RESPONSE, never empty', async () => {
    for (const jsonBody of [{ items: [{ listingSummary: 'x' }] }, { items: 'none' }, [], { items: [{}] }]) {
      oracle().setFault('listApplications', { jsonBody, times: 1 });
      const res = await gw.query<{ oracleApplications: unknown }, never>(
        '{ oracleApplications(first: 2) { edges { node { listingVersionId } } } }',
      );
      expect(res.data?.oracleApplications ?? null).toBeNull();
      expect(codes(res)).toEqual(['UPSTREAM_INVALID_RESPONSE']);
    }
  });

  it('a package answer of no documented form is UPSTREAM_INVALID_RESPONSE, never an empty list', async () => {
    for (const jsonBody of [{ items: [{ packageVersion: { id: 1 } }] }, 'text', { items: 3 }, {}]) {
      oracle().setFault('listPackages', { jsonBody });
      const res = await gw.query<{ oracleApplications: { edges: Edge<OracleApp>[] } }, never>(
        '{ oracleApplications(first: 1) { edges { node { listingVersionId packages { edges { node { id } } } } } } }',
      );
      expect(res.data?.oracleApplications.edges[0]?.node.packages ?? null).toBeNull();
      expect(codes(res)).toEqual(['UPSTREAM_INVALID_RESPONSE']);
      oracle().clearFaults();
    }
  });
});
