/**
 * The vault's lock, apart from its storage: one holder per once-only key across every
 * process that shares the vault. `FileLock` is the single-host lock of a directory vault (a lock
 * file, refreshed while held, taken over when its owner died); `RedisLock` (redis-lock.ts) is the
 * lock of replicas on several hosts, with a fencing token the storage checks before it commits.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** A held lock. `fence` grows with every grant of the same lock (undefined: the lock has none). */
export interface LockLease {
  readonly fence: number | undefined;
  release(): Promise<void>;
}

export interface VaultLock {
  /** Waits until this process holds `key`. Throws LockUnavailableError when it cannot tell. */
  acquire(key: string): Promise<LockLease>;
}

/** The lock's own store (Redis) cannot be reached: a once-only take must not go ahead. */
export class LockUnavailableError extends Error {}

/** Locks held by this process (any vault instance): a lock file naming our pid but absent here is stale. */
const heldLocks = new Set<string>();
const HOST = hostname();

/** A lock not refreshed for this long belongs to a process that died. */
const STALE_LOCK_MS = 60_000;
/** A lock file with no readable owner (a crash between create and write) is stale after this. */
const UNREADABLE_LOCK_MS = 5_000;
const LOCK_REFRESH_MS = 15_000;
const LOCK_POLL_MS = 50;

/** Lock files (`<sha256(key)>.lock`) in the vault directory; the sweep removes old leftovers. */
export class FileLock implements VaultLock {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }

  async #init(): Promise<void> {
    await mkdir(this.#dir, { recursive: true, mode: 0o700 });
  }

  async acquire(key: string): Promise<LockLease> {
    await this.#init();
    const id = createHash('sha256').update(key).digest('hex');
    const file = join(this.#dir, `${id}.lock`);
    for (;;) {
      try {
        const fh = await open(file, 'wx', 0o600);
        heldLocks.add(file);
        try {
          await fh.writeFile(JSON.stringify({ pid: process.pid, host: HOST, at: Date.now() }));
        } finally {
          await fh.close();
        }
        // Keep the lock fresh while held, so others can tell a live holder from a dead one.
        const refresh = setInterval(() => {
          const t = new Date();
          void utimes(file, t, t).catch(() => undefined);
        }, LOCK_REFRESH_MS);
        refresh.unref();
        return {
          fence: undefined,
          release: async () => {
            clearInterval(refresh);
            heldLocks.delete(file);
            // A vault gone bad meanwhile must not turn the take's own answer into this failure.
            await rm(file, { force: true }).catch(() => undefined);
          },
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
          heldLocks.delete(file);
          throw err;
        }
      }
      try {
        if (await lockIsStale(file)) {
          await rm(file, { force: true });
          continue; // the owner is gone: take it over at once
        }
      } catch {
        // released meanwhile: try again
      }
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
}

/**
 * Whether a lock's owner is gone: on this host, its process no longer exists (or it names this
 * process, which does not hold it: a restart that got the same pid, as pid 1 in a container);
 * on another host, or when unreadable, it was not refreshed in time.
 */
async function lockIsStale(file: string): Promise<boolean> {
  const { mtimeMs } = await stat(file);
  let owner: { pid?: unknown; host?: unknown } | undefined;
  try {
    owner = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown; host?: unknown };
  } catch {
    owner = undefined;
  }
  const age = Date.now() - mtimeMs;
  if (!owner || typeof owner.pid !== 'number') return age > UNREADABLE_LOCK_MS;
  if (owner.host !== HOST) return age > STALE_LOCK_MS;
  if (owner.pid === process.pid) return !heldLocks.has(file);
  try {
    process.kill(owner.pid, 0);
    return false; // alive
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH'; // EPERM: alive, another user's
  }
}
