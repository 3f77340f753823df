/**
 * The fault switchboard, vendor by vendor: every fault the sandboxes can inject, the error code
 * the caller must see, how many attempts the vendor must have seen, that the rest of the query
 * still resolves, and that nothing outlives the request's deadline.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Fault, SandboxServer } from '../../../src/sandbox/harness.js';
import { vendorModule } from '../../../src/vendors/index.js';
import type { SandboxProbe } from '../../../src/vendors/types.js';
import { startGateway, type TestGateway } from '../../helpers.js';
import { probedField } from '../../probes.js';

/** What the suite sends: the vendor's probe (declared in its folder), or a list field's. */
export type Probe = SandboxProbe;

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

/**
 * One suite per vendor and field, each with a gateway and emulators of its own. The suites of a file
 * run side by side (most of their time is spent waiting out deadlines and timeouts); the cases of a
 * suite run one after another, since they share its emulator's fault switchboard.
 * `probe` defaults to the vendor's own (its lookup); list fields pass theirs.
 */
export async function faultSuite(vendor: string, given?: Probe, label: string = vendor): Promise<void> {
  const probe = given ?? (await vendorModule(vendor).probe?.('job-faults'));
  if (!probe) throw new Error(`vendor ${vendor} declares no sandbox probe`);
  const query = `{ vendors { vendor } ${probe.select} }`;
  const field = (data: Record<string, unknown> | null | undefined) => probedField(probe, data);
  describe.concurrent(`${label}: every fault is predictable, bounded and visible`, () => {
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
      probe.prepare?.(sandbox);
    });
    afterAll(() => gw.close());
    beforeEach(() => {
      sandbox.clearFaults();
      sandbox.resetLog();
    });

    it.sequential('answers normally with no fault (baseline)', async () => {
      const res = await gw.query<Record<string, unknown>, never>(query);
      expect(res.errors).toBeUndefined();
      expect(sandbox.calls(probe.route)).toHaveLength(1);
    });

    for (const c of CASES) {
      if (c.only && c.only !== probe.kind) continue;
      it.sequential(`${c.name} → ${c.code} after ${c.attempts} attempt(s)`, async () => {
        sandbox.setFault(probe.route, c.fault);
        const started = Date.now();
        const res = await gw.query<Record<string, unknown>, never>(query);
        const elapsed = Date.now() - started;
        expect(res.status).toBe(200);
        expect(res.data?.vendors).toHaveLength(5); // the rest of the query resolved
        expect(field(res.data) ?? null).toBeNull();
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
      it.sequential(
        `a JSON body of the wrong shape → UPSTREAM_INVALID_RESPONSE naming ${bad.field}`,
        async () => {
          const route = bad.route ?? probe.route;
          sandbox.setFault(route, { jsonBody: bad.body });
          const res = await gw.query<Record<string, unknown>, never>(query);
          expect(res.status).toBe(200);
          expect(res.data?.vendors).toHaveLength(5); // the rest of the query resolved
          expect(field(res.data) ?? null).toBeNull();
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
        },
      );
    }

    it.sequential(
      'opens the circuit after repeated failures, fails fast, then probes and closes',
      async () => {
        await using cgw = await startGateway(
          {
            UPSTREAM_CIRCUIT_THRESHOLD: '3',
            // Long enough for the two queries below to see it OPEN on a loaded machine, with the
            // other suites of the file running beside this one.
            UPSTREAM_CIRCUIT_COOLDOWN_MS: '3000',
            UPSTREAM_RETRIES: '0',
          },
          { sandboxes: gw.sandboxes },
        );
        const route = probe.firstRoute ?? probe.route;
        sandbox.setFault(route, { status: 503 });
        for (let i = 0; i < 3; i++) await cgw.query(query);
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
        const fast = await cgw.query<Record<string, unknown>, never>(query);
        expect(fast.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
        expect(sandbox.calls(route)).toHaveLength(3); // failed fast: no call
        sandbox.clearFaults();
        await vi.waitFor(async () => expect(await circuit()).toContain('HALF_OPEN'), {
          timeout: 10_000,
          interval: 100,
        });
        expect(sandbox.calls(route)).toHaveLength(3); // half-open lets nothing out by itself
        const probeRes = await cgw.query<Record<string, unknown>, never>(query);
        expect(probeRes.errors).toBeUndefined();
        expect(await circuit()).not.toContain('OPEN');
        expect(await circuit()).not.toContain('HALF_OPEN');
      },
    );
  });
}
