/**
 * Torq case: a fixed query (a page of integrations + 3 lookups by id) through the gateway, versus
 * the one list call it needs made directly with plain undici against the same emulator.
 */
import { request } from 'undici';
import { torqFixtures } from '../src/vendors/torq/fixtures.js';
import { startTorqSandbox, TORQ_SANDBOX } from '../src/vendors/torq/sandbox.js';
import { load, row, SECONDS, spawnGateway } from './lib.js';

export async function benchTorq(): Promise<void> {
  const sandbox = await startTorqSandbox();
  const gw = await spawnGateway({ TORQ_BASE_URL: sandbox.url, TORQ_TOKEN: TORQ_SANDBOX.token });
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
    const direct = await load({
      url: `${sandbox.url}/v1alpha/integrations`,
      headers: { authorization: `Bearer ${TORQ_SANDBOX.token}` },
    });
    console.log(
      row(
        'gateway (query over HTTP)',
        viaGateway,
        `   vendor calls/request ${(vendorCalls / viaGateway.requests).toFixed(2)}`,
      ),
    );
    console.log(row('direct undici to the emulator', direct));
    console.log(`ratio gateway/direct throughput: ${(viaGateway.rps / direct.rps).toFixed(2)}`);
  } finally {
    await gw.stop();
    await sandbox.close();
  }
}
