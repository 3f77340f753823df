/**
 * The PostgreSQL vault (DATABASE_URL): once-only archives shared by replicas on several hosts.
 * Longer than 300 lines: one class, the whole Vault contract over one pool, one schema and one
 * spool; its statements are in pg-write.ts (transactions, the commit, a take's mark) and pg-read.ts.
 *
 * An archive is a record (`vault_archives`: size, sha256, who took it and when, the encryption
 * key's check value, the lock's fence) and its bytes in 256 KiB rows (`vault_chunks`): never a
 * whole archive in memory.
 *
 * No database connection is held while a vendor streams. The vendor's bytes land first in a
 * local spool (a DirectoryVault in `spoolDir`, VAULT_DIR/pg-spool: hashed, size-capped, encrypted,
 * fsynced; VAULT_MIN_FREE_BYTES free there before a take). Then the chunks, the record and the
 * end of the take's mark are written from the spool in ONE transaction on a connection taken for
 * it, whose 'error' is handled here; a failure (a dropped connection, a session ended by the
 * server, a busy pool) is retried on a fresh connection for DATABASE_WRITE_RETRY. A crash leaves
 * either the complete archive or none in the database; the spooled copy stays until it is
 * committed (on the next ask of the key, or the sweep), so the bytes a vendor sent are never lost
 * to the database. The take's mark (`vault_takes`, committed before the vendor was asked) says
 * what happened otherwise (ARCHIVE_ALREADY_CONSUMED with its reason on later asks).
 *
 * Encryption at rest is the directory vault's AES-256-GCM (VAULT_ENCRYPTION_KEY); the IV and tag
 * are kept in the record. Reading checks size and sha256 as the bytes go and holds the last byte
 * back until they match, so an archive changed or deleted mid-read never arrives complete.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { VaultUnavailableError } from '../foundations/errors.js';
import type { Logger } from '../observability/logger.js';
import type { SharedPostgres } from '../shared/postgres.js';
import { DirectoryVault } from './directory-vault.js';
import { PgAdvisoryLock } from './pg-lock.js';
import { assertKeyOpens, isExpired } from './vault-entry.js';
import {
  ARCHIVE_COLUMNS,
  type ArchiveRow,
  MARK_COLUMNS,
  type MarkRow,
  markOfRow,
  metaOfRow,
  openArchiveBody,
} from './pg-read.js';
import type { LockLease, VaultLock } from './vault-lock.js';
import { migrate, quoteIdent } from './pg-migrations.js';
import { checkFence, inTransaction, pgCode, pgError, writeMark, writeSpooled } from './pg-write.js';
import {
  FencedError,
  type TakeMark,
  type Vault,
  type VaultEntry,
  type VaultEntryInput,
  type VaultHealth,
  type VaultMeta,
  VaultStorageError,
  type VaultUsage,
} from './vault.js';

/** SQLSTATE of a duplicate key. */
const UNIQUE_VIOLATION = '23505';
export interface PgVaultOptions {
  pg: SharedPostgres;
  encryptionKey?: Buffer | undefined;
  retentionMs: number;
  maxBytes: number;
  /** The local spool (VAULT_DIR/pg-spool); default a directory per schema in the OS temp dir. */
  spoolDir?: string;
  /** Free space the spool needs before a once-only take (VAULT_MIN_FREE_BYTES; default maxBytes). */
  minFreeBytes?: number;
  /** How long a database write is retried on fresh connections (DATABASE_WRITE_RETRY; default 30 s). */
  writeRetryMs?: number;
  /** The lock of once-only takes: RedisLock with REDIS_URL, else PostgreSQL advisory locks. */
  lock?: VaultLock;
  /** How long an advisory lock is waited for (DATABASE_LOCK_WAIT; default 60 s). */
  lockWaitMs?: number;
  logger?: Logger;
  now?: () => number;
}

export class PgVault implements Vault {
  readonly #o: PgVaultOptions;
  readonly #pool: pg.Pool;
  /** The quoted schema, for statements. */
  readonly #s: string;
  readonly #lock: VaultLock;
  readonly #ownLock: PgAdvisoryLock | undefined;
  /** Where the vendor's bytes land before the database. */
  readonly #spool: DirectoryVault;
  /** Commits from the spool in flight, per key: one at a time. */
  readonly #committing = new Map<string, Promise<VaultMeta | undefined>>();
  #ready: Promise<void> | undefined;

