import { type HandoffRequest, patientMessage } from '@baton/handoff-protocol';

/** A valid handoff request with a small bot transcript. */
export function sampleRequest(overrides: Partial<HandoffRequest> = {}): HandoffRequest {
  return {
    reason: { kind: 'patient-requested', detail: 'phrase-list' },
    priority: 'routine',
    patient: { patientId: 'ignored-by-server', displayName: 'Alex Martin', locale: 'en' },
    transcript: {
      entries: [
        { id: 'bot-1', from: 'bot', at: '2026-01-05T10:00:00.000Z', text: 'How can I help?' },
        { id: 'pat-1', from: 'patient', at: '2026-01-05T10:00:05.000Z', text: 'I need a person' },
      ],
    },
    routing: { department: 'cardiology' },
    ...overrides,
  };
}

export function handoffRequestFrame(
  conversationId: string,
  clientMessageId = `req-${conversationId}`,
  request = sampleRequest(),
) {
  return patientMessage('handoff.request', { conversationId, clientMessageId, request });
}
