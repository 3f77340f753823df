/**
 * `npm run cluster [-- --replicas N --port P]`: N gateway replicas (default 3) over the vendor
 * emulators, sharing Redis (REDIS_URL, default redis://127.0.0.1:6379) and PostgreSQL
 * (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test), behind a tiny round-robin load
 * balancer on loopback (default port 4000). For trying what several replicas share; not for
 * production (use your platform's load balancer there).
 *
 *   client ──► load balancer 127.0.0.1:4000 ──► replica 1 ─┐
 *                  (round robin)               ├► replica 2 ─┼─► Redis, PostgreSQL
 *                                              └► replica 3 ─┘    vendor emulators
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { closeSandboxes, liveEnvFor, startSandboxes } from '../src/vendors/index.js';

const { values } = parseArgs({
  options: {
    replicas: { type: 'string', default: process.env.REPLICAS ?? '3' },
    port: { type: 'string', default: process.env.CLUSTER_PORT ?? '4000' },
  },
});
const count = Number(values.replicas);
const lbPort = Number(values.port);
if (!Number.isInteger(count) || count < 1 || count > 16) throw new Error('--replicas must be 1..16');

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const sandboxes = await startSandboxes(['torq', 'google', 'oracle', 'akana', 'roma']);
const replicas: { child: ChildProcess; url: URL }[] = [];
let next = 0;

// Round robin, streaming both ways; a replica that refuses the connection is skipped.
const lb = createServer((req, res) => {
  if (replicas.length === 0) return void res.writeHead(503).end('replicas are starting');
  // Only a request without a body can be sent again to the next replica.
  const retriable = req.method === 'GET' || req.method === 'HEAD';
  const attempt = (tries: number) => {
    const target = replicas[next++ % replicas.length]!;
    const up = request(
      {
        host: target.url.hostname,
        port: target.url.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' },
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED' && retriable && tries > 1 && !res.headersSent) return attempt(tries - 1);
      if (!res.headersSent) res.writeHead(502).end('no replica answered');
      else res.destroy();
    });
    req.pipe(up);
  };
  attempt(replicas.length);
});
await new Promise<void>((r) => lb.listen(lbPort, '127.0.0.1', r));
const lbUrl = `http://127.0.0.1:${(lb.address() as AddressInfo).port}`;

const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  ...liveEnvFor(sandboxes),
  ALLOW_ANONYMOUS: 'true',
  HOST: '127.0.0.1',
  PORT: '0',
  // One secret for all: a link signed by one replica downloads from any (through the balancer).
  SIGNING_SECRET: process.env.SIGNING_SECRET ?? randomBytes(32).toString('hex'),
  PUBLIC_URL: process.env.PUBLIC_URL ?? lbUrl,
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
};

function startReplica(n: number): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env,
    // The IPC channel is how a replica learns this process is gone, however it ended: it then
    // shuts down as on SIGTERM (src/main.ts).
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-20_000)));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ child, url: new URL(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`replica ${n} exited (${code}):\n${err}`)));
  });
}

replicas.push(...(await Promise.all(Array.from({ length: count }, (_, i) => startReplica(i + 1)))));

process.stdout.write(
  `\nvendor-gateway cluster: ${count} replicas sharing Redis and PostgreSQL\n\n` +
    `  load balancer: ${lbUrl}/graphql\n` +
    replicas
      .map((r, i) => `  replica ${i + 1}:     ${r.url.origin}/graphql  (pid ${r.child.pid})\n`)
      .join('') +
    `\n  REDIS_URL=${env.REDIS_URL}\n  DATABASE_URL=${env.DATABASE_URL?.replace(/\/\/[^@/]*@/, '//…@')}\n\nCtrl+C stops everything.\n`,
);

// SIGTERM or Ctrl+C: each replica drains and exits (its own SHUTDOWN_TIMEOUT_MS), then the
// balancer and the emulators stop; the ports are free when this process exits.
const stop = () => {
  const exited = replicas.map((r) =>
    r.child.exitCode === null && r.child.signalCode === null
      ? new Promise((resolve) => r.child.once('exit', resolve))
      : Promise.resolve(),
  );
  for (const r of replicas) r.child.kill('SIGTERM');
  lb.close();
  lb.closeAllConnections();
  void Promise.all(exited)
    .then(() => closeSandboxes(sandboxes))
    .then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
