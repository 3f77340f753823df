/**
 * The directory vault (VAULT_DIR): an entry becomes visible only when complete. The body is
 * streamed to a temporary file (hashed as it streams, size-capped, optionally encrypted with
 * AES-256-GCM), fsynced and renamed into place, and only then is its metadata written (tmp + fsync
 * + rename). The metadata file is the commit marker: a body without one (a crash mid-write) is
 * never served and is removed by the sweep.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { untilClosed } from '../shared/streams.js';
import { mkdir, open, readdir, readFile, rename, rm, stat, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { byteMeter, encryptor, IV_BYTES, MAGIC, TAG_BYTES } from './vault-crypto.js';
import {
  assertKeyOpens,
  decipherOf,
  diskHealth,
  failedBody,
  HOST,
  isExpired,
  storageSteps,
  verifiedBody,
  writtenMeta,
} from './vault-entry.js';
import { FileLock, type LockLease, type VaultLock } from './vault-lock.js';
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

const TMP_PREFIX = '.tmp-';

/** A complete entry's file: bytes `start`..`end` (exclusive) are the data, encrypted with `iv`/`tag`. */
export interface StoredFile {
  meta: VaultMeta;
  path: string;
  start: number;
  end: number;
  iv?: Buffer;
  tag?: Buffer;
}
const STALE_TMP_MS = 60 * 60_000;

export interface DirectoryVaultOptions {
  dir: string;
  encryptionKey?: Buffer | undefined;
  retentionMs: number;
  maxBytes: number;
  /** Free space required before a once-only take (default maxBytes). */
  minFreeBytes?: number;
  now?: () => number;
  /** Default: lock files in `dir` (one host); RedisLock for replicas on several hosts. */
  lock?: VaultLock;
}

export class DirectoryVault implements Vault {
  readonly #o: DirectoryVaultOptions;
  #ready: Promise<void> | undefined;

  readonly #lock: VaultLock;

  constructor(opts: DirectoryVaultOptions) {
    this.#o = opts;
    this.#lock = opts.lock ?? new FileLock(opts.dir);
  }

