/**
 * The closed set of protocol error codes, each with the HTTP status a server answers with
 * and whether the same request may succeed if sent again later.
 */
export const ERROR_CODES = {
  invalid_message: { status: 400, retryable: false },
  unknown_type: { status: 400, retryable: false },
  unsupported_version: { status: 400, retryable: false },
  frame_too_large: { status: 413, retryable: false },
  unauthorized: { status: 401, retryable: false },
  token_expired: { status: 401, retryable: true },
  forbidden: { status: 403, retryable: false },
  not_found: { status: 404, retryable: false },
  conflict: { status: 409, retryable: false },
  /** The patient already has a live handoff in another conversation. */
  handoff_in_progress: { status: 409, retryable: false },
  illegal_transition: { status: 409, retryable: false },
  rate_limited: { status: 429, retryable: true },
  unavailable: { status: 503, retryable: true },
  timeout: { status: 504, retryable: true },
  internal: { status: 500, retryable: true },
  /** An attachment larger than the server's ceiling. */
  attachment_too_large: { status: 413, retryable: false },
  /** An attachment whose bytes are none of the accepted types (whatever its name says). */
  attachment_type_not_allowed: { status: 415, retryable: false },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value);
}
