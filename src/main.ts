/** CLI entry: read settings, start the sandbox if needed, listen, shut down gracefully. */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname } from 'node:os';
import { createLogger, wantsPretty } from './observability/logger.js';
import { BUILD } from './observability/build-info.js';
import { loadDotEnv, loadSettings, type Settings, SettingsError } from './settings/load.js';
import { hashKeyReport } from './settings/hash-key.js';
import { effectiveSettings, settingsHelp, USAGE } from './settings/help.js';

function readSettings(): Settings {
  try {
    loadDotEnv();
    return loadSettings();
  } catch (err) {
    if (err instanceof SettingsError) {
      process.stderr.write(
        `${err.message}\n\nSee \`node dist/main.js --help\` (or \`npm start -- --help\`) for every setting.\n`,
      );
      process.exit(1);
    }
    throw err;
  }
}

/** Why `host:port` cannot be listened on now, as one line; undefined when it can. */
function cannotListen(port: number, host: string): Promise<string | undefined> {
  if (port === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(listenProblem(err, port, host)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

function listenProblem(err: NodeJS.ErrnoException, port: number, host: string): string {
  const where = `${host}:${port}`;
  if (err.code === 'EADDRINUSE')
    return `vendor-gateway cannot start: port ${port} on ${host} is already in use (another gateway?). Stop that process or set PORT to a free port.`;
  if (err.code === 'EACCES')
    return `vendor-gateway cannot start: no permission to listen on ${where} (ports below 1024 need privileges). Set PORT to 1024 or above.`;
  if (err.code === 'EADDRNOTAVAIL')
    return `vendor-gateway cannot start: ${host} is not an address of this machine. Set HOST (0.0.0.0 listens on every interface).`;
  return `vendor-gateway cannot start: listening on ${where} failed (${err.code ?? err.message}).`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(settingsHelp());
    return;
  }
  if (args[0] === '--hash-key') {
    const report = hashKeyReport(args[1] === '-' ? readFileSync(0, 'utf8').trim() : args[1]);
    if (report === undefined) {
      process.stderr.write('empty key\n');
      process.exit(1);
    }
    process.stdout.write(report);
    return;
  }
  const unknown = args.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    process.stderr.write(`unknown argument: ${unknown.join(' ')}\n\n${USAGE}\n`);
    process.exit(64);
  }
  const settings = readSettings();
  if (args.includes('--check')) {
    process.stdout.write(effectiveSettings(process.env, settings));
    return;
  }

  // A taken port is said first, in one line, before any emulator, client or connection starts.
  const problem = await cannotListen(settings.port, settings.host);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }

  const logger = createLogger(settings.logLevel, undefined, settings.observability.logFormat);
  for (const warning of settings.warnings) logger.warn(warning);
  if (settings.signingSecretGenerated) {
    logger.warn('SIGNING_SECRET is not set: using a random one; download links die with this process');
  }

  // The last line of every exit, whatever its cause (the logger writes synchronously).
  const started = Date.now();
  let signal: string | undefined;
  process.once('exit', (code) =>
    logger.info('stopped', { code, signal, uptimeSeconds: Math.round((Date.now() - started) / 1000) }),
  );

  // Loaded only now: --help, --hash-key, --check and a refused start answer without loading the
  // gateway itself (GraphQL, the vendors, the clients), in a fraction of its load time.
  const { createApp } = await import('./app/app.js');
  const app = await createApp(settings, { logger });

  // Installed before listening: a SIGTERM that arrives as soon as the port is open still drains.
  const stop = (received: string) => {
    if (signal) {
      logger.warn('second signal: exiting now', { signal: received });
      process.exit(1);
    }
    signal = received;
    logger.info('shutting down', { signal, graceMs: settings.shutdownTimeoutMs });
    // Each step of close() has its own bound; this fuse ends the process should one of them never
    // settle (a database or Redis that never answers its goodbye): a SIGTERM always frees the port.
    const fuseMs =
      settings.shutdownDrainDelayMs + settings.shutdownTimeoutMs + settings.vault.shutdownGraceMs + 5_000;
    setTimeout(() => {
      logger.error('shutdown did not finish in time: exiting now', { afterMs: fuseMs });
      process.exit(1);
    }, fuseMs).unref();
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
  // Started by a supervisor with an IPC channel (npm run cluster): its going away, however it
  // ends, stops this gateway as a SIGTERM would.
  if (process.connected) process.once('disconnect', () => stop('supervisor gone'));

  const sandboxed = Object.entries(app.sandboxes).map(([k, s]) => `${k}=${s?.server.url}`);
  if (sandboxed.length > 0) {
    logger.warn(
      'SANDBOX MODE: these vendors are served by built-in emulators on loopback, not the real APIs',
      { sandboxes: sandboxed },
    );
  }
  for (const v of app.gateway.vendors) logger.info('vendor', { vendor: v.vendor, mode: v.mode });
  let url: string;
  try {
    url = await app.server.listen(settings.port, settings.host);
  } catch (err) {
    // Taken between the check above and now: the same one line.
    process.stderr.write(`${listenProblem(err as NodeJS.ErrnoException, settings.port, settings.host)}\n`);
    await app.close().catch(() => undefined);
    process.exit(1);
  }
  if (app.server.metricsUrl) logger.info('metrics', { url: app.server.metricsUrl });
  void app.gateway.sweep(); // retention: expired vault entries and interrupted writes go now, then hourly

  // The start banner on stdout: one JSON line (the log's shape), plain text only for pretty logs.
  const graphql = `${url}/graphql`;
  const banner = {
    version: BUILD.version,
    node: BUILD.node,
    pid: process.pid,
    host: hostname(),
    address: `${settings.host}:${new URL(url).port}`,
    url,
    graphql,
    graphiql: settings.graphiql,
  };
  if (wantsPretty(settings.observability.logFormat))
    process.stdout.write(
      `\nvendor-gateway ${BUILD.version} is listening on ${url}\n  GraphQL: ${graphql}${settings.graphiql ? '  (open it in a browser for GraphiQL)' : ''}\n\n`,
    );
  else
    process.stdout.write(
      `${JSON.stringify({ level: 'info', time: new Date().toISOString(), msg: `listening on ${url} (GraphQL: ${graphql})`, ...banner })}\n`,
    );
}

void main();
