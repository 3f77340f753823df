/**
 * The keeper of ROMA's once-only archives. The one vendor download goes straight into the vault
 * (hashed, fsynced, renamed) before any resolver or download sees it; concurrent asks for one
 * archive share one in-flight fetch; and the fetch is not tied to any caller's connection, so a
 * browser tab closing early cannot lose the customer's export.
 *
 * Before ROMA is asked, the vault must be able to hold the archive (writable, VAULT_MIN_FREE_BYTES
 * free): otherwise VAULT_UNAVAILABLE and no vendor call. Each take is recorded in the vault before
 * the call (TakeMark), so an archive ROMA gave out and the gateway could not keep (storage error,
 * shutdown past its grace, a crash) is reported as such, never fetched twice, never half-served.
 * A caller waits at most until its deadline (UPSTREAM_TIMEOUT, `archiveState: FETCHING`): the
 * fetch goes on, and a later ask gets the archive from the vault. Shutdown waits for fetches in
 * flight (VAULT_SHUTDOWN_GRACE_MS).
 */
import { fileNameFromDisposition, safeFileName } from '../../downloads/content-disposition.js';
import type { LockLease, Vault, VaultEntry, VaultMeta } from '../../downloads/vault.js';
import { FencedError, VaultStorageError, VaultTooLargeError } from '../../downloads/vault.js';
import { LockUnavailableError } from '../../downloads/vault-lock.js';
import {
  ArchiveAlreadyConsumedError,
  isGatewayError,
  UpstreamInvalidResponseError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  VaultUnavailableError,
} from '../../foundations/errors.js';
import { decodedBody } from '../../http/decode.js';
import { credentialPartition } from '../../http/forwarding.js';
import type { Logger } from '../../observability/logger.js';
import type { ArchiveSource, Scope } from './archive-source.js';
import { ROMA } from './ref.js';

/** Vault key of an archive, in the partition of the credential that fetched it. */
export function archiveKey(
  s: Scope,
  archiveId: string,
  partition = credentialPartition(ROMA.vendor),
): string {
  return `roma/${partition}/${s.projectId}/${s.instanceId}/${archiveId}`;
}

/** The caller's deadline passed while the archive is still being taken: ask again shortly. */
export class ArchivePendingError extends UpstreamTimeoutError {
  override get extensions(): Record<string, string | number> {
    return { ...super.extensions, archiveState: 'FETCHING' };
  }
}

export class ArchiveKeeper {
  readonly #inFlight = new Map<string, Promise<VaultEntry>>();
  /** Fired when shutdown's grace is over: fetches still running are cut (and recorded as lost). */
  readonly #shutdown = new AbortController();

  constructor(
    private readonly client: ArchiveSource,
    readonly vault: Vault,
    private readonly logger: Logger,
  ) {}

