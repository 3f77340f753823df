/**
 * The PostgreSQL vault against the real server: archives streamed in chunks and back unchanged,
 * encrypted at rest, nothing committed by a broken or killed write (the take's mark says what
 * happened), fencing of a holder whose lock expired, retention, deletion, restarts, and
 * migrations run twice and by replicas starting together. Each test has its own schema.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../src/downloads/pg-migrations.js';
import { PgVault, type PgVaultOptions } from '../../src/downloads/pg-vault.js';
import { FencedError } from '../../src/downloads/vault.js';
import { silentLogger } from '../../src/observability/logger.js';
import { Secret } from '../../src/settings/load.js';
import { connectPostgres, type SharedPostgres } from '../../src/shared/postgres.js';
import { dropSchema, sharedPg, TEST_DATABASE_URL, uniqueSchema } from '../fixtures/shared-state.js';
import { startTcpProxy, type TcpProxy, viaProxy } from '../fixtures/tcp-proxy.js';
import { cleanupAfterEach, sha256 } from '../fixtures/cleanup.js';

const cleanup = cleanupAfterEach();

function schema(tag: string): string {
  const s = uniqueSchema(tag);
  cleanup.push(() => dropSchema(s));
  return s;
}
function pool(s: string): SharedPostgres {
  const p = sharedPg(s);
  cleanup.push(() => p.close());
  return p;
}
function vault(s: string, opts: Partial<PgVaultOptions> = {}): PgVault {
  return new PgVault({ pg: pool(s), retentionMs: 86_400_000, maxBytes: 1e12, ...opts });
}
/** A body streamed in small pieces, never one buffer. */
function streamOf(data: Buffer, piece = 10_000): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += piece) yield data.subarray(i, i + piece);
    })(),
  );
}
const input = { contentType: 'application/zip', fileName: 'a.zip' };