  constructor(opts: PgVaultOptions) {
    this.#o = opts;
    this.#pool = opts.pg.pool;
    this.#s = quoteIdent(opts.pg.schema);
    this.#ownLock = opts.lock
      ? undefined
      : new PgAdvisoryLock(opts.pg.pool, {
          ...(opts.lockWaitMs !== undefined ? { waitMs: opts.lockWaitMs } : {}),
          ...(opts.logger ? { logger: opts.logger } : {}),
        });
    this.#lock = opts.lock ?? this.#ownLock!;
    this.#spool = new DirectoryVault({
      dir: opts.spoolDir ?? join(tmpdir(), 'vendor-gateway-pg-spool', opts.pg.schema),
      encryptionKey: opts.encryptionKey,
      retentionMs: opts.retentionMs,
      maxBytes: opts.maxBytes,
      minFreeBytes: opts.minFreeBytes ?? opts.maxBytes,
      now: () => this.#now(),
    });
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

  /**
   * One statement on a pool connection (pg's `pool.query` handles that connection's 'error'). A
   * connection that dropped under it is tried once more on a fresh one: a cut that a take's
   * writes survive should not fail the reads around them.
   */
  async #q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    await this.migrate();
    try {
      return await this.#pool.query<R>(sql, params);
    } catch (err) {
      if ((err as { code?: unknown }).code !== undefined) throw err; // the server answered: not a drop
      return this.#pool.query<R>(sql, params);
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async get(key: string): Promise<VaultEntry | undefined> {
    const kept = await this.#get(key);
    if (kept) return kept;
    // Spooled here and not in the database yet (it was unreachable): commit it now.
    if (!(await this.#spool.has(key))) return undefined;
    await this.#commitSpooled(key, undefined, 0).catch((err: unknown) => {
      throw err instanceof VaultUnavailableError || err instanceof FencedError
        ? err
        : new VaultUnavailableError(
            `The gateway's archive vault (PostgreSQL) cannot be written now (${pgCode(err)}); the archive is kept on this replica: retry shortly.`,
            'STORAGE_ERROR',
          );
    });
    return this.#get(key);
  }

  async #get(key: string): Promise<VaultEntry | undefined> {
    let row: ArchiveRow | undefined;
    try {
      row = (
        await this.#q<ArchiveRow>(`SELECT ${ARCHIVE_COLUMNS} FROM ${this.#s}.vault_archives WHERE key = $1`, [
          key,
        ])
      ).rows[0];
    } catch (err) {
      throw new VaultUnavailableError(
        `The gateway's archive vault (PostgreSQL) cannot be read now (${pgCode(err)}); retry shortly.`,
        'STORAGE_ERROR',
      );
    }
    if (!row) return undefined;
    if (isExpired(row.retrieved_at.getTime(), this.#o.retentionMs, this.#now())) return undefined;
    const meta = metaOfRow(row);
    assertKeyOpens(meta, this.#o.encryptionKey);
    return { meta, open: () => openArchiveBody(this.#pool, this.#s, row, meta, this.#o.encryptionKey) };
  }

  async putStream(key: string, body: Readable, input: VaultEntryInput, fence?: number): Promise<VaultMeta> {
    // The vendor's stream goes to local disk: no database connection is held while it flows.
    // (`body` is the spool's from here: its pipeline, or destroyed.)
    const meta = await this.#spool.putStream(key, body, input);
    try {
      await this.#commitSpooled(key, fence, this.#o.writeRetryMs ?? 30_000);
    } catch (err) {
      if (err instanceof FencedError) throw err;
      // Durable in the spool: `get` commits it once the database answers (or says it cannot yet).
    }
    return meta;
  }

  /**
   * Writes the spooled entry of `key` into the database (retried on fresh connections for
   * `retryMs`), then removes the spooled copy. Past `retryMs` the copy stays for a later try (the
   * next `get` of the key, or the sweep) and VaultStorageError is thrown. A fenced-off holder's
   * copy is dropped (FencedError).
   */
  #commitSpooled(key: string, fence: number | undefined, retryMs: number): Promise<VaultMeta | undefined> {
    let running = this.#committing.get(key);
    if (!running) {
      running = (async () => {
        const file = await this.#spool.stored(key);
        if (!file) return undefined;
        try {
          await this.#tx((client) => writeSpooled(client, this.#s, file, fence), retryMs);
        } catch (err) {
          // Replicas sharing VAULT_DIR share the spool: another one committed this same copy first.
          if (pgCode(err) === UNIQUE_VIOLATION && (await this.#get(key).catch(() => undefined))) {
            await this.#spool.delete(key).catch(() => undefined);
            return file.meta;
          }
          if (err instanceof FencedError) await this.#spool.delete(key).catch(() => undefined);
          else
            this.#o.logger?.error('archive kept in the local spool: the database write failed', {
              error: pgCode(err),
            });
          throw err instanceof FencedError ? err : new VaultStorageError(pgError(err));
        }
        await this.#spool.delete(key).catch(() => undefined); // a leftover is committed again, harmlessly
        return file.meta;
      })().finally(() => this.#committing.delete(key));
      this.#committing.set(key, running);
    }
    return running;
  }

  /** `work` in one transaction, retried on fresh connections for `retryMs` (see inTransaction). */
  async #tx<T>(work: (client: pg.PoolClient) => Promise<T>, retryMs = 0): Promise<T> {
    return inTransaction(this.#pool, work, {
      retryMs,
      prepare: () => this.migrate(),
      ...(this.#o.logger ? { logger: this.#o.logger } : {}),
    });
  }

  /**
   * Reachable (and migrated), and the local spool writable with VAULT_MIN_FREE_BYTES free:
   * checked before each once-only take, so the vendor is asked only when the archive can be kept.
   */
  async health(): Promise<VaultHealth> {
    const spool = await this.#spool.health();
    try {
      await this.#q(`SELECT 1 FROM ${this.#s}.vault_archives LIMIT 0`);
    } catch (err) {
      return {
        ok: false,
        reason: 'NOT_WRITABLE',
        message: `the vault database cannot be reached (${pgCode(err)})`,
        minFreeBytes: spool.minFreeBytes,
      };
    }
    if (!spool.ok) return { ...spool, message: `${spool.message} (the spool of the PostgreSQL vault)` };
    return spool;
  }

  async readMark(key: string): Promise<TakeMark | undefined> {
    const { rows } = await this.#q<MarkRow>(
      `SELECT ${MARK_COLUMNS} FROM ${this.#s}.vault_takes WHERE key = $1`,
      [key],
    );
    return rows[0] && markOfRow(rows[0]);
  }

  async mark(key: string, state: TakeMark['state'], reason?: string, fence?: number): Promise<void> {
    // Retried like a commit: a mark that fails after the vendor was asked would cost the archive.
    await this.#tx(async (client) => {
      if (fence !== undefined) await checkFence(client, this.#s, key, fence);
      await writeMark(client, this.#s, key, state, reason, this.#now());
    }, this.#o.writeRetryMs ?? 30_000);
  }

  async clearMark(key: string): Promise<void> {
    await this.#q(`DELETE FROM ${this.#s}.vault_takes WHERE key = $1`, [key]);
  }

  lock(key: string): Promise<LockLease> {
    return this.#lock.acquire(key);
  }

  async delete(key: string): Promise<boolean> {
    const spooled = await this.#spool.delete(key);
    const rowCount = await this.#tx(async (client) => {
      const gone = await client.query(`DELETE FROM ${this.#s}.vault_archives WHERE key = $1`, [key]);
      await client.query(`DELETE FROM ${this.#s}.vault_chunks WHERE key = $1`, [key]);
      await client.query(`DELETE FROM ${this.#s}.vault_takes WHERE key = $1`, [key]);
      return gone.rowCount ?? 0;
    });
    return rowCount > 0 || spooled;
  }

  /** Also commits what the spool still holds (the database was unreachable) and clears its leftovers. */
  async sweep(): Promise<number> {
    for (const key of await this.#spool.keys()) {
      await this.#commitSpooled(key, undefined, 0).catch(() => undefined); // the next sweep tries again
    }
    await this.#spool.sweep().catch(() => undefined);
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

  /** Closes the lock session; the pool belongs to the gateway (SharedPostgres), which closes it. */
  async close(): Promise<void> {
    await this.#ownLock?.close();
  }
}
