/**
 * A/B of gateway trees on the gateway case's latency target (1 connection, caches off), steadier than one
 * `npm run bench gateway`: the direct baseline and each tree (a checkout holding src/main.ts, e.g. a
 * `git worktree` of another commit) run side by side against the same emulators and take turns
 * serving blocks of sequential requests, in a rotating order, so a slow spell of the machine hits
 * every contender alike. Figures only, nothing asserted. Prints for each contender the median over
 * the rounds of its block p50 and of its server CPU per request, and for each tree the median of
 * its per-round p50 minus the direct server's (the "added p50"). Every contender first gets the
 * bench's warm-up (5 s at 1 connection, then 1 s at 32). `npm run bench gateway` takes turns the
 * same way (`takeTurns`) for its added-p50 figure.
 *   npx tsx bench/ab.ts . /tmp/base        AB_ROUNDS (default 10), AB_BLOCK requests (default 600)
 *   AB_NODE_ARGS_1="--cpu-prof" …          node flags for the first tree (AB_NODE_ARGS_2: the second…)
 */
import { resolve } from 'node:path';
import { startOracleSandbox } from '../src/vendors/oracle/sandbox.js';
import { startTorqSandbox } from '../src/vendors/torq/sandbox.js';
import {
  BENCH_QUERY,
  CACHES_OFF,
  type Contender,
  formatTurns,
  load,
  spawnDirect,
  takeTurns,
  vendorEnv,
} from './gateway.js';
import { spawnServer } from './lib.js';

const trees = process.argv.slice(2);
if (trees.length === 0) {
  console.error('usage: npx tsx bench/ab.ts <tree> [<tree>…]');
  process.exit(64);
}
const ROUNDS = Number(process.env.AB_ROUNDS ?? 10);
const BLOCK = Number(process.env.AB_BLOCK ?? 600);

const torq = await startTorqSandbox();
const oracle = await startOracleSandbox();
const contenders: Contender[] = [];
try {
  const direct = await spawnDirect(torq.url, oracle.url);
  contenders.push({ label: 'direct', proc: direct, target: { url: `${direct.url}/` } });
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
    });
  }
  // The bench's warm-up for every contender: 5 s at 1 connection, then 1 s at 32 (the direct
  // server's p50 reads about 0.8 ms slower before that burst: docs/performance.md).
  for (const c of contenders) {
    await load(c.target, 1, 5);
    await load(c.target, 32, 1);
  }
  const turns = await takeTurns(contenders, { rounds: ROUNDS, block: BLOCK, warmup: 300 });
  console.log(
    `A/B: ${ROUNDS} rounds of ${BLOCK} sequential requests per contender (1 connection, caches off)`,
  );
  for (const t of turns) console.log(formatTurns(t, turns[0]!));
} finally {
  for (const c of contenders) await c.proc.stop();
  await torq.close();
  await oracle.close();
}
