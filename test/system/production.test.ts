/**
 * The production path, as an operator runs it: the Dockerfile's steps (build stage, then a runtime
 * stage with `npm ci --omit=dev` only), `node dist/main.js` with NODE_ENV=production, one LIVE
 * vendor (pointed at an emulator this test starts), a query, the HEALTHCHECK, `--help`, SIGTERM.
 * And in-process: production never serves emulated data.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadSettings } from '../../src/settings/load.js';
import { SPEC } from '../../src/settings/spec.js';
import { exampleQueries } from '../../src/graphql/example.js';
import {
  closeSandboxes,
  type StartedSandboxes,
  startSandboxes,
  vendorModules,
} from '../../src/vendors/index.js';

const { crossVendor: EXAMPLE_QUERY } = await exampleQueries(vendorModules());
import { TORQ_SANDBOX } from '../../src/vendors/torq/sandbox.js';
import { googleFixtures } from '../../src/vendors/google/fixtures.js';
import { linkNodeModules, parseDockerfile, runDockerfile, type Stage } from '../dockerfile.js';
import { processBasics } from '../fixtures/child-gateway.js';
import { startGateway } from '../helpers.js';

const exec = promisify(execFile);
const repo = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'production-test-signing-secret-0123456789abcdef';
const API_KEY = 'vg_production_test_key';
const API_KEYS = `ops:${createHash('sha256').update(API_KEY).digest('hex')}:torq:read,google:read`;

/** A child `node dist/main.js`, its output so far, and the URL it printed. */
interface Gateway {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
  url: Promise<string>;
}

function start(cwd: string, cmd: string[], env: Record<string, string>): Gateway {
  const [bin, ...args] = cmd;
  // `node` in the image is the node on PATH here: the one running this test.
  const child = spawn(bin === 'node' ? process.execPath : (bin as string), args, { cwd, env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    };
    child.stdout.on('data', check);
    void exited.then((code) => reject(new Error(`exited with ${code} before listening:\n${out}`)));
  });
  url.catch(() => undefined);
  return { child, out: () => out, exited, url };
}

async function gql(url: string, query: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      data?: Record<string, unknown> | null;
      errors?: { path?: string[]; extensions?: { code?: string } }[];
    },
  };
}

