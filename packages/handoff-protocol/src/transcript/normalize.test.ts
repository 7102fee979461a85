import { describe, expect, it } from 'vitest';
import { Transcript, type TranscriptEntry } from '../domain/transcript';
import { HANDOFF_INITIATE_NOTICE, senderOf } from './entry';
import { normalizeTranscript } from './normalize';
import { TEXT_TRUNCATION_MARKER, utf8Length } from './text';

const NOW = new Date('2026-01-01T12:00:00.000Z');
const now = () => NOW;

let counter = 0;
function message(fields: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `a${counter}`,
    timestamp: new Date(Date.parse('2026-01-01T10:00:00.000Z') + counter * 1000).toISOString(),
    from: { id: 'bot', role: 'bot' },
    text: `text ${counter}`,
    ...fields,
  };
}

function normalize(activities: readonly unknown[], options = {}): Transcript {
  const transcript = normalizeTranscript(activities, { now, ...options });
  expect(Transcript.safeParse(transcript).success).toBe(true);
  return transcript;
}

function texts(transcript: Transcript): (string | undefined)[] {
  return transcript.entries.map((entry: TranscriptEntry) => entry.text);
}

describe('who wrote it', () => {
  it('uses from.role, then configured ids, then the recipient, then the patient id', () => {
    const ids = { patientUserId: 'dl_patient', botId: 'health-bot' };
    expect(senderOf({ from: { role: 'user' } }, {})).toBe('patient');
    expect(senderOf({ from: { role: 'bot' } }, {})).toBe('bot');
    expect(senderOf({ from: { role: 'skill' } }, {})).toBe('bot');
    expect(senderOf({ from: { id: 'dl_patient' } }, ids)).toBe('patient');
    expect(senderOf({ from: { id: 'health-bot' } }, ids)).toBe('bot');
    expect(senderOf({ from: { id: 'x' }, recipient: { role: 'bot' } }, {})).toBe('patient');
    expect(senderOf({ from: { id: 'x' }, recipient: { role: 'user' } }, {})).toBe('bot');
    expect(senderOf({ from: { id: 'x' }, recipient: { id: 'health-bot' } }, ids)).toBe('patient');
    expect(senderOf({ from: { id: 'someone' } }, { patientUserId: 'dl_patient' })).toBe('bot');
    expect(senderOf({ from: { id: 'someone' } }, {})).toBe('system');
    expect(senderOf({}, ids)).toBe('system');
  });
});