  /**
   * The kept archive, taking the one vendor download if the vault does not have it yet. `signal`
   * bounds the wait of this caller only, never the fetch.
   */
  async ensure(s: Scope, archiveId: string, signal?: AbortSignal): Promise<VaultEntry> {
    const key = archiveKey(s, archiveId);
    const kept = await this.vault.get(key);
    if (kept) return kept;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      if (this.#shutdown.signal.aborted) {
        throw new UpstreamUnavailableError('The gateway is shutting down: ask again in a moment', {
          vendor: ROMA.vendor,
        });
      }
      pending = this.#take(s, archiveId, key).finally(() => this.#inFlight.delete(key));
      pending.catch(() => undefined); // reported to whoever waits; the fetch outlives its callers
      this.#inFlight.set(key, pending);
    }
    return signal ? waitUntil(pending, signal, archiveId) : pending;
  }

  /** Fetches still being taken into the vault. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /**
   * For shutdown: waits up to `graceMs` for every fetch in flight to land in the vault, then cuts
   * what is left (each is recorded in the vault as lost at shutdown) and waits for that record.
   */
  async drain(graceMs: number): Promise<void> {
    const all = () => Promise.allSettled([...this.#inFlight.values()]);
    if (this.#inFlight.size > 0) {
      this.logger.info('waiting for ROMA archives being taken into the vault', {
        inFlight: this.#inFlight.size,
        graceMs,
      });
      let fuse: NodeJS.Timeout | undefined;
      await Promise.race([all(), new Promise((r) => (fuse = setTimeout(r, graceMs)))]);
      clearTimeout(fuse);
    }
    this.#shutdown.abort(new Error('gateway shutdown'));
    if (this.#inFlight.size > 0) {
      this.logger.error('shutdown grace over: ROMA archives still being taken are cut and recorded as lost', {
        inFlight: this.#inFlight.size,
      });
      await all();
    }
  }

  async #take(s: Scope, archiveId: string, key: string): Promise<VaultEntry> {
    await this.#checkVault(archiveId);
    // Other gateway processes sharing this vault wait here too: one of us takes the download.
    let lease: LockLease;
    try {
      lease = await this.vault.lock(key);
    } catch (err) {
      if (err instanceof LockUnavailableError) {
        // Without the shared lock (Redis, or PostgreSQL past DATABASE_LOCK_WAIT) another replica
        // might take it too: refuse rather than risk it.
        throw new VaultUnavailableError(
          `The gateway cannot take ROMA archive ${archiveId} now: its once-only lock cannot be taken (${err.message}). ROMA was not asked and the archive is still there; retry shortly.`,
          'LOCK_UNAVAILABLE',
        );
      }
      throw storageError(archiveId, err, false);
    }
    try {
      const again = await this.vault.get(key); // another request or replica may have finished meanwhile
      if (again) return again;
      await this.#download(s, archiveId, key, lease.fence);
      const kept = await this.vault.get(key);
      if (!kept) throw new Error(`vault lost archive ${archiveId} right after storing it`);
      return kept;
    } finally {
      await lease.release();
    }
  }

  /** VAULT_UNAVAILABLE unless the vault can hold an archive now. */
  async #checkVault(archiveId: string): Promise<void> {
    const health = await this.vault.health();
    if (!health.ok) {
      throw new VaultUnavailableError(
        `The gateway's archive vault cannot take ROMA archive ${archiveId} now (${health.message}); ROMA was not asked and the archive is still there. Retry once the vault is fixed.`,
        health.reason,
      );
    }
  }

  async #download(s: Scope, archiveId: string, key: string, fence: number | undefined): Promise<VaultMeta> {
    const mark = await this.vault.readMark(key);
    if (mark && mark.state !== 'taking') throw lostError(archiveId, mark.reason ?? 'INTERRUPTED', mark.at);
    await this.#checkVault(archiveId); // again, right before the one download is spent
    try {
      await this.vault.mark(key, 'taking', undefined, fence);
    } catch (err) {
      if (err instanceof FencedError) throw fencedError(archiveId);
      throw storageError(archiveId, err, false);
    }
    let res: Awaited<ReturnType<ArchiveSource['downloadArchive']>>;
    try {
      res = await this.client.downloadArchive(s, archiveId, this.#shutdown.signal);
    } catch (err) {
      // No body came: ROMA is the one to say whether it counts the archive as taken.
      await this.vault.clearMark(key).catch(() => undefined);
      throw err;
    }
    const { body } = decodedBody(res); // owned from here: putStream's pipeline, or destroyed below
    this.logger.info('audit: ROMA archive consumed', {
      audit: 'archive.consume',
      vendor: ROMA.vendor,
      projectId: s.projectId,
      instanceId: s.instanceId,
      archiveId,
    });
    try {
      await this.vault.mark(key, 'receiving', undefined, fence).catch((e: unknown) => {
        throw e instanceof FencedError ? e : new VaultStorageError(e);
      });
      const meta = await this.vault.putStream(
        key,
        body,
        {
          contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
          fileName: safeFileName(
            fileNameFromDisposition(res.headers['content-disposition']),
            `${archiveId}.zip`,
          ),
        },
        fence,
      );
      await this.vault.clearMark(key).catch(() => undefined); // the entry itself now says it all
      return meta;
    } catch (err) {
      body.destroy();
      if (err instanceof FencedError) {
        // A later lock holder owns the key's records now: leave them to it.
        this.logger.error('ROMA archive not committed: this replica lost its once-only lock', { archiveId });
        throw fencedError(archiveId);
      }
      const shutdown = this.#shutdown.signal.aborted;
      const storage = err instanceof VaultStorageError ? err : undefined;
      const reason =
        err instanceof VaultTooLargeError
          ? 'TOO_LARGE'
          : shutdown
            ? 'SHUTDOWN'
            : err instanceof VaultStorageError
              ? `STORAGE_ERROR${err.errno ? ` ${err.errno}` : ''}`
              : undefined;
      if (reason) {
        // ROMA gave it out and the gateway could not keep it: a record says so for every later ask.
        await this.vault
          .mark(key, 'lost', reason)
          .catch((e: unknown) =>
            this.logger.error('could not record a lost ROMA archive', { archiveId, error: String(e) }),
          );
      } else {
        // The vendor's stream broke: ROMA itself answers later asks (it counts the archive taken).
        await this.vault.clearMark(key).catch(() => undefined);
      }
      this.logger.error('ROMA archive download failed; the vendor may count it as taken', {
        archiveId,
        reason: reason ?? 'VENDOR_STREAM',
        error: String(err),
      });
      if (err instanceof VaultTooLargeError) {
        throw new UpstreamInvalidResponseError(`ROMA archive ${archiveId}: ${err.message}`, {
          vendor: ROMA.vendor,
        });
      }
      if (storage !== undefined) throw storageError(archiveId, storage, true);
      if (shutdown) {
        throw new UpstreamUnavailableError(
          `The gateway shut down while taking ROMA archive ${archiveId} into its vault`,
          { vendor: ROMA.vendor },
        );
      }
      if (isGatewayError(err)) throw err;
      throw this.client.http.mapStreamError(err);
    }
  }
}

