/**
 * Runtime case: `npm start` (tsx compiling TypeScript on the fly, behind npm) versus the compiled
 * `node dist/main.js` that the container runs. Both serve LIVE Torq pointed at an in-process
 * emulator (no sandboxes in the gateway's memory). Prints idle RSS of the whole process tree (npm,
 * tsx and node, or node alone), throughput of one Torq query, and RSS after the load.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startTorqSandbox, TORQ_SANDBOX } from '../src/vendors/torq/sandbox.js';
import { listeningUrl, load, row, SECONDS } from './lib.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** RSS in bytes of `pid` and all its descendants (Linux /proc). */
function treeRss(pid: number): number {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, pp] of parent)
      if (tree.has(pp) && !tree.has(p)) {
        tree.add(p);
        grew = true;
      }
  }
  let total = 0;
  for (const p of tree) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

export async function benchRuntime(): Promise<void> {
  execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
  const sandbox = await startTorqSandbox();
  const env = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    SANDBOX: 'off',
    ALLOW_ANONYMOUS: 'true',
    TORQ_BASE_URL: sandbox.url,
    TORQ_TOKEN: TORQ_SANDBOX.token,
    TORQ_MAX_RPS: '0',
  };
  const body = JSON.stringify({
    query: '{ integrations(first: 10) { edges { node { id name webhookUrl } } } }',
  });
  const variants: [string, string, string[]][] = [
    ['npm start (tsx)', 'npm', ['start', '--silent']],
    ['node dist/main.js', process.execPath, ['dist/main.js']],
  ];
  console.log(`\nRuntime: idle RSS of the process tree, then ${SECONDS}s of one Torq query, 10 connections`);
  try {
    for (const [label, bin, args] of variants) {
      const child = spawn(bin, args, {
        cwd: repo,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
        detached: true,
      });
      try {
        const url = await listeningUrl(child, 60_000);
        await sleep(3000); // let start-up garbage settle
        const idle = treeRss(child.pid as number);
        const r = await load({
          url: `${url}/graphql`,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const loaded = treeRss(child.pid as number);
        console.log(
          row(
            label,
            r,
            `   idle RSS ${(idle / 1024 ** 2).toFixed(0)} MB, after load ${(loaded / 1024 ** 2).toFixed(0)} MB`,
          ),
        );
      } finally {
        // The whole group: npm, its shell, tsx and node.
        process.kill(-(child.pid as number), 'SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    }
  } finally {
    await sandbox.close();
  }
}
