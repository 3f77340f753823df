/**
 * The PostgreSQL vault's writes: a transaction on a pool connection taken for it (its 'error'
 * handled here, retried on fresh connections), the commit of a spooled archive inside one, and
 * the fence check of a lock holder, and a take's mark.
 */
import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { Logger } from '../observability/logger.js';
import type { StoredFile } from './directory-files.js';
import { HOST } from './vault-entry.js';
import { FencedError, type TakeMark } from './vault.js';

/** Bytes per row of `vault_chunks`. */
export const CHUNK_BYTES = 256 * 1024;
/** The longest pause between two tries of a database write. */
const MAX_RETRY_PAUSE_MS = 2_000;

/**
 * The commit of a spooled archive, inside the transaction of `client`: chunks (256 KiB rows read
 * from the spool file), the fence check, the record, and the end of the take's mark. `s` is the
 * quoted schema.
 */
export async function writeSpooled(
  client: pg.PoolClient,
  s: string,
  file: StoredFile,
  fence: number | undefined,
): Promise<void> {
  const { meta } = file;
  // A leftover past retention (not swept yet) gives way to the new archive.
  await client.query(`DELETE FROM ${s}.vault_chunks WHERE key = $1`, [meta.key]);
  await client.query(`DELETE FROM ${s}.vault_archives WHERE key = $1`, [meta.key]);
  if (file.end > file.start) {
    const data = createReadStream(file.path, {
      start: file.start,
      end: file.end - 1,
      highWaterMark: CHUNK_BYTES,
    });
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      const chunk = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await client.query(`INSERT INTO ${s}.vault_chunks (key, seq, data) VALUES ($1, $2, $3)`, [
        meta.key,
        seq++,
        chunk,
      ]);
    };
    try {
      for await (const piece of data as AsyncIterable<Buffer>) {
        pending.push(piece);
        pendingBytes += piece.length;
        if (pendingBytes >= CHUNK_BYTES) await flush();
      }
      if (pendingBytes > 0) await flush();
    } finally {
      data.destroy();
    }
  }
  if (fence !== undefined) await checkFence(client, s, meta.key, fence);
  await client.query(
    `INSERT INTO ${s}.vault_archives
       (key, size, sha256, content_type, file_name, attributes, retrieved_at, taken_by, encrypted, key_id, iv, tag, fence)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      meta.key,
      meta.size,
      meta.sha256,
      meta.contentType,
      meta.fileName ?? null,
      meta.attributes ? JSON.stringify(meta.attributes) : null,
      meta.retrievedAt,
      `${HOST}:${process.pid}`,
      meta.encrypted,
      meta.keyCheck ?? null,
      file.iv ?? null,
      file.tag ?? null,
      fence ?? null,
    ],
  );
  // The entry now says it all: the take's mark ends in the same commit.
  await client.query(`DELETE FROM ${s}.vault_takes WHERE key = $1`, [meta.key]);
}

/**
 * Runs `work` in one transaction on a pool connection taken for it, and tries again on a fresh
 * connection (after a pause growing to 2 s) until `retryMs` has passed; FencedError is final.
 * The connection's 'error' (a drop while it is checked out) is handled here: the statement in
 * flight fails with it, and the connection is discarded.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  opts: { retryMs: number; prepare?: () => Promise<void>; logger?: Logger },
): Promise<T> {
  const until = Date.now() + opts.retryMs;
  for (let attempt = 0; ; attempt++) {
    try {
      await opts.prepare?.();
      return await once(pool, work);
    } catch (err) {
      if (err instanceof FencedError || Date.now() >= until) throw err;
      opts.logger?.warn('vault database write failed; trying again on a fresh connection', {
        attempt: attempt + 1,
        error: pgCode(err),
      });
      await sleep(Math.min(MAX_RETRY_PAUSE_MS, 100 * 2 ** attempt, Math.max(0, until - Date.now())));
    }
  }
}

async function once<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  const onError = () => {
    broken = true;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const out = await work(client);
    await client.query('COMMIT');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    // A broken connection keeps its listener: it is discarded, and may still report its end.
    if (!broken) client.off('error', onError);
    client.release(broken ? true : undefined);
  }
}

/** Records `fence` for `key` unless a later holder's is there (FencedError). Row-locks it. */
export async function checkFence(
  client: pg.PoolClient,
  s: string,
  key: string,
  fence: number,
): Promise<void> {
  const { rowCount } = await client.query(
    `INSERT INTO ${s}.vault_fences (key, fence, at) VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET fence = EXCLUDED.fence, at = EXCLUDED.at
       WHERE ${s}.vault_fences.fence <= EXCLUDED.fence`,
    [key, fence],
  );
  if (rowCount === 0) {
    throw new FencedError(`a later holder of the lock on this archive took over (fence ${fence} is stale)`);
  }
}

/** A database error's SQLSTATE, else its message. */
export function pgCode(err: unknown): string {
  const e = err as { code?: string; message?: string } | undefined;
  return e?.code ?? e?.message ?? 'error';
}

/** Records the take's mark of `key` (inside the transaction of `client`), as this process's. */
export async function writeMark(
  client: pg.PoolClient,
  s: string,
  key: string,
  state: TakeMark['state'],
  reason: string | undefined,
  now: number,
): Promise<void> {
  await client.query(
    `INSERT INTO ${s}.vault_takes (key, state, reason, at, pid, host) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (key) DO UPDATE SET state = EXCLUDED.state, reason = EXCLUDED.reason,
         at = EXCLUDED.at, pid = EXCLUDED.pid, host = EXCLUDED.host`,
    [key, state, reason ?? null, new Date(now).toISOString(), process.pid, HOST],
  );
}

/** A database failure as an errno-like error, so VaultStorageError names its code. */
export function pgError(err: unknown): unknown {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? err : Object.assign(new Error(String(err)), { code: 'DATABASE' });
}
