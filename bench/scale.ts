/**
 * Scale case: a Torq workspace of N integrations (Torq answers them all in one body, unpaged),
 * N = 1k, 10k, 50k, 200k (BENCH_SCALE_N=1000,5000 to choose). For each N, a fresh gateway:
 * the cold request (one Torq call, the list read as a stream into its compact form), then warm
 * requests over the cached list (other pages, a lookup by id, a search), the Torq calls made, and
 * the gateway's RSS at rest, after the requests, and its peak while they ran (sampled every 20 ms). Then the idle RSS of
 * the production process (bench/idle.ts).
 */
import { request } from 'undici';
import { torqFixtures } from '../src/vendors/torq/fixtures.js';
import { startTorqSandbox, TORQ_SANDBOX } from '../src/vendors/torq/sandbox.js';
import { benchIdle } from './idle.js';
import { type GatewayProcess, spawnGateway } from './lib.js';

const SIZES = (process.env.BENCH_SCALE_N ?? '1000,10000,50000,200000').split(',').map(Number);
const WARM = 20;
const MB = 1024 ** 2;

/** The gateway's RSS, sampled every 20 ms while `during` runs: the largest seen. */
async function peakDuring<T>(gw: GatewayProcess, during: () => Promise<T>): Promise<[T, number]> {
  let peak = gw.rss();
  const timer = setInterval(() => (peak = Math.max(peak, gw.rss())), 20);
  try {
    const out = await during();
    return [out, Math.max(peak, gw.rss())];
  } finally {
    clearInterval(timer);
  }
}

async function post(url: string, query: string): Promise<{ ms: number; ok: boolean; text: string }> {
  const started = performance.now();
  const res = await request(`${url}/graphql`, {
    method: 'POST',
    body: JSON.stringify({ query }),
    headers: { 'content-type': 'application/json' },
  });
  const text = await res.body.text();
  return { ms: performance.now() - started, ok: res.statusCode === 200 && !text.includes('"errors"'), text };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchScale(): Promise<void> {
  console.log(`\nScale: Torq lists of N integrations, no paging; cold request, then ${WARM} warm ones`);
  console.log(
    `${'N'.padStart(7)} ${'body'.padStart(7)} ${'cold'.padStart(8)} ${'warm p50'.padStart(9)} ${'calls'.padStart(6)} ${'RSS idle'.padStart(9)} ${'after'.padStart(7)} ${'peak'.padStart(7)} ${'peak-idle'.padStart(10)}`,
  );
  for (const n of SIZES) {
    const sandbox = await startTorqSandbox({ integrations: n });
    const ids = torqFixtures(n).map((f) => f.id);
    const gw = await spawnGateway({
      TORQ_BASE_URL: sandbox.url,
      TORQ_TOKEN: TORQ_SANDBOX.token,
      TORQ_MAX_RPS: '0',
      // The list's cache is what is measured warm, not the whole-response cache in front of it.
      RESPONSE_CACHE: 'off',
      TORQ_CACHE_TTL_MS: '600000',
      // A 200k cold read on a loaded 2-core machine can take longer than the default 30 s.
      REQUEST_TIMEOUT_MS: '180000',
    });
    try {
      // The emulator serialises the list on its first call: make that before the gateway's.
      const body = await request(`${sandbox.url}/v1alpha/integrations`, {
        headers: { authorization: `Bearer ${TORQ_SANDBOX.token}` },
      });
      const bytes = (await body.body.arrayBuffer()).byteLength;
      sandbox.resetLog();
      await new Promise((r) => setTimeout(r, 1000));
      const idle = gw.rss();
      const [cold, coldPeak] = await peakDuring(gw, () =>
        post(gw.url, '{ integrations(first: 20) { totalCount edges { node { id name } } } }'),
      );
      if (!cold.ok) throw new Error(`N=${n}: ${cold.text.slice(0, 300)}`);
      const warm: number[] = [];
      const [, warmPeak] = await peakDuring(gw, async () => {
        for (let i = 0; i < WARM; i++) {
          const pick = ids[Math.floor(((i + 0.5) / WARM) * n)] as string;
          const q =
            i % 3 === 0
              ? `{ integration(id: "${pick}") { name createdAt } }`
              : i % 3 === 1
                ? `{ integrations(first: 20, after: "${Buffer.from(`OffsetConnection:${i * 997}`).toString('base64')}") { edges { node { id name } } } }`
                : `{ integrations(first: 5, search: "#${i}7") { totalCount edges { node { name } } } }`;
          const r = await post(gw.url, q);
          if (!r.ok) throw new Error(`N=${n} warm: ${r.text.slice(0, 300)}`);
          warm.push(r.ms);
        }
      });
      const after = gw.rss();
      const peak = Math.max(coldPeak, warmPeak);
      console.log(
        `${String(n).padStart(7)} ${`${(bytes / MB).toFixed(1)}MB`.padStart(7)} ${`${cold.ms.toFixed(0)}ms`.padStart(8)} ${`${median(warm).toFixed(1)}ms`.padStart(9)} ${String(sandbox.calls('listIntegrations').length).padStart(6)} ${`${(idle / MB).toFixed(0)}MB`.padStart(9)} ${`${(after / MB).toFixed(0)}MB`.padStart(7)} ${`${(peak / MB).toFixed(0)}MB`.padStart(7)} ${`${((peak - idle) / MB).toFixed(0)}MB`.padStart(10)}`,
      );
    } finally {
      await gw.stop();
      await sandbox.close();
    }
  }
  await benchIdle();
}
