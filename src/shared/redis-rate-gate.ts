/**
 * A vendor's `{VENDOR}_MAX_RPS` counted across every replica on one Redis. Request starts are
 * spaced evenly, `1/rate` apart, by a GCRA-style reservation (one Lua script on Redis's own
 * clock): each start reserves the next free slot and waits for it, so no one-second window holds
 * more than the limit however many replicas ask, with one Redis round trip per request and no
 * herd of retries. Bursts are not allowed on purpose: a fixed window counter
 * (rate-limiter-flexible's RateLimiterRedis) or a bursty bucket lets up to twice the limit
 * through around a window's edge, and network jitter between replicas and the vendor turns
 * back-to-back bursts into overfull seconds at the vendor.
 *
 * Redis down or failing: `acquire` resolves false and the Limiter spaces requests with its own
 * local bucket, so each replica then keeps to the limit on its own (N replicas: up to N × limit).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RateGate } from '../http/limiter.js';
import type { SharedRedis } from './redis.js';

/**
 * KEYS[1]: the vendor's next free slot (ms, Redis clock). ARGV[1]: the interval between starts
 * (ms). Reserves a slot and returns how long to wait for it, in ms (a decimal string).
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local slot = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), now)
redis.call('SET', KEYS[1], string.format('%.3f', slot + interval), 'PX', math.ceil(slot + interval - now) + 1000)
return string.format('%.3f', slot - now)
`;

interface WithReserve {
  vgRateReserve(key: string, intervalMs: number): Promise<string>;
}

export class RedisRateGate implements RateGate {
  readonly #key: string;
  readonly #intervalMs: number;

  constructor(
    private readonly redis: SharedRedis,
    /** The vendor's key: replicas of one deployment share its slot. */
    vendor: string,
    ratePerSecond: number,
  ) {
    this.#key = `rate:${vendor}`;
    this.#intervalMs = 1000 / ratePerSecond;
    if (!('vgRateReserve' in redis.client))
      redis.client.defineCommand('vgRateReserve', { numberOfKeys: 1, lua: RESERVE });
  }

  async acquire(): Promise<boolean> {
    if (!this.redis.ready()) return false;
    let waitMs: number;
    try {
      const client = this.redis.client as unknown as WithReserve;
      waitMs = Number(await client.vgRateReserve(this.#key, this.#intervalMs));
    } catch {
      return false;
    }
    // The slot is ours whatever happens to Redis meanwhile.
    if (waitMs > 0) await sleep(Math.ceil(waitMs));
    return true;
  }
}
