/**
 * The PostgreSQL vault (DATABASE_URL): once-only archives shared by replicas on several hosts.
 *
 * An archive is a record (`vault_archives`: size, sha256, who took it and when, the encryption
 * key's check value, the lock's fence) and its bytes in 256 KiB rows (`vault_chunks`), streamed
 * in and out: never a whole archive in memory. The chunks, the record and the end of the take's
 * mark are written in ONE transaction: a crash leaves either the complete archive or none, and
 * then the take's mark (`vault_takes`, committed before the vendor was asked) says what happened
 * (ARCHIVE_ALREADY_CONSUMED with its reason on later asks).
 *
 * Encryption at rest is the directory vault's AES-256-GCM (VAULT_ENCRYPTION_KEY); the IV and tag
 * are kept in the record. Reading checks size and sha256 as the bytes go and holds the last byte
 * back until they match, so an archive changed or deleted mid-read never arrives complete.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { VaultUnavailableError } from '../errors.js';
import type { SharedPostgres } from '../shared/postgres.js';
import { PgAdvisoryLock } from './pg-lock.js';
import { byteMeter, IV_BYTES } from './vault-crypto.js';
import {
  assertKeyOpens,
  decipherOf,
  failedBody,
  HOST,
  isExpired,
  storageSteps,
  verifiedBody,
  writtenMeta,
} from './vault-entry.js';
import type { LockLease, VaultLock } from './vault-lock.js';
import { migrate, quoteIdent } from './pg-migrations.js';
import {
  FencedError,
  type TakeMark,
  type Vault,
  type VaultEntry,
  type VaultEntryInput,
  type VaultHealth,
  type VaultMeta,
  VaultStorageError,
  VaultTooLargeError,
  type VaultUsage,
} from './vault.js';

const CHUNK_BYTES = 256 * 1024;
/** Chunks fetched per query when reading (1 MiB). */
const READ_BATCH = 4;

export interface PgVaultOptions {
  pg: SharedPostgres;
  encryptionKey?: Buffer | undefined;
  retentionMs: number;
  maxBytes: number;
  /** The lock of once-only takes: RedisLock with REDIS_URL, else PostgreSQL advisory locks. */
  lock?: VaultLock;
  now?: () => number;
}

interface ArchiveRow {
  key: string;
  size: string;
  sha256: string;
  content_type: string;
  file_name: string | null;
  attributes: Record<string, unknown> | null;
  retrieved_at: Date;
  encrypted: boolean;
  key_id: string | null;
  iv: Buffer | null;
  tag: Buffer | null;
}

export class PgVault implements Vault {
  readonly #o: PgVaultOptions;
  readonly #pool: pg.Pool;
  /** The quoted schema, for statements. */
  readonly #s: string;
  readonly #lock: VaultLock;
  #ready: Promise<void> | undefined;

  constructor(opts: PgVaultOptions) {
    this.#o = opts;
    this.#pool = opts.pg.pool;
    this.#s = quoteIdent(opts.pg.schema);
    this.#lock = opts.lock ?? new PgAdvisoryLock(opts.pg.pool);
  }

