import type { ErrorCode } from './codes';

/** Default human-readable text per code; specific errors carry a more precise message. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  invalid_message: 'The message is not valid.',
  unknown_type: 'The message type is not known.',
  unsupported_version: 'The protocol version is not supported.',
  frame_too_large: 'The message is too large.',
  unauthorized: 'Authentication is required.',
  token_expired: 'The token expired; connect again with a fresh one.',
  forbidden: 'This is not allowed for you.',
  not_found: 'No such conversation or resource.',
  conflict: 'This conflicts with the current state (already done by someone else?).',
  handoff_in_progress: 'You already have a conversation with our team open; continue there.',
  illegal_transition: 'The conversation cannot do that in its current state.',
  rate_limited: 'Too many messages; slow down and retry.',
  unavailable: 'The service is unavailable; retry later.',
  timeout: 'The operation timed out; retry.',
  internal: 'Something went wrong on the server.',
  attachment_too_large: 'The file is too large.',
  attachment_type_not_allowed: 'This type of file cannot be shared (images and PDF only).',
};
