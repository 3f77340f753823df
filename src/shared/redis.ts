/**
 * The one Redis connection of a replica (REDIS_URL), shared by every tier that keeps state across
 * replicas: vendor rate limits, the vendor-response cache, vendor tokens, the once-only download locks.
 * Keys always start with REDIS_KEY_PREFIX (tests isolate themselves with their own prefix).
 *
 * Commands fail fast while Redis is down (no offline queue, one attempt): every caller keeps its
 * local tier and goes on, except a once-only download, which refuses rather than risk a
 * second download. ioredis reconnects in the background.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../observability/logger.js';
import type { Secret } from '../settings/secret.js';

export interface SharedRedis {
  /** The client; its key prefix is set, so callers name keys without it. */
  readonly client: Redis;
  /** REDIS_KEY_PREFIX, for the few commands (SCAN, Lua) that see raw key names. */
  readonly prefix: string;
  /** True while the connection is up and ready for commands. */
  ready(): boolean;
  close(): Promise<void>;
}

export function connectRedis(url: Secret, prefix: string, logger: Logger): SharedRedis {
  const client = new Redis(url.reveal(), {
    keyPrefix: prefix,
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // Back off up to 2 s between reconnects, forever: the gateway serves from local tiers meanwhile.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  });
  let lastError = '';
  client.on('error', (err: Error) => {
    // One line per distinct failure, not one per reconnect attempt.
    if (err.message !== lastError) logger.warn('redis unavailable; local tiers only', { error: err.message });
    lastError = err.message;
  });
  client.on('ready', () => {
    if (lastError) logger.info('redis connected again');
    lastError = '';
  });
  return {
    client,
    prefix,
    ready: () => client.status === 'ready',
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
