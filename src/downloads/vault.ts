/**
 * The vault: where files that a vendor hands out only once are kept. An entry becomes visible
 * only when complete: the body is streamed to a temporary file (hashed as it streams, size-capped,
 * optionally encrypted with AES-256-GCM), fsynced and renamed into place, and only then is its
 * metadata written (tmp + fsync + rename). The metadata file is the commit marker: a body without
 * one (a crash mid-write) is never served and is removed by the sweep.
 *
 * The interface is small (get, putStream, has, delete, sweep) so that a store shared by several
 * gateway replicas (S3, a database) can implement it later.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface VaultEntryInput {
  contentType: string;
  fileName: string | undefined;
  /** Free-form, non-secret attributes kept with the entry (e.g. ROMA's apps/tasks). */
  attributes?: Record<string, unknown>;
}

export interface VaultMeta extends VaultEntryInput {
  key: string;
  size: number;
  sha256: string;
  retrievedAt: string;
  encrypted: boolean;
}

export interface VaultEntry {
  meta: VaultMeta;
  /** The plaintext bytes, exactly as received. */
  open(): Readable;
}

export interface Vault {
  get(key: string): Promise<VaultEntry | undefined>;
  has(key: string): Promise<boolean>;
  /** Stores `body` under `key`; visible to `get` only once it is complete and durable. */
  putStream(key: string, body: Readable, input: VaultEntryInput): Promise<VaultMeta>;
  delete(key: string): Promise<void>;
  /** Removes entries past retention and leftovers of interrupted writes; returns how many. */
  sweep(): Promise<number>;
  /**
   * An exclusive lock on `key` across every process sharing this vault (gateway replicas), so a
   * once-only fetch happens once. Resolves to the release function.
   */
  lock(key: string): Promise<() => Promise<void>>;
}

export class VaultTooLargeError extends Error {}

const MAGIC = Buffer.from('VGV1'); // vendor-gateway vault, format 1
const IV_BYTES = 12;
const TAG_BYTES = 16;
const TMP_PREFIX = '.tmp-';
const STALE_TMP_MS = 60 * 60_000;
/** A lock not refreshed for this long belongs to a process that died. */
const STALE_LOCK_MS = 60_000;
const LOCK_REFRESH_MS = 15_000;
const LOCK_POLL_MS = 50;

export interface DirectoryVaultOptions {
  dir: string;
  encryptionKey?: Buffer | undefined;
  retentionMs: number;
  maxBytes: number;
  now?: () => number;
}

export class DirectoryVault implements Vault {
  readonly #o: DirectoryVaultOptions;
  #ready: Promise<void> | undefined;

  constructor(opts: DirectoryVaultOptions) {
    this.#o = opts;
  }

