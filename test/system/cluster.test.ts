/**
 * Several replicas on shared state: real gateway processes on their own ports, one
 * ROMA emulator, the same Redis and PostgreSQL (each test its own REDIS_KEY_PREFIX and
 * DATABASE_SCHEMA, dropped after). Proves: one vendor download for 20 concurrent asks over three
 * replicas, the same bytes everywhere, a lock holder killed mid-download never leaves a truncated
 * archive (the others answer a clear code), the vault survives restarts, and no Redis means no
 * once-only download rather than a risk of two.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ROMA_SANDBOX,
  type RomaSandbox,
  SEED_ARCHIVE,
  startRomaSandbox,
} from '../../src/vendors/roma/sandbox.js';
import { ARCHIVE, data } from '../fixtures/archive-query.js';
import {
  accepts,
  alive,
  type ChildGateway,
  type GqlResult,
  startChildGateway,
} from '../fixtures/child-gateway.js';
import {
  dropRedisPrefix,
  dropSchema,
  sql,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniquePrefix,
  uniqueSchema,
} from '../fixtures/shared-state.js';
import { codes, startGateway } from '../helpers.js';
import { cleanupAfterEach, sha256 } from '../fixtures/cleanup.js';

const cleanup = cleanupAfterEach();

interface Shared {
  sandbox: RomaSandbox;
  env: Record<string, string>;
  schema: string;
}

async function shared(tag: string, extra: Record<string, string> = {}): Promise<Shared> {
  const sandbox = await startRomaSandbox();
  cleanup.push(() => sandbox.close());
  const schema = uniqueSchema(tag);
  const prefix = uniquePrefix(tag);
  cleanup.push(
    () => dropSchema(schema),
    () => dropRedisPrefix(prefix),
  );
  return {
    sandbox,
    schema,
    env: {
      ROMA_BASE_URL: sandbox.url,
      ROMA_AUTH_TOKEN: ROMA_SANDBOX.token,
      ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
      ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
      SANDBOX: 'off',
      UPSTREAM_RETRIES: '0',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      ...extra,
    },
  };
}

/** Replicas started together (their migrations race, as in a rollout). */
async function replicas(n: number, env: Record<string, string>): Promise<ChildGateway[]> {
  const all = await Promise.all(Array.from({ length: n }, () => startChildGateway(env)));
  for (const r of all) cleanup.push(() => r.stop());
  return all;
}

describe('replicas sharing Redis and PostgreSQL', () => {
  it('20 concurrent asks over 3 replicas: one ROMA download, the same bytes from every replica, kept across restarts', async () => {
    const { sandbox, env } = await shared('once');
    const body = randomBytes(400 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/zip');
    const gws = await replicas(3, env);

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gws[i % 3]!.query(ARCHIVE, { archiveId })),
    );
    for (const a of answers) expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
    expect(new Set(answers.map((a) => data(a)?.assetArchive?.sha256))).toEqual(new Set([sha256(body)]));
    for (const gw of gws) {
      const mine = answers.find((a) => data(a)?.assetArchive?.download.url.startsWith(gw.url));
      const file = await fetch(data(mine!)!.assetArchive!.download.url);
      expect(file.status).toBe(200);
      expect(sha256(Buffer.from(await file.arrayBuffer()))).toBe(sha256(body));
    }

    // Every replica restarted: the archive is still served, from PostgreSQL, never from ROMA again.
    await Promise.all(gws.map((g) => g.stop()));
    const [fresh] = await replicas(1, env);
    const after = await fresh!.query(ARCHIVE, { archiveId });
    expect(after.errors).toBeUndefined();
    expect(data(after)?.assetArchive?.sha256).toBe(sha256(body));
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
  });

  it('kill -9 of the lock holder mid-download: the others answer a clear code, nothing truncated is kept or served', async () => {
    const { sandbox, env, schema } = await shared('kill', { ROMA_LOCK_TTL: '1s' });
    const body = randomBytes(2 * 1024 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/zip');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 16 * 1024 }); // ~13 s for the whole body
    const gws = await replicas(3, env);
    const [holder, ...others] = gws as [ChildGateway, ChildGateway, ChildGateway];

    const first = holder.query(ARCHIVE, { archiveId }).catch((err: unknown) => err);
    // The holder is receiving the body (its take is recorded, with its pid) when it dies.
    await expect
      .poll(
        async () =>
          (await sql<{ state: string; pid: number }>(`SELECT state, pid FROM "${schema}".vault_takes`))[0],
        { timeout: 20_000, interval: 50 },
      )
      .toEqual({ state: 'receiving', pid: holder.child.pid });
    holder.child.kill('SIGKILL');
    await holder.exited;
    await first;

    const answers = await Promise.all(others.map((g) => g.query(ARCHIVE, { archiveId })));
    for (const a of answers) {
      // ROMA gave its one download to the dead replica: a clear code, never a partial archive.
      expect(codes(a), JSON.stringify(a.errors)).toEqual(['ARCHIVE_ALREADY_CONSUMED']);
      expect(data(a)?.assetArchive ?? null).toBeNull();
    }
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
    expect(await sql(`SELECT key FROM "${schema}".vault_archives`)).toEqual([]);
    expect(await sql(`SELECT key FROM "${schema}".vault_chunks`)).toEqual([]);
  });

  it('Redis unreachable: the once-only download is refused with LOCK_UNAVAILABLE and ROMA is not asked', async () => {
    const { sandbox, env } = await shared('noredis', { REDIS_URL: 'redis://127.0.0.1:1' });
    const archiveId = sandbox.addArchive(randomBytes(1024), 'application/zip');
    await using gw = await startGateway(env);
    const res = await gw.query(ARCHIVE, { archiveId });
    expect(codes(res)).toEqual(['VAULT_UNAVAILABLE']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ reason: 'LOCK_UNAVAILABLE' });
    expect(sandbox.calls('downloadArchive')).toHaveLength(0);
  });
});

