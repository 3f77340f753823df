/**
 * What every vault storage (directory, PostgreSQL) does alike with an entry: retention, the
 * encryption key check before serving, the verified read (decrypt, then size and sha256 checked
 * with the last byte held back), the disk's capacity check, and telling the storage's own
 * failures apart from the incoming body's.
 */
import { createDecipheriv, type DecipherGCM } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, statfs } from 'node:fs/promises';
import { hostname } from 'node:os';
import { PassThrough, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { VaultUnavailableError } from '../foundations/errors.js';
import { keyCheck, verifyTail } from './vault-crypto.js';
import type { VaultEntryInput, VaultHealth, VaultMeta } from './vault.js';

/** The host named in take marks and records (with the pid). */
export const HOST = hostname();

/** The record of an entry just written: `written` is the byte meter it streamed through. */
export function writtenMeta(
  key: string,
  input: VaultEntryInput,
  written: { size(): number; sha256(): string },
  now: number,
  encryptionKey: Buffer | undefined,
): VaultMeta {
  return {
    ...input,
    key,
    size: written.size(),
    sha256: written.sha256(),
    retrievedAt: new Date(now).toISOString(),
    encrypted: encryptionKey !== undefined,
    ...(encryptionKey ? { keyCheck: keyCheck(encryptionKey) } : {}),
  };
}

/** Whether an entry taken at `retrievedAt` (ISO or epoch ms) is past retention at `now`. */
export function isExpired(retrievedAt: string | number, retentionMs: number, now: number): boolean {
  const at = typeof retrievedAt === 'number' ? retrievedAt : Date.parse(retrievedAt);
  return at + retentionMs <= now;
}

/**
 * Throws VaultUnavailableError (KEY_MISMATCH) when an encrypted entry cannot be opened with the key
 * configured now: never a truncated file behind a success.
 */
export function assertKeyOpens(meta: VaultMeta, current: Buffer | undefined): void {
  if (!meta.encrypted) return;
  if (current && (meta.keyCheck === undefined || meta.keyCheck === keyCheck(current))) return;
  throw new VaultUnavailableError(
    current
      ? 'This archive is kept in the vault sealed with another VAULT_ENCRYPTION_KEY than the one configured now: restore the previous key to serve it.'
      : 'This archive is kept in the vault encrypted, and VAULT_ENCRYPTION_KEY is not set: restore the key to serve it.',
    'KEY_MISMATCH',
  );
}

/** The AES-256-GCM decipher of an entry, its tag set (GCM authenticates only at the end). */
export function decipherOf(key: Buffer, iv: Buffer, tag: Buffer): DecipherGCM {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return decipher;
}

/**
 * The plaintext of an entry as a stream: `source` (stored bytes), through `decipher` when
 * encrypted, then the tail check, so bytes that do not match the record never arrive complete
 * (their Content-Length is never reached). Any failure destroys the returned stream.
 */
export function verifiedBody(source: Readable, meta: VaultMeta, decipher?: Transform): Readable {
  const out = new PassThrough();
  const steps: (Readable | Transform)[] = decipher ? [source, decipher] : [source];
  pipeline([...steps, verifyTail(meta), out]).catch((err: unknown) => out.destroy(err as Error));
  return out;
}

/** A stream that fails at once with `message` (an entry that cannot be opened). */
export function failedBody(message: string): Readable {
  const out = new PassThrough();
  queueMicrotask(() => out.destroy(new Error(message)));
  return out;
}

/**
 * Whether the local directory `dir` can take a once-only file now: writable, and at least
 * `minFreeBytes` free (VAULT_MIN_FREE_BYTES). `what` names it in messages.
 */
export async function diskHealth(dir: string, minFreeBytes: number, what: string): Promise<VaultHealth> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, fsConstants.W_OK); // EROFS even for root on a read-only mount
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return {
      ok: false,
      reason: 'NOT_WRITABLE',
      message: `the ${what} cannot be written (${code})`,
      minFreeBytes,
    };
  }
  let freeBytes: number;
  try {
    const fs = await statfs(dir);
    freeBytes = Number(fs.bavail) * Number(fs.bsize);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    return {
      ok: false,
      reason: 'NOT_WRITABLE',
      message: `the vault's free space cannot be read (${code})`,
      minFreeBytes,
    };
  }
  if (freeBytes < minFreeBytes) {
    return {
      ok: false,
      reason: 'LOW_SPACE',
      message: `the vault has ${freeBytes} bytes free, below VAULT_MIN_FREE_BYTES (${minFreeBytes})`,
      freeBytes,
      minFreeBytes,
    };
  }
  return { ok: true, freeBytes, minFreeBytes };
}

/**
 * Runs storage steps and remembers the first one's failure: a write that fails is the vault's
 * fault (VaultStorageError) only when one of these failed, never when the incoming body did.
 */
export function storageSteps(): {
  run<T>(step: () => Promise<T>): Promise<T>;
  failure(): unknown;
  failed(): boolean;
  record(err: unknown): void;
} {
  let failure: unknown;
  let failed = false;
  const record = (err: unknown) => {
    if (failed) return;
    failed = true;
    failure = err;
  };
  return {
    async run(step) {
      try {
        return await step();
      } catch (err) {
        record(err);
        throw err;
      }
    },
    failure: () => failure,
    failed: () => failed,
    record,
  };
}
