/** Reading an archive back from the PostgreSQL vault: its record, and its chunks as a verified stream. */
import { Readable } from 'node:stream';
import type pg from 'pg';
import { decipherOf, failedBody, verifiedBody } from './vault-entry.js';
import type { TakeMark, VaultMeta } from './vault.js';

/** Chunks fetched per query when reading (1 MiB). */
const READ_BATCH = 4;

/** The columns of `vault_archives` a read selects (an `ArchiveRow`). */
export const ARCHIVE_COLUMNS =
  'key, size, sha256, content_type, file_name, attributes, retrieved_at, encrypted, key_id, iv, tag';

export interface ArchiveRow {
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

/** The entry's metadata as the vault reports it. */
export function metaOfRow(row: ArchiveRow): VaultMeta {
  return {
    key: row.key,
    contentType: row.content_type,
    fileName: row.file_name ?? undefined,
    ...(row.attributes ? { attributes: row.attributes } : {}),
    size: Number(row.size),
    sha256: row.sha256,
    retrievedAt: row.retrieved_at.toISOString(),
    encrypted: row.encrypted,
    ...(row.key_id ? { keyCheck: row.key_id } : {}),
  };
}

/** The archive's bytes, fetched in batches, checked against size and sha256 as they go. */
export function openArchiveBody(
  pool: pg.Pool,
  s: string,
  row: ArchiveRow,
  meta: VaultMeta,
  key: Buffer | undefined,
): Readable {
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
  if (!key || !row.iv || !row.tag) return failedBody('vault entry is encrypted and cannot be opened');
  return verifiedBody(Readable.from(chunks()), meta, decipherOf(key, row.iv, row.tag));
}

/** The columns of `vault_takes` a read selects (a `MarkRow`). */
export const MARK_COLUMNS = 'state, reason, at, pid, host';

export interface MarkRow {
  state: TakeMark['state'];
  reason: string | null;
  at: Date;
  pid: number;
  host: string;
}

export function markOfRow(r: MarkRow): TakeMark {
  return {
    state: r.state,
    ...(r.reason ? { reason: r.reason } : {}),
    at: r.at.toISOString(),
    pid: r.pid,
    host: r.host,
  };
}
