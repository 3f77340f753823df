/**
 * Prometheus metrics (prom-client) in one registry per gateway. GraphQL phases and request
 * durations come from @graphql-yoga/plugin-prometheus (see `yogaPlugins`); the gateway's own
 * series (vendor calls, retries, circuits, queues, loaders, downloads, vault) are declared here.
 * Gauges that describe state (circuits, queues, vault) are read when scraped, never kept up to date.
 */
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { VaultUsage } from '../downloads/vault.js';
import type { CacheCounters } from '../http/cache-policy.js';
import type { ResponseCacheCounters } from '../http/response-cache.js';
import type { CircuitState } from '../http/circuit.js';

/** What the metrics read at scrape time from the rest of the gateway. */
export interface MetricsSources {
  vendors(): { vendor: string; circuit: CircuitState; running: number; queued: number }[];
  /** What the vault holds (its storage knows how to count it). */
  vaultUsage(): Promise<VaultUsage>;
  /** The vendor-response cache's counters per vendor (monotonic since start). */
  cache?(): { vendor: string; counters: CacheCounters }[];
  /** The whole-response cache's counters (monotonic since start). */
  responseCache?(): ResponseCacheCounters;
}

/** The whole-response cache's counters, exported as Prometheus counters read at scrape time. */
const RESPONSE_CACHE_COUNTERS: [keyof ResponseCacheCounters, string, string][] = [
  ['hits', 'gateway_response_cache_hits_total', 'Query answers served whole from the response cache'],
  ['misses', 'gateway_response_cache_misses_total', 'Query answers not in the response cache (executed)'],
  ['stored', 'gateway_response_cache_stored_total', 'Query answers kept by the response cache'],
];

/** The vendor-response cache's counters, exported as Prometheus counters read at scrape time. */
const CACHE_COUNTERS: [keyof CacheCounters, string, string][] = [
  ['hits', 'gateway_cache_hits_total', 'Vendor answers served fresh from the vendor-response cache'],
  [
    'misses',
    'gateway_cache_misses_total',
    'Cacheable vendor reads not in the cache (a vendor call was made)',
  ],
  [
    'stale',
    'gateway_cache_stale_total',
    'Stale cache entries served while one background call refreshed them',
  ],
  [
    'coalesced',
    'gateway_cache_coalesced_total',
    'Vendor reads that joined an identical call already in flight',
  ],
  [
    'refreshFailures',
    'gateway_cache_refresh_failures_total',
    'Background refreshes of a stale entry that failed',
  ],
  [
    'failuresReplayed',
    'gateway_cache_failures_replayed_total',
    'Vendor reads answered with the failure of an identical read moments before, without a vendor call (CACHE_FAILURE_TTL_MS)',
  ],
];

const CIRCUIT_STATES: CircuitState[] = ['CLOSED', 'HALF_OPEN', 'OPEN'];
/** Operation names come from callers: past this many distinct names, the rest count as "other". */
const MAX_OPERATION_NAMES = 200;
/** The three vault gauges share one count of the vault per scrape. */
const VAULT_SCAN_TTL_MS = 1_000;

export class Metrics {
  readonly registry = new Registry();
  readonly #operationNames = new Set<string>();

