import type { HandoffRequest } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import { requestFor } from './staff-view';

const request: HandoffRequest = {
  reason: {
    kind: 'urgent',
    detail: 'red-flag',
    matchedText: 'chest pain',
    guidance: { emergencyNumber: '911', text: 'Call 911 now.' },
  },
  priority: 'emergency',
  patient: { patientId: 'p', displayName: 'Alex', locale: 'en' },
  transcript: { entries: [] },
  triage: {
    requested: 'emergency',
    decided: 'emergency',
    basis: 'red-flag',
    matchedText: 'chest pain',
  },
};

describe('escalation context as staff see it', () => {
  it('keeps the red flag fact and the guidance for everyone, the phrase for clinical staff', () => {
    const standard = requestFor('standard', request);
    expect(standard.reason).toEqual({
      kind: 'urgent',
      detail: 'red-flag',
      guidance: { emergencyNumber: '911', text: 'Call 911 now.' },
    });
    expect(standard.triage?.matchedText).toBeUndefined();
    const clinical = requestFor('clinical', request);
    expect(clinical.reason.matchedText).toBe('chest pain');
    expect(clinical.triage?.matchedText).toBe('chest pain');
  });
});
