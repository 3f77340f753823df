/**
 * `npm run soak`: bounded load (autocannon, loopback only, stops by itself) against a gateway
 * whose five vendors inject 10% errors and random latency. Prints requests served, gateway 5xx,
 * GraphQL error codes by kind, p50/p99 latency, and RSS after warm-up and at the end.
 * SOAK_SECONDS (default 180) and SOAK_CONNECTIONS (default 16) bound it.
 */
import autocannon from 'autocannon';
import { request } from 'undici';
import { SEED_APP_VERSION } from '../src/vendors/akana/fixtures.js';
import { googleFixtures } from '../src/vendors/google/fixtures.js';
import { closeSandboxes, liveEnvFor, startSandboxes } from '../src/vendors/index.js';
import type { RomaSandbox } from '../src/vendors/roma/sandbox.js';
import { spawnGateway } from './lib.js';

const USAGE = `Usage: npm run soak     bounded load against a gateway whose vendors fail 10% of calls (stops by itself)

Variables:
  SOAK_SECONDS       how long the load runs (default 180)
  SOAK_CONNECTIONS   concurrent connections (default 16)

Prints requests served, gateway 5xx, GraphQL error codes by kind, p50/p99 latency and RSS.
`;
const args = process.argv.slice(2);
if (args.length > 0) {
  const help = args.includes('--help') || args.includes('-h');
  (help ? process.stdout : process.stderr).write(
    `${help ? '' : `unknown argument: ${args.join(' ')}\n\n`}${USAGE}`,
  );
  process.exit(help ? 0 : 64);
}

const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 16);
const WARMUP_SECONDS = Math.min(20, Math.floor(SECONDS / 6));

const sandboxes = await startSandboxes(['torq', 'google', 'oracle', 'akana', 'roma']);
const roma = sandboxes.roma?.server as RomaSandbox;
roma.jobs.set('soak-job', { id: 'soak-job', started: 0, appIds: ['a'], taskIds: ['t'] });
const routes: [keyof typeof sandboxes, string][] = [
  ['torq', 'listIntegrations'],
  ['google', 'getVersion'],
  ['oracle', 'packageVersion'],
  ['akana', 'exportPackage'],
  ['roma', 'job'],
];
for (const [k, route] of routes) {
  sandboxes[k]?.server.setFault(route, { status: 503, probability: 0.1, latencyJitterMs: 40 });
}

const gw = await spawnGateway(liveEnvFor(sandboxes));

const query = `{
  integrations(first: 5) { edges { node { name } } }
  integrationVersion(name: "${googleFixtures()[0]?.name}") { state tasks { taskId } }
  packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name }
  appVersionExport(appVersionId: "${SEED_APP_VERSION}") { entries { path } }
  assetJob(jobId: "soak-job") { status }
}`;
const body = JSON.stringify({ query });
const codes: Record<string, number> = {};
let gateway5xx = 0;

// Warm-up: fills pools, JIT and caches before RSS is taken as the baseline.
console.log(`soak: ${SECONDS}s, ${CONNECTIONS} connections, vendors failing 10% with jittered latency`);
const warm = autocannon({
  url: `${gw.url}/graphql`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
  connections: CONNECTIONS,
  duration: WARMUP_SECONDS,
});
await warm;
const rssStart = gw.rss();
let rssPeak = rssStart;
const sampler = setInterval(() => {
  rssPeak = Math.max(rssPeak, gw.rss());
}, 1000);

const result = await autocannon({
  url: `${gw.url}/graphql`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
  connections: CONNECTIONS,
  duration: SECONDS - WARMUP_SECONDS,
  timeout: 30,
  requests: [
    {
      onResponse: (status: number, resBody: string) => {
        if (status >= 500) gateway5xx++;
        try {
          for (const e of (JSON.parse(resBody) as { errors?: { extensions?: { code?: string } }[] }).errors ??
            []) {
            const c = e.extensions?.code ?? 'NO_CODE';
            codes[c] = (codes[c] ?? 0) + 1;
          }
        } catch {
          codes.UNPARSABLE_BODY = (codes.UNPARSABLE_BODY ?? 0) + 1;
        }
      },
    },
  ],
});
clearInterval(sampler);
const rssEnd = gw.rss();
const health = await request(`${gw.url}/healthz`);
await health.body.dump();

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
console.log(`requests served      ${result.requests.total} (${result.requests.average.toFixed(0)} req/s)`);
console.log(`gateway 5xx          ${gateway5xx}`);
console.log(`timeouts (hangs)     ${result.timeouts}`);
console.log(`transport errors     ${result.errors}`);
console.log(
  `latency              p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
);
console.log(`GraphQL error codes  ${JSON.stringify(codes)}`);
console.log(
  `RSS after warm-up    ${mb(rssStart)}; end ${mb(rssEnd)}; peak ${mb(rssPeak)}; growth ${(((rssEnd - rssStart) / rssStart) * 100).toFixed(1)}%`,
);
console.log(`healthz after soak   ${health.statusCode}`);
await gw.stop();
await closeSandboxes(sandboxes);
