import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARD_CONTENT_REFUSED_NOTICE,
  CARD_CONTENT_TYPES,
  type HandoffRequest,
  MAX_CARD_CONTENT_DEPTH,
  normalizeTranscript,
  parsePatientMessage,
  patientMessage,
  serialiseMessage,
  TEXT_ONLY_NOTICE_ENTRY_ID,
  TEXT_ONLY_TRANSCRIPT_NOTICE,
  type Transcript,
  textOnlyRequest,
  textOnlyTranscript,
} from '../src/index';
import { handoffRequest } from './support/fixtures';

/** A card as a bot would send it over Direct Line: JSON text parsed by the client. */
function botActivity(cardJson: string, id = 'a-1') {
  return {
    type: 'message',
    id,
    from: { id: 'bot', role: 'bot' },
    timestamp: '2026-01-01T10:00:00Z',
    text: 'Please fill in the form',
    attachments: [{ contentType: CARD_CONTENT_TYPES.adaptive, content: JSON.parse(cardJson) }],
  };
}

/** `{"type":"Container","items":[ … ]}` nested `depth` times around a TextBlock. */
function deepCard(depth: number): string {
  let inner = '{"type":"TextBlock","text":"deep"}';
  for (let i = 0; i < depth; i++) inner = `{"type":"Container","items":[${inner}]}`;
  return `{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Top"},${inner}]}`;
}

const protoCard =
  '{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Symptoms"},' +
  '{"type":"Input.Text","id":"x","label":"Where","__proto__":{"isAdmin":true}}]}';

function request(transcript: Transcript) {
  return serialiseMessage(
    patientMessage('handoff.request', {
      conversationId: 'c-hostile',
      clientMessageId: 'h-hostile',
      request: { ...handoffRequest, priority: 'emergency', transcript },
    }),
  );
}

describe('hostile Adaptive Cards in a handoff request', () => {
  it('reproduces the refusal: a card kept verbatim with __proto__ or deep nesting is invalid', () => {
    for (const json of [protoCard, deepCard(30)]) {
      const transcript: Transcript = {
        entries: [
          {
            id: 'a-1',
            from: 'bot',
            at: '2026-01-01T10:00:00.000Z',
            cards: [
              { kind: 'adaptive', contentType: 'x', summary: 's', content: JSON.parse(json) },
            ],
          },
        ],
      };
      const result = parsePatientMessage(request(transcript));
      expect(result.ok ? 'accepted' : result.error.code).toBe('invalid_message');
    }
  });

  it.each([
    ['a __proto__ key', protoCard],
    ['nesting one level past the bound', deepCard(MAX_CARD_CONTENT_DEPTH)],
    ['nesting far past the frame limit', deepCard(200)],
  ])(
    'drops the JSON of a card with %s, keeps its text, marks it, and the server parses it',
    (_, json) => {
      const transcript = normalizeTranscript([botActivity(json)]);
      const card = transcript.entries[0]?.cards?.[0];
      expect(card?.content).toBeUndefined();
      expect(card?.summary.endsWith(CARD_CONTENT_REFUSED_NOTICE)).toBe(true);
      expect(card?.summary.startsWith('Symptoms') || card?.summary.startsWith('Top')).toBe(true);
      const result = parsePatientMessage(request(transcript));
      expect(result.ok ? 'accepted' : result.error.message).toBe('accepted');
    },
  );

  it('keeps the JSON of a card nested within the bound, and the server parses it', () => {
    const transcript = normalizeTranscript([botActivity(deepCard(10))]);
    expect(transcript.entries[0]?.cards?.[0]?.content).toBeDefined();
    expect(parsePatientMessage(request(transcript)).ok).toBe(true);
  });
});

