/**
 * The PostgreSQL pool of a replica (DATABASE_URL), used by the vault when archives are kept in
 * the database. Every connection's search_path is DATABASE_SCHEMA (created by the migrations).
 */
import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Secret } from '../settings/secret.js';

export interface SharedPostgres {
  readonly pool: pg.Pool;
  /** DATABASE_SCHEMA: a checked SQL identifier (settings), safe to quote into statements. */
  readonly schema: string;
  close(): Promise<void>;
}

export function connectPostgres(url: Secret, schema: string, logger: Logger): SharedPostgres {
  const pool = new pg.Pool({
    connectionString: url.reveal(),
    max: 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    options: `-c search_path=${schema}`,
  });
  // An idle client's error (server restart) must not kill the process; the pool replaces it.
  pool.on('error', (err) => logger.warn('postgres connection lost', { error: err.message }));
  return {
    pool,
    schema,
    async close() {
      await pool.end();
    },
  };
}
