import { describe, expect, it } from 'vitest';
import type { PatientContext } from '../domain/patient';
import { handoffRequestFromInitiation } from './handoff-initiation';

const patient: PatientContext = { patientId: 'p-1', displayName: 'Sam', locale: 'en' };
const initiate = (fields: Record<string, unknown>) => ({
  type: 'event',
  name: 'handoff.initiate',
  conversation: { id: 'conv-1' },
  ...fields,
});

describe('handoffRequestFromInitiation', () => {
  it('copies only listed, valid, scalar context keys as displayable non-clinical attributes', () => {
    const result = handoffRequestFromInitiation(
      initiate({
        value: {
          plan: 'gold',
          Visits: 3,
          ok: true,
          nested: { a: 1 },
          '1bad': 'x',
          diagnosis: 'secret',
        },
      }),
      { patient, contextAttributes: ['plan', 'visits', 'ok', 'nested', '1bad', 'missing'] },
    );
    expect(result.ok && result.value.patient.attributes).toEqual([
      { key: 'plan', value: 'gold', displayable: true, clinical: false },
      { key: 'visits', value: '3', displayable: true, clinical: false },
      { key: 'ok', value: 'true', displayable: true, clinical: false },
    ]);
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('reads a context and a transcript sent as JSON strings, and an unnamed JSON transcript', () => {
    const activities = [
      {
        type: 'message',
        id: 'm1',
        text: 'hi',
        from: { role: 'user' },
        timestamp: '2026-01-01T00:00:00Z',
      },
    ];
    const stringly = handoffRequestFromInitiation(
      initiate({
        value: JSON.stringify({ priority: ' URGENT ' }),
        attachments: [
          {
            contentType: 'application/json',
            name: 'Transcript',
            content: JSON.stringify({ activities }),
          },
        ],
      }),
      { patient },
    );
    expect(stringly.ok && stringly.value.priority).toBe('urgent');
    expect(stringly.ok && stringly.value.transcript.entries.map((entry) => entry.text)).toEqual([
      'hi',
    ]);
    const unnamed = handoffRequestFromInitiation(
      initiate({
        attachments: [
          { contentType: 'image/png' },
          { contentType: 'application/json', content: { activities } },
        ],
      }),
      { patient },
    );
    expect(unnamed.ok && unnamed.value.transcript.entries).toHaveLength(1);
  });

  it('leaves out invalid routing hints and Direct Line ids', () => {
    const result = handoffRequestFromInitiation(
      initiate({
        conversation: { id: 'has spaces' },
        value: {
          priority: 'asap',
          department: 'x'.repeat(65),
          skills: ['ok', '', 7, 'ok'],
          locale: 'english please',
        },
      }),
      { patient },
    );
    expect(result.ok && result.value.priority).toBe('routine');
    expect(result.ok && result.value.routing).toEqual({ skills: ['ok'] });
    expect(result.ok && result.value.directLine).toBeUndefined();
  });

  it('passes transcript options through (bounds)', () => {
    const activities = Array.from({ length: 5 }, (_, i) => ({
      type: 'message',
      id: `m${i}`,
      text: `t${i}`,
      from: { role: 'bot' },
      timestamp: `2026-01-01T00:00:0${i}Z`,
    }));
    const result = handoffRequestFromInitiation(
      initiate({
        attachments: [
          { contentType: 'application/json', name: 'Transcript', content: { activities } },
        ],
      }),
      { patient, transcript: { maxEntries: 2 } },
    );
    expect(result.ok && result.value.transcript.truncated).toEqual({
      omittedEntries: 3,
      reason: 'entries',
    });
  });
});
