import { describe, expect, it } from 'vitest';
import { Transcript } from '../domain/transcript';
import { readAdaptiveCard } from './adaptive-card';
import { CARD_CONTENT_OMITTED_NOTICE, CARD_CONTENT_TYPES } from './attachments';
import { normalizeTranscript } from './normalize';

const appointmentCard = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Book an appointment', weight: 'Bolder' },
    {
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: 'With ' }, 'Dr. Who', { type: 'TextRun', text: '' }],
    },
    {
      type: 'FactSet',
      facts: [
        { title: 'Clinic', value: 'North' },
        { title: 'Duration', value: '20 min' },
      ],
    },
    { type: 'Image', url: 'https://cdn.example/map.png?sig=1', altText: 'Map of the clinic' },
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', items: [{ type: 'TextBlock', text: 'Left column' }] },
        {
          type: 'Column',
          items: [{ type: 'Container', items: [{ type: 'TextBlock', text: 'Nested' }] }],
        },
      ],
    },
    {
      type: 'Table',
      rows: [
        {
          type: 'TableRow',
          cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'Cell' }] }],
        },
      ],
    },
    {
      type: 'Input.Text',
      id: 'reason',
      label: 'Reason for visit',
      placeholder: 'Describe briefly',
    },
    { type: 'Input.Date', id: 'day', label: 'Day' },
    { type: 'Input.Number', id: 'n', placeholder: 'How many?' },
    { type: 'Input.Toggle', id: 'tc', label: 'Consent', title: 'I agree to the terms' },
    {
      type: 'Input.ChoiceSet',
      id: 'slot',
      label: 'Slot',
      choices: [
        { title: '9:00', value: '9' },
        { title: '10:00', value: '10' },
      ],
    },
    {
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: 'Directions', url: 'https://m.example' }],
    },
    { type: 'Unknown.Thing', text: 'ignored' },
  ],
  actions: [
    { type: 'Action.Submit', title: 'Book', data: { action: 'book' } },
    {
      type: 'Action.ShowCard',
      title: 'More',
      card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'Parking is free' }] },
    },
  ],
};

describe('readAdaptiveCard', () => {
  it('reads text, facts, inputs, containers, tables and actions in document order', () => {
    const { lines, buttons } = readAdaptiveCard(appointmentCard);
    expect(lines).toEqual([
      'Book an appointment',
      'With Dr. Who',
      'Clinic: North',
      'Duration: 20 min',
      'Image: Map of the clinic',
      'Left column',
      'Nested',
      'Cell',
      'Reason for visit (Describe briefly)',
      'Day',
      'How many?',
      'Consent: I agree to the terms',
      'Slot: 9:00 | 10:00',
      '[Directions]',
      '[Book] [More]',
      'Parking is free',
    ]);
    expect(buttons).toEqual([
      { title: 'Directions' },
      { title: 'Book', value: '{"action":"book"}' },
      { title: 'More' },
    ]);
  });

  it('falls back to fallbackText, and survives junk and very deep nesting', () => {
    expect(readAdaptiveCard({ body: [], fallbackText: 'Please update your app' }).lines).toEqual([
      'Please update your app',
    ]);
    expect(readAdaptiveCard(null).lines).toEqual([]);
    expect(readAdaptiveCard({ body: 'x', actions: [null, 1, { title: 5 }] }).lines).toEqual([]);
    let deep: Record<string, unknown> = { type: 'TextBlock', text: 'bottom' };
    for (let i = 0; i < 10_000; i++) deep = { type: 'Container', items: [deep] };
    expect(readAdaptiveCard({ body: [deep] }).lines).toEqual([]);
  });
});

describe('Adaptive Cards in a transcript', () => {
  const at = '2026-01-01T10:00:00.000Z';
  const withCard = (content: unknown) => ({
    type: 'message',
    id: 'card',
    timestamp: at,
    from: { role: 'bot' },
    attachments: [{ contentType: CARD_CONTENT_TYPES.adaptive, content }],
  });

  it('keeps the card JSON in content for re-rendering, beside the summary', () => {
    const transcript = normalizeTranscript([withCard(appointmentCard)]);
    const card = transcript.entries[0]?.cards?.[0];
    expect(card?.kind).toBe('adaptive');
    expect(card?.summary.split('\n')[0]).toBe('Book an appointment');
    expect(card?.content).toEqual(appointmentCard);
    expect(card?.content).not.toBe(appointmentCard);
    expect(Transcript.safeParse(transcript).success).toBe(true);
  });

  it('reads a card sent as a JSON string', () => {
    const transcript = normalizeTranscript([withCard(JSON.stringify(appointmentCard))]);
    expect(transcript.entries[0]?.cards?.[0]?.content).toEqual(appointmentCard);
  });

  it('drops content over maxCardContentBytes and says so in the summary', () => {
    const big = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: 'Results' },
        { type: 'Image', url: `data:,${'a'.repeat(40_000)}` },
      ],
    };
    const card = normalizeTranscript([withCard(big)]).entries[0]?.cards?.[0];
    expect(card?.content).toBeUndefined();
    expect(card?.summary).toBe(`Results\n${CARD_CONTENT_OMITTED_NOTICE}`);
    const small = normalizeTranscript([withCard(appointmentCard)], { maxCardContentBytes: 100 });
    expect(small.entries[0]?.cards?.[0]?.summary.endsWith(CARD_CONTENT_OMITTED_NOTICE)).toBe(true);
    const cut = normalizeTranscript([withCard(big)], {
      maxTextLength: 100,
      maxCardContentBytes: 10,
    });
    const summary = cut.entries[0]?.cards?.[0]?.summary ?? '';
    expect(summary.length).toBeLessThanOrEqual(100);
    expect(summary.endsWith(CARD_CONTENT_OMITTED_NOTICE)).toBe(true);
  });

  it('keeps unreadable or cyclic cards as a bare summary', () => {
    const cyclic: Record<string, unknown> = {
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: 'Hi' }],
    };
    cyclic.self = cyclic;
    const [broken, loop] = normalizeTranscript([
      withCard('{not json'),
      { ...withCard(cyclic), id: 'cyclic' },
    ]).entries;
    expect(broken?.cards?.[0]).toEqual({
      kind: 'adaptive',
      contentType: CARD_CONTENT_TYPES.adaptive,
      summary: 'Adaptive Card',
    });
    expect(loop?.cards?.[0]?.summary).toBe('Hi');
    expect(loop?.cards?.[0]?.content).toBeUndefined();
  });
});
