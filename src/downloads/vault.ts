/**
 * The vault: where files that a vendor hands out only once are kept. This module is its contract
 * (the `Vault` interface and the types every storage shares); the storages live apart:
 * - directory-vault.ts: `DirectoryVault` (VAULT_DIR, one host or a shared file system);
 * - pg-vault.ts: `PgVault` (DATABASE_URL, replicas on several hosts);
 * the code both share in vault-entry.ts (retention, key check, verified read, disk capacity), and
 * the locks apart (vault-lock.ts: file lock; redis-lock.ts: Redis lock with fencing; pg-lock.ts:
 * PostgreSQL advisory locks).
 *
 * Every storage makes an entry visible only when it is complete and durable, and checks its
 * recorded size and sha256 as the bytes go out.
 */
import type { Readable } from 'node:stream';
import type { VaultProblem } from '../foundations/errors.js';
import type { LockLease } from './vault-lock.js';

export interface VaultEntryInput {
  contentType: string;
  fileName: string | undefined;
  /** Free-form, non-secret attributes kept with the entry (e.g. the apps and tasks an archive holds). */
  attributes?: Record<string, unknown>;
}

export interface VaultMeta extends VaultEntryInput {
  key: string;
  size: number;
  sha256: string;
  retrievedAt: string;
  encrypted: boolean;
  /** A public check value of the key that sealed an encrypted entry (never the key). */
  keyCheck?: string;
}

/** Whether the vault can take a once-only file now (for /readyz and before each take). */
export type VaultHealth =
  | { ok: true; freeBytes: number; minFreeBytes: number }
  | { ok: false; reason: VaultProblem; message: string; freeBytes?: number; minFreeBytes: number };

/**
 * What the vault remembers about a once-only take that has no entry (yet): `taking` = the vendor
 * was asked and has not answered; `receiving` = the vendor started sending, so it counts the file
 * as taken; `lost` = the take failed after that (`reason`). A `receiving` mark left by a process
 * that died says the same as `lost`: the vendor gave the file out and the gateway does not have it.
 */
export interface TakeMark {
  state: 'taking' | 'receiving' | 'lost';
  reason?: string;
  at: string;
  pid: number;
  host: string;
}

/** What a vault holds now (for metrics). */
export interface VaultUsage {
  entries: number;
  bytes: number;
  /** Free space on the local file system the vault writes to, when it has one. */
  freeBytes?: number;
}

export interface VaultEntry {
  meta: VaultMeta;
  /** The plaintext bytes, exactly as received. */
  open(): Readable;
}

export interface Vault {
  /** The complete entry, or undefined; VaultUnavailableError (KEY_MISMATCH) when it cannot be read. */
  get(key: string): Promise<VaultEntry | undefined>;
  has(key: string): Promise<boolean>;
  /**
   * Stores `body` under `key`; visible to `get` only once it is complete and durable. With a
   * `fence` (the lock's fencing token), a storage that keeps fences refuses to commit (FencedError)
   * when a later holder of the lock has marked the key since.
   */
  putStream(key: string, body: Readable, input: VaultEntryInput, fence?: number): Promise<VaultMeta>;
  /** Removes the entry and any take mark; true when there was an entry. */
  delete(key: string): Promise<boolean>;
  /** Removes entries past retention and leftovers of interrupted writes; returns how many. */
  sweep(): Promise<number>;
  /**
   * An exclusive lock on `key` across every process sharing this vault (gateway replicas), so a
   * once-only fetch happens once.
   */
  lock(key: string): Promise<LockLease>;
  /** Writable, and at least the configured free space: checked before each once-only take. */
  health(): Promise<VaultHealth>;
  /** The mark of a take with no entry, if any (see TakeMark). */
  readMark(key: string): Promise<TakeMark | undefined>;
  /** Records a take's progress durably (written before the vendor is asked); `fence` as putStream. */
  mark(key: string, state: TakeMark['state'], reason?: string, fence?: number): Promise<void>;
  clearMark(key: string): Promise<void>;
  /**
   * Prepares the storage (a directory: created; PostgreSQL: tables migrated). Called at start;
   * every other method prepares it on first use too, so a failure here is retried then.
   */
  migrate(): Promise<void>;
  /** Entries and bytes kept (committed entries only). */
  usage(): Promise<VaultUsage>;
  /** Releases connections (PgVault); nothing for a directory. */
  close?(): Promise<void>;
}

export class VaultTooLargeError extends Error {}

/** The vault's own storage failed (ENOSPC, EACCES, EROFS, EIO…), as opposed to the incoming body. */
export class VaultStorageError extends Error {
  readonly errno: string | undefined;
  constructor(cause: unknown) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    super(`vault storage failed${code ? ` (${code})` : ''}`, { cause });
    this.errno = code;
  }
}

/** A later holder of the key's lock has taken over: this (expired) holder must not commit. */
export class FencedError extends Error {}

export type { LockLease, VaultLock } from './vault-lock.js';