  readonly requests = new Counter({
    name: 'gateway_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and HTTP status',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'gateway_graphql_request_duration_seconds',
    help: 'GraphQL request time, from arrival to the response headers, by operation name',
    labelNames: ['operation'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'gateway_graphql_errors_total',
    help: 'GraphQL errors answered, by operation name and extensions.code',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });
  readonly vendorCalls = new Counter({
    name: 'gateway_vendor_requests_total',
    help: 'HTTP calls to vendors (every attempt), by vendor, method, outcome and HTTP status',
    labelNames: ['vendor', 'method', 'outcome', 'status'] as const,
    registers: [this.registry],
  });
  readonly vendorLatency = new Histogram({
    name: 'gateway_vendor_request_duration_seconds',
    help: 'Time to a vendor response’s headers (or failure), per attempt',
    labelNames: ['vendor', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly retries = new Counter({
    name: 'gateway_vendor_retries_total',
    help: 'Vendor calls retried, by vendor and reason (status or transport)',
    labelNames: ['vendor', 'reason'] as const,
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'gateway_rate_limited_total',
    help: 'RATE_LIMITED answers, by vendor and source: queue (gateway queue full), upstream (vendor 429), inbound (a caller over its own limit, vendor="")',
    labelNames: ['vendor', 'source'] as const,
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'gateway_dataloader_batch_size',
    help: 'Keys per dataloader batch, by vendor and loader',
    labelNames: ['vendor', 'loader'] as const,
    buckets: [1, 2, 5, 10, 25, 50, 100, 250],
    registers: [this.registry],
  });
  readonly downloadBytes = new Counter({
    name: 'gateway_download_sent_bytes_total',
    help: 'Bytes sent on the download route (headers included)',
    registers: [this.registry],
  });
  readonly downloads = new Counter({
    name: 'gateway_downloads_total',
    help: 'Download route requests, by method and HTTP status',
    labelNames: ['method', 'status'] as const,
    registers: [this.registry],
  });
  readonly downloadsActive = new Gauge({
    name: 'gateway_downloads_active',
    help: 'Download streams open now',
    registers: [this.registry],
  });

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry });
    const vendorGauge = (name: string, help: string, pick: 'running' | 'queued') =>
      new Gauge({
        name,
        help,
        labelNames: ['vendor'] as const,
        registers: [this.registry],
        collect() {
          for (const v of sources.vendors()) this.set({ vendor: v.vendor }, v[pick]);
        },
      });
    vendorGauge('gateway_vendor_in_flight', 'Calls to a vendor in flight now', 'running');
    vendorGauge('gateway_vendor_queue_depth', 'Calls waiting for a slot to a vendor now', 'queued');
    new Gauge({
      name: 'gateway_vendor_circuit_state',
      help: 'Circuit breaker of each vendor: 1 for its current state',
      labelNames: ['vendor', 'state'] as const,
      registers: [this.registry],
      collect() {
        for (const v of sources.vendors())
          for (const s of CIRCUIT_STATES) this.set({ vendor: v.vendor, state: s }, v.circuit === s ? 1 : 0);
      },
    });
    let vault: Promise<VaultUsage> | undefined;
    let vaultAt = 0;
    const usage = () => {
      if (!vault || Date.now() - vaultAt > VAULT_SCAN_TTL_MS) {
        vaultAt = Date.now();
        vault = sources.vaultUsage().catch(() => ({ entries: 0, bytes: 0 }));
      }
      return vault;
    };
    const vaultGauge = (name: string, help: string, pick: keyof VaultUsage) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        async collect() {
          const u = await usage();
          if (u[pick] !== undefined) this.set(u[pick]);
        },
      });
    vaultGauge('gateway_vault_entries', 'Files kept in the vault', 'entries');
    vaultGauge('gateway_vault_bytes', 'Bytes kept in the vault', 'bytes');
    vaultGauge('gateway_vault_free_bytes', 'Free space on the vault’s file system', 'freeBytes');
    const cache = sources.cache;
    if (cache) {
      for (const [pick, name, help] of CACHE_COUNTERS) {
        new Counter({
          name,
          help,
          labelNames: ['vendor'] as const,
          registers: [this.registry],
          collect() {
            // The cache keeps the running totals: the counter mirrors them at each scrape.
            this.reset();
            for (const { vendor, counters } of cache()) this.inc({ vendor }, counters[pick]);
          },
        });
      }
    }
    const responses = sources.responseCache;
    if (responses) {
      for (const [pick, name, help] of RESPONSE_CACHE_COUNTERS) {
        new Counter({
          name,
          help,
          registers: [this.registry],
          collect() {
            this.reset();
            this.inc(responses()[pick]);
          },
        });
      }
    }
  }

  /** A label value for a caller-chosen operation name, with bounded cardinality. */
  operation(name: string | undefined): string {
    if (!name) return '';
    if (!/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(name)) return 'other';
    if (this.#operationNames.has(name)) return name;
    if (this.#operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.#operationNames.add(name);
    return name;
  }

  /** GraphQL phase timings and request durations from the Yoga Prometheus plugin. */
  yogaPlugins(): Plugin[] {
    return [
      usePrometheus({
        registry: this.registry,
        endpoint: false, // served by the gateway itself: own port and token (server.ts)
        skipIntrospection: true,
        // operationName is the caller's free text (even one that names no operation): unbounded
        // label values. Per-operation series are ours, with capped names (gateway_graphql_*).
        labels: {
          operationName: false,
          operationType: true,
          path: false,
          phase: true,
          method: true,
          statusCode: true,
          url: false, // the full URL: a GET's query text, unbounded
        },
        metrics: {
          graphql_envelop_request_duration: true,
          // Off: with Yoga's parse and validation caches these would time cache lookups and our small
          // context factory, at a cost on every request (docs/performance.md). Execution and the whole request are timed below.
          graphql_envelop_phase_parse: false,
          graphql_envelop_phase_validate: false,
          graphql_envelop_phase_context: false,
          graphql_envelop_phase_execute: true,
          graphql_envelop_error_result: true,
          graphql_yoga_http_duration: true,
          graphql_envelop_request: false,
          graphql_envelop_request_time_summary: false,
          graphql_envelop_deprecated_field: false,
          graphql_envelop_schema_change: false,
          graphql_envelop_phase_subscribe: false,
        },
      }),
    ];
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
