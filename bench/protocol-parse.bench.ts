import { parsePatientMessage, patientMessage, serialiseMessage } from '@baton/handoff-protocol';
import { bench, describe } from 'vitest';

// What validation costs per inbound frame, side by side with its peer: a bare JSON.parse of
// the same bytes (what a server without schema validation would do). vitest reports the
// ratio ("x times faster than") for each group.
const chat = serialiseMessage(
  patientMessage('message', {
    conversationId: 'conv-123',
    clientMessageId: 'c-000001',
    text: 'I have had a headache since yesterday and the pills are not helping.',
  }),
);

const entries = Array.from({ length: 40 }, (_, i) => ({
  id: `act-${i}`,
  from: i % 2 === 0 ? 'patient' : 'bot',
  at: new Date(Date.UTC(2026, 10, 25, 18, 0, i)).toISOString(),
  text: `Turn ${i}: a sentence of ordinary length for a triage conversation.`,
}));
const request = JSON.stringify({
  v: 1,
  type: 'handoff.request',
  id: 'f-1',
  conversationId: 'conv-123',
  ts: new Date().toISOString(),
  clientMessageId: 'c-req-1',
  request: {
    reason: { kind: 'patient-requested', detail: 'phrase' },
    priority: 'routine',
    patient: { patientId: 'p-42', displayName: 'Alex', locale: 'en' },
    transcript: { entries },
  },
});

describe('chat message frame (~250 B)', () => {
  bench('JSON.parse (peer)', () => {
    JSON.parse(chat);
  });
  bench('parsePatientMessage', () => {
    const result = parsePatientMessage(chat);
    if (!result.ok) throw result.error;
  });
});

describe('handoff.request with a 40-entry transcript (~5 KB)', () => {
  bench('JSON.parse (peer)', () => {
    JSON.parse(request);
  });
  bench('parsePatientMessage', () => {
    const result = parsePatientMessage(request);
    if (!result.ok) throw result.error;
  });
});
