/**
 * The keeper of ROMA's once-only archives. The one vendor download goes straight into the vault
 * (hashed, fsynced, renamed) before any resolver or download sees it; concurrent asks for one
 * archive share one in-flight fetch; and the fetch is not tied to any caller's connection, so a
 * browser tab closing early cannot lose the customer's export.
 */
import { fileNameFromDisposition, safeFileName } from '../../downloads/content-disposition.js';
import type { Vault, VaultEntry, VaultMeta } from '../../downloads/vault.js';
import { VaultTooLargeError } from '../../downloads/vault.js';
import { isGatewayError, UpstreamInvalidResponseError } from '../../errors.js';
import { decodedBody } from '../../http/decode.js';
import { credentialPartition } from '../../http/forwarding.js';
import type { Logger } from '../../logger.js';
import type { RomaClient, Scope } from './client.js';

/** Vault key of an archive, in the partition of the credential that fetched it. */
export function archiveKey(
  s: Scope,
  archiveId: string,
  partition = credentialPartition('HUAWEI_ROMA_CONNECT'),
): string {
  return `roma/${partition}/${s.projectId}/${s.instanceId}/${archiveId}`;
}

export class ArchiveKeeper {
  readonly #inFlight = new Map<string, Promise<VaultEntry>>();

  constructor(
    private readonly client: RomaClient,
    readonly vault: Vault,
    private readonly logger: Logger,
  ) {}

  /** The kept archive, taking the one vendor download if the vault does not have it yet. */
  async ensure(s: Scope, archiveId: string): Promise<VaultEntry> {
    const key = archiveKey(s, archiveId);
    const kept = await this.vault.get(key);
    if (kept) return kept;
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#take(s, archiveId, key).finally(() => this.#inFlight.delete(key));
      this.#inFlight.set(key, pending);
    }
    return pending;
  }

  async #take(s: Scope, archiveId: string, key: string): Promise<VaultEntry> {
    // Other gateway processes sharing this vault wait here too: one of us takes the download.
    const release = await this.vault.lock(key);
    try {
      const again = await this.vault.get(key); // another request or replica may have finished meanwhile
      if (again) return again;
      await this.#download(s, archiveId, key);
      const kept = await this.vault.get(key);
      if (!kept) throw new Error(`vault lost archive ${archiveId} right after storing it`);
      return kept;
    } finally {
      await release();
    }
  }

  async #download(s: Scope, archiveId: string, key: string): Promise<VaultMeta> {
    const res = await this.client.downloadArchive(s, archiveId);
    this.logger.info('audit: ROMA archive consumed', {
      audit: 'archive.consume',
      vendor: 'HUAWEI_ROMA_CONNECT',
      projectId: s.projectId,
      instanceId: s.instanceId,
      archiveId,
    });
    const { body } = decodedBody(res);
    try {
      return await this.vault.putStream(key, body, {
        contentType: String(res.headers['content-type'] ?? 'application/octet-stream'),
        fileName: safeFileName(
          fileNameFromDisposition(res.headers['content-disposition']),
          `${archiveId}.zip`,
        ),
      });
    } catch (err) {
      body.destroy();
      if (err instanceof VaultTooLargeError) {
        throw new UpstreamInvalidResponseError(`ROMA archive ${archiveId}: ${err.message}`, {
          vendor: 'HUAWEI_ROMA_CONNECT',
        });
      }
      if (isGatewayError(err)) throw err;
      this.logger.error('ROMA archive download failed; the vendor may count it as taken', {
        archiveId,
        error: String(err),
      });
      throw this.client.http.mapStreamError(err);
    }
  }
}
