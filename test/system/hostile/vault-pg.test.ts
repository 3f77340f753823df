/**
 * Attacker's suite, the PostgreSQL vault (real gateway processes, the real PostgreSQL, the ROMA
 * emulator): a database connection cut mid-take (a TCP proxy in front of PostgreSQL), sessions
 * that PostgreSQL ends when idle in a transaction, and more concurrent first takes than the pool
 * holds, on one replica and on two sharing Redis and PostgreSQL. ROMA allows one download per archive: every case counts the vendor downloads, checks the
 * process stayed up, and that a later ask serves every archive ROMA handed out.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type RomaSandbox, startRomaSandbox } from '../../../src/vendors/roma/sandbox.js';
import { ARCHIVE, data } from '../../fixtures/archive-query.js';
import { type ChildGateway, type GqlResult, startChildGateway } from '../../fixtures/child-gateway.js';
import { romaEnv } from '../../fixtures/roma-env.js';
import {
  dropRedisPrefix,
  dropSchema,
  sql,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniquePrefix,
  uniqueSchema,
} from '../../fixtures/shared-state.js';
import { startTcpProxy, type TcpProxy, viaProxy } from '../../fixtures/tcp-proxy.js';
import { cleanupAfterEach, sha256 } from '../../fixtures/cleanup.js';

const cleanup = cleanupAfterEach();

interface Setup {
  sandbox: RomaSandbox;
  schema: string;
  env: Record<string, string>;
}

async function setup(tag: string): Promise<Setup> {
  const sandbox = await startRomaSandbox();
  cleanup.push(() => sandbox.close());
  const schema = uniqueSchema(tag);
  cleanup.push(() => dropSchema(schema));
  const dir = mkdtempSync(join(tmpdir(), `vg-hostile-pg-${tag}-`));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return {
    sandbox,
    schema,
    env: {
      ...romaEnv(sandbox),
      SANDBOX: 'off',
      REQUEST_TIMEOUT_MS: '120000',
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: schema,
      VAULT_DIR: dir,
    },
  };
}

async function child(env: Record<string, string>): Promise<ChildGateway> {
  const c = await startChildGateway(env);
  cleanup.push(() => c.stop());
  return c;
}

async function proxy(): Promise<TcpProxy> {
  const u = new URL(TEST_DATABASE_URL);
  const p = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
  cleanup.push(() => p.close());
  return p;
}

/** Asks for the archive again and downloads it: the bytes ROMA sent, from the vault. */
async function expectServed(gw: ChildGateway, archiveId: string, body: Buffer): Promise<void> {
  const again = await gw.query(ARCHIVE, { archiveId });
  expect(again.errors, JSON.stringify(again.errors)).toBeUndefined();
  expect(data(again)?.assetArchive?.sha256).toBe(sha256(body));
  const file = await fetch(data(again)!.assetArchive!.download.url);
  expect(file.status).toBe(200);
  expect(sha256(Buffer.from(await file.arrayBuffer()))).toBe(sha256(body));
}

