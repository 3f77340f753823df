/**
 * The vault's encryption at rest and read-back checks, shared by every storage (directory,
 * PostgreSQL): AES-256-GCM, a public check value of the key, and a tail check that holds the last
 * byte back until size and sha256 match the record.
 */
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { type VaultMeta, VaultTooLargeError } from './vault.js';

export const MAGIC = Buffer.from('VGV1'); // vendor-gateway vault, format 1
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** A public check value of a vault key, so an entry sealed with another key is told apart at once. */
export function keyCheck(key: Buffer): string {
  return createHmac('sha256', key).update('vendor-gateway vault key check').digest('hex').slice(0, 16);
}

/**
 * Passes the plaintext through, holding the last byte back until the whole file is in and its
 * size and sha256 match the record: a file that does not match never reaches its Content-Length.
 */
export function verifyTail(meta: VaultMeta): Transform {
  let held: Buffer | undefined;
  let size = 0;
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (chunk.length === 0) return cb();
      size += chunk.length;
      hash.update(chunk);
      if (held) this.push(held); // no copying: the held byte goes out ahead of the next chunk
      held = chunk.subarray(chunk.length - 1);
      cb(null, chunk.length > 1 ? chunk.subarray(0, chunk.length - 1) : undefined);
    },
    flush(cb) {
      if (size !== meta.size || hash.digest('hex') !== meta.sha256) {
        cb(new Error('vault entry does not match its recorded size and sha256'));
        return;
      }
      cb(null, held);
    },
  });
}

/** AES-256-GCM as one stream: magic + IV first, ciphertext, then the 16-byte tag at the end. */
export function encryptor(key: Buffer): Transform {
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

/**
 * The meter every vault write streams through: counts and hashes the plain bytes, and fails the
 * stream with VaultTooLargeError past `max` (VAULT_MAX_BYTES). Read `size()` and `sha256()` once
 * the pipeline is done.
 */
export function byteMeter(max: number): { meter: Transform; size(): number; sha256(): string } {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > max) return cb(new VaultTooLargeError(`file is larger than VAULT_MAX_BYTES (${max})`));
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  let digest: string | undefined;
  return { meter, size: () => size, sha256: () => (digest ??= hash.digest('hex')) };
}
