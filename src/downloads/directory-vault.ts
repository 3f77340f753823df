/**
 * The directory vault (VAULT_DIR): an entry becomes visible only when complete. The body is
 * streamed to a temporary file (hashed as it streams, size-capped, optionally encrypted with
 * AES-256-GCM), fsynced and renamed into place, and only then is its metadata written (tmp + fsync
 * + rename). The metadata file is the commit marker: a body without one (a crash mid-write) is
 * never served and is removed by the sweep.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { untilClosed } from '../shared/streams.js';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
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
import {
  directoryUsage,
  entryPaths,
  fsyncPath,
  readSealing,
  recordKeys,
  type StoredFile,
  sweepDirectory,
  TMP_PREFIX,
  writeSynced,
} from './directory-files.js';
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

  #paths(key: string) {
    return entryPaths(this.#o.dir, key);
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
  keys(): Promise<string[]> {
    return recordKeys(this.#o.dir);
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
      await storage(() => writeSynced(metaTmp, JSON.stringify(meta)));
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

  /** Committed entries, their bytes, and the free space. */
  usage(): Promise<VaultUsage> {
    return directoryUsage(this.#o.dir);
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
    await writeSynced(tmp, JSON.stringify(mark));
    await rename(tmp, file);
  }

  async clearMark(key: string): Promise<void> {
    await rm(this.#markPath(key), { force: true });
  }

  async sweep(): Promise<number> {
    await this.#init();
    return sweepDirectory(this.#o.dir, this.#o.retentionMs, this.#now());
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
}
