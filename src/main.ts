/** CLI entry: read settings, start the sandbox if needed, listen, shut down gracefully. */
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { loadDotEnv, loadSettings, SettingsError } from './settings.js';
import { settingsHelp } from './settings/help.js';

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(settingsHelp());
    return;
  }
  let settings: ReturnType<typeof loadSettings>;
  try {
    loadDotEnv();
    settings = loadSettings();
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(
        `${err.message}\n\nSee \`node dist/main.js --help\` (or \`npm start -- --help\`) for every setting.\n`,
      );
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(settings.logLevel, undefined, settings.observability.logFormat);
  for (const warning of settings.warnings) logger.warn(warning);
  if (settings.signingSecretGenerated) {
    logger.warn('SIGNING_SECRET is not set: using a random one; download links die with this process');
  }
  const app = await createApp(settings, { logger });

  // Installed before listening: a SIGTERM that arrives as soon as the port is open still drains.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn('second signal: exiting now', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal, graceMs: settings.shutdownTimeoutMs });
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error('shutdown failed', { error: String(err) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  const sandboxed = Object.entries(app.sandboxes).map(([k, s]) => `${k}=${s?.server.url}`);
  if (sandboxed.length > 0) {
    logger.warn(
      'SANDBOX MODE: these vendors are served by built-in emulators on loopback, not the real APIs',
      {
        sandboxes: sandboxed,
      },
    );
  }
  for (const v of app.gateway.vendors) logger.info('vendor', { vendor: v.vendor, mode: v.mode });
  const url = await app.server.listen(settings.port, settings.host);
  if (app.server.metricsUrl) logger.info('metrics', { url: app.server.metricsUrl });
  void app.gateway.sweep(); // retention: expired vault entries and interrupted writes go now, then hourly
  process.stdout.write(
    `\nvendor-gateway is listening on ${url}\n  GraphQL: ${url}/graphql${settings.graphiql ? '  (open it in a browser for GraphiQL)' : ''}\n\n`,
  );
}

void main();
