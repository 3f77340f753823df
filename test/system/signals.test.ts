/**
 * The process as an operator meets it, in real child processes: `npm start` stops on SIGTERM and
 * frees its port (`npm run cluster` likewise: cluster.test.ts), a taken port is one line before
 * anything starts, the start banner is one JSON line, the last log line says the process stopped,
 * and `--check` validates the settings without starting.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { accepts, alive, gatewayArgs, processBasics } from '../fixtures/child-gateway.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** The environment of a start on loopback, without the test runner's own LOG_* or PORT. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...processBasics(),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

function run(cmd: string, args: string[], extra: Record<string, string>) {
  const child = spawn(cmd, args, { cwd: repo, env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const waitFor = (pattern: RegExp, ms = 60_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${pattern} within ${ms} ms:\n${stdout}\n${stderr}`)),
        ms,
      );
      const check = () => {
        const m = pattern.exec(stdout);
        if (m) {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          resolve(m);
        }
      };
      child.stdout?.on('data', check);
      check();
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`exited before ${pattern}:\n${stdout}\n${stderr}`));
      });
    });
  return { child, exited, waitFor, out: () => stdout, err: () => stderr };
}

describe('npm start', () => {
  it(
    'prints one JSON start banner, serves the sandbox; SIGTERM to npm reaches the gateway, which frees its port and logs its last line',
    { timeout: 90_000 },
    async () => {
      const shutdownMs = 3000;
      const p = run('npm', ['start', '--silent'], { SHUTDOWN_TIMEOUT_MS: String(shutdownMs) });
      const [line] = await p.waitFor(/^\{.*"msg":"listening on .*\}$/m);
      const banner = JSON.parse(line) as Record<string, unknown>;
      expect(banner).toMatchObject({
        level: 'info',
        version: expect.any(String),
        pid: expect.any(Number),
        host: expect.any(String),
        address: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
        graphql: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/),
      });
      const pid = banner.pid as number;
      const port = Number(new URL(banner.url as string).port);
      expect(pid).not.toBe(p.child.pid); // the gateway runs under npm, not as npm
      expect(await accepts(port)).toBe(true);
      // No credentials: the sandbox serves every vendor, and says so.
      expect(p.err()).toContain('SANDBOX MODE');
      const res = await fetch(banner.graphql as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ integrations(first: 5) { edges { node { id name webhookUrl } } } }',
        }),
      });
      const body = (await res.json()) as { data: { integrations: { edges: unknown[] } } };
      expect(body.data.integrations.edges).toHaveLength(5);

      const sent = Date.now();
      p.child.kill('SIGTERM');
      await p.exited;
      // npm may exit first; the gateway follows within its shutdown timeout.
      while (alive(pid) && Date.now() - sent < shutdownMs + 5000)
        await new Promise((r) => setTimeout(r, 100));
      expect(alive(pid)).toBe(false);
      expect(await accepts(port)).toBe(false);
      const last = p.err().trim().split('\n').at(-1) ?? '';
      expect(JSON.parse(last)).toMatchObject({ msg: 'stopped', signal: 'SIGTERM', code: 0 });
    },
  );

  it('says in one line that the port is taken, before starting anything', { timeout: 60_000 }, async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    try {
      const port = (taken.address() as AddressInfo).port;
      const p = run(process.execPath, await gatewayArgs(), { PORT: String(port) });
      const [code] = await p.exited;
      expect(code).toBe(1);
      expect(p.err().trim().split('\n')).toEqual([
        `vendor-gateway cannot start: port ${port} on 127.0.0.1 is already in use (another gateway?). Stop that process or set PORT to a free port.`,
      ]);
      expect(p.out()).toBe('');
    } finally {
      taken.close();
    }
  });
});

describe('--check', () => {
  it(
    'prints the effective settings with secrets masked and the warnings, and exits 0 without listening',
    { timeout: 60_000 },
    async () => {
      const p = run(process.execPath, [...(await gatewayArgs()), '--check'], {
        TORQ_BASE_URL: 'https://api.torq.io/public',
        TORQ_TOKEN: 'torq-secret-value-123',
        ALLOW_ANONYMOUS: 'true',
        REDIS_ULR: 'redis://cache:6379',
      });
      const [code] = await p.exited;
      expect(code).toBe(0);
      const out = p.out();
      expect(out).toContain('TORQ_TOKEN=********');
      expect(out).not.toContain('torq-secret-value-123');
      expect(out).toContain('PORT=0');
      expect(out).toContain('LOG_LEVEL=info');
      expect(out).toContain('torq: LIVE');
      expect(out).toContain('REDIS_ULR is not a setting of this gateway: did you mean REDIS_URL?');
    },
  );

  it(
    'refuses a misspelt variable in production with exit 1, naming the intended one',
    { timeout: 60_000 },
    async () => {
      const p = run(process.execPath, [...(await gatewayArgs()), '--check'], {
        NODE_ENV: 'production',
        SIGNING_SECRET: 's'.repeat(40),
        REDIS_ULR: 'redis://cache:6379',
      });
      const [code] = await p.exited;
      expect(code).toBe(1);
      expect(p.err()).toContain('REDIS_ULR is not a setting of this gateway: did you mean REDIS_URL?');
      expect(p.err()).not.toContain('    at ');
    },
  );
});
