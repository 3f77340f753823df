/**
 * @defer (@graphql-yoga/plugin-defer-stream): a slow vendor's fields come in a later part, so the
 * fast vendor's data is not held back. Oracle here never answers at all until the request's
 * deadline: the first part (Torq) arrives while Oracle still has not answered.
 */
import { describe, expect, it } from 'vitest';
import { SEED_LISTING, SEED_PACKAGE } from '../../src/vendors/oracle/fixtures.js';
import type { OracleSandbox } from '../../src/vendors/oracle/sandbox.js';
import type { TorqSandbox } from '../../src/vendors/torq/sandbox.js';
import { startGateway } from '../helpers.js';

interface Part {
  data?: { integrations?: { edges: unknown[] } };
  incremental?: { data?: { packageVersion?: unknown }; errors?: { extensions?: { code?: string } }[] }[];
  hasNext?: boolean;
}

describe('@defer', () => {
  it('sends the fast vendor’s fields first; the slow vendor’s arrive in a later part', async () => {
    await using gw = await startGateway({ REQUEST_TIMEOUT_MS: '1500', ORACLE_RETRIES: '0' });
    const torq = gw.sandboxes.torq?.server as TorqSandbox;
    const oracle = gw.sandboxes.oracle?.server as OracleSandbox;
    oracle.setFault('packageVersion', { hang: true });
    const query = `{
      integrations(first: 2) { edges { node { id name } } }
      ... @defer(label: "oracle") {
        packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") { name }
      }
    }`;
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query }),
    });
    expect(res.status).toBe(200);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const parts: Part[] = [];
    let buffer = '';
    let oracleAnsweredBeforeFirstPart: boolean | undefined;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5).trim())
          .join('');
        if (!data) continue;
        parts.push(JSON.parse(data) as Part);
        if (parts.length === 1) {
          // Oracle hangs: it has not answered (its call, once made, is still open).
          oracleAnsweredBeforeFirstPart = oracle.calls('packageVersion').some((c) => c.aborted);
          expect(oracle.calls('packageVersion').length).toBeLessThanOrEqual(1);
        }
      }
    }
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const [first, ...rest] = parts;
    expect(first!.data?.integrations?.edges).toHaveLength(2);
    expect(first!.data).not.toHaveProperty('packageVersion');
    expect(first!.hasNext).toBe(true);
    expect(oracleAnsweredBeforeFirstPart).toBe(false);
    expect(torq.calls('listIntegrations')).toHaveLength(1);
    // The deferred part carries Oracle's outcome: here the request's deadline passing.
    const later = rest.flatMap((p) => p.incremental ?? []);
    expect(later.flatMap((i) => i.errors ?? []).map((e) => e.extensions?.code)).toContain('UPSTREAM_TIMEOUT');
    expect(rest.at(-1)!.hasNext).toBe(false);
  });
});
