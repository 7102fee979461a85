import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MESSAGE_LIMITS, parsePatientMessage, parseServerToPatient } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_TEXT, patientFrame } from './frames';
import { readServerFrame } from './inbound';

// The spec's own examples (docs/handoff-protocol.md), as the protocol's docs test reads them.
function examples(direction: string): Record<string, unknown>[] {
  const doc = readFileSync(join(__dirname, '../../../../docs/handoff-protocol.md'), 'utf8');
  const pattern = new RegExp(
    `<!-- example: ${direction} -->\\s*\`\`\`json\\n([\\s\\S]*?)\`\`\``,
    'g',
  );
  return [...doc.matchAll(pattern)].map((match) => JSON.parse(match[1] as string));
}

describe('readServerFrame (the widget’s light check of server → patient frames)', () => {
  const frames = examples('server-to-patient');

  it('accepts every server → patient example of the spec, like the protocol parser', () => {
    expect(frames.length).toBeGreaterThanOrEqual(15);
    for (const frame of frames) {
      expect(parseServerToPatient(frame).ok, String(frame.type)).toBe(true);
      expect(readServerFrame(frame), String(frame.type)).toBe(frame);
    }
  });

  it('drops what it cannot use, without throwing', () => {
    const message = frames.find((f) => f.type === 'message') as Record<string, unknown>;
    const broken: unknown[] = [
      null,
      'a string',
      [],
      { ...message, v: 2 },
      { ...message, type: 'message.edit' },
      { ...message, type: 'toString' },
      { ...message, seq: -1 },
      { ...message, seq: 1.5 },
      { ...message, text: 42 },
      { ...message, text: 'x'.repeat(4001) },
      { ...message, from: 'bot' },
      { ...message, conversationId: undefined },
      { ...message, agent: { id: 'a' } },
      {
        v: 1,
        type: 'call.offer',
        id: 'x',
        conversationId: 'c',
        ts: 't',
        seq: 1,
        call: { callId: 'k', provider: 'teams', joinUrl: 'javascript:alert(1)', expiresAt: 't' },
      },
      {
        v: 1,
        type: 'handoff.queued',
        id: 'x',
        conversationId: 'c',
        ts: 't',
        queue: { queue: 'q', position: 0, estimatedWaitSeconds: null },
      },
    ];
    for (const input of broken) expect(readServerFrame(input)).toBeNull();
  });
});

describe('patientFrame (the widget’s frame builder)', () => {
  it('builds frames the protocol parser accepts', () => {
    const frames = [
      patientFrame('message', { conversationId: 'c-1', clientMessageId: 'm-1', text: 'Hello' }),
      patientFrame('resume', { conversationId: 'c-1', sinceSeq: 4 }),
      patientFrame('read', { conversationId: 'c-1', upToSeq: 4 }),
      patientFrame('fallback.select', {
        conversationId: 'c-1',
        clientMessageId: 'f-1',
        choice: { option: 'callback', phone: '+33612345678' },
      }),
    ];
    for (const frame of frames) expect(parsePatientMessage(frame)).toMatchObject({ ok: true });
    expect(frames[0]?.id).not.toBe(frames[1]?.id);
  });
});

describe('MAX_MESSAGE_TEXT (checked before sending)', () => {
  it('is the protocol limit: a message at it parses, one over it is refused', () => {
    expect(MAX_MESSAGE_TEXT).toBe(MESSAGE_LIMITS.maxTextLength);
    const frame = (text: string) =>
      parsePatientMessage(
        patientFrame('message', { conversationId: 'c', clientMessageId: 'm', text }),
      );
    expect(frame('x'.repeat(MAX_MESSAGE_TEXT)).ok).toBe(true);
    expect(frame('x'.repeat(MAX_MESSAGE_TEXT + 1)).ok).toBe(false);
  });
});
