/**
 * The fault switchboard, vendor by vendor: every fault the sandboxes can inject, the error code
 * the caller must see, how many attempts the vendor must have seen, that the rest of the query
 * still resolves, and that nothing outlives the request's deadline.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Fault, SandboxServer } from '../../../src/sandbox/harness.js';
import { SEED_APP_VERSION } from '../../../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../../../src/vendors/google/fixtures.js';
import type { RomaSandbox } from '../../../src/vendors/roma/sandbox.js';
import { startGateway, type TestGateway } from '../../helpers.js';

export type VendorKey = 'torq' | 'google' | 'oracle' | 'akana' | 'roma';

export interface Probe {
  route: string;
  query: string;
  /** The field that must be null when the vendor fails. */
  field: (data: Record<string, unknown> | null | undefined) => unknown;
  /** The zip vendor reads bodies as archives, not JSON. */
  kind: 'json' | 'zip';
  /**
   * The route every query calls first (the existence check of a lookup), when there is one: the
   * circuit test breaks that one, since its successes would otherwise keep the circuit closed.
   */
  firstRoute?: string;
  /**
   * A JSON body of the wrong shape for `route` (default: the probe's route), and the path of the
   * bad field the error must name: the client refuses it, not a resolver deep in the tree.
   */
  misshapen?: { route?: string; body: unknown; field: string };
}

const PROBES: Record<VendorKey, Probe> = {
  torq: {
    route: 'listIntegrations',
    query: '{ vendors { vendor } integrations(first: 1) { edges { node { name } } } }',
    field: (d) => d?.integrations,
    kind: 'json',
    misshapen: {
      body: { integrations: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 42, name: 'secret-ish' }] },
      field: 'integrations[3].id',
    },
  },
  google: {
    route: 'downloadJsonPackage',
    query: `{ vendors { vendor } integrationVersion(name: "${googleFixtures()[0]?.name}") { integrationConfig } }`,
    // The version exists (versions.get); its package fields fail.
    field: (d) => (d?.integrationVersion as { integrationConfig?: unknown } | undefined)?.integrationConfig,
    kind: 'json',
    firstRoute: 'getVersion',
    misshapen: {
      body: {
        files: [
          { type: 'INTEGRATION', integrationVersion: {} },
          { type: 7, integrationConfig: {} },
        ],
      },
      field: 'files[1].type',
    },
  },
  oracle: {
    route: 'packageVersion',
    query:
      '{ vendors { vendor } packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name } }',
    field: (d) => d?.packageVersion,
    kind: 'json',
    misshapen: {
      body: {
        id: 3084832,
        listingVersionId: 2133526,
        actions: [{ requestProperties: [{ name: 'KEY_PASSWORD', value: { secret: 'secret-ish' } }] }],
      },
      field: 'actions[0].requestProperties[0].value',
    },
  },
  akana: {
    route: 'exportPackage',
    query: `{ vendors { vendor } appVersionExport(appVersionId: "${SEED_APP_VERSION}") { entries { path } } }`,
    field: (d) => (d?.appVersionExport as { entries?: unknown } | undefined)?.entries,
    kind: 'zip',
    firstRoute: 'getAppVersion',
    // The app version is shown only as sent: anything but a JSON object is misshapen.
    misshapen: { route: 'getAppVersion', body: ['secret-ish'], field: '(body)' },
  },
  roma: {
    route: 'job',
    query: '{ vendors { vendor } assetJob(jobId: "job-faults") { status } }',
    field: (d) => d?.assetJob,
    kind: 'json',
    misshapen: {
      body: { id: 'job-faults', status: 'Running', reasons: [{ error_code: 500, error_msg: 'secret-ish' }] },
      field: 'reasons[0].error_code',
    },
  },
};

export const DEADLINE_MS = 3000;

interface Case {
  name: string;
  fault: Fault;
  code: string;
  attempts: number;
  only?: 'json' | 'zip';
}

