import pino, { type Logger, type LoggerOptions } from 'pino';

/** Paths that must never reach a log line. */
export const redactPaths = [
  'token',
  'accessToken',
  'clientSecret',
  'password',
  'authorization',
  '*.token',
  '*.accessToken',
  '*.clientSecret',
  '*.password',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
];

export interface LoggerSettings {
  level?: string;
  /** Pretty output for humans; default: only when stdout is a TTY. */
  pretty?: boolean;
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { app: 'verdict' },
  };
  const pretty = settings.pretty ?? process.stdout.isTTY === true;
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,app' } } });
  }
  return pino(options);
}