describe('the container image, built and run without Docker', () => {
  let workspace: string;
  let image: Stage;
  let app: string;
  let sandboxes: StartedSandboxes;
  const running: ChildProcess[] = [];

  /** The image's ENV, with absolute paths placed inside the stage's root. */
  const imageEnv = () =>
    Object.fromEntries(
      Object.entries(image.env).map(([k, v]) => [k, v.startsWith('/') ? join(image.root, v) : v]),
    );
  const baseEnv = () => ({ ...processBasics(), HOME: workspace, HOST: '127.0.0.1', PORT: '0' });

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'vg-image-'));
    const dockerfile = parseDockerfile(await readFile(join(repo, 'Dockerfile'), 'utf8'));
    const stages = await runDockerfile(dockerfile, {
      context: repo,
      workspace,
      // The image's `--mount=type=cache,target=/root/.npm`: installs read the machine's npm cache
      // first instead of asking the registry about every package again.
      baseEnv: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? workspace,
        npm_config_prefer_offline: 'true',
      },
      imageOnly: {
        // Prepares the volume's mount point, owned by the `node` user: outside the app.
        'mkdir -p /data/vault && chown -R node:node /data': async (s) => {
          await mkdir(join(s.root, 'data', 'vault'), { recursive: true });
        },
      },
      // The build stage's full `npm ci` is the one `.ci/run` (and a developer) already ran on this
      // same package-lock.json: reuse it rather than spend ~45 s installing the same tree again
      // (IMAGE_TEST_FULL=1 runs it too). The runtime stage's `npm ci --omit=dev` always runs for
      // real: it is the point of the test.
      substitute: async (s, command) => {
        if (process.env.IMAGE_TEST_FULL === '1') return false;
        if (s.name !== 'build' || command !== 'npm ci --no-audit --no-fund') return false;
        await linkNodeModules(s, repo);
        return true;
      },
    });
    image = stages.at(-1) as Stage;
    app = join(image.root, image.workdir);
    sandboxes = await startSandboxes(['torq']);
  }, 300_000);

  afterAll(async () => {
    for (const c of running) if (c.exitCode === null) c.kill('SIGKILL');
    if (sandboxes) await closeSandboxes(sandboxes);
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('is a multi-stage, non-root, production image that runs node itself', async () => {
    const text = await readFile(join(repo, 'Dockerfile'), 'utf8');
    expect(text.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(image.env.NODE_ENV).toBe('production');
    expect(image.user).toBeDefined();
    expect(['root', '0']).not.toContain(image.user);
    expect(image.cmd).toEqual(['node', 'dist/main.js']);
    expect(image.healthcheck?.join(' ')).toContain('/healthz');
    expect(image.ran).toContain('npm ci --omit=dev --no-audit --no-fund');
  });

  it('holds production dependencies only, and dist imports nothing else', async () => {
    const installed = await readdir(join(app, 'node_modules'));
    for (const dev of ['tsx', 'vitest', 'typescript', 'playwright-core', '@graphql-codegen', 'eslint'])
      expect(installed).not.toContain(dev);
    const pkg = JSON.parse(await readFile(join(app, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const files = (await readdir(join(app, 'dist'), { recursive: true })).filter((f) => f.endsWith('.js'));
    expect(files).toContain('main.js');
    const imported = new Set<string>();
    for (const f of files) {
      const code = await readFile(join(app, 'dist', f), 'utf8');
      const specs = [
        ...code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/^import\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
      ];
      for (const m of specs) {
        if ((m[1] as string).startsWith('.')) continue;
        const spec = m[1] as string;
        if (spec.startsWith('node:') || builtinModules.includes(spec)) continue;
        imported.add(
          spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string),
        );
      }
    }
    expect([...imported].filter((p) => !(p in pkg.dependencies))).toEqual([]);
  });

  it('prints every setting with --help instead of starting', async () => {
    const { stdout } = await exec(process.execPath, ['dist/main.js', '--help'], {
      cwd: app,
      env: { ...baseEnv(), ...imageEnv() },
    });
    expect(stdout).toContain('SIGNING_SECRET');
    expect(stdout).toContain('SANDBOX  [default: auto]');
    expect(stdout).toContain('UPSTREAM_RETRIES');
    expect(stdout).not.toContain('listening');
  });

  it(
    'makes API keys and checks settings with the image alone (--hash-key, --check)',
    { timeout: 120_000 },
    async () => {
      const env = { ...baseEnv(), ...imageEnv() };
      const key = await exec(process.execPath, ['dist/main.js', '--hash-key', 'my-key'], { cwd: app, env });
      const entry = /API_KEYS entry: (\S+)/.exec(key.stdout)?.[1] ?? '';
      expect(loadSettings({ AUTH_MODE: 'api-key', API_KEYS: entry }).auth.apiKeys).toHaveLength(1);
      const check = await exec(process.execPath, ['dist/main.js', '--check'], {
        cwd: app,
        env: {
          ...env,
          SIGNING_SECRET: SECRET,
          TORQ_BASE_URL: 'https://api.torq.io/public',
          TORQ_TOKEN: 'tok-1234567',
          AUTH_MODE: 'api-key',
          API_KEYS,
        },
      });
      expect(check.stdout).toContain('SIGNING_SECRET=********');
      expect(check.stdout).toContain('torq: LIVE');
      expect(check.stdout).not.toContain('tok-1234567');
      expect(check.stdout).not.toContain('listening');
      await expect(
        exec(process.execPath, ['dist/main.js', '--check'], {
          cwd: app,
          env: { ...env, SIGNING_SECRET: SECRET, REDIS_ULR: 'x' },
        }),
      ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('did you mean REDIS_URL?') });
    },
  );

  it('refuses to start in production without SIGNING_SECRET', async () => {
    const gw = start(app, image.cmd as string[], { ...baseEnv(), ...imageEnv() });
    running.push(gw.child);
    expect(await gw.exited).toBe(1);
    expect(gw.out()).toContain('SIGNING_SECRET must be set when NODE_ENV=production');
    expect(gw.out()).not.toContain('listening');
  });

  it('loads .env from the working directory, the environment winning', async () => {
    await writeFile(join(app, '.env'), `SIGNING_SECRET=${SECRET}\nPORT=1\n`);
    try {
      const gw = start(app, image.cmd as string[], { ...baseEnv(), ...imageEnv(), LOG_LEVEL: 'warn' });
      running.push(gw.child);
      const url = await gw.url; // PORT=0 from the environment beats PORT=1 from the file
      expect(new URL(url).port).not.toBe('1');
      gw.child.kill('SIGTERM');
      expect(await gw.exited).toBe(0);
    } finally {
      await rm(join(app, '.env'));
    }
  });

  it('serves a LIVE vendor, answers VENDOR_NOT_CONFIGURED for the others, passes its HEALTHCHECK, stops on SIGTERM', async () => {
    const torq = sandboxes.torq?.server;
    const gw = start(app, image.cmd as string[], {
      ...baseEnv(),
      ...imageEnv(),
      SIGNING_SECRET: SECRET,
      AUTH_MODE: 'api-key',
      API_KEYS,
      TORQ_BASE_URL: torq?.url ?? '',
      TORQ_TOKEN: TORQ_SANDBOX.token,
      LOG_LEVEL: 'warn',
    });
    running.push(gw.child);
    const url = await gw.url;

    const q = `{ vendors { vendor mode }
      integrations(first: 2) { edges { node { name } } }
      integrationVersion(name: "${googleFixtures()[0]?.name}") { state } }`;
    expect((await gql(url, q)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const { body } = await gql(url, q, { authorization: `Bearer ${API_KEY}` });
    expect(body.data?.vendors).toEqual([
      { vendor: 'TORQ', mode: 'LIVE' },
      { vendor: 'GOOGLE_APPLICATION_INTEGRATION', mode: 'NOT_CONFIGURED' },
      { vendor: 'ORACLE_CLOUD_MARKETPLACE', mode: 'NOT_CONFIGURED' },
      { vendor: 'AKANA_API_PLATFORM', mode: 'NOT_CONFIGURED' },
      { vendor: 'HUAWEI_ROMA_CONNECT', mode: 'NOT_CONFIGURED' },
    ]);
    const edges = (body.data?.integrations as { edges: unknown[] } | undefined)?.edges;
    expect(edges).toHaveLength(2);
    expect(torq?.calls('listIntegrations').length).toBeGreaterThan(0);
    expect(body.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([
      ['integrationVersion', 'VENDOR_NOT_CONFIGURED'],
    ]);
    expect(gw.out()).not.toContain('SANDBOX MODE');

    // The image's HEALTHCHECK, run as Docker would (exit status 0 = healthy).
    const [bin, ...args] = image.healthcheck as string[];
    const port = new URL(url).port;
    await expect(
      exec(bin === 'node' ? process.execPath : (bin as string), args, { env: { ...baseEnv(), PORT: port } }),
    ).resolves.toBeDefined();

    gw.child.kill('SIGTERM');
    expect(await gw.exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await expect(
      exec(bin === 'node' ? process.execPath : (bin as string), args, { env: { ...baseEnv(), PORT: port } }),
    ).rejects.toThrow();
  });

  it(
    'outside production, the compiled build starts the sandbox (emulators run on production dependencies)',
    { timeout: 120_000 },
    async () => {
      const { NODE_ENV: _, ...devEnv } = imageEnv();
      const gw = start(app, image.cmd as string[], { ...baseEnv(), ...devEnv, LOG_LEVEL: 'warn' });
      running.push(gw.child);
      const url = await gw.url;
      const { body } = await gql(url, EXAMPLE_QUERY);
      expect(body.errors).toBeUndefined();
      const akana = body.data?.appVersionExport as { download: { url: string } };
      const zip = Buffer.from(await (await fetch(akana.download.url)).arrayBuffer());
      expect(zip.subarray(0, 2).toString()).toBe('PK'); // made by yazl in the Akana emulator
      gw.child.kill('SIGTERM');
      expect(await gw.exited).toBe(0);
    },
  );
});

describe('NODE_ENV=production in process', () => {
  it('starts no emulator; a vendor without settings answers VENDOR_NOT_CONFIGURED', async () => {
    const torq = await startSandboxes(['torq']);
    try {
      await using gw = await startGateway({
        NODE_ENV: 'production',
        TORQ_BASE_URL: torq.torq?.server.url,
        TORQ_TOKEN: TORQ_SANDBOX.token,
      });
      expect(gw.sandboxes).toEqual({});
      const r = await gw.query<
        { vendors: { vendor: string; mode: string }[] },
        Record<string, never>
      >(`{ vendors { vendor mode }
        packageVersion(listingVersionId: "2133526", packageVersionId: "3084832") { name }
        integrations(first: 1) { edges { node { name } } } }`);
      expect(r.data?.vendors).toContainEqual({ vendor: 'ORACLE_CLOUD_MARKETPLACE', mode: 'NOT_CONFIGURED' });
      expect(r.data?.vendors).toContainEqual({ vendor: 'TORQ', mode: 'LIVE' });
      expect(r.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([
        ['packageVersion', 'VENDOR_NOT_CONFIGURED'],
      ]);
    } finally {
      await closeSandboxes(torq);
    }
  });

  it('starts the emulators in production only with SANDBOX=on', async () => {
    await using gw = await startGateway({ NODE_ENV: 'production', SANDBOX: 'on' });
    expect(Object.keys(gw.sandboxes).sort()).toEqual(['akana', 'google', 'oracle', 'roma', 'torq']);
    const r = await gw.query<{ vendors: { mode: string }[] }, Record<string, never>>('{ vendors { mode } }');
    expect(r.data?.vendors).toEqual(Array(5).fill({ mode: 'SANDBOX' }));
  });
});

describe('docker-compose.yml', () => {
  it('names only real settings, and they load once the secrets from gateway.env are added', async () => {
    const compose = parseYaml(await readFile(join(repo, 'docker-compose.yml'), 'utf8')) as {
      services: {
        gateway: {
          build: string;
          environment: Record<string, string>;
          volumes: string[];
          env_file: { path: string; required: boolean }[];
          restart: string;
        };
      };
    };
    const gw = compose.services.gateway;
    expect(gw.build).toBe('.');
    expect(Object.keys(gw.environment).filter((k) => !(k in SPEC))).toEqual([]);
    expect(gw.environment.NODE_ENV).toBe('production');
    // A missing gateway.env stops `docker compose up` with a message, and a bad one does not loop.
    expect(gw.env_file).toEqual([{ path: 'gateway.env', required: true }]);
    expect(gw.restart).toMatch(/^on-failure:\d+$/);
    // gateway.env.example, beside it, names only real settings; filled in, they load.
    const example = Object.fromEntries(
      (await readFile(join(repo, 'gateway.env.example'), 'utf8'))
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(Object.keys(example).sort()).toEqual(['API_KEYS', 'SIGNING_SECRET', 'TORQ_TOKEN']);
    const filled = { SIGNING_SECRET: SECRET, TORQ_TOKEN: 'from-gateway-env', API_KEYS };
    expect(Object.keys(example).every((k) => k in filled)).toBe(true);
    const s = loadSettings({ ...gw.environment, ...filled });
    expect(s.sandbox).toBe('off');
    expect(gw.volumes.some((v) => v.endsWith(`:${s.vault.dir.replace(/\/vault$/, '')}`))).toBe(true);
  });
});

describe('README, docs/api.md and GraphiQL examples', () => {
  it('run against the sandbox as pasted, touching all five vendors', async () => {
    const firstQuery = async (file: string) =>
      /```graphql\n(\{[\s\S]*?)```/.exec(await readFile(join(repo, file), 'utf8'))?.[1] ?? '';
    const queries = [await firstQuery('README.md'), await firstQuery('docs/api.md')];
    for (const q of queries) expect(q).not.toContain('…');
    await using gw = await startGateway();
    for (const q of [...queries, EXAMPLE_QUERY]) {
      const r = await gw.query<Record<string, unknown>, Record<string, never>>(q);
      expect(r.errors).toBeUndefined();
      for (const field of [
        'integrations',
        'integrationVersion',
        'packageVersion',
        'appVersionExport',
        'assetArchive',
      ])
        expect(r.data?.[field], field).toBeTruthy();
    }
    expect(EXAMPLE_QUERY).toContain('Ctrl+click');
  });
});