const CASES: Case[] = [
  {
    name: '503 with Retry-After',
    fault: { status: 503, retryAfter: '0' },
    code: 'UPSTREAM_UNAVAILABLE',
    attempts: 3,
  },
  { name: '500 without Retry-After', fault: { status: 500 }, code: 'UPSTREAM_UNAVAILABLE', attempts: 3 },
  {
    name: '429 with Retry-After',
    fault: { status: 429, retryAfter: '0' },
    code: 'RATE_LIMITED',
    attempts: 3,
  },
  { name: '403 (never retried)', fault: { status: 403 }, code: 'UPSTREAM_FORBIDDEN', attempts: 1 },
  { name: '408 (retried)', fault: { status: 408 }, code: 'UPSTREAM_TIMEOUT', attempts: 3 },
  {
    name: 'reset before headers',
    fault: { resetBeforeHeaders: true },
    code: 'UPSTREAM_UNAVAILABLE',
    attempts: 3,
  },
  {
    name: 'reset after headers (truncated body)',
    fault: { resetAfterBytes: 10 },
    code: 'UPSTREAM_UNAVAILABLE',
    attempts: 1,
  },
  { name: 'malformed JSON', fault: { malformedJson: true }, code: 'UPSTREAM_INVALID_RESPONSE', attempts: 1 },
  {
    name: 'wrong content type',
    fault: { contentType: 'text/html' },
    code: 'UPSTREAM_INVALID_RESPONSE',
    attempts: 1,
    only: 'json',
  },
  {
    name: 'body larger than the cap',
    fault: { oversizedBytes: 3 * 1024 * 1024 },
    code: 'UPSTREAM_INVALID_RESPONSE',
    attempts: 1,
  },
  {
    name: 'headers slower than the headers timeout',
    fault: { latencyMs: 1500 },
    code: 'UPSTREAM_TIMEOUT',
    attempts: 3,
  },
  {
    name: 'slow drip past the deadline',
    fault: { dripBytesPer100ms: 2 },
    code: 'UPSTREAM_TIMEOUT',
    attempts: 1,
  },
  // A hanging vendor trips the headers timeout on every attempt; retries stay bounded by it.
  { name: 'hanging response', fault: { hang: true }, code: 'UPSTREAM_TIMEOUT', attempts: 3 },
];

