import { describe, expect, it } from 'vitest';
import type { SandboxServer } from '../../src/sandbox/harness.js';
import { startGateway } from '../helpers.js';

/** Sockets, servers and timers currently alive in this process. */
function live(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) {
    if (/TCP|Timeout|Immediate|FSReqCallback/.test(r)) counts[r] = (counts[r] ?? 0) + 1;
  }
  return counts;
}

describe('no socket or timer outlives the gateway', () => {
  it('closes every socket, server and timer after faults, aborts and downloads', async () => {
    const before = live();
    const gw = await startGateway({ REQUEST_TIMEOUT_MS: '800', UPSTREAM_HEADERS_TIMEOUT_MS: '300' });
    const torq = gw.sandboxes.torq?.server as SandboxServer;
    torq.setFault('listIntegrations', { hang: true });
    await gw.query('{ integrations(first: 1) { edges { cursor } } }');
    torq.setFault('listIntegrations', { dripBytesPer100ms: 4 });
    await gw.query('{ integrations(first: 1) { edges { cursor } } }');
    torq.clearFaults();
    const link = await gw.query<{ appVersionExport: { download: { url: string } } }, never>(
      '{ appVersionExport(appVersionId: "large-export.acmepaymentscorp") { download { url } } }',
    );
    const controller = new AbortController();
    const res = await fetch(link.data?.appVersionExport.download.url ?? '', { signal: controller.signal });
    await res.body?.getReader().read();
    controller.abort();
    await gw.close();
    await expect.poll(() => live(), { timeout: 5000, interval: 50 }).toEqual(before);
  });
});