  #now(): number {
    return this.#o.now?.() ?? Date.now();
  }

  /** Runs the migrations once per process (again after a failure). */
  migrate(): Promise<void> {
    this.#ready ??= migrate(this.#pool, this.#o.pg.schema).then(
      () => undefined,
      (err: unknown) => {
        this.#ready = undefined;
        throw err;
      },
    );
    return this.#ready;
  }

  async #q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    await this.migrate();
    return this.#pool.query<R>(sql, params);
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async get(key: string): Promise<VaultEntry | undefined> {
    let row: ArchiveRow | undefined;
    try {
      row = (
        await this.#q<ArchiveRow>(
          `SELECT key, size, sha256, content_type, file_name, attributes, retrieved_at, encrypted, key_id, iv, tag
             FROM ${this.#s}.vault_archives WHERE key = $1`,
          [key],
        )
      ).rows[0];
    } catch (err) {
      throw new VaultUnavailableError(
        `The gateway's archive vault (PostgreSQL) cannot be read now (${pgCode(err)}); retry shortly.`,
        'STORAGE_ERROR',
      );
    }
    if (!row) return undefined;
    if (isExpired(row.retrieved_at.getTime(), this.#o.retentionMs, this.#now())) return undefined;
    const meta: VaultMeta = {
      key,
      contentType: row.content_type,
      fileName: row.file_name ?? undefined,
      ...(row.attributes ? { attributes: row.attributes } : {}),
      size: Number(row.size),
      sha256: row.sha256,
      retrievedAt: row.retrieved_at.toISOString(),
      encrypted: row.encrypted,
      ...(row.key_id ? { keyCheck: row.key_id } : {}),
    };
    assertKeyOpens(meta, this.#o.encryptionKey);
    return { meta, open: () => this.#openBody(row, meta) };
  }

  #openBody(row: ArchiveRow, meta: VaultMeta): Readable {
    const pool = this.#pool;
    const s = this.#s;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = 0; ; seq += READ_BATCH) {
        const { rows } = await pool.query<{ data: Buffer }>(
          `SELECT data FROM ${s}.vault_chunks WHERE key = $1 AND seq >= $2 AND seq < $3 ORDER BY seq`,
          [row.key, seq, seq + READ_BATCH],
        );
        for (const r of rows) yield r.data;
        if (rows.length < READ_BATCH) return;
      }
    }
    if (!meta.encrypted) return verifiedBody(Readable.from(chunks()), meta);
    const key = this.#o.encryptionKey;
    if (!key || !row.iv || !row.tag) return failedBody('vault entry is encrypted and cannot be opened');
    return verifiedBody(Readable.from(chunks()), meta, decipherOf(key, row.iv, row.tag));
  }

  async putStream(key: string, body: Readable, input: VaultEntryInput, fence?: number): Promise<VaultMeta> {
    // From here `body` is ours: its errors end up in the pipeline below, or it is destroyed.
    let client: pg.PoolClient;
    try {
      await this.migrate();
      client = await this.#pool.connect();
    } catch (err) {
      body.destroy();
      throw new VaultStorageError(pgError(err));
    }
    const steps = storageSteps();
    const storage = steps.run;
    const metered = byteMeter(this.#o.maxBytes);
    const { meter } = metered;
    const key32 = this.#o.encryptionKey;
    const iv = key32 ? randomBytes(IV_BYTES) : undefined;
    const cipher = key32 && iv ? createCipheriv('aes-256-gcm', key32, iv) : undefined;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const s = this.#s;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await storage(() =>
        client.query(`INSERT INTO ${s}.vault_chunks (key, seq, data) VALUES ($1, $2, $3)`, [
          key,
          seq++,
          data,
        ]),
      );
    };
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < CHUNK_BYTES) return cb();
        flush().then(() => cb(), cb);
      },
      final(cb) {
        flush().then(() => cb(), cb);
      },
    });
    let broken = false;
    try {
      await storage(() => client.query('BEGIN'));
      // A leftover past retention (not swept yet) gives way to the new archive.
      await storage(() => client.query(`DELETE FROM ${s}.vault_chunks WHERE key = $1`, [key]));
      await storage(() => client.query(`DELETE FROM ${s}.vault_archives WHERE key = $1`, [key]));
      if (cipher) await pipeline(body, meter, cipher, sink);
      else await pipeline(body, meter, sink);
      if (fence !== undefined) await this.#checkFence(client, key, fence, storage);
      const meta = writtenMeta(key, input, metered, this.#now(), key32);
      await storage(() =>
        client.query(
          `INSERT INTO ${s}.vault_archives
             (key, size, sha256, content_type, file_name, attributes, retrieved_at, taken_by, encrypted, key_id, iv, tag, fence)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [
            key,
            meta.size,
            meta.sha256,
            meta.contentType,
            meta.fileName ?? null,
            meta.attributes ? JSON.stringify(meta.attributes) : null,
            meta.retrievedAt,
            `${HOST}:${process.pid}`,
            meta.encrypted,
            meta.keyCheck ?? null,
            iv ?? null,
            cipher ? cipher.getAuthTag() : null,
            fence ?? null,
          ],
        ),
      );
      // The entry now says it all: the take's mark ends in the same commit.
      await storage(() => client.query(`DELETE FROM ${s}.vault_takes WHERE key = $1`, [key]));
      await storage(() => client.query('COMMIT'));
      return meta;
    } catch (err) {
      body.destroy();
      await client.query('ROLLBACK').catch(() => (broken = true));
      if (err instanceof FencedError || err instanceof VaultTooLargeError) throw err;
      if (steps.failed()) throw new VaultStorageError(pgError(steps.failure()));
      throw err;
    } finally {
      client.release(broken || steps.failed() ? true : undefined);
    }
  }

  /** Records `fence` for `key` unless a later holder's is there (FencedError). Row-locks it. */
  async #checkFence(
    client: pg.PoolClient | pg.Pool,
    key: string,
    fence: number,
    storage: <T>(step: () => Promise<T>) => Promise<T> = (step) => step(),
  ): Promise<void> {
    const { rowCount } = await storage(() =>
      client.query(
        `INSERT INTO ${this.#s}.vault_fences (key, fence, at) VALUES ($1, $2, now())
           ON CONFLICT (key) DO UPDATE SET fence = EXCLUDED.fence, at = EXCLUDED.at
           WHERE ${this.#s}.vault_fences.fence <= EXCLUDED.fence`,
        [key, fence],
      ),
    );
    if (rowCount === 0) {
      throw new FencedError(`a later holder of the lock on this archive took over (fence ${fence} is stale)`);
    }
  }

  async health(): Promise<VaultHealth> {
    const minFreeBytes = 0; // PostgreSQL does not report its free space; VAULT_MAX_BYTES caps each archive.
    try {
      await this.migrate();
      await this.#pool.query(`SELECT 1 FROM ${this.#s}.vault_archives LIMIT 0`);
    } catch (err) {
      return {
        ok: false,
        reason: 'NOT_WRITABLE',
        message: `the vault database cannot be reached (${pgCode(err)})`,
        minFreeBytes,
      };
    }
    return { ok: true, freeBytes: Number.MAX_SAFE_INTEGER, minFreeBytes };
  }

  async readMark(key: string): Promise<TakeMark | undefined> {
    const { rows } = await this.#q<{
      state: TakeMark['state'];
      reason: string | null;
      at: Date;
      pid: number;
      host: string;
    }>(`SELECT state, reason, at, pid, host FROM ${this.#s}.vault_takes WHERE key = $1`, [key]);
    const r = rows[0];
    if (!r) return undefined;
    return {
      state: r.state,
      ...(r.reason ? { reason: r.reason } : {}),
      at: r.at.toISOString(),
      pid: r.pid,
      host: r.host,
    };
  }

  async mark(key: string, state: TakeMark['state'], reason?: string, fence?: number): Promise<void> {
    await this.migrate();
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      if (fence !== undefined) await this.#checkFence(client, key, fence);
      await client.query(
        `INSERT INTO ${this.#s}.vault_takes (key, state, reason, at, pid, host) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, reason = EXCLUDED.reason,
             at = EXCLUDED.at, pid = EXCLUDED.pid, host = EXCLUDED.host`,
        [key, state, reason ?? null, new Date(this.#now()).toISOString(), process.pid, HOST],
      );
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async clearMark(key: string): Promise<void> {
    await this.#q(`DELETE FROM ${this.#s}.vault_takes WHERE key = $1`, [key]);
  }

  lock(key: string): Promise<LockLease> {
    return this.#lock.acquire(key);
  }

  async delete(key: string): Promise<boolean> {
    await this.migrate();
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const { rowCount } = await client.query(`DELETE FROM ${this.#s}.vault_archives WHERE key = $1`, [key]);
      await client.query(`DELETE FROM ${this.#s}.vault_chunks WHERE key = $1`, [key]);
      await client.query(`DELETE FROM ${this.#s}.vault_takes WHERE key = $1`, [key]);
      await client.query('COMMIT');
      return (rowCount ?? 0) > 0;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async sweep(): Promise<number> {
    const before = new Date(this.#now() - this.#o.retentionMs).toISOString();
    const s = this.#s;
    const { rows } = await this.#q<{ n: string }>(
      `WITH gone AS (DELETE FROM ${s}.vault_archives WHERE retrieved_at <= $1 RETURNING key),
            chunks AS (DELETE FROM ${s}.vault_chunks WHERE key IN (SELECT key FROM gone)),
            takes AS (DELETE FROM ${s}.vault_takes WHERE at <= $1 RETURNING key),
            fences AS (DELETE FROM ${s}.vault_fences WHERE at <= $1)
       SELECT (SELECT count(*) FROM gone) + (SELECT count(*) FROM takes) AS n`,
      [before],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** Entries and bytes kept (for metrics). */
  async usage(): Promise<VaultUsage> {
    const { rows } = await this.#q<{ entries: string; bytes: string | null }>(
      `SELECT count(*) AS entries, sum(size) AS bytes FROM ${this.#s}.vault_archives`,
    );
    return { entries: Number(rows[0]?.entries ?? 0), bytes: Number(rows[0]?.bytes ?? 0) };
  }

  async close(): Promise<void> {
    // The pool belongs to the gateway (SharedPostgres), which closes it.
  }
}

function pgCode(err: unknown): string {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code ?? e?.message ?? 'error';
}

/** A database failure as an errno-like error, so VaultStorageError names its code. */
function pgError(err: unknown): unknown {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? err : Object.assign(new Error(String(err)), { code: 'DATABASE' });
}
