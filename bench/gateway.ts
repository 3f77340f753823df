/**
 * Gateway case (issue 15): the Torq+Oracle query — 73 Torq integrations with 7 fields each plus
 * one Oracle package version — against the same in-process emulators, three ways, each at 1 and
 * 32 connections:
 *   direct               a minimal node:http server making the same two vendor calls itself
 *   gateway, caches off  CACHE=off, no vendor rate limit: the gateway's own per-request cost
 *                        (identical calls in flight are still coalesced: that is always on)
 *   gateway, defaults    the settings a deployment gets (cache on, Torq's 50 requests/s enforced)
 * Prints req/s, p50, p99, vendor calls per request, the server's CPU time per request (steadier
 * than req/s when other work shares the machine) and its RSS. Figures only: nothing
 * here is asserted. BENCH_SECONDS sets each run's length (default 5 s here).
 */
import { fileURLToPath } from 'node:url';
import { Pool, request } from 'undici';
import { SEED_LISTING, SEED_PACKAGE } from '../src/vendors/oracle/fixtures.js';
import { ORACLE_SANDBOX, startOracleSandbox } from '../src/vendors/oracle/sandbox.js';
import { startTorqSandbox, TORQ_SANDBOX } from '../src/vendors/torq/sandbox.js';
import { type GatewayProcess, type LoadResult, spawnGateway, spawnServer } from './lib.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const FIRST = 73;

export const BENCH_QUERY = `{
  integrations(first: ${FIRST}) { edges { node { id name displayName typeId createdAt createdBy webhookUrl } } }
  packageVersion(listingVersionId: "${SEED_LISTING}", packageVersionId: "${SEED_PACKAGE}") { name version status }
}`;

interface Row {
  label: string;
  connections: number;
  r: LoadResult;
  callsPerRequest: number;
  /** Server CPU time per request: steadier than req/s on a machine shared with other work. */
  cpuMsPerRequest: number;
  rss: number;
}

export async function benchGateway(): Promise<void> {
  const torq = await startTorqSandbox();
  const oracle = await startOracleSandbox();
  const vendorCalls = () => torq.calls('listIntegrations').length + oracle.calls('packageVersion').length;
  const liveEnv = {
    TORQ_BASE_URL: torq.url,
    TORQ_TOKEN: TORQ_SANDBOX.token,
    ORACLE_MARKETPLACE_BASE_URL: oracle.url,
    ORACLE_USER_ID: ORACLE_SANDBOX.userId,
    ORACLE_ACCESS_TOKEN: ORACLE_SANDBOX.token,
  };
  const targets: { label: string; start: () => Promise<GatewayProcess>; graphql: boolean }[] = [
    {
      label: 'direct (node:http + undici)',
      graphql: false,
      start: () =>
        spawnServer(fileURLToPath(new URL('./direct-server.ts', import.meta.url)), {
          DIRECT_TORQ_URL: torq.url,
          DIRECT_TORQ_TOKEN: TORQ_SANDBOX.token,
          DIRECT_ORACLE_URL: oracle.url,
          DIRECT_ORACLE_TOKEN: ORACLE_SANDBOX.token,
          DIRECT_ORACLE_USER: ORACLE_SANDBOX.userId,
          DIRECT_ORACLE_PATH: `/appstore/publisher/v1/applications/${SEED_LISTING}/packages/${SEED_PACKAGE}`,
          DIRECT_FIRST: String(FIRST),
        }),
    },
    {
      label: 'gateway, all caches off',
      graphql: true,
      start: () => spawnGateway({ ...liveEnv, CACHE: 'off', TORQ_MAX_RPS: '0' }),
    },
    { label: 'gateway, defaults', graphql: true, start: () => spawnGateway(liveEnv) },
  ];
  const rows: Row[] = [];
  console.log(
    `\nGateway case: ${FIRST} Torq integrations × 7 fields + 1 Oracle package; ${SECONDS}s per run after a 1s warm-up`,
  );
  try {
    for (const target of targets) {
      const proc = await target.start();
      try {
        const url = target.graphql ? `${proc.url}/graphql` : `${proc.url}/`;
        const opts = target.graphql
          ? {
              url,
              method: 'POST' as const,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ query: BENCH_QUERY }),
            }
          : { url };
        await check(opts);
        await load(opts, 32, 1);
        for (const connections of [1, 32]) {
          const before = vendorCalls();
          const cpuBefore = proc.cpuMs();
          const r = await load(opts, connections, SECONDS);
          const cpu = proc.cpuMs() - cpuBefore;
          rows.push({
            label: target.label,
            connections,
            r,
            callsPerRequest: (vendorCalls() - before) / Math.max(1, r.requests),
            cpuMsPerRequest: cpu / Math.max(1, r.requests),
            rss: proc.rss(),
          });
          console.log(format(rows.at(-1)!));
        }
      } finally {
        await proc.stop();
      }
    }
  } finally {
    await torq.close();
    await oracle.close();
  }
  const find = (label: string, c: number) => rows.find((x) => x.label === label && x.connections === c)!;
  const direct32 = find(targets[0]!.label, 32);
  const direct1 = find(targets[0]!.label, 1);
  for (const t of targets.slice(1)) {
    const g32 = find(t.label, 32);
    const g1 = find(t.label, 1);
    console.log(
      `${t.label}: ${(g32.r.rps / direct32.r.rps).toFixed(2)}× direct at 32 connections; ` +
        `p50 at 1 connection ${(g1.r.p50 - direct1.r.p50 >= 0 ? '+' : '') + (g1.r.p50 - direct1.r.p50).toFixed(2)} ms`,
    );
  }
}

