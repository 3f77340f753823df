/**
 * What a request sees of the gateway: a leaf module that names no vendor. The per-request context
 * (context.ts) and the schema builder depend on this, never on the composition root (gateway.ts) or
 * on src/vendors; each vendor declares a typed `VendorRef` for its own client and looks it up here.
 */
import type { Authenticator } from '../foundations/auth.js';
import type { Disposer } from '../foundations/disposer.js';
import type { Signer } from '../downloads/signer.js';
import type { Vault, VaultHealth } from '../downloads/vault.js';
import { type VendorName, VendorNotConfiguredError } from '../foundations/errors.js';
import type { VendorCache } from '../http/cache-policy.js';
import type { ResponseCache } from '../http/response-cache.js';
import type { VendorHttp } from '../http/vendor-http.js';
import type { Logger } from '../observability/logger.js';
import type { Observability } from '../observability/index.js';
import type { CallerRateLimiter } from './rate-limit.js';
import type { Settings } from '../settings/load.js';
import type { SharedPostgres } from '../shared/postgres.js';
import type { SharedRedis } from '../shared/redis.js';
import type { RedisTiers } from '../shared/redis-tiers.js';

export type VendorMode = 'LIVE' | 'SANDBOX' | 'NOT_CONFIGURED';

/** What every vendor client has: its one HTTP layer (for circuit state) and a way to close. */
export interface VendorClientBase {
  http: VendorHttp;
  close(): Promise<void>;
}

/** A typed name of one vendor's client: `ctx.gateway.vendors.client(REF)` is that vendor's client class. */
export interface VendorRef<C extends VendorClientBase = VendorClientBase> {
  /** Lower-case key: settings section, readiness check `vendor:<key>`, metrics. */
  readonly key: string;
  /** The `Vendor` enum value (upper case, declared once in the vendor's ref.ts). */
  readonly vendor: VendorName;
  /** Its short name in messages about what it sent ("<name> sent …") and in GraphiQL's example. */
  readonly name: string;
  /** Type only: never set. */
  readonly __client?: C;
}

/**
 * Each vendor's client class, by key. A vendor adds its own next to its module (`declare module
 * '…/graphql/gateway-types.js' { interface VendorClients { <key>: <Client> } }` in its index.ts),
 * so its ref types `vendors.client(REF)` without importing the client, and the client's own files
 * may import the ref for the vendor's identity without an import cycle.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each vendor (declaration merging)
export interface VendorClients {}

/** The client class of the vendor `key` (VendorClientBase for a vendor that declared none). */
export type ClientOf<K extends string> = K extends keyof VendorClients
  ? Extract<VendorClients[K], VendorClientBase>
  : VendorClientBase;

export function vendorRef<const K extends string>(
  key: K,
  vendor: string,
  name: string,
): VendorRef<ClientOf<K>> {
  // The one place a vendor's enum value becomes a VendorName: it is declared in its ref.
  return { key, vendor: vendor as VendorName, name };
}

/** How one vendor is configured in this gateway, and its client when it is. */
export interface VendorHandle<C extends VendorClientBase = VendorClientBase> {
  key: string;
  vendor: VendorName;
  mode: VendorMode;
  baseUrl: string | undefined;
  client: C | undefined;
}

/** The handles of every registered vendor, in registration order. */
export class VendorHandles implements Iterable<VendorHandle> {
  readonly #byKey: ReadonlyMap<string, VendorHandle>;

  constructor(handles: Iterable<VendorHandle>) {
    this.#byKey = new Map([...handles].map((h) => [h.key, h]));
  }

  [Symbol.iterator](): Iterator<VendorHandle> {
    return this.#byKey.values();
  }

  all(): VendorHandle[] {
    return [...this.#byKey.values()];
  }

  get<C extends VendorClientBase>(ref: VendorRef<C>): VendorHandle<C> {
    const handle = this.#byKey.get(ref.key);
    if (!handle) throw new Error(`vendor ${ref.key} is not registered`);
    return handle as VendorHandle<C>;
  }

  /** The client of a vendor, or VENDOR_NOT_CONFIGURED. */
  client<C extends VendorClientBase>(ref: VendorRef<C>): C {
    const handle = this.get(ref);
    if (!handle.client) {
      throw new VendorNotConfiguredError(
        `${handle.vendor} is not configured: set its credentials (the sandbox stands in only outside production, or with SANDBOX=on)`,
        { vendor: handle.vendor },
      );
    }
    return handle.client;
  }
}

/**
 * The long-lived parts of one gateway process: settings (frozen: never changed after start),
 * logger, vendor handles, the URL signer. Built once by `createGateway`; each GraphQL request gets
 * a Context around it.
 */
export interface Gateway {
  readonly settings: Settings;
  logger: Logger;
  vendors: VendorHandles;
  signer: Signer;
  vault: Vault;
  authenticator: Authenticator;
  /** The vendor-response cache and its counters (hits, misses, stale, coalesced, refreshFailures). */
  cache: VendorCache;
  /** The whole-response cache (per caller, as long as the vendor answers in it are fresh). */
  responseCache: ResponseCache;
  /** Metrics, tracing, readiness checks. */
  observability: Observability;
  /** The per-caller rate limit (RATE_LIMIT_RPS), checked at every door; undefined when off. */
  callerLimit: CallerRateLimiter | undefined;
  /**
   * Connections to state shared by replicas, opened when their settings are set: `redis`
   * (REDIS_URL, the one connection of this replica: rates, cache tier, tokens, locks) and
   * `postgres` (DATABASE_URL: the vault's pool).
   */
  shared: {
    redis?: SharedRedis | undefined;
    redisTiers?: RedisTiers | undefined;
    postgres?: SharedPostgres | undefined;
  };
  /** The request headers that carry a caller's own vendor credential (CREDENTIAL_FORWARDING), per vendor. */
  forwardingHeaders: Readonly<Record<VendorName, string>>;
  /** Every resource of this gateway registers its disposal here when it is created. */
  disposer: Disposer;
  /** Where callers reach this gateway: PUBLIC_URL, else the address it listens on once it does. */
  publicUrl(): string;
  /** The server tells the gateway the address it listens on (used when PUBLIC_URL is not set). */
  listening(url: string): void;
  /** Runs the vault's retention sweep now. */
  sweep(): Promise<void>;
  /**
   * The vault's part of readiness: undefined when no vendor keeps files there (none
   * configured), else whether a once-only archive can be taken now and, if not, why.
   */
  vaultReadiness(): Promise<VaultHealth | undefined>;
  /** Disposes of every registered resource, last created first. */
  close(): Promise<void>;
}
