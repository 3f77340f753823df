/**
 * Memory at rest: `node dist/main.js` with NODE_ENV=production and all five vendors LIVE (pointed
 * at emulators in this process, so no emulator lives in the gateway's memory), idle after start;
 * and what each optional part would add, each loaded alone into a bare `node`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { closeSandboxes, startSandboxes, vendorModules } from '../src/vendors/index.js';
import { listeningUrl } from './lib.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) * 1024;
}

const mb = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MB`;

/** Idle RSS of the production process with every vendor LIVE, after `settleMs`. */
export async function idleProductionRss(settleMs = 3000): Promise<number> {
  const sandboxes = await startSandboxes(vendorModules().map((m) => m.key));
  try {
    const live = Object.assign({}, ...Object.values(sandboxes).map((s) => s?.env)) as Record<string, string>;
    const apiKey = 'vg_bench_idle_key';
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: repo,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        SIGNING_SECRET: 'bench-idle-signing-secret-0123456789abcdef-0123',
        AUTH_MODE: 'api-key',
        API_KEYS: `bench:${createHash('sha256').update(apiKey).digest('hex')}:torq:read`,
        VAULT_DIR: `${repo}/.tmp/idle-vault`,
        ...live,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let said = '';
      child.stderr?.on('data', (d: Buffer) => (said += d.toString()));
      await listeningUrl(child, 60_000).catch((err: Error) => {
        throw new Error(`${err.message}\n${said}`);
      });
      await sleep(settleMs); // start-up garbage settles; no request is made
      return rssOf(child.pid as number);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
  } finally {
    await closeSandboxes(sandboxes);
  }
}

/** What importing `specifiers` adds to a bare node's RSS (after a GC), in bytes. */
function importCost(specifiers: string[]): number {
  const imports = specifiers.map((s) => `await import(${JSON.stringify(s)});`).join(' ');
  const script = `
    const rss = () => { globalThis.gc(); return process.memoryUsage().rss; };
    const before = rss();
    ${imports}
    console.log(rss() - before);`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], {
    cwd: repo,
    encoding: 'utf8',
  });
  return Number(out.trim());
}

/** The optional parts (and when they load), each imported alone into a bare node. */
const OPTIONAL: [string, string[]][] = [
  ['GraphiQL renderer (served: off in production)', ['@graphql-yoga/render-graphiql']],
  [
    'OpenTelemetry (OTEL_EXPORTER_OTLP_ENDPOINT)',
    ['@opentelemetry/sdk-trace-node', '@opentelemetry/exporter-trace-otlp-http'],
  ],
  ['PostgreSQL (DATABASE_URL)', ['pg']],
  ['Redis (REDIS_URL)', ['ioredis']],
  ['graphql-jit (always loaded)', ['@envelop/graphql-jit']],
  ['federation (always loaded)', ['@apollo/subgraph']],
];

export async function benchIdle(): Promise<void> {
  execFileSync('npm', ['run', 'build'], { cwd: repo, stdio: 'ignore' });
  console.log('\nIdle: node dist/main.js, NODE_ENV=production, five vendors LIVE, no request made');
  console.log(`idle RSS ${mb(await idleProductionRss())}`);
  console.log('what each optional part adds to a bare node when imported alone:');
  for (const [label, modules] of OPTIONAL) {
    console.log(`  ${label.padEnd(46)} ${mb(importCost(modules))}`);
  }
}
