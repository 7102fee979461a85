import { ERROR_CODES, type ErrorCode, isErrorCode } from './codes';
import { ERROR_MESSAGES } from './messages';

/** One thing wrong with a message, at a field path such as `request.patient.locale`. */
export interface ProtocolIssue {
  path: string;
  message: string;
}

export interface BatonProtocolErrorDetails {
  /** Problems with individual fields, first one first. */
  issues?: ProtocolIssue[];
  /** The message `type` that was received, when it could be read. */
  type?: string;
  /** Envelope fields of the refused frame that could be read (for the `error` reply). */
  frame?: { id?: string; conversationId?: string; clientMessageId?: string };
  /** The protocol version that was received, when it could be read. */
  v?: unknown;
  /** For `unsupported_version`: versions this side understands. */
  supportedVersions?: number[];
  /** For `illegal_transition`: the state and event that were refused. */
  state?: string;
  event?: string;
}

export interface BatonProtocolErrorOptions {
  cause?: unknown;
  details?: BatonProtocolErrorDetails;
}

const NAME = 'BatonProtocolError';

/** The one error class of `@baton/handoff-protocol`. */
export class BatonProtocolError extends Error {
  override readonly name = NAME;
  readonly code: ErrorCode;
  readonly details: BatonProtocolErrorDetails;

  constructor(code: ErrorCode, message?: string, options: BatonProtocolErrorOptions = {}) {
    super(message ?? ERROR_MESSAGES[code], { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  /** The HTTP status a server answers this error with. */
  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  /** Whether sending the same request again later may succeed. */
  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }

  /**
   * True for a `BatonProtocolError` from any copy of this package: the widget bundle may
   * be loaded twice on a page, so `instanceof` is not enough.
   */
  static is(value: unknown): value is BatonProtocolError {
    if (typeof value !== 'object' || value === null) return false;
    const candidate = value as { name?: unknown; code?: unknown };
    return candidate.name === NAME && isErrorCode(candidate.code);
  }
}
