/**
 * Structured logs through pino: one JSON object per line on stderr, `level` as a word, ISO time,
 * the request id of the request being served on every line (from AsyncLocalStorage), and
 * redaction of credential-shaped fields as a second line of defence: callers never pass headers or
 * tokens here, and `Secret`s print as `[redacted]` through their toJSON anyway.
 * Human-readable output (pino-pretty, a dev dependency) only when stderr is a terminal, or
 * LOG_FORMAT=pretty asks for it, and the package is installed.
 */
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import { currentRequest } from './request-context.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export type LogSink = (line: string) => void;
export type LogFormat = 'json' | 'pretty' | 'auto';

/** Field names that may hold a credential, at any of the first two levels of a log line. */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'x-api-key',
  'x-auth-token',
  'signingSecret',
];
export const REDACT_PATHS = [
  ...SECRET_KEYS.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`)),
  ...SECRET_KEYS.map((k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `*.${k}` : `*["${k}"]`)),
];

function prettyStream(): DestinationStream | undefined {
  try {
    // A dev dependency: absent from a production install, where logs stay JSON.
    const build = createRequire(import.meta.url)('pino-pretty') as (o: object) => DestinationStream;
    return build({ destination: 2, sync: true, translateTime: 'SYS:HH:MM:ss.l', singleLine: true });
  } catch {
    return undefined;
  }
}

/** Whether `format` asks for human-readable output here (`auto`: when stderr is a terminal). */
export function wantsPretty(format: LogFormat): boolean {
  return format === 'pretty' || (format === 'auto' && process.stderr.isTTY === true);
}

export function createLogger(level: LogLevel, sink?: LogSink, format: LogFormat = 'auto'): Logger {
  const pretty = !sink && wantsPretty(format) ? prettyStream() : undefined;
  const destination: DestinationStream =
    pretty ??
    (sink
      ? { write: (line: string) => sink(line.replace(/\n$/, '')) }
      : pino.destination({ fd: 2, sync: true }));
  const base: Pino = pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: () => {
        const req = currentRequest();
        return req ? { requestId: req.id } : {};
      },
    },
    destination,
  );
  const emit =
    (lvl: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      if (fields) base[lvl](fields, msg);
      else base[lvl](msg);
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = createLogger('silent', () => undefined);
