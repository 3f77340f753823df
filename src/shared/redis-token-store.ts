/**
 * Vendor tokens shared by replicas (REDIS_URL), encrypted at rest with AES-256-GCM: the key is
 * REDIS_ENCRYPTION_KEY, or derived (HKDF-SHA256) from SIGNING_SECRET, which replicas share
 * anyway for signed links. Someone reading Redis sees neither a token nor which credentials it
 * belongs to: the slot's name is an HMAC of the credential's identity (vendor, token URL, client,
 * secret), and the additional data binds each ciphertext to its slot.
 *
 * Stored value: `v1.<fingerprint>.<iv>.<tag>.<ciphertext>` (base64url), the fingerprint an HMAC of
 * the token so a refused one can be dropped with one compare-and-delete without decrypting in
 * Redis. A value that does not decrypt (another key, damage) reads as absent and is replaced.
 */
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { SharedCredentialStore, StoredCredential } from '../http/token-cache.js';
import type { Secret } from '../settings/secret.js';
import { open, seal } from './redis-crypto.js';
import type { SharedRedis } from './redis.js';

/** How long a renewal lock holds when its replica dies mid-fetch. */
const LOCK_MS = 15_000;

/** Deletes KEYS[1] if its value is ARGV[1] (a lock's owner token). */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
/** Deletes KEYS[1] if its value starts with ARGV[1] (a token's fingerprint). */
const DROP = `local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, string.len(ARGV[1])) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

interface WithScripts {
  vgReleaseIfOwner(key: string, owner: string): Promise<number>;
  vgDropIfFingerprint(key: string, prefix: string): Promise<number>;
}

/** REDIS_ENCRYPTION_KEY, or a key derived from SIGNING_SECRET for this one purpose. */
export function tokenEncryptionKey(configured: Buffer | undefined, signingSecret: Secret): Buffer {
  if (configured) return configured;
  return Buffer.from(
    hkdfSync('sha256', signingSecret.reveal(), 'vendor-gateway', 'redis vendor-token encryption v1', 32),
  );
}

const b64 = (b: Buffer) => b.toString('base64url');

export class RedisCredentialStore implements SharedCredentialStore {
  readonly #slot: string;
  readonly #lock: string;

  constructor(
    private readonly redis: SharedRedis,
    private readonly key: Buffer,
    /** The vendor key, readable in Redis for operators. */
    vendor: string,
    /** Everything that makes this credential distinct (URL, client id, secret); only its HMAC is used. */
    identity: readonly string[],
  ) {
    const id = createHmac('sha256', key)
      .update(`slot\0${JSON.stringify(identity)}`)
      .digest();
    this.#slot = `token:${vendor}:${b64(id).slice(0, 22)}`;
    this.#lock = `${this.#slot}:lock`;
    const client = redis.client;
    if (!('vgReleaseIfOwner' in client))
      client.defineCommand('vgReleaseIfOwner', { numberOfKeys: 1, lua: RELEASE });
    if (!('vgDropIfFingerprint' in client))
      client.defineCommand('vgDropIfFingerprint', { numberOfKeys: 1, lua: DROP });
  }

  /** The Redis key (without REDIS_KEY_PREFIX) the encrypted credential is kept under. */
  get slot(): string {
    return this.#slot;
  }

  #up(): void {
    if (!this.redis.ready()) throw new Error('redis unavailable');
  }

  #fingerprint(value: string): string {
    return b64(createHmac('sha256', this.key).update(`fp\0${value}`).digest()).slice(0, 22);
  }

  async read(): Promise<StoredCredential | undefined> {
    this.#up();
    const raw = await this.redis.client.get(this.#slot);
    return raw === null ? undefined : this.#open(raw);
  }

  async write(c: StoredCredential): Promise<void> {
    this.#up();
    const plain = JSON.stringify({ v: c.value, e: Number.isFinite(c.expiresAt) ? c.expiresAt : null });
    const { iv, tag, ct } = seal(this.key, this.#slot, plain);
    const sealed = `v1.${this.#fingerprint(c.value)}.${b64(iv)}.${b64(tag)}.${b64(ct)}`;
    const life = c.expiresAt - Date.now();
    if (Number.isFinite(life)) {
      if (life <= 0) return;
      await this.redis.client.set(this.#slot, sealed, 'PX', Math.ceil(life));
    } else {
      await this.redis.client.set(this.#slot, sealed);
    }
  }

  async lock(): Promise<(() => Promise<void>) | undefined> {
    this.#up();
    const owner = b64(randomBytes(16));
    const taken = await this.redis.client.set(this.#lock, owner, 'PX', LOCK_MS, 'NX');
    if (taken !== 'OK') return undefined;
    return async () => {
      await (this.redis.client as unknown as WithScripts).vgReleaseIfOwner(this.#lock, owner);
    };
  }

  async drop(value: string): Promise<void> {
    this.#up();
    await (this.redis.client as unknown as WithScripts).vgDropIfFingerprint(
      this.#slot,
      `v1.${this.#fingerprint(value)}.`,
    );
  }

  #open(raw: string): StoredCredential | undefined {
    const [version, , iv, tag, ct] = raw.split('.');
    if (version !== 'v1' || !iv || !tag || ct === undefined) return undefined;
    const plain = open(this.key, this.#slot, {
      iv: Buffer.from(iv, 'base64url'),
      tag: Buffer.from(tag, 'base64url'),
      ct: Buffer.from(ct, 'base64url'),
    });
    if (!plain) return undefined;
    try {
      const { v, e } = JSON.parse(plain.toString('utf8')) as { v: unknown; e: unknown };
      if (typeof v !== 'string') return undefined;
      return { value: v, expiresAt: typeof e === 'number' ? e : Number.POSITIVE_INFINITY };
    } catch {
      return undefined;
    }
  }
}