  #now(): number {
    return this.#o.now?.() ?? Date.now();
  }

  #init(): Promise<void> {
    this.#ready ??= mkdir(this.#o.dir, { recursive: true, mode: 0o700 }).then(() => undefined);
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
    await this.#init();
    const meta = await this.#readMeta(key);
    if (!meta) return undefined;
    if (Date.parse(meta.retrievedAt) + this.#o.retentionMs <= this.#now()) return undefined;
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

  #openBody(path: string, meta: VaultMeta, size: number): Readable {
    if (!meta.encrypted) return createReadStream(path);
    const key = this.#o.encryptionKey;
    const out = new PassThrough();
    if (!key) {
      queueMicrotask(() =>
        out.destroy(new Error('vault entry is encrypted and VAULT_ENCRYPTION_KEY is not set')),
      );
      return out;
    }
    void (async () => {
      const fh = await open(path, 'r');
      try {
        const head = Buffer.alloc(MAGIC.length + IV_BYTES);
        await fh.read(head, 0, head.length, 0);
        const tag = Buffer.alloc(TAG_BYTES);
        await fh.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
        if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a vault file');
        const decipher = createDecipheriv('aes-256-gcm', key, head.subarray(MAGIC.length));
        decipher.setAuthTag(tag);
        // GCM authenticates only at the end: hold the last byte back until it has, so a tampered
        // file can never be delivered complete (its Content-Length is never reached).
        await pipeline(
          createReadStream(path, { start: head.length, end: size - TAG_BYTES - 1 }),
          decipher,
          holdLastByte(),
          out,
        );
      } finally {
        await fh.close();
      }
    })().catch((err: unknown) => out.destroy(err as Error));
    return out;
  }

  async putStream(key: string, body: Readable, input: VaultEntryInput): Promise<VaultMeta> {
    await this.#init();
    const paths = this.#paths(key);
    const tmp = join(this.#o.dir, `${TMP_PREFIX}${paths.id}-${randomBytes(6).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const max = this.#o.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > max) return cb(new VaultTooLargeError(`file is larger than VAULT_MAX_BYTES (${max})`));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const key32 = this.#o.encryptionKey;
    try {
      const file = createWriteStream(tmp, { mode: 0o600, flags: 'wx' });
      if (key32) await pipeline(body, meter, encryptor(key32), file);
      else await pipeline(body, meter, file);
      await fsyncPath(tmp);
      const meta: VaultMeta = {
        ...input,
        key,
        size,
        sha256: hash.digest('hex'),
        retrievedAt: new Date(this.#now()).toISOString(),
        encrypted: key32 !== undefined,
      };
      await rename(tmp, paths.body);
      const metaTmp = `${tmp}.json`;
      const fh = await open(metaTmp, 'wx', 0o600);
      try {
        await fh.writeFile(JSON.stringify(meta));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(metaTmp, paths.meta);
      await fsyncPath(this.#o.dir);
      return meta;
    } catch (err) {
      await rm(tmp, { force: true });
      await rm(`${tmp}.json`, { force: true });
      throw err;
    }
  }

  async lock(key: string): Promise<() => Promise<void>> {
    await this.#init();
    const file = join(this.#o.dir, `${this.#paths(key).id}.lock`);
    for (;;) {
      try {
        const fh = await open(file, 'wx', 0o600);
        await fh.writeFile(JSON.stringify({ pid: process.pid, at: this.#now() }));
        await fh.close();
        // Keep the lock fresh while held, so others can tell a live holder from a dead one.
        const refresh = setInterval(() => {
          const t = new Date();
          void utimes(file, t, t).catch(() => undefined);
        }, LOCK_REFRESH_MS);
        refresh.unref();
        return async () => {
          clearInterval(refresh);
          await rm(file, { force: true });
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      try {
        if (Date.now() - (await stat(file)).mtimeMs > STALE_LOCK_MS) await rm(file, { force: true });
      } catch {
        // released meanwhile: try again
      }
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }

  async delete(key: string): Promise<void> {
    const p = this.#paths(key);
    await rm(p.meta, { force: true });
    await rm(p.body, { force: true });
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
        } else if (name.endsWith('.json')) {
          const meta = JSON.parse(await readFile(full, 'utf8')) as VaultMeta;
          if (Date.parse(meta.retrievedAt) + this.#o.retentionMs <= now) {
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

function holdLastByte(): Transform {
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      const all = held ? Buffer.concat([held, chunk]) : chunk;
      held = all.subarray(all.length - 1);
      cb(null, all.length > 1 ? all.subarray(0, all.length - 1) : undefined);
    },
    flush(cb) {
      cb(null, held);
    },
  });
}

/** AES-256-GCM as one stream: magic + IV first, ciphertext, then the 16-byte tag at the end. */
function encryptor(key: Buffer): Transform {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (!started) {
        started = true;
        this.push(Buffer.concat([MAGIC, iv]));
      }
      cb(null, cipher.update(chunk));
    },
    flush(cb) {
      if (!started) this.push(Buffer.concat([MAGIC, iv]));
      this.push(cipher.final());
      cb(null, cipher.getAuthTag());
    },
  });
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
