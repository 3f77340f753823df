/**
 * The directory vault's files: an entry is `<sha256 of key>.bin` (the body) and `.json` (its
 * record, the commit marker); a take leaves `.taking` (its mark) and `.fence`; locks are `.lock`;
 * anything being written starts with `.tmp-`. The walks over the directory (usage, sweep) live
 * here with the layout they read.
 */
import { createHash } from 'node:crypto';
import { open, readdir, readFile, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { MAGIC, IV_BYTES, TAG_BYTES } from './vault-crypto.js';
import { isExpired } from './vault-entry.js';
import type { VaultMeta, VaultUsage } from './vault.js';

export const TMP_PREFIX = '.tmp-';
/** Temporary and lock files older than this are leftovers of a process that died. */
const STALE_TMP_MS = 60 * 60_000;

/** A complete entry's file: bytes `start`..`end` (exclusive) are the data, encrypted with `iv`/`tag`. */
export interface StoredFile {
  meta: VaultMeta;
  path: string;
  start: number;
  end: number;
  iv?: Buffer;
  tag?: Buffer;
}

/** File names are a hash of the key: any key is safe, and names say nothing about it. */
export function entryPaths(dir: string, key: string): { id: string; body: string; meta: string } {
  const id = createHash('sha256').update(key).digest('hex');
  return { id, body: join(dir, `${id}.bin`), meta: join(dir, `${id}.json`) };
}

/** Keys of the complete entries in `dir` (past retention or not). */
export async function recordKeys(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const keys: string[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || name.startsWith(TMP_PREFIX)) continue;
    try {
      const meta = JSON.parse(await readFile(join(dir, name), 'utf8')) as VaultMeta;
      keys.push(meta.key);
    } catch {
      // removed meanwhile, or not a record
    }
  }
  return keys;
}

/** Committed entries (a `.json` record beside its `.bin`), their bytes, and the free space. */
export async function directoryUsage(dir: string): Promise<VaultUsage> {
  let entries = 0;
  let bytes = 0;
  let freeBytes: number | undefined;
  try {
    const names = new Set(await readdir(dir));
    for (const n of names) {
      if (!n.endsWith('.bin') || !names.has(n.replace(/\.bin$/, '.json'))) continue;
      try {
        bytes += (await stat(join(dir, n))).size;
        entries++;
      } catch {
        // removed meanwhile
      }
    }
    const fs = await statfs(dir);
    freeBytes = Number(fs.bavail) * Number(fs.bsize);
  } catch {
    // no vault directory yet: nothing kept
  }
  return { entries, bytes, ...(freeBytes !== undefined ? { freeBytes } : {}) };
}

/**
 * Removes what is past retention (records with their bodies, take marks and fences), temporary
 * and lock files left for an hour, and bodies whose write never got its record. Returns how many.
 */
export async function sweepDirectory(dir: string, retentionMs: number, now: number): Promise<number> {
  let removed = 0;
  const names = await readdir(dir);
  const metas = new Set(names.filter((n) => n.endsWith('.json') && !n.startsWith(TMP_PREFIX)));
  for (const name of names) {
    const full = join(dir, name);
    try {
      if (name.startsWith(TMP_PREFIX) || name.endsWith('.lock')) {
        if (now - (await stat(full)).mtimeMs > STALE_TMP_MS) {
          await rm(full, { force: true });
          removed++;
        }
      } else if (name.endsWith('.taking') || name.endsWith('.fence')) {
        // A take's record outlives its archive's retention, not longer.
        if (now - (await stat(full)).mtimeMs > retentionMs) {
          await rm(full, { force: true });
          removed++;
        }
      } else if (name.endsWith('.json')) {
        const meta = JSON.parse(await readFile(full, 'utf8')) as VaultMeta;
        if (isExpired(meta.retrievedAt, retentionMs, now)) {
          await rm(full, { force: true });
          await rm(full.replace(/\.json$/, '.bin'), { force: true });
          removed++;
        }
      } else if (name.endsWith('.bin') && !metas.has(name.replace(/\.bin$/, '.json'))) {
        // A body with no record: the write was interrupted after the rename. Old enough = orphan.
        if (now - (await stat(full)).mtimeMs > STALE_TMP_MS) {
          await rm(full, { force: true });
          removed++;
        }
      }
    } catch {
      // A file that vanished or cannot be read is skipped; the next sweep tries again.
    }
  }
  return removed;
}

/** Writes `text` to a new file (0600) and fsyncs it before closing. */
export async function writeSynced(path: string, text: string): Promise<void> {
  const fh = await open(path, 'wx', 0o600);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** The IV and tag of an encrypted vault file of `size` bytes, and its data range; undefined if not one. */
export async function readSealing(
  path: string,
  size: number,
): Promise<{ start: number; end: number; iv: Buffer; tag: Buffer } | undefined> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length + IV_BYTES);
    await fh.read(head, 0, head.length, 0);
    const tag = Buffer.alloc(TAG_BYTES);
    await fh.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    return { start: head.length, end: size - TAG_BYTES, iv: head.subarray(MAGIC.length), tag };
  } finally {
    await fh.close();
  }
}

/** fsync of a file or directory (a directory: so a rename in it survives a crash). */
export async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic there.
  } finally {
    await fh.close();
  }
}
