import { describe, expect, it } from 'vitest';
import {
  BatonProtocolError,
  errorFromMessage,
  errorMessageFrom,
  parseAgentMessage,
  parsePatientMessage,
  parseServerToPatient,
  patientMessage,
  serialiseMessage,
  WIRE_LIMITS,
} from '../src/index';
import { chatMessage, handoffRequest, TS } from './support/fixtures';

function refusal(input: unknown) {
  const result = parsePatientMessage(input);
  if (result.ok) throw new Error('expected a refusal');
  expect(BatonProtocolError.is(result.error)).toBe(true);
  return result.error;
}

describe('parsePatientMessage', () => {
  it('accepts a valid frame as a string or an object', () => {
    expect(parsePatientMessage(JSON.stringify(chatMessage))).toEqual({
      ok: true,
      message: chatMessage,
    });
    expect(parsePatientMessage(chatMessage)).toEqual({ ok: true, message: chatMessage });
  });

  it('drops unknown fields (a compatible addition by a newer peer)', () => {
    const result = parsePatientMessage({ ...chatMessage, newField: 1 });
    expect(result).toEqual({ ok: true, message: chatMessage });
  });

  it('gives unknown types their own code', () => {
    const error = refusal({ ...chatMessage, type: 'message.edit' });
    expect(error.code).toBe('unknown_type');
    expect(error.message).toMatchInlineSnapshot(
      `"Unknown message type "message.edit" for patient → server"`,
    );
    expect(error.details.type).toBe('message.edit');
  });

  it('refuses a server → patient type sent by a patient as unknown', () => {
    expect(refusal({ ...chatMessage, type: 'agent.joined' }).code).toBe('unknown_type');
  });

  it('gives unsupported versions their own code, before looking at the type', () => {
    const error = refusal({ ...chatMessage, v: 2, type: 'something.new' });
    expect(error.code).toBe('unsupported_version');
    expect(error.message).toMatchInlineSnapshot(`"Unsupported protocol version 2 (supported: 1)"`);
    expect(error.details.supportedVersions).toEqual([1]);
  });

  it('names the field path and what is wrong', () => {
    const frame = patientMessage('handoff.request', {
      conversationId: 'c-1',
      clientMessageId: 'h-1',
      request: { ...handoffRequest, patient: { ...handoffRequest.patient, locale: 'english!' } },
    });
    const error = refusal(serialiseMessage(frame));
    expect(error.code).toBe('invalid_message');
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid message: request.patient.locale must be a BCP 47 language tag"`,
    );
    expect(error.details.issues).toEqual([
      { path: 'request.patient.locale', message: 'must be a BCP 47 language tag' },
    ]);
  });

  it('lists several problems, first one in the message', () => {
    const error = refusal({
      ...chatMessage,
      text: 'x'.repeat(4001),
      ts: 'yesterday',
      clientMessageId: undefined,
    });
    expect(error.message).toMatchInlineSnapshot(
      `"Invalid message: ts must be an ISO 8601 date-time with offset, e.g. 2026-01-31T09:30:00Z (+2 more)"`,
    );
    expect(error.details.issues?.map((i) => i.path)).toEqual(['ts', 'clientMessageId', 'text']);
  });

  it('does not quote message text in errors (PHI)', () => {
    const error = refusal({ ...chatMessage, text: 42 });
    expect(error.message).toBe('Invalid message: text expected string, got number');
    const secret = refusal({ ...chatMessage, text: `my diagnosis ${'x'.repeat(5000)}` });
    expect(JSON.stringify(secret.details)).not.toContain('diagnosis');
  });

  it('keeps readable envelope fields for the error reply', () => {
    const error = refusal({ ...chatMessage, text: '' });
    const frame = errorMessageFrom(error);
    expect(frame).toMatchObject({
      type: 'error',
      code: 'invalid_message',
      retryable: false,
      inReplyTo: 'f-1',
      conversationId: 'c-1',
      clientMessageId: 'm-1',
      issues: [{ path: 'text', message: 'must not be empty' }],
    });
    const parsed = parseServerToPatient(frame);
    expect(parsed.ok).toBe(true);
    if (parsed.ok && parsed.message.type === 'error') {
      const back = errorFromMessage(parsed.message);
      expect(back.code).toBe('invalid_message');
      expect(back.details.frame?.clientMessageId).toBe('m-1');
    }
  });
});

