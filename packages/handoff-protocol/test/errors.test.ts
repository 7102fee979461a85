import { describe, expect, it } from 'vitest';
import {
  BatonProtocolError,
  ERROR_CODE_LIST,
  ERROR_CODES,
  ERROR_MESSAGES,
  errorMessageFrom,
  isErrorCode,
  parseServerToAgent,
  WireErrorCode,
} from '../src/index';

describe('error codes', () => {
  it('is one closed map with a status, a retry flag and a default message per code', () => {
    expect(ERROR_CODE_LIST).toMatchInlineSnapshot(`
      [
        "invalid_message",
        "unknown_type",
        "unsupported_version",
        "frame_too_large",
        "unauthorized",
        "token_expired",
        "forbidden",
        "not_found",
        "conflict",
        "handoff_in_progress",
        "illegal_transition",
        "rate_limited",
        "unavailable",
        "timeout",
        "internal",
        "attachment_too_large",
        "attachment_type_not_allowed",
      ]
    `);
    for (const code of ERROR_CODE_LIST) {
      const { status, retryable } = ERROR_CODES[code];
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
      expect(typeof retryable).toBe('boolean');
      expect(ERROR_MESSAGES[code].length).toBeGreaterThan(0);
    }
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_CODE_LIST].sort());
    expect(WireErrorCode.options).toEqual(ERROR_CODE_LIST);
  });

  it('knows its own codes only', () => {
    expect(isErrorCode('conflict')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode('__proto__')).toBe(false);
  });
});

describe('BatonProtocolError', () => {
  it('carries code, cause, status and retryable', () => {
    const cause = new Error('socket closed');
    const error = new BatonProtocolError('unavailable', undefined, { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('BatonProtocolError');
    expect(error.message).toBe(ERROR_MESSAGES.unavailable);
    expect(error.cause).toBe(cause);
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(true);
  });

  it('recognises errors from another copy of the package by name, not instanceof', () => {
    // What a second copy of the bundle on the same page would construct.
    class BatonProtocolErrorCopy extends Error {
      override readonly name = 'BatonProtocolError';
      readonly code = 'conflict';
    }
    const foreign = new BatonProtocolErrorCopy('claimed by someone else');
    expect(foreign instanceof BatonProtocolError).toBe(false);
    expect(BatonProtocolError.is(foreign)).toBe(true);
  });

  it('rejects look-alikes', () => {
    expect(BatonProtocolError.is(new Error('x'))).toBe(false);
    expect(BatonProtocolError.is({ name: 'BatonProtocolError', code: 'nope' })).toBe(false);
    expect(BatonProtocolError.is(null)).toBe(false);
    expect(BatonProtocolError.is('BatonProtocolError')).toBe(false);
  });

  it('becomes a valid `error` frame for every code', () => {
    for (const code of ERROR_CODE_LIST) {
      const frame = errorMessageFrom(new BatonProtocolError(code), { conversationId: 'c-1' });
      expect(parseServerToAgent(frame).ok).toBe(true);
      expect(frame.retryable).toBe(ERROR_CODES[code].retryable);
    }
  });
});