describe('message content', () => {
  it('keeps markdown by default, plain as plain, and reduces xml to plain text', () => {
    const transcript = normalize([
      message({ text: '**Hello**' }),
      message({ text: 'plain *text*', textFormat: 'plain' }),
      message({ text: '<b>Bold</b> &amp; more', textFormat: 'xml' }),
    ]);
    expect(transcript.entries.map((entry) => [entry.text, entry.textFormat])).toEqual([
      ['**Hello**', 'markdown'],
      ['plain *text*', 'plain'],
      ['Bold & more', 'plain'],
    ]);
  });

  it('keeps suggested actions, with values only for message-sending actions', () => {
    const [entry] = normalize([
      message({
        suggestedActions: {
          actions: [
            { type: 'imBack', title: 'Yes', value: 'yes' },
            { type: 'postBack', title: 'Book', value: { intent: 'book' } },
            { type: 'openUrl', title: 'Portal', value: 'https://portal.example/?token=secret' },
            { type: 'imBack', value: 'No title' },
            { type: 'imBack' },
          ],
        },
      }),
    ]).entries;
    expect(entry?.suggestedActions).toEqual([
      { title: 'Yes', value: 'yes' },
      { title: 'Book', value: '{"intent":"book"}' },
      { title: 'Portal' },
      { title: 'No title', value: 'No title' },
    ]);
  });

  it('summarises hero and thumbnail cards and keeps files by name and type only', () => {
    const [entry] = normalize([
      message({
        text: undefined,
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.hero',
            content: {
              title: 'Dr. Ada Lovelace',
              subtitle: 'Cardiology',
              text: 'Next slot: Monday',
              images: [{ url: 'https://cdn.example/ada.png?sig=secret' }],
              buttons: [
                { type: 'imBack', title: 'Book', value: 'book ada' },
                { type: 'openUrl', title: 'Profile', value: 'https://x.example/?t=secret' },
              ],
            },
          },
          {
            contentType: 'application/vnd.microsoft.card.thumbnail',
            content: { title: 'Clinic', text: 'Open 8-18' },
          },
          {
            contentType: 'image/png',
            name: 'rash.png',
            contentUrl: 'https://blob.example/rash.png?sig=secret',
          },
          { contentType: 'application/pdf', contentUrl: 'https://blob.example/x.pdf?sig=secret' },
          { contentUrl: 'https://blob.example/unknown?sig=secret' },
        ],
      }),
    ]).entries;
    expect(entry?.text).toBeUndefined();
    expect(entry?.cards).toEqual([
      {
        kind: 'hero',
        contentType: 'application/vnd.microsoft.card.hero',
        title: 'Dr. Ada Lovelace',
        subtitle: 'Cardiology',
        summary: 'Dr. Ada Lovelace\nCardiology\nNext slot: Monday\n[Book] [Profile]',
        buttons: [{ title: 'Book', value: 'book ada' }, { title: 'Profile' }],
      },
      {
        kind: 'thumbnail',
        contentType: 'application/vnd.microsoft.card.thumbnail',
        title: 'Clinic',
        summary: 'Clinic\nOpen 8-18',
      },
    ]);
    expect(entry?.attachments).toEqual([
      { contentType: 'image/png', name: 'rash.png' },
      { contentType: 'application/pdf' },
      { contentType: 'application/octet-stream' },
    ]);
    expect(JSON.stringify(entry)).not.toContain('secret');
  });

  it('drops typing, events, empty messages; keeps handoff.initiate as a system entry', () => {
    const transcript = normalize([
      { type: 'typing', id: 't1', from: { role: 'bot' } },
      { type: 'conversationUpdate', id: 'c1' },
      { type: 'event', id: 'e1', name: 'webchat/join', value: { secret: 1 } },
      { type: 'invoke', id: 'i1', name: 'InitConversation' },
      { type: 'endOfConversation', id: 'x1' },
      { type: 'messageReaction', id: 'r1' },
      message({ text: '   ' }),
      message({ text: undefined, suggestedActions: { actions: [{ title: 'Only a button' }] } }),
      message({ text: 'kept' }),
      {
        type: 'event',
        id: 'h1',
        name: 'handoff.initiate',
        from: { role: 'bot' },
        timestamp: '2026-01-01T11:00:00.000Z',
        value: { symptom: 'chest pain' },
      },
    ]);
    expect(transcript.entries).toHaveLength(2);
    expect(transcript.entries[1]).toEqual({
      id: 'h1',
      from: 'system',
      at: '2026-01-01T11:00:00.000Z',
      text: HANDOFF_INITIATE_NOTICE,
      textFormat: 'plain',
      sourceActivityIds: ['h1'],
    });
    expect(JSON.stringify(transcript)).not.toContain('chest pain');
    expect(transcript.truncated).toBeUndefined();
  });
});

