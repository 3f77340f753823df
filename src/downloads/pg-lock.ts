/**
 * The once-only lock of a PostgreSQL vault without Redis: session advisory locks, all held on ONE
 * connection of the lock's own (never one of the pool's, which the takes need), so the database
 * connections of a gateway stay bounded by DATABASE_POOL_MAX + 1 however many takes run at once.
 *
 * A session holds an advisory lock reentrantly, so the process itself keeps one holder per key
 * (waiters queue here); other replicas are kept out by PostgreSQL. A waiter tries again with a
 * growing pause (50 ms to 1 s) and gives up after `waitMs` (DATABASE_LOCK_WAIT) with
 * LockUnavailableError: the vendor is then not asked. The session's 'error' is handled here: when it
 * drops, PostgreSQL frees its locks; the next use opens a new session and takes the locks still
 * held here again where it can. No fence: the storage never refuses a holder's commit for it (a
 * second holder finds the first one's take mark and does not ask the vendor again).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Logger } from '../observability/logger.js';
import { type LockLease, LockUnavailableError, type VaultLock } from './vault-lock.js';

const FIRST_POLL_MS = 50;
const MAX_POLL_MS = 1_000;
/** A lock query that hangs (a network that drops packets) fails after this. */
const LOCK_QUERY_TIMEOUT_MS = 15_000;

export interface PgAdvisoryLockOptions {
  /** DATABASE_LOCK_WAIT (default 60 s). */
  waitMs?: number;
  logger?: Logger;
}

export class PgAdvisoryLock implements VaultLock {
  readonly #pool: pg.Pool;
  readonly #waitMs: number;
  readonly #logger: Logger | undefined;
  #session: Promise<pg.Client> | undefined;
  /** Lock ids held by this process, for taking them again on a new session. */
  readonly #held = new Set<string>();
  /** The in-process queue per lock id: the last holder's or waiter's turn. */
  readonly #queue = new Map<string, Promise<void>>();

  constructor(pool: pg.Pool, opts: PgAdvisoryLockOptions = {}) {
    this.#pool = pool;
    this.#waitMs = opts.waitMs ?? 60_000;
    this.#logger = opts.logger;
  }

  /** The lock session, opened on first use and again after it dropped. */
  #client(): Promise<pg.Client> {
    if (!this.#session) {
      const session = this.#open();
      this.#session = session;
      session.catch(() => {
        if (this.#session === session) this.#session = undefined;
      });
    }
    return this.#session;
  }

  async #open(): Promise<pg.Client> {
    const client = new pg.Client({ ...this.#pool.options, query_timeout: LOCK_QUERY_TIMEOUT_MS });
    let opened: Promise<pg.Client> | undefined;
    const gone = () => {
      if (opened && this.#session === opened) this.#session = undefined;
    };
    // The lock session's owner: a drop frees its locks in PostgreSQL; the next use reconnects.
    client.on('error', (err) => {
      this.#logger?.warn('vault lock session lost', { error: err.message, held: this.#held.size });
      gone();
    });
    client.on('end', gone);
    await client.connect();
    opened = this.#session;
    for (const id of this.#held) {
      await client.query('SELECT pg_try_advisory_lock(hashtext($1))', [id]).catch(() => undefined);
    }
    return client;
  }

  async acquire(key: string): Promise<LockLease> {
    const id = `vendor-gateway vault ${key}`;
    const deadline = Date.now() + this.#waitMs;
    // This process's turn first (the session would grant the lock to a second holder here).
    const before = this.#queue.get(id) ?? Promise.resolve();
    let done!: () => void;
    const mine = new Promise<void>((resolve) => (done = resolve));
    const turn = before.then(() => mine);
    this.#queue.set(id, turn);
    void turn.then(() => {
      if (this.#queue.get(id) === turn) this.#queue.delete(id);
    });
    try {
      await untilOr(before, deadline, () => new LockUnavailableError(this.#waitedMessage()));
      for (let pause = FIRST_POLL_MS; ; pause = Math.min(MAX_POLL_MS, pause * 2)) {
        if (await this.#try(id)) break;
        if (Date.now() + pause > deadline) throw new LockUnavailableError(this.#waitedMessage());
        await sleep(pause);
      }
    } catch (err) {
      done();
      throw err instanceof LockUnavailableError
        ? err
        : new LockUnavailableError(pgMessage(err), { cause: err });
    }
    this.#held.add(id);
    return {
      fence: undefined,
      release: async () => {
        this.#held.delete(id);
        try {
          const client = await this.#client();
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [id]);
        } catch {
          // A dropped session freed it already.
        } finally {
          done();
        }
      },
    };
  }

  async #try(id: string): Promise<boolean> {
    const client = await this.#client();
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [
      id,
    ]);
    return rows[0]?.ok === true;
  }

  #waitedMessage(): string {
    return `another holder kept the PostgreSQL lock past DATABASE_LOCK_WAIT (${this.#waitMs} ms)`;
  }

  /** Closes the lock session (its locks are freed with it). */
  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    if (session) await (await session.catch(() => undefined))?.end().catch(() => undefined);
  }
}

/** Waits for `p` until `deadline`, else throws `timeout()`. */
async function untilOr(p: Promise<void>, deadline: number, timeout: () => Error): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeout()), Math.max(0, deadline - Date.now()));
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function pgMessage(err: unknown): string {
  const e = err as { code?: string; message?: string } | undefined;
  return `PostgreSQL failed: ${e?.message ?? e?.code ?? String(err)}`;
}
