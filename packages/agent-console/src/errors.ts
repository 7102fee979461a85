/** Closed set of console error codes; readable text lives beside the code, never in it. */
export const CONSOLE_ERROR_CODES = {
  invalid_options: 'The console options are invalid.',
  invalid_token: 'The staff token could not be read.',
  sign_in_failed: 'Signing in failed.',
  sign_in_unavailable: 'Development sign-in is not enabled on this server.',
  connection_failed: 'The handoff server could not be reached.',
  closed: 'The console session is closed.',
  signed_out: 'The staff session ended (signed out or logged off after inactivity).',
} as const;
export type ConsoleErrorCode = keyof typeof CONSOLE_ERROR_CODES;

/** The one error class of `@baton/agent-console`, told apart by `name`. */
export class AgentConsoleError extends Error {
  override readonly name = 'AgentConsoleError';
  readonly code: ConsoleErrorCode;
  constructor(code: ConsoleErrorCode, options?: { cause?: unknown; message?: string }) {
    super(options?.message ?? CONSOLE_ERROR_CODES[code], { cause: options?.cause });
    this.code = code;
  }

  static is(value: unknown): value is AgentConsoleError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'AgentConsoleError' &&
      typeof (value as { code?: unknown }).code === 'string'
    );
  }
}