describe('hostile input', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['number', 42],
    ['boolean', true],
    ['array', [chatMessage]],
    ['function', () => chatMessage],
    ['symbol', Symbol('x')],
    ['bigint', 10n],
    ['empty string', ''],
    ['not JSON', '{"v":1,'],
    ['JSON string literal', '"message"'],
  ])('refuses %s as invalid_message', (_name, input) => {
    expect(refusal(input).code).toBe('invalid_message');
  });

  it('refuses __proto__ keys at any depth, without polluting prototypes', () => {
    const top = refusal('{"__proto__":{"polluted":true},"v":1,"type":"message"}');
    expect(top.code).toBe('invalid_message');
    expect(top.details.issues).toEqual([{ path: '__proto__', message: 'is a forbidden key' }]);
    const deep = refusal(
      `{"v":1,"type":"survey.response","id":"f","conversationId":"c","ts":"${TS}","clientMessageId":"s","response":{"surveyId":"s","answers":{"__proto__":{"kind":"rating","value":5}}}}`,
    );
    expect(deep.details.issues?.[0]?.path).toBe('response.answers.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses strings over the frame limit before parsing them', () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const error = refusal(huge);
    expect(error.code).toBe('frame_too_large');
    expect(error.message).toMatchInlineSnapshot(
      `"Frame too large: 10485760 characters (max 1048576)"`,
    );
    const hugeText = refusal(JSON.stringify({ ...chatMessage, text: huge }));
    expect(hugeText.code).toBe('frame_too_large');
  });

  it('refuses a 10 MB string field in an object frame as too long', () => {
    const error = refusal({ ...chatMessage, text: 'x'.repeat(10 * 1024 * 1024) });
    expect(error.details.issues).toEqual([
      { path: 'text', message: 'is too long (max 4000 characters)' },
    ]);
  });

  it('refuses deep nesting, as JSON text and as objects', () => {
    const depth = 100_000;
    const text = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(text.length).toBeLessThan(WIRE_LIMITS.maxFrameChars);
    expect(refusal(text).code).toBe('invalid_message');
    let nested: unknown = 'leaf';
    for (let i = 0; i < 10_000; i += 1) nested = { a: nested };
    const error = refusal({ ...chatMessage, extra: nested });
    expect(error.message).toMatch(/nested too deeply/);
    // The path names the first value too deep: `extra` and then `a` down to the limit.
    expect(error.details.issues?.[0]?.path).toBe(
      ['extra', ...Array.from({ length: WIRE_LIMITS.maxDepth - 1 }, () => 'a')].join('.'),
    );
  });

  it('refuses cyclic objects', () => {
    const cyclic: Record<string, unknown> = { ...chatMessage };
    cyclic.self = cyclic;
    expect(refusal(cyclic).code).toBe('invalid_message');
  });

  it('survives getters that throw and proxies', () => {
    const trap = Object.defineProperty({ ...chatMessage }, 'text', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const error = refusal(trap);
    expect(error.code).toBe('invalid_message');
    expect(error.cause).toBeInstanceOf(Error);
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    expect(refusal(proxy).code).toBe('invalid_message');
  });

  it('refuses wrong version types as invalid, not unsupported', () => {
    expect(refusal({ ...chatMessage, v: '1' }).code).toBe('invalid_message');
    expect(refusal({ ...chatMessage, v: 1.5 }).code).toBe('invalid_message');
    expect(refusal({ ...chatMessage, v: undefined }).message).toBe(
      'Invalid message: v is required',
    );
    expect(refusal({ ...chatMessage, v: 0 }).code).toBe('unsupported_version');
  });

  it('keeps directions apart', () => {
    const agentOnly = { ...chatMessage, type: 'note' };
    expect(refusal(agentOnly).code).toBe('unknown_type');
    expect(parseAgentMessage(agentOnly).ok).toBe(true);
  });

  it('refuses non-https call links', () => {
    const result = parseServerToPatient({
      v: 1,
      type: 'call.offer',
      id: 'f',
      conversationId: 'c',
      ts: TS,
      seq: 3,
      call: { callId: 'k', provider: 'teams', joinUrl: 'javascript:alert(1)', expiresAt: TS },
    });
    expect(result.ok ? null : result.error.details.issues).toEqual([
      { path: 'call.joinUrl', message: 'must be an https URL' },
    ]);
  });
});