describe('identity and order', () => {
  it('de-duplicates by id and clientActivityID, first occurrence wins', () => {
    const local = {
      type: 'message',
      from: { role: 'user' },
      text: 'my own message',
      timestamp: '2026-01-01T10:00:00.000Z',
      channelData: { clientActivityID: 'c-1' },
    };
    const echo = { ...local, id: 'dl|1', text: 'echo', timestamp: '2026-01-01T10:00:01.000Z' };
    const again = { ...echo, channelData: {}, text: 'second echo' };
    const transcript = normalize([
      local,
      echo,
      again,
      message({ id: 'dl|2' }),
      message({ id: 'dl|2' }),
    ]);
    expect(texts(transcript)).toEqual(['my own message', expect.stringMatching(/^text /)]);
    expect(transcript.entries[0]?.id).toBe('baton-0');
    expect(transcript.entries[0]?.sourceActivityIds).toBeUndefined();
    expect(transcript.entries[1]?.sourceActivityIds).toEqual(['dl|2']);
  });

  it('a dropped first occurrence does not hide a later one', () => {
    const transcript = normalize([
      { type: 'typing', id: 'same' },
      { type: 'message', id: 'same', text: 'hello', from: { role: 'user' } },
    ]);
    expect(texts(transcript)).toEqual(['hello']);
  });

  it('orders by timestamp, then input position; offsets and 7-digit fractions are read', () => {
    const transcript = normalize([
      message({ text: 'third', timestamp: '2026-01-01T10:00:02.0000000Z' }),
      message({ text: 'first', timestamp: '2026-01-01T11:00:00.1234567+02:00' }),
      message({ text: 'second', timestamp: '2026-01-01T10:00:00.000Z' }),
      message({ text: 'fourth', timestamp: new Date('2026-01-01T10:00:02.000Z') }),
    ]);
    expect(texts(transcript)).toEqual(['first', 'second', 'third', 'fourth']);
    expect(transcript.entries[0]?.at).toBe('2026-01-01T09:00:00.123Z');
  });

  it('fills a missing timestamp from the previous activity, else the next, else now()', () => {
    const transcript = normalize([
      message({ text: 'no time, first', timestamp: undefined }),
      message({ text: 'ten', timestamp: '2026-01-01T10:00:00.000Z' }),
      message({ text: 'bad time', timestamp: 'yesterday' }),
      message({ text: 'nine', timestamp: '2026-01-01T09:00:00.000Z' }),
      message({ text: 'local time', timestamp: '2026-01-01 08:00' }),
    ]);
    expect(transcript.entries.map((entry) => [entry.text, entry.at])).toEqual([
      ['nine', '2026-01-01T09:00:00.000Z'],
      ['local time', '2026-01-01T09:00:00.000Z'],
      ['no time, first', '2026-01-01T10:00:00.000Z'],
      ['ten', '2026-01-01T10:00:00.000Z'],
      ['bad time', '2026-01-01T10:00:00.000Z'],
    ]);
    const undated = normalize([message({ timestamp: undefined }), message({ timestamp: 7 })]);
    expect(undated.entries.map((entry) => entry.at)).toEqual([
      NOW.toISOString(),
      NOW.toISOString(),
    ]);
  });
});

describe('bounds', () => {
  it('keeps the newest maxEntries and says how many were left out', () => {
    const activities = Array.from({ length: 12 }, (_, i) => message({ text: `m${i}` }));
    const transcript = normalize(activities, { maxEntries: 5 });
    expect(texts(transcript)).toEqual(['m7', 'm8', 'm9', 'm10', 'm11']);
    expect(transcript.truncated).toEqual({ omittedEntries: 7, reason: 'entries' });
  });

  it('keeps the serialised transcript within maxBytes, dropping the oldest', () => {
    const activities = Array.from({ length: 40 }, (_, i) =>
      message({ text: `é${i} ${'x'.repeat(200)}` }),
    );
    const transcript = normalize(activities, { maxBytes: 4096 });
    const bytes = utf8Length(JSON.stringify(transcript));
    expect(bytes).toBeLessThanOrEqual(4096);
    expect(bytes).toBeGreaterThan(4096 - 400);
    const kept = transcript.entries.length;
    expect(transcript.truncated).toEqual({ omittedEntries: 40 - kept, reason: 'bytes' });
    expect(transcript.entries.at(-1)?.text).toMatch(/^é39 /);
  });

  it('counts both bounds together and reports the byte bound when it cut last', () => {
    const activities = Array.from({ length: 30 }, (_, i) =>
      message({ text: `${i} ${'y'.repeat(300)}` }),
    );
    const transcript = normalize(activities, { maxEntries: 20, maxBytes: 2048 });
    expect(transcript.truncated?.reason).toBe('bytes');
    expect(transcript.truncated?.omittedEntries).toBe(30 - transcript.entries.length);
  });

  it('cuts long text with the marker without dropping the entry', () => {
    const transcript = normalize([message({ text: 'z'.repeat(10_000) })]);
    const text = transcript.entries[0]?.text ?? '';
    expect(text).toHaveLength(8000);
    expect(text.endsWith(TEXT_TRUNCATION_MARKER)).toBe(true);
    expect(transcript.truncated).toBeUndefined();
    const short = normalize([message({ text: 'w'.repeat(100) })], { maxTextLength: 50 });
    expect(short.entries[0]?.text).toHaveLength(50);
  });
});

