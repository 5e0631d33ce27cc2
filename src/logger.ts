import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Paths that must never reach a log line (pino's own redaction, for the common shapes). */
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

/**
 * Field names redacted at any depth, compared case-blind (`Authorization` is how our own request
 * headers spell it): pino's paths stop at fixed depths, and a secret nested in an error's request
 * options or a config object must not slip through. Words like secret, password or key also count
 * inside compound and environment-style names (`MicrosoftAppPassword`, `MDE_CLIENT_SECRET`,
 * `X-Api-Key`, `connectionString`); `token` and `credentials` only as the whole name, so counts and
 * providers (`tokenCount`) stay readable.
 */
const SECRET_KEY = /^(?:authorization|proxy-authorization|cookie|set-cookie|(?:access|refresh|id|bearer)?[-_]?token|credentials?)$|password|passwd|passphrase|secret|api[-_]?key|client[-_]?assertion|private[-_]?key|connection[-_]?string/i;
const CENSOR = '[redacted]';
/** Deeper than this a log object is cut, not walked (and cycles end there too). */
const MAX_DEPTH = 8;

/** A copy of plain objects and arrays with every secret-named field censored; anything else as it is. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return depth >= MAX_DEPTH ? '[too deep]' : value.map((v) => redactDeep(v, depth + 1));
  if (value instanceof Error) return depth >= MAX_DEPTH ? value : redactError(value, depth);
  if (!isPlainObject(value)) return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // defineProperty: a key named __proto__ stays a plain field.
    Object.defineProperty(out, key, { value: SECRET_KEY.test(key) && v !== undefined ? CENSOR : redactDeep(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * An error as pino's serializer expects one (same prototype, message, stack, cause), with its
 * own fields redacted: SDK errors carry the request they failed, headers and all.
 */
function redactError(error: Error, depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const key of ['message', 'stack', 'cause'] as const) {
    if (Object.hasOwn(error, key)) Object.defineProperty(copy, key, { value: key === 'cause' ? redactDeep(error.cause, depth + 1) : error[key], writable: true, configurable: true });
  }
  for (const [key, v] of Object.entries(error)) {
    Object.defineProperty(copy, key, { value: SECRET_KEY.test(key) && v !== undefined ? CENSOR : redactDeep(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export interface LoggerSettings {
  level?: string;
  /** Pretty output for humans; default: only when stdout is a TTY. */
  pretty?: boolean;
  /** Where lines go (tests); default stdout. */
  destination?: DestinationStream;
}

export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    level: settings.level ?? 'info',
    redact: { paths: redactPaths, censor: CENSOR },
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
    base: { app: 'verdict' },
  };
  if (settings.destination) return pino(options, settings.destination);
  const pretty = settings.pretty ?? process.stdout.isTTY === true;
  if (pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname,app' } } });
  }
  return pino(options);
}
