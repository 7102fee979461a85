import type { HandoffRequest } from '../../src/index';

export const TS = '2026-11-25T18:00:00.000Z';

export const handoffRequest: HandoffRequest = {
  reason: { kind: 'patient-requested', detail: 'phrase-list', matchedText: 'talk to a human' },
  priority: 'routine',
  patient: { patientId: 'p-123', displayName: 'Alex', locale: 'en-GB' },
  transcript: {
    entries: [{ id: 'a1', from: 'bot', at: TS, text: 'How can I help?' }],
  },
  directLine: { conversationId: 'dl-1', watermark: '3' },
};

export const chatMessage = {
  v: 1,
  type: 'message',
  id: 'f-1',
  conversationId: 'c-1',
  ts: TS,
  clientMessageId: 'm-1',
  text: 'hello',
} as const;