describe('PgVault', () => {
  it('streams an archive in 256 KiB rows and serves the same bytes, with its record', async () => {
    const s = schema('rt');
    const v = vault(s);
    const data = randomBytes(1_300_000);
    const meta = await v.putStream('roma/p/i/a1', streamOf(data), input, 7);
    expect(meta).toMatchObject({ size: data.length, sha256: sha256(data), encrypted: false });
    const entry = await v.get('roma/p/i/a1');
    expect(entry?.meta).toMatchObject({ size: data.length, sha256: sha256(data), fileName: 'a.zip' });
    expect(sha256(await buffer(entry!.open()))).toBe(sha256(data));
    const p = pool(s);
    const chunks = await p.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${s}".vault_chunks`);
    expect(Number(chunks.rows[0]?.n)).toBe(5); // ceil(1.3 MB / 256 KiB): never one row per archive
    const rec = await p.pool.query<{ taken_by: string; fence: string }>(
      `SELECT taken_by, fence FROM "${s}".vault_archives`,
    );
    expect(rec.rows[0]?.taken_by).toMatch(/:\d+$/);
    expect(rec.rows[0]?.fence).toBe('7');
    expect(await v.has('roma/p/i/other')).toBe(false);
  });

  it('encrypts at rest and refuses another key with KEY_MISMATCH', async () => {
    const s = schema('enc');
    const key = randomBytes(32);
    const data = Buffer.from('plain text archive '.repeat(30_000));
    await vault(s, { encryptionKey: key }).putStream('k', streamOf(data), input);
    const raw = await pool(s).pool.query<{ data: Buffer }>(
      `SELECT data FROM "${s}".vault_chunks ORDER BY seq`,
    );
    expect(Buffer.concat(raw.rows.map((r) => r.data)).includes('plain text archive')).toBe(false);
    const again = await vault(s, { encryptionKey: key }).get('k');
    expect(sha256(await buffer(again!.open()))).toBe(sha256(data));
    await expect(vault(s, { encryptionKey: randomBytes(32) }).get('k')).rejects.toMatchObject({
      extensions: expect.objectContaining({ code: 'VAULT_UNAVAILABLE', reason: 'KEY_MISMATCH' }),
    });
  });

  it('never serves an archive whose stored bytes changed: the stream fails before its last byte', async () => {
    const s = schema('tamper');
    const v = vault(s);
    const data = randomBytes(600_000);
    await v.putStream('k', streamOf(data), input);
    await pool(s).pool.query(`UPDATE "${s}".vault_chunks SET data = $1 WHERE seq = 1`, [
      randomBytes(262_144),
    ]);
    const got: Buffer[] = [];
    const body = (await v.get('k'))!.open();
    body.on('data', (c: Buffer) => got.push(c));
    await expect(
      new Promise((resolve, reject) => body.on('end', resolve).on('error', reject)),
    ).rejects.toThrow(/does not match/);
    expect(Buffer.concat(got).length).toBeLessThan(data.length);
  });

  it('commits nothing from a body that breaks mid-way', async () => {
    const s = schema('broken');
    const v = vault(s);
    const broken = new Readable({
      read() {
        this.push(randomBytes(300_000));
        this.destroy(new Error('vendor reset'));
      },
    });
    await expect(v.putStream('k', broken, input)).rejects.toThrow(/vendor reset/);
    expect(await v.get('k')).toBeUndefined();
    const n = await pool(s).pool.query(`SELECT 1 FROM "${s}".vault_chunks`);
    expect(n.rowCount).toBe(0);
  });

  it('a process killed mid-write leaves no archive and its take recorded (receiving)', async () => {
    const s = schema('kill');
    await vault(s).migrate();
    const writer = fileURLToPath(new URL('../fixtures/pg-vault-writer.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', writer, s], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('mid') && resolve());
      void exited.then(() => reject(new Error('writer exited early')));
    });
    child.kill('SIGKILL');
    await exited;
    const v = vault(s);
    expect(await v.get('roma/p/i/killed')).toBeUndefined();
    expect(await v.readMark('roma/p/i/killed')).toMatchObject({ state: 'receiving' });
    // PostgreSQL rolled the transaction back when the connection died.
    await expect
      .poll(async () => (await pool(s).pool.query(`SELECT 1 FROM "${s}".vault_chunks`)).rowCount, {
        timeout: 10_000,
      })
      .toBe(0);
  });

  it('refuses to commit for a lock holder fenced off by a later one, and keeps the later one', async () => {
    const s = schema('fence');
    const v = vault(s);
    await v.mark('k', 'taking', undefined, 5); // holder with fence 5 marked the key
    await expect(v.mark('k', 'receiving', undefined, 4)).rejects.toBeInstanceOf(FencedError);
    await expect(v.putStream('k', streamOf(randomBytes(1000)), input, 4)).rejects.toBeInstanceOf(FencedError);
    expect(await v.get('k')).toBeUndefined();
    expect(await v.readMark('k')).toMatchObject({ state: 'taking' }); // the stale holder changed nothing
    const data = randomBytes(1000);
    await v.putStream('k', streamOf(data), input, 6);
    expect(sha256(await buffer((await v.get('k'))!.open()))).toBe(sha256(data));
    expect(await v.readMark('k')).toBeUndefined(); // ended in the same commit
  });

  it('keeps archives across a restart (a new pool and vault on the same schema)', async () => {
    const s = schema('restart');
    const data = randomBytes(300_000);
    const first = sharedPg(s);
    await new PgVault({ pg: first, retentionMs: 86_400_000, maxBytes: 1e12 }).putStream(
      'k',
      streamOf(data),
      input,
    );
    await first.close();
    const entry = await vault(s).get('k');
    expect(sha256(await buffer(entry!.open()))).toBe(sha256(data));
  });

  it('sweeps archives and take records past retention, and deletes one on demand', async () => {
    const s = schema('sweep');
    let now = Date.now();
    const v = vault(s, { retentionMs: 60_000, now: () => now });
    await v.putStream('old', streamOf(randomBytes(1000)), input);
    await v.putStream('kept', streamOf(randomBytes(1000)), input);
    await v.mark('lost', 'lost', 'SHUTDOWN');
    now += 120_000;
    await v.putStream('kept', streamOf(randomBytes(1000)), input); // taken again later: fresh
    expect(await v.get('old')).toBeUndefined(); // past retention: not served even before the sweep
    expect(await v.sweep()).toBe(2); // 'old' and the 'lost' take record
    expect(await v.get('kept')).toBeDefined();
    expect(await v.delete('kept')).toBe(true);
    expect(await v.delete('kept')).toBe(false);
    expect(await v.get('kept')).toBeUndefined();
    const left = await pool(s).pool.query(`SELECT 1 FROM "${s}".vault_chunks`);
    expect(left.rowCount).toBe(0);
  });

  it('reports an unreachable database as not writable', async () => {
    const dead = connectPostgres(new Secret('postgres://postgres@127.0.0.1:1/test'), 'vg_none', silentLogger);
    cleanup.push(() => dead.close());
    const health = await new PgVault({ pg: dead, retentionMs: 1, maxBytes: 1 }).health();
    expect(health).toMatchObject({ ok: false, reason: 'NOT_WRITABLE' });
  });
});

