/**
 * The closed set of error codes the emulator answers with, each beside its HTTP status.
 * Direct Line 3.0 shapes every 4xx/5xx body as `{ "error": { "code", "message" } }`.
 */
export const errorStatus = {
  BadArgument: 400,
  MissingProperty: 400,
  Unauthorized: 401,
  Forbidden: 403,
  TokenExpired: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  MessageSizeTooBig: 413,
  TooManyRequests: 429,
  ServiceError: 500,
  BotError: 502,
  BotTimeout: 502,
  /** Not an HTTP answer: a scenario file or an option failed validation. */
  InvalidScenario: 500,
  InvalidOptions: 500,
} as const;

export type DirectLineErrorCode = keyof typeof errorStatus;

export interface DirectLineErrorBody {
  error: { code: DirectLineErrorCode; message: string };
}

const errorName = 'DirectLineEmulatorError';

/** The one error class of this package: a closed `code`, an HTTP status, an optional cause. */
export class DirectLineEmulatorError extends Error {
  override readonly name = errorName;
  readonly code: DirectLineErrorCode;
  readonly status: number;
  /** Seconds, for `TooManyRequests`: sent as the `Retry-After` header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: DirectLineErrorCode,
    message: string,
    options: { cause?: unknown; status?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status ?? errorStatus[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  toBody(): DirectLineErrorBody {
    return { error: { code: this.code, message: this.message } };
  }

  /** Guarded by `name`, so it holds across two copies of the package. */
  static is(value: unknown): value is DirectLineEmulatorError {
    return value instanceof Error && value.name === errorName && 'code' in value;
  }
}
