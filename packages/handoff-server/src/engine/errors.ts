import { BatonProtocolError } from '@baton/handoff-protocol';
import { HandoffServerError } from '../internal/errors';
import { refuse } from './refusals';

/** A database outage reaches clients as the protocol's retryable `unavailable`. */
export function retryable(error: unknown): unknown {
  if (HandoffServerError.is(error, 'store_unavailable')) {
    return refuse.unavailable('The database is unavailable; try again');
  }
  return error;
}

/** A short code for logs: never a message that might echo user input. */
export function errorCode(error: unknown): string {
  if (BatonProtocolError.is(error)) return error.code;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : error.name;
  }
  return 'unknown';
}
