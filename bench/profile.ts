/**
 * Where the gateway spends its time on the bench query: runs it with node's CPU profiler under 32
 * connections (PROFILE_CONNECTIONS, default 32) for BENCH_SECONDS, then stops it (the profile is written on exit). Usage:
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx bench/profile.ts
 *   PROFILE_ENV='{"CACHE":"off","TORQ_MAX_RPS":"0"}' …   (extra gateway settings, JSON)
 * then open the largest /tmp/prof/*.cpuprofile in Chrome DevTools (Performance tab).
 */
import { Pool } from 'undici';
import { startOracleSandbox } from '../src/vendors/oracle/sandbox.js';
import { startTorqSandbox } from '../src/vendors/torq/sandbox.js';
import { BENCH_QUERY, vendorEnv } from './gateway.js';
import { spawnGateway } from './lib.js';

const torq = await startTorqSandbox();
const oracle = await startOracleSandbox();
const extra = process.env.PROFILE_ENV ? (JSON.parse(process.env.PROFILE_ENV) as Record<string, string>) : {};
const proc = await spawnGateway({ ...vendorEnv(torq.url, oracle.url), ...extra });
const connections = Number(process.env.PROFILE_CONNECTIONS ?? 32);
const pool = new Pool(proc.url, { connections });
const body = JSON.stringify({ query: BENCH_QUERY });
let n = 0;
const until = performance.now() + Number(process.env.BENCH_SECONDS ?? 8) * 1000;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < until) {
      const res = await pool.request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.body.text();
      n++;
    }
  }),
);
console.log(`${n} requests`);
await pool.close();
await proc.stop();
await torq.close();
await oracle.close();