describe('hostile: the PostgreSQL vault loses no once-only archive', () => {
  it('a database connection cut mid-take: the process lives, the archive is kept, ROMA asked once', async () => {
    const { sandbox, schema, env } = await setup('cut');
    const p = await proxy();
    const body = randomBytes(512 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/zip');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 16 * 1024 }); // ~3 s of body
    const gw = await child({ ...env, DATABASE_URL: viaProxy(TEST_DATABASE_URL, p) });

    const first = gw.query(ARCHIVE, { archiveId }).catch((err: unknown) => err);
    await expect
      .poll(async () => (await sql<{ state: string }>(`SELECT state FROM "${schema}".vault_takes`))[0], {
        timeout: 20_000,
        interval: 50,
      })
      .toEqual({ state: 'receiving' });
    await sleep(800); // well into the body
    expect(p.cut()).toBeGreaterThan(0);

    const answer = await first;
    expect(gw.alive(), gw.logs()).toBe(true);
    expect((answer as GqlResult).errors, JSON.stringify(answer)).toBeUndefined();
    expect(data(answer as GqlResult)?.assetArchive?.sha256).toBe(sha256(body));
    await expectServed(gw, archiveId, body);
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
    expect(gw.alive()).toBe(true);
  }, 90_000);

  it('PostgreSQL ends sessions idle in a transaction (1 s) during a slow take: nothing is lost', async () => {
    const { sandbox, schema, env } = await setup('idle');
    // A role of this test only, whose sessions PostgreSQL ends after 1 s idle in a transaction.
    const role = `${schema}_r`;
    await sql(`CREATE ROLE "${role}" LOGIN`);
    await sql(`ALTER ROLE "${role}" SET idle_in_transaction_session_timeout = '1s'`);
    await sql(`GRANT CREATE ON DATABASE "${new URL(TEST_DATABASE_URL).pathname.slice(1)}" TO "${role}"`);
    cleanup.push(async () => {
      await dropSchema(schema);
      await sql(`DROP OWNED BY "${role}"`);
      await sql(`DROP ROLE "${role}"`);
    });
    const url = new URL(TEST_DATABASE_URL);
    url.username = role;
    url.password = '';
    const body = randomBytes(256 * 1024);
    const archiveId = sandbox.addArchive(body, 'application/zip');
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 8 * 1024 }); // ~3 s, slower than 1 s idle
    const gw = await child({ ...env, DATABASE_URL: url.toString() });

    const answer = await gw.query(ARCHIVE, { archiveId }).catch((err: unknown) => err);
    expect(gw.alive(), gw.logs()).toBe(true);
    expect((answer as GqlResult).errors, JSON.stringify(answer)).toBeUndefined();
    await expectServed(gw, archiveId, body);
    expect(sandbox.calls('downloadArchive')).toHaveLength(1);
  }, 90_000);

  it('64 concurrent first takes of distinct archives (pool of 10): all kept, ROMA asked once each, connections bounded', async () => {
    const n = 64;
    const { sandbox, env } = await setup('pool');
    const p = await proxy();
    const bodies = new Map<string, Buffer>();
    for (let i = 0; i < n; i++) {
      const body = randomBytes(64 * 1024);
      bodies.set(sandbox.addArchive(body, 'application/zip'), body);
    }
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 1024 }); // ~6.5 s each, past the pool's wait (5 s)
    const gw = await child({
      ...env,
      DATABASE_URL: viaProxy(TEST_DATABASE_URL, p),
      // Every take streams at once: a take that held a pool connection across its stream would
      // starve the others past the pool's wait.
      UPSTREAM_MAX_STREAMS: String(n),
    });

    const answers = await Promise.all(
      [...bodies.keys()].map((archiveId) =>
        gw.query(ARCHIVE, { archiveId }).catch((err: unknown) => ({ errors: [{ message: String(err) }] })),
      ),
    );
    expect(gw.alive(), gw.logs()).toBe(true);
    for (const a of answers) expect(a.errors, JSON.stringify(a.errors)).toBeUndefined();
    const calls = sandbox.calls('downloadArchive');
    expect(calls).toHaveLength(n); // one download per archive, none repeated
    sandbox.clearFaults();
    for (const [archiveId, body] of bodies) await expectServed(gw, archiveId, body);
    expect(sandbox.calls('downloadArchive')).toHaveLength(n);
    // The pool (DATABASE_POOL_MAX, 10) and one connection for the once-only locks, never more.
    expect(p.maxOpen).toBeLessThanOrEqual(11);
  }, 180_000);
});

describe('hostile: two replicas on one Redis and PostgreSQL', () => {
  it('every archive asked from both replicas at once, a small pool, connections cut mid-take: ROMA asked once each, all kept', async () => {
    const { sandbox, env } = await setup('replicas');
    const prefix = uniquePrefix('replicas');
    cleanup.push(() => dropRedisPrefix(prefix));
    const p = await proxy();
    const bodies = new Map<string, Buffer>();
    for (let i = 0; i < 12; i++) {
      const body = randomBytes(96 * 1024);
      bodies.set(sandbox.addArchive(body, 'application/zip'), body);
    }
    sandbox.setFault('downloadArchive', { dripBytesPer100ms: 8 * 1024 }); // ~1.2 s each
    const replicaEnv = {
      ...env,
      DATABASE_URL: viaProxy(TEST_DATABASE_URL, p),
      DATABASE_POOL_MAX: '3', // 12 takes and 24 callers on 3 connections per replica
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
    };
    const a = await child(replicaEnv);
    const b = await child(replicaEnv);

    const asks = [...bodies.keys()].flatMap((archiveId) =>
      [a, b].map((gw) =>
        gw
          .query(ARCHIVE, { archiveId })
          .catch((err: unknown): GqlResult => ({ errors: [{ message: String(err) }] })),
      ),
    );
    await expect.poll(() => sandbox.calls('downloadArchive').length, { timeout: 30_000 }).toBeGreaterThan(0);
    await sleep(500);
    expect(p.cut()).toBeGreaterThan(0); // both replicas' connections, mid-take
    const answers = await Promise.all(asks);
    expect(a.alive(), a.logs()).toBe(true);
    expect(b.alive(), b.logs()).toBe(true);
    // A caller may be told to retry (its own read was cut), never that the archive is gone.
    for (const r of answers) {
      for (const e of r.errors ?? []) {
        expect(e.extensions ?? {}, JSON.stringify(e)).toMatchObject({
          code: 'VAULT_UNAVAILABLE',
          reason: 'STORAGE_ERROR',
        });
        expect(e.message).toMatch(/retry/i);
      }
    }
    sandbox.clearFaults();
    for (const [archiveId, body] of bodies) {
      await expectServed(a, archiveId, body);
      await expectServed(b, archiveId, body);
    }
    expect(sandbox.calls('downloadArchive')).toHaveLength(bodies.size); // once per archive, over both
    expect(p.maxOpen).toBeLessThanOrEqual(6); // 3 per replica; the lock is Redis's
  }, 180_000);
});
