/**
 * Assembles one gateway from settings: emulators for the vendors that need them (SANDBOX=auto),
 * vendor clients, Yoga, and the HTTP server. `main.ts` and the tests both start the gateway here.
 */
import { createDownloadRoute } from './downloads/route.js';
import { DOWNLOADS_PREFIX } from './downloads/signer.js';
import { createGateway, type Gateway } from './gateway.js';
import type { Logger } from './logger.js';
import { startTracing } from './observability/tracing.js';
import { createGatewayServer, type GatewayServer } from './server.js';
import type { Settings } from './settings.js';
import {
  closeSandboxes,
  downloadSources,
  type StartedSandboxes,
  startSandboxes,
  vendorsNeedingSandbox,
} from './vendors/index.js';
import { createGatewayYoga, type GatewayYoga } from './yoga.js';

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
  const ownSandboxes = opts.sandboxes === undefined;
  const sandboxes = opts.sandboxes ?? (await startSandboxes(vendorsNeedingSandbox(settings)));
  const gateway = createGateway(settings, { sandboxes, logger: opts.logger });
  // Tracing only with an OTLP endpoint: otherwise the OpenTelemetry SDK is never even loaded.
  const { otlpEndpoint, serviceName } = settings.observability;
  if (otlpEndpoint) {
    gateway.observability.tracing = await startTracing({ endpoint: otlpEndpoint, serviceName });
  }
  const yoga = createGatewayYoga(gateway);
  const downloads = createDownloadRoute(
    gateway.signer,
    downloadSources(gateway.vendors, settings),
    gateway.logger,
    gateway.authenticator,
  );
  const server = createGatewayServer(gateway, yoga, { [DOWNLOADS_PREFIX]: downloads });
  return {
    gateway,
    yoga,
    server,
    sandboxes,
    async close() {
      await server.close();
      await gateway.close();
      if (ownSandboxes) await closeSandboxes(sandboxes);
    },
  };
}
