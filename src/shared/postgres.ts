/**
 * The PostgreSQL pool of a replica (DATABASE_URL), used by the vault when archives are kept in
 * the database. Every connection's search_path is DATABASE_SCHEMA (created by the migrations);
 * session settings given in the URL (`?options=-c …`) are kept alongside it.
 *
 * Connections one gateway opens: at most `max` (DATABASE_POOL_MAX) for the pool, plus the one
 * session of the vault's advisory locks when there is no Redis (pg-lock.ts). A query waits at most
 * `connectTimeoutMs` (DATABASE_CONNECT_TIMEOUT) for a pool connection or a new one to open.
 */
import pg from 'pg';
import type { Logger } from '../observability/logger.js';
import type { Secret } from '../settings/secret.js';

export interface SharedPostgres {
  readonly pool: pg.Pool;
  /** DATABASE_SCHEMA: a checked SQL identifier (settings), safe to quote into statements. */
  readonly schema: string;
  close(): Promise<void>;
}

export interface PostgresLimits {
  /** DATABASE_POOL_MAX (default 10). */
  max?: number;
  /** DATABASE_CONNECT_TIMEOUT (default 5 s). */
  connectTimeoutMs?: number;
}

export function connectPostgres(
  url: Secret,
  schema: string,
  logger: Logger,
  limits: PostgresLimits = {},
): SharedPostgres {
  const connectionString = url.reveal();
  const given = urlOptions(connectionString);
  const pool = new pg.Pool({
    connectionString,
    max: limits.max ?? 10,
    connectionTimeoutMillis: limits.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    // A dead peer (a cut network) is noticed by the kernel, not only at the next query.
    keepAlive: true,
    options: [given, `-c search_path=${schema}`].filter(Boolean).join(' '),
  });
  // An idle client's error (server restart) must not kill the process; the pool replaces it.
  // A checked-out client's error is its borrower's to handle (PgVault's transactions do).
  pool.on('error', (err) => logger.warn('postgres connection lost', { error: err.message }));
  return {
    pool,
    schema,
    async close() {
      await pool.end();
    },
  };
}

/** The URL's `options` parameter (libpq's session settings, `-c name=value …`), if any. */
function urlOptions(connectionString: string): string | undefined {
  try {
    return new URL(connectionString).searchParams.get('options') ?? undefined;
  } catch {
    return undefined; // not a URL (a key=value string): the pool parses it, without options here
  }
}
