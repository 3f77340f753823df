/**
 * Assembles one gateway from settings: emulators for the vendors that need them (SANDBOX=auto),
 * vendor clients, Yoga, and the HTTP server. `main.ts` and the tests both start the gateway here.
 *
 * Shutdown by registration: each resource registers its disposal on one `Disposer` when it is
 * created, and `close()` runs them last-created-first: the server stops taking requests and drains,
 * then the vendor clients close (once-only archives land in the vault first), then tracing flushes,
 * then the emulators stop.
 */
import { Disposer } from '../foundations/disposer.js';
import { createDownloadRoute } from '../downloads/route.js';
import { DOWNLOADS_PREFIX } from '../downloads/signer.js';
import { createGateway, type Gateway, loadOptionalParts } from './gateway.js';
import type { Logger } from '../observability/logger.js';
import { startTracing } from '../observability/tracing.js';
import { createGatewayServer, type GatewayServer } from './server.js';
import type { Settings } from '../settings/load.js';
import {
  closeSandboxes,
  downloadSources,
  type StartedSandboxes,
  startSandboxes,
  vendorsNeedingSandbox,
} from '../vendors/index.js';
import { createGatewayYoga, type GatewayYoga } from '../graphql/yoga.js';

export interface App {
  gateway: Gateway;
  yoga: GatewayYoga;
  server: GatewayServer;
  sandboxes: StartedSandboxes;
  close(): Promise<void>;
}

export async function createApp(
  settings: Settings,
  opts: { logger?: Logger; sandboxes?: StartedSandboxes } = {},
): Promise<App> {
  const disposer = new Disposer();
  const sandboxes =
    opts.sandboxes ??
    disposer.use('sandboxes', await startSandboxes(vendorsNeedingSandbox(settings)), closeSandboxes);
  // Tracing only with an OTLP endpoint: otherwise the OpenTelemetry SDK is never even loaded.
  const { otlpEndpoint, serviceName } = settings.observability;
  const tracing = otlpEndpoint
    ? disposer.use('tracing', await startTracing({ endpoint: otlpEndpoint, serviceName }), (t) =>
        t.shutdown(),
      )
    : undefined;
  // PostgreSQL and Redis clients likewise, only when DATABASE_URL / REDIS_URL are set.
  const parts = await loadOptionalParts(settings);
  const gateway = createGateway(settings, { sandboxes, logger: opts.logger, tracing, disposer, parts });
  // The GraphiQL renderer (~35 MB once imported) only when GraphiQL is served (off in production).
  const renderGraphiQL = settings.graphiql
    ? (await import('@graphql-yoga/render-graphiql')).renderGraphiQL
    : undefined;
  const yoga = createGatewayYoga(gateway, { renderGraphiQL });
  const downloads = createDownloadRoute(
    gateway.signer,
    downloadSources(gateway.vendors, settings),
    gateway.logger,
    gateway.authenticator,
    gateway.forwardingHeaders,
    {
      headersDeadlineMs: settings.requestTimeoutMs,
      idleTimeoutMs: settings.downloads.idleTimeoutMs,
      maxPerLink: settings.downloads.maxPerLink,
    },
  );
  const server = disposer.use(
    'server',
    createGatewayServer(gateway, yoga, { [DOWNLOADS_PREFIX]: downloads }),
    (s) => s.close(),
  );
  return { gateway, yoga, server, sandboxes, close: () => disposer.dispose() };
}