describe('PgVault and a database that goes away', () => {
  async function proxied(s: string): Promise<{ proxy: TcpProxy; pg: SharedPostgres }> {
    const u = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port || 5432) });
    const p = connectPostgres(new Secret(viaProxy(TEST_DATABASE_URL, proxy)), s, silentLogger, {
      connectTimeoutMs: 1_000,
    });
    cleanup.push(
      () => proxy.close(),
      () => p.close(),
    );
    return { proxy, pg: p };
  }

  it('keeps the bytes of a take whose database write fails for good, and commits them on the next ask', async () => {
    const s = schema('down');
    const { proxy, pg } = await proxied(s);
    const v = new PgVault({ pg, retentionMs: 86_400_000, maxBytes: 1e12, writeRetryMs: 500 });
    await v.migrate();
    const data = randomBytes(700_000);
    proxy.refuse = true; // PostgreSQL is down from now on
    proxy.cut();
    // Durable in the local spool: the take succeeds, and the archive waits there for the database.
    await expect(v.putStream('k', streamOf(data), input)).resolves.toMatchObject({ sha256: sha256(data) });
    await expect(v.get('k')).rejects.toMatchObject({
      extensions: expect.objectContaining({ code: 'VAULT_UNAVAILABLE', reason: 'STORAGE_ERROR' }),
    });
    proxy.refuse = false; // back
    const entry = await v.get('k');
    expect(entry?.meta).toMatchObject({ size: data.length, sha256: sha256(data) });
    expect(sha256(await buffer(entry!.open()))).toBe(sha256(data));
    expect(await v.readMark('k')).toBeUndefined();
  });

  it('a connection cut while the body streams neither throws out of the vault nor loses the archive', async () => {
    const s = schema('cutv');
    const { proxy, pg } = await proxied(s);
    const v = new PgVault({ pg, retentionMs: 86_400_000, maxBytes: 1e12 });
    await v.mark('k', 'receiving');
    const data = randomBytes(1_000_000);
    let sent = 0;
    const slow = new Readable({
      read() {
        setTimeout(() => {
          if (sent >= data.length) {
            this.push(null);
            return;
          }
          if (sent === 500_000) proxy.cut(); // mid-body: every connection open through the proxy dies
          this.push(data.subarray(sent, (sent += 50_000)));
        }, 20);
      },
    });
    const meta = await v.putStream('k', slow, input);
    expect(meta.sha256).toBe(sha256(data));
    expect(sha256(await buffer((await v.get('k'))!.open()))).toBe(sha256(data));
    expect(await v.readMark('k')).toBeUndefined();
  });
});

describe('vault migrations', () => {
  it('run twice, and by four replicas at once, without error; each version applied once', async () => {
    const s = schema('mig');
    const pools = [pool(s), pool(s), pool(s), pool(s)];
    const applied = await Promise.all(pools.map((p) => migrate(p.pool, s)));
    expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.version)); // exactly one replica applied them
    expect(await migrate(pools[0]!.pool, s)).toEqual([]);
    const rows = await pools[0]!.pool.query<{ version: number }>(
      `SELECT version FROM "${s}".schema_migrations`,
    );
    expect(rows.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
  });
});
