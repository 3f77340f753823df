/**
 * What the archive keeper (archives.ts) needs from the ROMA client (client.ts): a leaf both import,
 * so the keeper does not import the client that owns it (no cycle).
 */
import type { GatewayError } from '../../foundations/errors.js';
import type { VendorResponse } from '../../http/vendor-http.js';

/** The project and instance a ROMA call addresses. */
export interface Scope {
  projectId: string;
  instanceId: string;
}

/** The one once-only download, and how its stream errors map to gateway errors. */
export interface ArchiveSource {
  downloadArchive(s: Scope, archiveId: string, signal?: AbortSignal): Promise<VendorResponse>;
  readonly http: { mapStreamError(err: unknown, signal?: AbortSignal): GatewayError };
}
