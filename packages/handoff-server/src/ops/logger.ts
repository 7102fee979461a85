import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Paths pino replaces with `[redacted]` wherever they appear. The server never passes message
 * text, tokens or stream URLs to the logger in the first place; this is the safety net.
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'text',
  '*.text',
  'body',
  '*.body',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'streamUrl',
  '*.streamUrl',
  'transcript',
  '*.transcript',
];

export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; default stdout. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'baton-handoff-server' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

/** Appends JSON lines to `file` (its folder created), written synchronously: nothing is lost at exit. */
export function logFile(file: string): DestinationStream {
  return pino.destination({ dest: file, mkdir: true, sync: true });
}

export type { Logger };
