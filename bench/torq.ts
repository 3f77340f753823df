/**
 * Torq case: a fixed query (a page of integrations + 3 lookups by id) through the gateway, versus
 * the same work done with plain undici against the same emulator: fetch the list, parse it, pick.
 */
import { request } from 'undici';
import { torqFixtures } from '../src/vendors/torq/fixtures.js';
import { startTorqSandbox, TORQ_SANDBOX } from '../src/vendors/torq/sandbox.js';
import { load, type LoadResult, row, SECONDS, spawnGateway } from './lib.js';

export async function benchTorq(): Promise<void> {
  const sandbox = await startTorqSandbox();
  // TORQ_MAX_RPS=0: measure the gateway, not Torq's documented 50 requests/s that it enforces by default.
  const gw = await spawnGateway({
    TORQ_BASE_URL: sandbox.url,
    TORQ_TOKEN: TORQ_SANDBOX.token,
    TORQ_MAX_RPS: '0',
  });
  try {
    const ids = torqFixtures()
      .slice(5, 8)
      .map((f) => f.id);
    const query = `{ integrations(first: 10) { edges { node { id name webhookUrl sharing { direction } } } }
      ${ids.map((id, i) => `i${i}: integration(id: "${id}") { name createdAt }`).join(' ')} }`;
    const body = JSON.stringify({ query });

    // Sanity: the query works and costs one vendor call.
    sandbox.resetLog();
    const check = await request(`${gw.url}/graphql`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
    });
    const text = await check.body.text();
    if (check.statusCode !== 200 || text.includes('"errors"')) throw new Error(`bench query failed: ${text}`);
    sandbox.resetLog();

    console.log(`\nTorq: ${SECONDS}s each, 10 connections`);
    const viaGateway = await load({
      url: `${gw.url}/graphql`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const vendorCalls = sandbox.calls('listIntegrations').length;
    // The same work without the gateway: plain undici calls that fetch the list and pick the items.
    const direct = await plainUndici(sandbox.url, ids);
    console.log(
      row(
        'gateway (query over HTTP)',
        viaGateway,
        `   vendor calls/request ${(vendorCalls / viaGateway.requests).toFixed(2)}`,
      ),
    );
    console.log(row('plain undici (fetch + parse + pick)', direct));
    console.log(`ratio gateway/direct throughput: ${(viaGateway.rps / direct.rps).toFixed(2)}`);
  } finally {
    await gw.stop();
    await sandbox.close();
  }
}

/** 10 concurrent loops of: GET the list, parse it, pick the page and the ids (what the query needs). */
async function plainUndici(base: string, ids: string[]): Promise<LoadResult> {
  const latencies: number[] = [];
  const until = Date.now() + SECONDS * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (Date.now() < until) {
        const started = performance.now();
        try {
          const res = await request(`${base}/v1alpha/integrations`, {
            headers: { authorization: `Bearer ${TORQ_SANDBOX.token}` },
          });
          const body = (await res.body.json()) as { integrations: { id: string; name: string }[] };
          const page = body.integrations.slice(0, 10).map((i) => i.name);
          const picked = ids.map((id) => body.integrations.find((i) => i.id === id)?.name);
          if (page.length !== 10 || picked.includes(undefined)) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    requests: latencies.length,
    rps: latencies.length / SECONDS,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    non2xx: 0,
  };
}