describe('PostgreSQL unreachable', () => {
  it('ROMA archives answer VAULT_UNAVAILABLE before ROMA is asked, /readyz is 503, the rest of the API answers', async () => {
    const { sandbox, env } = await shared('nopg', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' });
    const archiveId = sandbox.addArchive(randomBytes(1024), 'application/zip');
    await using gw = await startGateway({ ...env, SANDBOX: 'auto' });
    const res = await gw.query(ARCHIVE, { archiveId });
    expect(codes(res)).toEqual(['VAULT_UNAVAILABLE']);
    expect(sandbox.calls('downloadArchive')).toHaveLength(0);
    const ready = await fetch(`${gw.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(JSON.stringify(await ready.json())).toContain('the vault database cannot be reached');
    const torq = await gw.query('{ vendors { vendor mode } }');
    expect(torq.errors).toBeUndefined();
  });
});

describe('npm run cluster', () => {
  it('npm run cluster: replicas behind a round-robin balancer, links it signs download through it, SIGTERM to npm stops every replica and frees its port', async () => {
    const schema = uniqueSchema('script');
    const prefix = uniquePrefix('script');
    cleanup.push(
      () => dropSchema(schema),
      () => dropRedisPrefix(prefix),
    );
    const repo = fileURLToPath(new URL('../..', import.meta.url));
    const child = spawn('npm', ['run', '--silent', 'cluster', '--', '--replicas', '2', '--port', '0'], {
      cwd: repo,
      env: {
        ...process.env,
        DATABASE_SCHEMA: schema,
        REDIS_KEY_PREFIX: prefix,
        LOG_LEVEL: 'warn',
        SHUTDOWN_TIMEOUT_MS: '3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    cleanup.push(async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ctrl+C')) resolve();
      });
      void exited.then(() => reject(new Error(`cluster exited:\n${out}`)));
    });
    const lb = /load balancer: (http:\/\/\S+)\/graphql/.exec(out)?.[1] ?? '';
    const replicas = [...out.matchAll(/replica \d+: +http:\/\/127\.0\.0\.1:(\d+)\/graphql +\(pid (\d+)\)/g)];
    const ports = replicas.map((m) => Number(m[1]));
    const pids = replicas.map((m) => Number(m[2]));
    expect(pids).toHaveLength(2);
    // A failing run leaves no replica behind for the rest of the suite.
    cleanup.push(() => {
      for (const pid of pids.filter(alive)) process.kill(pid, 'SIGKILL');
    });
    const ask = async () => {
      const res = await fetch(`${lb}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ARCHIVE, variables: { archiveId: SEED_ARCHIVE } }),
      });
      return (await res.json()) as GqlResult;
    };
    const answers = await Promise.all([ask(), ask(), ask(), ask()]);
    for (const a of answers) expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
    expect(new Set(answers.map((a) => data(a)?.assetArchive?.sha256)).size).toBe(1);
    const url = data(answers[0]!)!.assetArchive!.download.url;
    expect(url.startsWith(lb)).toBe(true);
    const file = await fetch(url);
    expect(file.status).toBe(200);
    expect(sha256(Buffer.from(await file.arrayBuffer()))).toBe(data(answers[0]!)!.assetArchive!.sha256);

    // SIGTERM to npm (as Ctrl+C or a supervisor sends it) reaches the cluster, which stops every
    // replica within its shutdown timeout; their ports are free again.
    child.kill('SIGTERM');
    await exited;
    await expect
      .poll(() => pids.filter(alive), {
        timeout: 8_000,
        message: `replicas still running; the cluster printed:\n${out}`,
      })
      .toEqual([]);
    for (const port of ports) expect(await accepts(port)).toBe(false);
  });
});