describe('hostile input', () => {
  it('never throws and keeps only what it can read', () => {
    const throwing = {
      type: 'message',
      get text(): string {
        throw new Error('boom');
      },
    };
    const polluted = JSON.parse(
      '{"type":"message","__proto__":{"text":"inherited"},"from":{"__proto__":{"role":"user"}}}',
    );
    const inherited = Object.create({ type: 'message', text: 'from prototype' });
    const junk: unknown[] = [
      null,
      undefined,
      42,
      'message',
      [],
      [message()],
      throwing,
      polluted,
      inherited,
      { type: 'message', text: 7, attachments: 'nope', suggestedActions: [1] },
      { type: 'message', text: 'ok', id: 'i'.repeat(300), from: 'bot', attachments: [null, 3] },
      { type: 'message', text: 'ok2', id: '', channelData: { clientActivityID: 9 } },
    ];
    const transcript = normalize(junk);
    expect(texts(transcript)).toEqual(['ok', 'ok2']);
    expect(transcript.entries[0]?.id).toBe('baton-10');
    expect(transcript.entries[0]?.from).toBe('system');
    expect(({} as Record<string, unknown>).text).toBeUndefined();
    expect(normalizeTranscript('not an array' as unknown as unknown[], { now }).entries).toEqual(
      [],
    );
    expect(normalizeTranscript([message()], { now: () => new Date(Number.NaN) })).toBeDefined();
  });
});

describe('the example in docs/transcript-and-interop.md', () => {
  it('produces the documented output', () => {
    const input = [
      {
        type: 'message',
        id: 'c1|0001',
        timestamp: '2026-03-02T09:00:00.1234567Z',
        from: { id: 'dl_8f2c', role: 'user' },
        text: 'I need to book a visit',
        channelData: { clientActivityID: 'w-1' },
      },
      {
        type: 'message',
        id: 'c1|0001',
        timestamp: '2026-03-02T09:00:00.1234567Z',
        from: { id: 'dl_8f2c', role: 'user' },
        text: 'I need to book a visit',
      },
      { type: 'typing', id: 'c1|0002', from: { id: 'bot', role: 'bot' } },
      {
        type: 'message',
        id: 'c1|0003',
        timestamp: '2026-03-02T09:00:01Z',
        from: { id: 'bot', role: 'bot' },
        text: 'Which day?',
        suggestedActions: {
          actions: [
            { type: 'imBack', title: 'Monday', value: 'Monday' },
            { type: 'openUrl', title: 'Calendar', value: 'https://x.example/?token=abc' },
          ],
        },
      },
    ];
    const output = {
      entries: [
        {
          id: 'c1|0001',
          from: 'patient',
          at: '2026-03-02T09:00:00.123Z',
          text: 'I need to book a visit',
          textFormat: 'markdown',
          sourceActivityIds: ['c1|0001'],
        },
        {
          id: 'c1|0003',
          from: 'bot',
          at: '2026-03-02T09:00:01.000Z',
          text: 'Which day?',
          textFormat: 'markdown',
          suggestedActions: [{ title: 'Monday', value: 'Monday' }, { title: 'Calendar' }],
          sourceActivityIds: ['c1|0003'],
        },
      ],
    };
    expect(normalize(input)).toEqual(output);
    expect(normalize(input, { maxEntries: 1 })).toEqual({
      entries: [output.entries[1]],
      truncated: { omittedEntries: 1, reason: 'entries' },
    });
  });
});
