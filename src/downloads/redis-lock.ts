/**
 * The once-only lock of replicas on several hosts (REDIS_URL): `SET key token NX PX ttl` with a
 * random token, renewed while held (compare-and-pexpire), released by compare-and-delete, so only
 * the holder can extend or release it and a holder that dies releases it when the expiry passes.
 *
 * Each grant also takes a fencing token from one counter that only grows (`INCR`): the vault
 * records the highest fence that marked a key and refuses to commit for a lower one, so a holder
 * whose lock expired (a long GC pause, a partition) cannot commit over its successor.
 *
 * Redis unreachable → LockUnavailableError at once: the caller refuses the once-only download
 * (VAULT_UNAVAILABLE, LOCK_UNAVAILABLE) rather than risk a second one.
 */
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../observability/logger.js';
import type { SharedRedis } from '../shared/redis.js';
import { type LockLease, LockUnavailableError, type VaultLock } from './vault-lock.js';

/** Extends the expiry only while the token is still ours. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the lock only while the token is still ours. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** How long an acquire waits for a connection that is (re)connecting before it refuses. */
const READY_WAIT_MS = 2_000;

function untilReady(redis: SharedRedis, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    redis.client.once('ready', done);
  });
}

export interface RedisLockOptions {
  ttlMs: number;
  /** How often a waiter tries again (default 50 ms). */
  pollMs?: number;
  logger?: Logger;
}

export class RedisLock implements VaultLock {
  constructor(
    private readonly redis: SharedRedis,
    private readonly opts: RedisLockOptions,
  ) {}

  async acquire(key: string): Promise<LockLease> {
    const id = createHash('sha256').update(key).digest('hex');
    const lockKey = `vault:lock:${id}`;
    const token = randomBytes(16).toString('hex');
    const { client } = this.redis;
    const ttl = Math.max(1_000, Math.round(this.opts.ttlMs));
    // Just started or reconnecting: give the connection a moment before refusing.
    if (!this.redis.ready()) await untilReady(this.redis, READY_WAIT_MS);
    for (;;) {
      if (!this.redis.ready()) throw new LockUnavailableError('Redis is not connected');
      let got: string | null;
      try {
        got = await client.set(lockKey, token, 'PX', ttl, 'NX');
      } catch (err) {
        throw new LockUnavailableError(`Redis failed: ${(err as Error).message}`, { cause: err });
      }
      if (got === 'OK') break;
      await sleep(this.opts.pollMs ?? 50);
    }
    const release = async () => {
      await client.eval(RELEASE, 1, lockKey, token).catch(() => undefined); // expires anyway
    };
    let fence: number;
    try {
      fence = await client.incr('vault:fence');
    } catch (err) {
      await release();
      throw new LockUnavailableError(`Redis failed: ${(err as Error).message}`, { cause: err });
    }
    const renew = setInterval(
      () => {
        client.eval(RENEW, 1, lockKey, token, ttl).then(
          (n) => {
            if (n === 0) {
              clearInterval(renew);
              this.opts.logger?.warn('once-only lock lost (expired): the vault will refuse this commit', {
                fence,
              });
            }
          },
          // Redis down for a moment: try again next time; the fence guards the commit meanwhile.
          () => undefined,
        );
      },
      Math.max(100, Math.floor(ttl / 3)),
    );
    renew.unref();
    return {
      fence,
      release: async () => {
        clearInterval(renew);
        await release();
      },
    };
  }
}
