/**
 * The vault's tables in DATABASE_SCHEMA, migrated at start: versioned (a `schema_migrations`
 * table), idempotent (a version applied is never applied again; each runs in its own
 * transaction), and safe with replicas starting together (a session advisory lock per schema
 * around the whole run: the second replica waits, then finds nothing left to do).
 */
import type pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  /** The statements, given the quoted schema name. */
  sql: (s: string) => string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'vault archives, chunks, takes and fences',
    sql: (s) => `
      CREATE TABLE ${s}.vault_archives (
        key          text PRIMARY KEY,
        size         bigint NOT NULL,
        sha256       text NOT NULL,
        content_type text NOT NULL,
        file_name    text,
        attributes   jsonb,
        retrieved_at timestamptz NOT NULL,
        taken_by     text NOT NULL,
        encrypted    boolean NOT NULL,
        key_id       text,
        iv           bytea,
        tag          bytea,
        fence        bigint
      );
      CREATE INDEX vault_archives_retrieved_at ON ${s}.vault_archives (retrieved_at);
      CREATE TABLE ${s}.vault_chunks (
        key  text NOT NULL,
        seq  integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (key, seq)
      );
      CREATE TABLE ${s}.vault_takes (
        key    text PRIMARY KEY,
        state  text NOT NULL CHECK (state IN ('taking', 'receiving', 'lost')),
        reason text,
        at     timestamptz NOT NULL,
        pid    integer NOT NULL,
        host   text NOT NULL
      );
      CREATE TABLE ${s}.vault_fences (
        key   text PRIMARY KEY,
        fence bigint NOT NULL,
        at    timestamptz NOT NULL
      );`,
  },
];

/** A schema name (already checked by settings: lower-case identifier) as a quoted identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Applies every migration not applied yet; returns the versions applied by this call. */
export async function migrate(pool: pg.Pool, schema: string): Promise<number[]> {
  const s = quoteIdent(schema);
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`vendor-gateway migrate ${schema}`]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
           version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const done = new Set(
        (await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)).rows.map(
          (r) => r.version,
        ),
      );
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql(s));
          await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
            m.version,
            m.name,
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
        applied.push(m.version);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`vendor-gateway migrate ${schema}`]);
    }
  } finally {
    client.release();
  }
  return applied;
}