/** `probe` defaults to the vendor's lookup; the browse suite passes its list fields instead. */
export function faultSuite(vendor: VendorKey, probe: Probe = PROBES[vendor], label: string = vendor): void {
  describe(`${label}: every fault is predictable, bounded and visible`, () => {
    let gw: TestGateway;
    let sandbox: SandboxServer;
    beforeAll(async () => {
      gw = await startGateway({
        REQUEST_TIMEOUT_MS: String(DEADLINE_MS),
        UPSTREAM_HEADERS_TIMEOUT_MS: '400',
        UPSTREAM_MAX_JSON_BYTES: '1mb',
        // Torq's list is read as a stream under a cap of its own.
        TORQ_MAX_LIST_BYTES: '1mb',
        AKANA_ALLOW_PKI_EXPORT: 'false',
      });
      sandbox = gw.sandboxes[vendor]?.server as SandboxServer;
      if (vendor === 'roma') {
        (sandbox as RomaSandbox).jobs.set('job-faults', {
          id: 'job-faults',
          started: 0,
          appIds: ['a'],
          taskIds: [],
        });
      }
    });
    afterAll(() => gw.close());
    beforeEach(() => {
      sandbox.clearFaults();
      sandbox.resetLog();
    });

    it('answers normally with no fault (baseline)', async () => {
      const res = await gw.query<Record<string, unknown>, never>(probe.query);
      expect(res.errors).toBeUndefined();
      expect(sandbox.calls(probe.route)).toHaveLength(1);
    });

    for (const c of CASES) {
      if (c.only && c.only !== probe.kind) continue;
      it(`${c.name} → ${c.code} after ${c.attempts} attempt(s)`, async () => {
        sandbox.setFault(probe.route, c.fault);
        const started = Date.now();
        const res = await gw.query<Record<string, unknown>, never>(probe.query);
        const elapsed = Date.now() - started;
        expect(res.status).toBe(200);
        expect(res.data?.vendors).toHaveLength(5); // the rest of the query resolved
        expect(probe.field(res.data) ?? null).toBeNull();
        const ext = res.errors?.[0]?.extensions;
        expect(ext?.code).toBe(c.code);
        if (c.code !== 'UPSTREAM_TIMEOUT' || ext?.httpStatus !== undefined) expect(ext?.vendor).toBeDefined();
        const calls = sandbox.calls(probe.route);
        expect(calls).toHaveLength(c.attempts);
        // Nothing outlives the request: every call the vendor saw is over once the answer is in
        // (waiting only for the socket close to reach the emulator, not for a time).
        await vi.waitFor(() => expect(calls.every((r) => r.closed)).toBe(true), { timeout: 10_000 });
        if (c.fault.dripBytesPer100ms !== undefined) {
          // The drip takes far longer than the deadline to finish: the gateway must have cut it,
          // because the request's deadline passed (not a body timeout, not a read to the end).
          expect(calls[0]?.aborted).toBe(true);
          expect(res.errors?.[0]?.message).toMatch(/deadline passed/);
        }
        // A coarse guard only (the machine may be loaded); the checks above are the precise ones.
        expect(elapsed).toBeLessThan(DEADLINE_MS * 4);
        expect(JSON.stringify(res)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack traces
      });
    }

    const bad = probe.misshapen;
    if (bad) {
      it(`a JSON body of the wrong shape → UPSTREAM_INVALID_RESPONSE naming ${bad.field}`, async () => {
        const route = bad.route ?? probe.route;
        sandbox.setFault(route, { jsonBody: bad.body });
        const res = await gw.query<Record<string, unknown>, never>(probe.query);
        expect(res.status).toBe(200);
        expect(res.data?.vendors).toHaveLength(5); // the rest of the query resolved
        expect(probe.field(res.data) ?? null).toBeNull();
        expect(res.errors).toHaveLength(1);
        const err = res.errors?.[0];
        expect(err?.extensions).toMatchObject({
          code: 'UPSTREAM_INVALID_RESPONSE',
          vendor: expect.any(String),
          details: { field: bad.field },
        });
        expect(err?.message).toContain(`${bad.field}:`);
        expect(err?.message).not.toContain('secret-ish'); // the vendor's values are never echoed
        expect(sandbox.calls(route)).toHaveLength(1); // refused, not retried
      });
    }

    it('opens the circuit after repeated failures, fails fast, then probes and closes', async () => {
      await using cgw = await startGateway(
        {
          UPSTREAM_CIRCUIT_THRESHOLD: '3',
          // Long enough for the two queries below to see it OPEN on a loaded machine.
          UPSTREAM_CIRCUIT_COOLDOWN_MS: '1500',
          UPSTREAM_RETRIES: '0',
        },
        { sandboxes: gw.sandboxes },
      );
      const route = probe.firstRoute ?? probe.route;
      sandbox.setFault(route, { status: 503 });
      for (let i = 0; i < 3; i++) await cgw.query(probe.query);
      expect(sandbox.calls(route)).toHaveLength(3);
      const circuit = async () =>
        (
          (
            await cgw.query<{ vendors: { vendor: string; circuit: string }[] }, never>(
              '{ vendors { vendor circuit } }',
            )
          ).data?.vendors ?? []
        ).map((v) => v.circuit);
      expect(await circuit()).toContain('OPEN');
      const fast = await cgw.query<Record<string, unknown>, never>(probe.query);
      expect(fast.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(sandbox.calls(route)).toHaveLength(3); // failed fast: no call
      sandbox.clearFaults();
      await vi.waitFor(async () => expect(await circuit()).toContain('HALF_OPEN'), {
        timeout: 10_000,
        interval: 100,
      });
      expect(sandbox.calls(route)).toHaveLength(3); // half-open lets nothing out by itself
      const probeRes = await cgw.query<Record<string, unknown>, never>(probe.query);
      expect(probeRes.errors).toBeUndefined();
      expect(await circuit()).not.toContain('OPEN');
      expect(await circuit()).not.toContain('HALF_OPEN');
    });
  });
}