function storageError(archiveId: string, err: unknown, taken: boolean): VaultUnavailableError {
  const code = err instanceof VaultStorageError ? err.errno : (err as NodeJS.ErrnoException)?.code;
  return new VaultUnavailableError(
    taken
      ? `The gateway's archive vault failed while storing ROMA archive ${archiveId} (${code ?? 'storage error'}); ROMA counts it as downloaded, so run a new export job (exportAssets) once the vault is fixed.`
      : `The gateway's archive vault cannot be written (${code ?? 'storage error'}); ROMA was not asked and archive ${archiveId} is still there. Retry once the vault is fixed.`,
    'STORAGE_ERROR',
  );
}

function fencedError(archiveId: string): VaultUnavailableError {
  return new VaultUnavailableError(
    `This gateway replica lost its lock on ROMA archive ${archiveId} while taking it (another replica took over), so it did not keep it. Ask again: the archive is served from the vault if the other replica kept it.`,
    'LOCK_LOST',
  );
}

function lostError(archiveId: string, reason: string, at: string): ArchiveAlreadyConsumedError {
  return new ArchiveAlreadyConsumedError(
    `The gateway took ROMA archive ${archiveId} at ${at} but could not keep it (${reason}), and ROMA allows one download. Run a new export job (exportAssets) to get a new archive.`,
    { vendor: ROMA.vendor },
  );
}

/** The archive, or ArchivePendingError when this caller's deadline passes first (the fetch goes on). */
function waitUntil(
  pending: Promise<VaultEntry>,
  signal: AbortSignal,
  archiveId: string,
): Promise<VaultEntry> {
  return new Promise<VaultEntry>((resolve, reject) => {
    const onAbort = () => {
      const deadline = (signal.reason as Error | undefined)?.name === 'TimeoutError';
      reject(
        deadline
          ? new ArchivePendingError(
              `ROMA archive ${archiveId} is still being taken into the gateway's vault; the request's deadline passed first. Ask again shortly: it will be served from the vault.`,
              { vendor: ROMA.vendor },
            )
          : signal.reason,
      );
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
