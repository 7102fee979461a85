import {
  BatonProtocolError,
  findPhrase,
  type HandoffRequest,
  type PatientAttribute,
  type PhraseLists,
  type Priority,
  type PriorityDecision,
  RED_FLAG_PHRASES,
  type StatedPatientContext,
  TRANSCRIPT_LIMITS,
  type Transcript,
} from '@baton/handoff-protocol';
import type { PatientPrincipal } from '../auth/principal';
import type { PatientContextProvider } from '../patient-context/provider';
import { retryable } from './core';

/** Most UTF-8 bytes of what the browser states about the patient (name and attributes). */
export const STATED_CONTEXT_MAX_BYTES = 16 * 1024;

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * The server's priority: red-flag detection re-run on the patient's own words in the
 * transcript, with the widget's phrase lists. A red flag makes it `emergency` whatever was
 * asked; a claimed `emergency` without one is downgraded to `urgent`.
 */
export function decidePriority(
  requested: Priority,
  transcript: Transcript,
  phrases: PhraseLists = RED_FLAG_PHRASES,
): PriorityDecision {
  for (const entry of transcript.entries) {
    if (entry.from !== 'patient' || !entry.text) continue;
    const matched = findPhrase(entry.text, phrases);
    if (matched)
      return { requested, decided: 'emergency', basis: 'red-flag', matchedText: matched };
  }
  if (requested === 'emergency') return { requested, decided: 'urgent', basis: 'no-red-flag' };
  return { requested, decided: requested, basis: 'as-requested' };
}

function statedBy(
  sent: HandoffRequest['patient'],
  verified: { displayName: string; locale: string },
): StatedPatientContext | undefined {
  const stated: { displayName?: string; attributes?: PatientAttribute[]; locale?: string } = {};
  if (sent.displayName !== verified.displayName) stated.displayName = sent.displayName;
  // The language picked in the chat's menu after the portal signed the token.
  if (sent.locale !== verified.locale) stated.locale = sent.locale;
  if (sent.attributes && sent.attributes.length > 0) stated.attributes = sent.attributes;
  return Object.keys(stated).length > 0 ? stated : undefined;
}

/**
 * The request as the server hands it on: `patient` from the provider (verified) only, what
 * the browser said about the patient in `statedByPatient`, priority decided by the server.
 * A transcript over `TRANSCRIPT_LIMITS.maxBytes` or stated context over
 * `STATED_CONTEXT_MAX_BYTES` is refused with `invalid_message`.
 */
export async function intakeRequest(
  patient: PatientPrincipal,
  sent: HandoffRequest,
  provider: PatientContextProvider,
): Promise<HandoffRequest> {
  const { statedByPatient: _ignored, triage: _alsoIgnored, ...request } = sent;
  if (bytes(request.transcript) > TRANSCRIPT_LIMITS.maxBytes)
    throw new BatonProtocolError(
      'invalid_message',
      `The transcript is over ${TRANSCRIPT_LIMITS.maxBytes} bytes`,
    );
  // A provider that fails never falls back to the browser's words: `unavailable`, retried.
  const verified = await provider.contextFor(patient).catch((error: unknown) => {
    const mapped = retryable(error);
    throw BatonProtocolError.is(mapped)
      ? mapped
      : new BatonProtocolError('unavailable', 'Patient context is unavailable; try again', {
          cause: error,
        });
  });
  const stated = statedBy(sent.patient, verified);
  if (stated && bytes(stated) > STATED_CONTEXT_MAX_BYTES)
    throw new BatonProtocolError(
      'invalid_message',
      `The stated patient context is over ${STATED_CONTEXT_MAX_BYTES} bytes`,
    );
  const triage = decidePriority(sent.priority, sent.transcript);
  return {
    ...request,
    priority: triage.decided,
    patient: {
      patientId: patient.patientId,
      displayName: verified.displayName,
      locale: verified.locale,
      ...(verified.attributes ? { attributes: verified.attributes } : {}),
    },
    ...(stated ? { statedByPatient: stated } : {}),
    triage,
  };
}
