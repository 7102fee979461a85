export class SessionHandlerError extends Error {
  override readonly name = 'SessionHandlerError';
  constructor(
    readonly code: 'directline_failed' | 'bad_request' | 'forbidden',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