interface Target {
  url: string;
  method?: 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * `connections` closed loops over one keep-alive pool, for `seconds`; latencies measured with
 * performance.now(), so p50 has sub-millisecond resolution (autocannon's is whole milliseconds).
 */
async function load(t: Target, connections: number, seconds: number): Promise<LoadResult> {
  const url = new URL(t.url);
  const pool = new Pool(url.origin, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  const until = performance.now() + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          const started = performance.now();
          try {
            const res = await pool.request({
              path: url.pathname,
              method: t.method ?? 'GET',
              headers: t.headers,
              body: t.body,
            });
            await res.body.text();
            if (res.statusCode !== 200) non2xx++;
          } catch {
            errors++;
          }
          latencies.push(performance.now() - started);
        }
      }),
    );
  } finally {
    await pool.close();
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors,
    non2xx,
  };
}

async function check(opts: {
  url: string;
  method?: 'POST';
  headers?: Record<string, string>;
  body?: string;
}) {
  const res = await request(opts.url, {
    method: opts.method ?? 'GET',
    headers: opts.headers,
    body: opts.body,
  });
  const text = await res.body.text();
  if (res.statusCode !== 200 || text.includes('"errors"')) throw new Error(`bench query failed: ${text}`);
  const count = (JSON.parse(text) as { data: { integrations: { edges: unknown[] } } }).data.integrations.edges
    .length;
  if (count !== FIRST) throw new Error(`bench query returned ${count} integrations, not ${FIRST}`);
}

function format(x: Row): string {
  return (
    `${x.label.padEnd(30)} ${String(x.connections).padStart(2)} conn ${x.r.rps.toFixed(0).padStart(7)} req/s` +
    `   p50 ${x.r.p50.toFixed(2).padStart(6)} ms   p99 ${x.r.p99.toFixed(2).padStart(7)} ms` +
    `   vendor calls/req ${x.callsPerRequest.toFixed(3)}   server CPU ${x.cpuMsPerRequest.toFixed(2)} ms/req   RSS ${(x.rss / 1024 ** 2).toFixed(0)} MB` +
    `   errors ${x.r.errors + x.r.non2xx}`
  );
}
