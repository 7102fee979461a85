import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRANSCRIPT_LIMITS, Transcript } from '../domain/transcript';
import { CARD_CONTENT_TYPES } from './attachments';
import { normalizeTranscript } from './normalize';
import { utf8Length } from './text';

const now = () => new Date('2026-06-01T00:00:00.000Z');

const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '   ', '<b>x</b> &amp;', '**md**', '__proto__'),
  fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2000 }),
);

const cardAction = fc.record(
  {
    type: fc.constantFrom('imBack', 'postBack', 'messageBack', 'openUrl', 'Action.Submit', 'x'),
    title: text,
    value: fc.oneof(text, fc.anything()),
    data: fc.anything(),
  },
  { requiredKeys: [] },
);

const adaptiveElement = fc.letrec((tie) => ({
  element: fc.oneof(
    { depthSize: 'small' },
    fc.record({ type: fc.constant('TextBlock'), text }),
    fc.record({
      type: fc.constant('FactSet'),
      facts: fc.array(fc.record({ title: text, value: text })),
    }),
    fc.record({
      type: fc.constantFrom('Input.ChoiceSet', 'Input.Text'),
      label: text,
      choices: fc.array(fc.record({ title: text })),
    }),
    fc.record({
      type: fc.constant('Container'),
      items: fc.array(tie('element'), { maxLength: 4 }),
    }),
    fc.record({ type: fc.constant('ActionSet'), actions: fc.array(cardAction, { maxLength: 4 }) }),
    fc.anything(),
  ),
})).element;

const attachment = fc.oneof(
  fc.record({
    contentType: fc.constant(CARD_CONTENT_TYPES.adaptive),
    content: fc.oneof(
      fc.record({
        type: fc.constant('AdaptiveCard'),
        body: fc.array(adaptiveElement, { maxLength: 6 }),
      }),
      fc.json(),
      fc.anything(),
    ),
  }),
  fc.record({
    contentType: fc.constantFrom(
      CARD_CONTENT_TYPES.hero,
      CARD_CONTENT_TYPES.thumbnail,
      'application/vnd.microsoft.card.receipt',
    ),
    content: fc.record(
      { title: text, subtitle: text, text, buttons: fc.array(cardAction, { maxLength: 60 }) },
      { requiredKeys: [] },
    ),
  }),
  fc.record(
    { contentType: fc.oneof(text, fc.constant('image/png')), name: text, contentUrl: text },
    { requiredKeys: [] },
  ),
  fc.anything(),
);

const timestamp = fc.oneof(
  fc
    .date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.date(),
  fc.constantFrom('garbage', '+275760-09-13T00:00:00.000Z', '2026-02-30T00:00:00Z'),
  fc.anything(),
);

const activity = fc.oneof(
  fc.record(
    {
      type: fc.constantFrom('message', 'message', 'message', 'typing', 'event', 'invoke'),
      id: fc.oneof(fc.constantFrom('a', 'b', 'c', 'd'), fc.string({ maxLength: 300 })),
      name: fc.constantFrom('handoff.initiate', 'other'),
      timestamp,
      from: fc.record(
        {
          id: fc.constantFrom('u', 'b', 'x'),
          role: fc.constantFrom('user', 'bot', 'skill', 'other'),
        },
        { requiredKeys: [] },
      ),
      recipient: fc.anything(),
      text,
      textFormat: fc.constantFrom('markdown', 'plain', 'xml', 'rtf'),
      attachments: fc.array(attachment, { maxLength: 25 }),
      suggestedActions: fc.record({ actions: fc.array(cardAction, { maxLength: 60 }) }),
      channelData: fc.oneof(
        fc.record({ clientActivityID: fc.constantFrom('c1', 'c2') }),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  ),
  fc.anything({ withObjectString: true, withNullPrototype: true }),
);

const limits = fc.record(
  {
    maxEntries: fc.oneof(fc.integer({ min: -5, max: 600 }), fc.constant(Number.NaN)),
    maxBytes: fc.integer({ min: 0, max: 300_000 }),
    maxTextLength: fc.integer({ min: 0, max: 9000 }),
    maxCardContentBytes: fc.integer({ min: 0, max: 5000 }),
    patientUserId: fc.constantFrom('u', 'x'),
    botId: fc.constantFrom('b', 'x'),
  },
  { requiredKeys: [] },
);

describe('normalizeTranscript on random input', () => {
  it('never throws, always parses as Transcript and respects the bounds', () => {
    fc.assert(
      fc.property(fc.array(activity, { maxLength: 40 }), limits, (activities, options) => {
        const transcript = normalizeTranscript(activities, { ...options, now });
        const parsed = Transcript.safeParse(transcript);
        expect(parsed.success, JSON.stringify(parsed.error?.issues?.[0])).toBe(true);
        const maxBytes = Math.max(
          1024,
          Math.min(options.maxBytes ?? Infinity, TRANSCRIPT_LIMITS.maxBytes),
        );
        expect(utf8Length(JSON.stringify(transcript))).toBeLessThanOrEqual(maxBytes);
        const maxEntries = Number.isFinite(options.maxEntries)
          ? Math.max(1, Math.min(options.maxEntries ?? 500, 500))
          : 500;
        expect(transcript.entries.length).toBeLessThanOrEqual(maxEntries);
        const ats = transcript.entries.map((entry) => Date.parse(entry.at));
        expect(ats).toEqual([...ats].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });

  it('truncated is set exactly when bounds dropped entries, and counts them', () => {
    fc.assert(
      fc.property(
        fc.array(activity, { maxLength: 40 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1024, max: 20_000 }),
        (activities, maxEntries, maxBytes) => {
          const full = normalizeTranscript(activities, { now });
          expect(full.truncated).toBeUndefined();
          const bounded = normalizeTranscript(activities, { now, maxEntries, maxBytes });
          const dropped = full.entries.length - bounded.entries.length;
          expect(bounded.entries).toEqual(full.entries.slice(dropped));
          if (dropped === 0) expect(bounded.truncated).toBeUndefined();
          else expect(bounded.truncated?.omittedEntries).toBe(dropped);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('JSON junk (as it arrives from the wire) never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 30 }), (values) => {
        const transcript = normalizeTranscript(values, { now });
        expect(Transcript.safeParse(transcript).success).toBe(true);
      }),
    );
  });
});
