/**
 * Why a Bot Framework activity could not be turned into a Baton value.
 * - `not_an_activity`: the input is not an object.
 * - `not_handoff_initiation`: not an `event` named `handoff.initiate`.
 * - `invalid_patient`: the patient context passed in options does not match `PatientContext`.
 * - `invalid_request`: the assembled request does not match `HandoffRequest` (a bug).
 */
export type InteropErrorCode =
  | 'not_an_activity'
  | 'not_handoff_initiation'
  | 'invalid_patient'
  | 'invalid_request';

export interface InteropError {
  code: InteropErrorCode;
  /** Fixed wording: never contains message text or other activity content. */
  message: string;
  /** Where the problem is, e.g. `['name']` or `['patient', 'locale']`. */
  path: (string | number)[];
}

/** Interop functions never throw on bad input; they return this instead. */
export type InteropResult<T> = { ok: true; value: T } | { ok: false; error: InteropError };

export function interopError<T>(
  code: InteropErrorCode,
  message: string,
  path: (string | number)[] = [],
): InteropResult<T> {
  return { ok: false, error: { code, message, path } };
}
