import { BatonProtocolError, type HandoffRequest } from '@baton/handoff-protocol';
import { describe, expect, it } from 'vitest';
import type { PatientPrincipal } from '../auth/principal';
import { tokenClaimsPatientContext } from '../patient-context/provider';
import { decidePriority, intakeRequest } from './patient-intake';

const at = '2026-01-05T10:00:00.000Z';
const said = (...texts: string[]) => ({
  entries: texts.map((text, i) => ({ id: `p${i}`, from: 'patient' as const, at, text })),
});

describe('decidePriority', () => {
  it('finds red flags in the patient’s words in any language, whatever was asked', () => {
    expect(decidePriority('routine', said('Bonjour', "J'ai une douleur thoracique"))).toEqual({
      requested: 'routine',
      decided: 'emergency',
      basis: 'red-flag',
      matchedText: 'douleur thoracique',
    });
    expect(decidePriority('emergency', said('I have chest pain')).basis).toBe('red-flag');
  });

  it('downgrades an emergency without a red flag, keeps routine and urgent', () => {
    expect(decidePriority('emergency', said('hello'))).toEqual({
      requested: 'emergency',
      decided: 'urgent',
      basis: 'no-red-flag',
    });
    expect(decidePriority('urgent', said('hello')).decided).toBe('urgent');
    expect(decidePriority('routine', said('hello')).decided).toBe('routine');
  });

  it('reads only the patient’s entries: a bot quoting a red flag is not one', () => {
    const transcript = {
      entries: [{ id: 'b1', from: 'bot' as const, at, text: 'Do you have chest pain?' }],
    };
    expect(decidePriority('routine', transcript).basis).toBe('as-requested');
  });
});

describe('intakeRequest', () => {
  const patient: PatientPrincipal = {
    kind: 'patient',
    patientId: 'pat-1',
    displayName: 'Alex Martin',
    locale: 'en',
    conversationId: null,
  };
  const sent: HandoffRequest = {
    reason: { kind: 'urgent' },
    priority: 'emergency',
    patient: { patientId: 'someone-else', displayName: 'Dr. Impostor', locale: 'fr' },
    transcript: said('hello'),
    statedByPatient: { displayName: 'Forged as stated' },
    triage: { requested: 'routine', decided: 'emergency', basis: 'red-flag' },
  };

  it('keeps the verified context, the browser’s words apart, and the server’s priority', async () => {
    const request = await intakeRequest(patient, sent, tokenClaimsPatientContext);
    expect(request.patient).toEqual({
      patientId: 'pat-1',
      displayName: 'Alex Martin',
      locale: 'en',
    });
    // The language picked in the chat (fr) is not the token's (en): stated, apart.
    expect(request.statedByPatient).toEqual({ displayName: 'Dr. Impostor', locale: 'fr' });
    expect(request.priority).toBe('urgent');
    expect(request.triage?.basis).toBe('no-red-flag');
  });

  it('states no language when the chat kept the verified one', async () => {
    const same = {
      ...sent,
      patient: { ...sent.patient, displayName: 'Alex Martin', locale: 'en' },
    };
    const request = await intakeRequest(patient, same, tokenClaimsPatientContext);
    expect(request.statedByPatient).toBeUndefined();
  });

  it('answers `unavailable` when the provider fails, never the browser’s words', async () => {
    const failing = {
      name: 'failing',
      contextFor: async () => {
        throw new Error('record system down');
      },
    };
    const refused = await intakeRequest(patient, sent, failing).catch((error: unknown) => error);
    expect(BatonProtocolError.is(refused) && refused.code).toBe('unavailable');
  });
});
