/**
 * AES-256-GCM for what replicas keep in Redis (vendor tokens, cached vendor answers): someone who
 * reads Redis (a dump, a replica, a shared instance) sees neither a token nor a vendor's answer.
 * The additional data binds each ciphertext to the key it is stored under, so a value copied to
 * another key does not decrypt there.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export interface Sealed {
  iv: Buffer;
  tag: Buffer;
  ct: Buffer;
}

/** A key for one purpose, derived (HKDF-SHA256) from the Redis encryption key. */
export function purposeKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, 'vendor-gateway', purpose, 32));
}

export function seal(key: Buffer, boundTo: string, plain: string | Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

/** The plaintext, or undefined when it does not decrypt (another key, another slot, damage). */
export function open(key: Buffer, boundTo: string, s: Sealed): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, s.iv, { authTagLength: 16 });
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(s.tag);
    return Buffer.concat([decipher.update(s.ct), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** `seal`'s result as one binary value: version byte, IV (12), tag (16), ciphertext. */
export function sealToBytes(key: Buffer, boundTo: string, plain: string | Buffer): Buffer {
  const { iv, tag, ct } = seal(key, boundTo, plain);
  return Buffer.concat([VERSION, iv, tag, ct]);
}

/** The plaintext of a `sealToBytes` value, or undefined (another format, key or slot; damage). */
export function openBytes(key: Buffer, boundTo: string, raw: Buffer): Buffer | undefined {
  if (raw.length < 29 || raw[0] !== VERSION[0]) return undefined;
  return open(key, boundTo, { iv: raw.subarray(1, 13), tag: raw.subarray(13, 29), ct: raw.subarray(29) });
}

const VERSION = Buffer.from([1]);
