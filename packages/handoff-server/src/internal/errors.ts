/** Closed set of error codes raised by the handoff server's storage and auth layers. */
export const HANDOFF_SERVER_ERROR_CODES = {
  not_found: 'The record does not exist.',
  conflict: 'The record already exists or changed concurrently.',
  invalid_config: 'The configuration is invalid.',
  unknown_key: 'The encryption key id is not in the key ring.',
  decryption_failed: 'The ciphertext failed authentication (tampered, swapped or wrong key).',
  append_only: 'The audit log is append-only.',
  migration_failed: 'A storage migration failed.',
  invalid_token: 'The token is invalid, expired or has the wrong claims.',
  dev_signin_disabled: 'Development sign-in is disabled.',
  invalid_credentials: 'Unknown user or wrong password.',
  signin_throttled: 'Too many failed sign-ins from this address for this user; wait and retry.',
  session_ended: 'The staff session is unknown, signed out or logged off after inactivity.',
  shutting_down: 'The server is shutting down.',
  illegal_transition: 'The report is not legal in the current conversation state.',
  invalid_report: 'An adapter report failed validation.',
  store_unavailable: 'The database could not be reached; retry.',
  adapter_unavailable: 'The agent system could not be reached (delivery failed after retries).',
  call_provider_unavailable: 'The call provider could not create a meeting.',
  provider_unavailable: 'A record system (FHIR server or its token endpoint) failed; retry.',
  last_admin: 'The change would leave no administrator.',
} as const;

export type HandoffServerErrorCode = keyof typeof HANDOFF_SERVER_ERROR_CODES;

const ERROR_NAME = 'HandoffServerError';

/** The one error class of `@baton/handoff-server`: a closed `code`, an optional `cause`. */
export class HandoffServerError extends Error {
  override readonly name = ERROR_NAME;
  readonly code: HandoffServerErrorCode;

  constructor(code: HandoffServerErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? HANDOFF_SERVER_ERROR_CODES[code], options);
    this.code = code;
  }

  /** Guarded by `name`, so it works across duplicated module instances. */
  static is(value: unknown, code?: HandoffServerErrorCode): value is HandoffServerError {
    return (
      value instanceof Error &&
      value.name === ERROR_NAME &&
      (code === undefined || (value as HandoffServerError).code === code)
    );
  }
}
