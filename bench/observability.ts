/**
 * Observability case: the Torq query of `torq.ts` through three gateways: metrics and tracing
 * off, metrics on (the default), metrics on + tracing exported over OTLP/HTTP to a receiver that
 * accepts and drops the spans. Prints throughput, latency and the gateway's RSS (idle and after);
 * each variant runs twice, in A B C C B A order, so drifting machine load hits all alike.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { torqFixtures } from '../src/vendors/torq/fixtures.js';
import { startTorqSandbox, TORQ_SANDBOX } from '../src/vendors/torq/sandbox.js';
import { load, row, SECONDS, spawnGateway } from './lib.js';

export async function benchObservability(): Promise<void> {
  const sandbox = await startTorqSandbox();
  let spansBytes = 0;
  const receiver = createServer((req, res) => {
    req.on('data', (c: Buffer) => (spansBytes += c.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const otlp = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  const ids = torqFixtures()
    .slice(5, 8)
    .map((f) => f.id);
  const body = JSON.stringify({
    query: `{ integrations(first: 10) { edges { node { id name webhookUrl } } }
      ${ids.map((id, i) => `i${i}: integration(id: "${id}") { name createdAt }`).join(' ')} }`,
  });
  const base = { TORQ_BASE_URL: sandbox.url, TORQ_TOKEN: TORQ_SANDBOX.token, TORQ_MAX_RPS: '0' };
  const variants: [string, Record<string, string>][] = [
    ['metrics off, tracing off', { METRICS: 'false' }],
    ['metrics on (default)', {}],
    ['metrics on + tracing (OTLP/HTTP)', { OTEL_EXPORTER_OTLP_ENDPOINT: otlp }],
  ];
  // On a shared machine load drifts: run the variants forth and back (A B C C B A) and compare pairs.
  const order = [...variants, ...[...variants].reverse()];
  console.log(`\nObservability: Torq query, ${SECONDS}s each, 10 connections, order A B C C B A`);
  try {
    for (const [label, env] of order) {
      const gw = await spawnGateway({ ...base, ...env });
      try {
        const check = await request(`${gw.url}/graphql`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json' },
        });
        const text = await check.body.text();
        if (check.statusCode !== 200 || text.includes('"errors"'))
          throw new Error(`bench query failed: ${text}`);
        await new Promise((r) => setTimeout(r, 500));
        const idle = gw.rss();
        const r = await load({
          url: `${gw.url}/graphql`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const mb = (n: number) => (n / 1024 ** 2).toFixed(0);
        console.log(row(label, r, `   RSS idle ${mb(idle)} MB, after load ${mb(gw.rss())} MB`));
      } finally {
        await gw.stop();
      }
    }
    console.log(`spans received by the OTLP receiver: ${(spansBytes / 1024 ** 2).toFixed(1)} MB of JSON`);
  } finally {
    await new Promise((r) => receiver.close(r));
    await sandbox.close();
  }
}
