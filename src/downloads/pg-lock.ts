/**
 * The once-only lock of a PostgreSQL vault without Redis: PostgreSQL session advisory locks.
 */
import pg from 'pg';
import type { LockLease, VaultLock } from './vault-lock.js';

/**
 * The lock of a PostgreSQL vault without Redis: a session advisory lock on a connection of its own
 * (never one of the pool's, which the take itself needs), freed by PostgreSQL when the holder's
 * connection dies. No fence: the lock cannot outlive its holder's connection.
 */
export class PgAdvisoryLock implements VaultLock {
  constructor(private readonly pool: pg.Pool) {}

  async acquire(key: string): Promise<LockLease> {
    const id = `vendor-gateway vault ${key}`;
    const client = new pg.Client(this.pool.options);
    client.on('error', () => undefined); // a lost connection frees the lock; the take's own queries report it
    await client.connect();
    try {
      for (;;) {
        const { rows } = await client.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_lock(hashtext($1)) AS ok',
          [id],
        );
        if (rows[0]?.ok === true) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    return {
      fence: undefined,
      release: async () => {
        await client.end().catch(() => undefined); // ending the session releases its advisory lock
      },
    };
  }
}
