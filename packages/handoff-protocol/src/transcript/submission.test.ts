import { describe, expect, it } from 'vitest';
import { Transcript } from '../domain/transcript';
import { normalizeTranscript } from './normalize';

const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'A few questions' },
    { type: 'Input.Number', id: 'age', label: 'Age' },
    {
      type: 'Container',
      items: [
        {
          type: 'Input.ChoiceSet',
          id: 'duration',
          label: 'Duration',
          isMultiSelect: true,
          choices: [
            { title: '2 days', value: 'days' },
            { title: 'A week', value: 'week' },
          ],
        },
      ],
    },
    { type: 'Input.Toggle', id: 'fever', title: 'Fever', valueOn: 'yes', valueOff: 'no' },
  ],
  actions: [{ type: 'Action.Submit', title: 'Send', data: { step: 'triage' } }],
};

let counter = 0;
function activity(fields: Record<string, unknown>): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `s${counter}`,
    timestamp: new Date(Date.parse('2026-01-01T10:00:00.000Z') + counter * 1000).toISOString(),
    ...fields,
  };
}

const bot = { id: 'bot', role: 'bot' };
const patient = { id: 'p', role: 'user' };

function normalize(activities: unknown[]): Transcript {
  const transcript = normalizeTranscript(activities, { now: () => new Date(0) });
  expect(Transcript.safeParse(transcript).success).toBe(true);
  return transcript;
}

describe('card submissions in the transcript', () => {
  it('reads an Adaptive Card submission as the patient answered it, labels and choice titles', () => {
    const transcript = normalize([
      activity({
        from: bot,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      }),
      activity({
        from: patient,
        value: { step: 'triage', age: 54, duration: 'days', fever: 'yes' },
      }),
    ]);
    expect(transcript.entries.map((entry) => [entry.from, entry.text])).toEqual([
      ['bot', undefined],
      ['patient', 'Age: 54, Duration: 2 days, Fever: yes'],
    ]);
    expect(transcript.entries[1]?.textFormat).toBe('plain');
  });

  it('maps each value of a multi-select choice to its title', () => {
    const transcript = normalize([
      activity({
        from: bot,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      }),
      activity({ from: patient, value: { duration: 'days,week' } }),
    ]);
    expect(transcript.entries[1]?.text).toBe('Duration: 2 days, A week');
  });

  it('keeps a postBack object without a card, with readable keys', () => {
    const transcript = normalize([
      activity({ from: patient, value: { chestPain: 'no', painScore: 3, nested: { a: 1 } } }),
    ]);
    expect(transcript.entries[0]?.text).toBe('Chest pain: no, Pain score: 3');
  });

  it('shows a messageBack as its displayText, what the patient saw', () => {
    const transcript = normalize([
      activity({
        from: patient,
        text: 'intent:book',
        value: { intent: 'book' },
        channelData: { messageBack: { displayText: 'Book an appointment' } },
      }),
    ]);
    expect(transcript.entries[0]?.text).toBe('Book an appointment');
  });

  it('drops a submission with nothing readable, and never reads a bot value as an answer', () => {
    const transcript = normalize([
      activity({ from: patient, value: { nested: { a: 1 } } }),
      activity({ from: bot, value: { age: 54 } }),
    ]);
    expect(transcript.entries).toEqual([]);
  });
});
