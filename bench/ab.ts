/**
 * A/B of gateway trees on issue 15's latency target (1 connection, caches off), steadier than one
 * `npm run bench gateway`: the direct baseline and each tree (a checkout holding src/main.ts, e.g. a
 * `git worktree` of another commit) run side by side against the same emulators and take turns
 * serving blocks of sequential requests, in a rotating order, so a slow spell of the machine hits
 * every contender alike. Figures only, nothing asserted. Prints for each contender the median over
 * the rounds of its block p50 and of its server CPU per request, and for each tree the median of
 * its per-round p50 minus the direct server's (the "added p50"). Every contender first gets the
 * bench's warm-up (3000 sequential requests, then 1 s at 32 connections).
 *   npx tsx bench/ab.ts . /tmp/base        AB_ROUNDS (default 10), AB_BLOCK requests (default 600)
 *   AB_NODE_ARGS_1="--cpu-prof" …          node flags for the first tree (AB_NODE_ARGS_2: the second…)
 */
import { resolve } from 'node:path';
import { Pool } from 'undici';
import { startOracleSandbox } from '../src/vendors/oracle/sandbox.js';
import { startTorqSandbox } from '../src/vendors/torq/sandbox.js';
import { BENCH_QUERY, CACHES_OFF, load, spawnDirect, type Target, vendorEnv } from './gateway.js';
import { type GatewayProcess, spawnServer } from './lib.js';

const trees = process.argv.slice(2);
if (trees.length === 0) {
  console.error('usage: npx tsx bench/ab.ts <tree> [<tree>…]');
  process.exit(64);
}
const ROUNDS = Number(process.env.AB_ROUNDS ?? 10);
const BLOCK = Number(process.env.AB_BLOCK ?? 600);

interface Contender {
  label: string;
  proc: GatewayProcess;
  /** What each of its requests is (the bench's own `Target`). */
  target: Target;
  pool: Pool;
  blocks: { p50: number; cpu: number }[];
}

const torq = await startTorqSandbox();
const oracle = await startOracleSandbox();
const contenders: Contender[] = [];
try {
  const direct = await spawnDirect(torq.url, oracle.url);
  contenders.push({
    label: 'direct',
    proc: direct,
    target: { url: `${direct.url}/` },
    pool: new Pool(direct.url),
    blocks: [],
  });
  for (const [i, tree] of trees.entries()) {
    const before = process.env.BENCH_NODE_ARGS;
    process.env.BENCH_NODE_ARGS = process.env[`AB_NODE_ARGS_${i + 1}`] ?? before ?? '';
    const proc = await spawnServer(resolve(tree, 'src/main.ts'), {
      ...vendorEnv(torq.url, oracle.url),
      ...CACHES_OFF,
    });
    if (before === undefined) delete process.env.BENCH_NODE_ARGS;
    else process.env.BENCH_NODE_ARGS = before;
    contenders.push({
      label: tree,
      proc,
      target: {
        url: `${proc.url}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: BENCH_QUERY }),
      },
      pool: new Pool(proc.url),
      blocks: [],
    });
  }
  const block = async (c: Contender, n: number) => {
    const latencies: number[] = [];
    const { url, method = 'GET', headers, body } = c.target;
    const path = new URL(url).pathname;
    const cpu = c.proc.cpuMs();
    for (let k = 0; k < n; k++) {
      const started = performance.now();
      const res = await c.pool.request({ path, method, headers, body });
      const text = await res.body.text();
      if (res.statusCode !== 200 || text.includes('"errors"')) throw new Error(`${c.label}: ${text}`);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    return { p50: latencies[Math.floor(n / 2)] ?? 0, cpu: (c.proc.cpuMs() - cpu) / n };
  };
  // The bench's warm-up for every contender: 1-connection load, then 1 s at 32 connections (the
  // direct server's p50 reads about 0.8 ms slower before that burst: README "Per-request work").
  for (const c of contenders) {
    await block(c, 3000);
    await load(c.target, 32, 1);
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(r + k) % contenders.length]!;
      c.blocks.push(await block(c, BLOCK));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const direct0 = contenders[0]!;
  console.log(
    `A/B: ${ROUNDS} rounds of ${BLOCK} sequential requests per contender (1 connection, caches off)`,
  );
  for (const c of contenders) {
    const added =
      c === direct0
        ? ''
        : `   added p50 ${median(c.blocks.map((b, r) => b.p50 - direct0.blocks[r]!.p50)).toFixed(3)} ms`;
    console.log(
      `${c.label.padEnd(24)} p50 ${median(c.blocks.map((b) => b.p50)).toFixed(3)} ms   server CPU ${median(c.blocks.map((b) => b.cpu)).toFixed(3)} ms/req${added}`,
    );
  }
} finally {
  for (const c of contenders) {
    await c.pool.close();
    await c.proc.stop();
  }
  await torq.close();
  await oracle.close();
}