  #now(): number {
    return this.#o.now?.() ?? Date.now();
  }

  migrate(): Promise<void> {
    return this.#init();
  }

  #init(): Promise<void> {
    this.#ready ??= mkdir(this.#o.dir, { recursive: true, mode: 0o700 }).then(
      () => undefined,
      (err: unknown) => {
        this.#ready = undefined; // a directory fixed later is used then
        throw err;
      },
    );
    return this.#ready;
  }

  /** File names are a hash of the key: any key is safe, and names say nothing about it. */
  #paths(key: string) {
    const id = createHash('sha256').update(key).digest('hex');
    return { id, body: join(this.#o.dir, `${id}.bin`), meta: join(this.#o.dir, `${id}.json`) };
  }

  async #readMeta(key: string): Promise<VaultMeta | undefined> {
    const { meta } = this.#paths(key);
    try {
      const m = JSON.parse(await readFile(meta, 'utf8')) as VaultMeta;
      return m.key === key ? m : undefined;
    } catch {
      return undefined;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.get(key)) !== undefined;
  }

  async get(key: string): Promise<VaultEntry | undefined> {
    await this.#init().catch(() => undefined); // an unusable directory simply holds nothing
    const meta = await this.#readMeta(key);
    if (!meta) return undefined;
    if (isExpired(meta.retrievedAt, this.#o.retentionMs, this.#now())) return undefined;
    assertKeyOpens(meta, this.#o.encryptionKey);
    const { body } = this.#paths(key);
    let size: number;
    try {
      size = (await stat(body)).size;
    } catch {
      return undefined;
    }
    const expected = meta.encrypted ? meta.size + MAGIC.length + IV_BYTES + TAG_BYTES : meta.size;
    if (size !== expected) return undefined; // never serve a file that does not match its record
    return { meta, open: () => this.#openBody(body, meta, size) };
  }

  /**
   * The stored file of a complete entry, as written: its path, the byte range of the (encrypted)
   * data and, when encrypted, the IV and tag. For a storage that copies entries elsewhere (the
   * PostgreSQL vault's spool); the copy checks them again when read.
   */
  async stored(key: string): Promise<StoredFile | undefined> {
    const entry = await this.get(key);
    if (!entry) return undefined;
    const { meta } = entry;
    const { body: path } = this.#paths(key);
    if (!meta.encrypted) return { meta, path, start: 0, end: meta.size };
    const sealed = await readSealing(path, meta.size + MAGIC.length + IV_BYTES + TAG_BYTES);
    return sealed && { meta, path, ...sealed };
  }

  /** Keys of the complete entries kept (past retention or not). */
  async keys(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.#o.dir);
    } catch {
      return [];
    }
    const keys: string[] = [];
    for (const name of names) {
      if (!name.endsWith('.json') || name.startsWith(TMP_PREFIX)) continue;
      try {
        const meta = JSON.parse(await readFile(join(this.#o.dir, name), 'utf8')) as VaultMeta;
        keys.push(meta.key);
      } catch {
        // removed meanwhile, or not a record
      }
    }
    return keys;
  }

  #openBody(path: string, meta: VaultMeta, size: number): Readable {
    if (!meta.encrypted) return verifiedBody(createReadStream(path), meta);
    const key = this.#o.encryptionKey;
    if (!key) return failedBody('vault entry is encrypted and VAULT_ENCRYPTION_KEY is not set');
    const out = new PassThrough();
    void (async () => {
      const sealed = await readSealing(path, size);
      if (!sealed) throw new Error('not a vault file');
      // GCM authenticates only at the end: verifiedBody holds the last byte back until it has.
      const body = verifiedBody(
        createReadStream(path, { start: sealed.start, end: sealed.end - 1 }),
        meta,
        decipherOf(key, sealed.iv, sealed.tag),
      );
      await pipeline(body, out);
    })().catch((err: unknown) => out.destroy(err as Error));
    return out;
  }

  async putStream(key: string, body: Readable, input: VaultEntryInput, fence?: number): Promise<VaultMeta> {
    // From here `body` is ours: its errors end up in the pipeline below, or it is destroyed.
    try {
      await this.#init();
    } catch (err) {
      body.destroy();
      throw new VaultStorageError(err);
    }
    const paths = this.#paths(key);
    const tmp = join(this.#o.dir, `${TMP_PREFIX}${paths.id}-${randomBytes(6).toString('hex')}`);
    const metered = byteMeter(this.#o.maxBytes);
    const { meter } = metered;
    const key32 = this.#o.encryptionKey;
    /** Storage steps: their failure is the vault's, never the vendor's. */
    const steps = storageSteps();
    const storage = steps.run;
    let file: WriteStream | undefined;
    try {
      // The pipeline hands a failing source's error on to the file too: only the file's own
      // errors (ENOSPC, EIO…) are the vault's
      // (`errored` is set before the pipeline passes the error on.)
      file = createWriteStream(tmp, { mode: 0o600, flags: 'wx' });
      file.once('error', (err) => {
        if (err !== body.errored && err !== meter.errored) steps.record(err);
      });
      if (key32) await pipeline(body, meter, encryptor(key32), file);
      else await pipeline(body, meter, file);
      await storage(() => fsyncPath(tmp));
      const meta = writtenMeta(key, input, metered, this.#now(), key32);
      // A later holder of a Redis lock took over: neither body nor record may replace its work.
      if (fence !== undefined) await this.#checkFence(key, fence, false);
      await storage(() => rename(tmp, paths.body));
      const metaTmp = `${tmp}.json`;
      await storage(async () => {
        const fh = await open(metaTmp, 'wx', 0o600);
        try {
          await fh.writeFile(JSON.stringify(meta));
          await fh.sync();
        } finally {
          await fh.close();
        }
      });
      await storage(() => rename(metaTmp, paths.meta));
      await fsyncPath(this.#o.dir);
      return meta;
    } catch (err) {
      body.destroy();
      // A source that fails at once can beat the file's own (asynchronous) open.
      await untilClosed(file);
      await rm(tmp, { force: true }).catch(() => undefined);
      await rm(`${tmp}.json`, { force: true }).catch(() => undefined);
      if (steps.failed() && !(err instanceof VaultTooLargeError)) {
        throw new VaultStorageError(steps.failure());
      }
      throw err;
    }
  }

  health(): Promise<VaultHealth> {
    return diskHealth(this.#o.dir, this.#o.minFreeBytes ?? this.#o.maxBytes, 'vault directory');
  }

  /** Committed entries (a `.json` record beside its `.bin`), their bytes, and the free space. */
  async usage(): Promise<VaultUsage> {
    const dir = this.#o.dir;
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

  #markPath(key: string): string {
    return join(this.#o.dir, `${this.#paths(key).id}.taking`);
  }

  async readMark(key: string): Promise<TakeMark | undefined> {
    try {
      return JSON.parse(await readFile(this.#markPath(key), 'utf8')) as TakeMark;
    } catch {
      return undefined;
    }
  }

  /**
   * The highest fence that marked `key` (`<id>.fence`): a lower one is refused (FencedError), a
   * higher one recorded when `record`. Narrows, on a shared file system, the window in which a
   * holder whose Redis lock expired could commit; PgVault checks it inside its transaction.
   */
  async #checkFence(key: string, fence: number, record: boolean): Promise<void> {
    const file = join(this.#o.dir, `${this.#paths(key).id}.fence`);
    const stored = Number(await readFile(file, 'utf8').catch(() => '0'));
    if (stored > fence) {
      throw new FencedError(`a later holder of the lock on this archive took over (fence ${fence} is stale)`);
    }
    if (!record || stored === fence) return;
    const tmp = `${join(this.#o.dir, TMP_PREFIX)}${randomBytes(6).toString('hex')}.fence`;
    await writeFile(tmp, String(fence), { mode: 0o600 });
    await rename(tmp, file);
  }

  async mark(key: string, state: TakeMark['state'], reason?: string, fence?: number): Promise<void> {
    await this.#init();
    if (fence !== undefined) await this.#checkFence(key, fence, true);
    const file = this.#markPath(key);
    const tmp = `${join(this.#o.dir, TMP_PREFIX)}${randomBytes(6).toString('hex')}.taking`;
    const mark: TakeMark = {
      state,
      ...(reason ? { reason } : {}),
      at: new Date(this.#now()).toISOString(),
      pid: process.pid,
      host: HOST,
    };
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(JSON.stringify(mark));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  }

  async clearMark(key: string): Promise<void> {
    await rm(this.#markPath(key), { force: true });
  }

  lock(key: string): Promise<LockLease> {
    return this.#lock.acquire(key);
  }

  async delete(key: string): Promise<boolean> {
    const p = this.#paths(key);
    const had = (await this.#readMeta(key)) !== undefined;
    await rm(p.meta, { force: true });
    await rm(p.body, { force: true });
    await this.clearMark(key);
    return had;
  }

  async sweep(): Promise<number> {
    await this.#init();
    let removed = 0;
    const now = this.#now();
    const names = await readdir(this.#o.dir);
    const metas = new Set(names.filter((n) => n.endsWith('.json') && !n.startsWith(TMP_PREFIX)));
    for (const name of names) {
      const full = join(this.#o.dir, name);
      try {
        if (name.startsWith(TMP_PREFIX) || name.endsWith('.lock')) {
          if (now - (await stat(full)).mtimeMs > STALE_TMP_MS) {
            await rm(full, { force: true });
            removed++;
          }
        } else if (name.endsWith('.taking') || name.endsWith('.fence')) {
          // A take's record outlives its archive's retention, not longer.
          if (now - (await stat(full)).mtimeMs > this.#o.retentionMs) {
            await rm(full, { force: true });
            removed++;
          }
        } else if (name.endsWith('.json')) {
          const meta = JSON.parse(await readFile(full, 'utf8')) as VaultMeta;
          if (isExpired(meta.retrievedAt, this.#o.retentionMs, now)) {
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
}

/** The IV and tag of an encrypted vault file of `size` bytes, and its data range; undefined if not one. */
async function readSealing(
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

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic there.
  } finally {
    await fh.close();
  }
}