describe('textOnlyTranscript', () => {
  const refused = JSON.parse(
    `{"entries":[{"id":"a-1","from":"bot","at":"2026-01-01T10:00:00.000Z","text":"Hello",` +
      `"cards":[{"kind":"adaptive","contentType":"x","summary":"Card text","content":${protoCard}}],` +
      `"attachments":[{"contentType":"image/png"}]},` +
      `{"id":"a-2","from":"patient","at":"2026-01-01T10:00:01.000Z","text":"chest pain"},` +
      `{"id":"a-3","from":"bot","at":"2026-01-01T10:00:02.000Z","attachments":[{"contentType":"image/png"}]}],` +
      `"truncated":{"omittedEntries":3,"reason":"bytes"}}`,
  ) as Transcript;

  it('turns a refused transcript into text entries plus a marker the server accepts', () => {
    expect(parsePatientMessage(request(refused)).ok).toBe(false);
    const reduced = textOnlyTranscript(refused);
    expect(reduced.entries.map((entry) => [entry.id, entry.from, entry.text])).toEqual([
      ['a-1', 'bot', 'Hello\nCard text'],
      ['a-2', 'patient', 'chest pain'],
      [TEXT_ONLY_NOTICE_ENTRY_ID, 'system', TEXT_ONLY_TRANSCRIPT_NOTICE],
    ]);
    expect(reduced.truncated).toEqual({ omittedEntries: 3, reason: 'bytes' });
    expect(parsePatientMessage(request(reduced)).ok).toBe(true);
  });

  it('stays within the transcript bounds on a huge input', () => {
    const entries = Array.from({ length: 2000 }, (_, i) => ({
      id: `e-${i}`,
      from: 'bot' as const,
      at: '2026-01-01T10:00:00.000Z',
      text: 'x'.repeat(20_000),
    }));
    const reduced = textOnlyTranscript({ entries });
    expect(reduced.entries.at(-1)?.id).toBe(TEXT_ONLY_NOTICE_ENTRY_ID);
    expect(reduced.truncated?.omittedEntries).toBeGreaterThan(1500);
    expect(parsePatientMessage(request(reduced)).ok).toBe(true);
  });
});

describe('textOnlyRequest', () => {
  it('keeps the essentials of a refused request, and the server accepts them', () => {
    const refused: HandoffRequest = {
      ...handoffRequest,
      reason: { kind: 'urgent', detail: 'x'.repeat(900), matchedText: 'chest pain' },
      priority: 'emergency',
      patient: {
        ...handoffRequest.patient,
        displayName: 'N'.repeat(300),
        attributes: [{ key: '9bad', value: 'bad', displayable: true, clinical: false }],
      },
      routing: { department: '' },
      transcript: { entries: [] },
    };
    const frame = (request: HandoffRequest) =>
      parsePatientMessage(
        serialiseMessage(
          patientMessage('handoff.request', {
            conversationId: 'c-1',
            clientMessageId: 'h-1',
            request,
          }),
        ),
      );
    expect(frame(refused).ok).toBe(false);
    const essentials = textOnlyRequest(refused);
    expect(essentials.reason).toEqual({ kind: 'urgent' });
    expect(essentials.priority).toBe('emergency');
    expect(essentials.routing).toBeUndefined();
    expect(essentials.patient.attributes).toBeUndefined();
    expect(essentials.patient.displayName).toHaveLength(200);
    expect(frame(essentials).ok).toBe(true);
  });
});

describe('normalizeTranscript output on hostile cards (property)', () => {
  /** JSON text of a card: random keys including `__proto__`, nested up to 100 levels. */
  const cardJson = fc
    .tuple(
      fc.jsonValue({ maxDepth: 4 }),
      fc.integer({ min: 0, max: 100 }),
      fc.constantFrom('items', 'body', '__proto__', 'card', 'columns'),
      fc.boolean(),
    )
    .map(([leaf, depth, key, asArray]) => {
      let json = JSON.stringify(leaf) ?? 'null';
      for (let i = 0; i < depth; i++) {
        json = asArray ? `{"type":"Container","${key}":[${json}]}` : `{"${key}":${json}}`;
      }
      return `{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"t"},${json}]}`;
    });

  it('is always a handoff request the server parses', () => {
    fc.assert(
      fc.property(fc.array(cardJson, { minLength: 1, maxLength: 5 }), (cards) => {
        const transcript = normalizeTranscript(cards.map((json, i) => botActivity(json, `a-${i}`)));
        expect(transcript.entries).toHaveLength(cards.length);
        const result = parsePatientMessage(request(transcript));
        expect(result.ok ? 'accepted' : result.error.message).toBe('accepted');
      }),
      { numRuns: 300 },
    );
  });
});
