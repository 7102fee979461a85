import type { HandoffRequest } from '../domain/escalation';
import { TRANSCRIPT_LIMITS } from '../domain/limits';
import type { Transcript, TranscriptEntry } from '../domain/transcript';
import { boundTranscript } from './bounds';
import { clip, truncateText } from './text';

/** Text of the system entry that ends a transcript reduced by {@link textOnlyTranscript}. */
export const TEXT_ONLY_TRANSCRIPT_NOTICE =
  'Cards, attachments and buttons were left out of this transcript: only its text was sent.';

/** Id of that system entry. */
export const TEXT_ONLY_NOTICE_ENTRY_ID = 'baton-text-only';

const ID_PATTERN = /^[\s\S]{1,256}$/;
const PARTIES: ReadonlySet<string> = new Set(['patient', 'bot', 'agent', 'system']);

/**
 * The last resort when a server refused a transcript (`invalid_message`): every entry keeps
 * only its id, sender, time and text, with card summaries flattened into that text as plain
 * text; entries left with no text are dropped; a system entry
 * {@link TEXT_ONLY_TRANSCRIPT_NOTICE} says so at the end. Reads its input defensively (it may
 * be whatever was refused) and bounds the result like `normalizeTranscript`.
 */
export function textOnlyTranscript(transcript: Transcript, now = new Date()): Transcript {
  const entries: TranscriptEntry[] = [];
  const all = Array.isArray(transcript?.entries) ? transcript.entries : [];
  const source = all.slice(-(TRANSCRIPT_LIMITS.maxEntries - 1));
  for (const [index, entry] of source.entries()) {
    const lines = [entry?.text, ...(Array.isArray(entry?.cards) ? entry.cards : []).map(summary)];
    const text = lines.filter((line) => typeof line === 'string' && line.trim() !== '').join('\n');
    if (text === '') continue;
    const at = typeof entry.at === 'string' && !Number.isNaN(Date.parse(entry.at));
    entries.push({
      id: typeof entry.id === 'string' && ID_PATTERN.test(entry.id) ? entry.id : `baton-${index}`,
      from: PARTIES.has(entry.from) ? entry.from : 'system',
      at: new Date(at ? entry.at : now).toISOString(),
      text: truncateText(text, TRANSCRIPT_LIMITS.maxTextLength),
      textFormat: 'plain',
    });
  }
  const last = entries[entries.length - 1]?.at ?? now.toISOString();
  entries.push({
    id: TEXT_ONLY_NOTICE_ENTRY_ID,
    from: 'system',
    at: last,
    text: TEXT_ONLY_TRANSCRIPT_NOTICE,
    textFormat: 'plain',
  });
  const bounded = boundTranscript(entries, TRANSCRIPT_LIMITS);
  const before = transcript?.truncated?.omittedEntries;
  const omitted =
    (Number.isSafeInteger(before) && (before ?? 0) > 0 ? (before ?? 0) : 0) +
    (all.length - source.length) +
    (bounded.truncated?.omittedEntries ?? 0);
  if (omitted === 0) return bounded;
  const reason = bounded.truncated?.reason ?? transcript?.truncated?.reason;
  return {
    ...bounded,
    truncated: { omittedEntries: omitted, reason: reason === 'bytes' ? 'bytes' : 'entries' },
  };
}

function summary(card: unknown): string | undefined {
  const value = (card as { summary?: unknown } | null)?.summary;
  return typeof value === 'string' ? clip(value, TRANSCRIPT_LIMITS.maxTextLength) : undefined;
}

/**
 * The last resort for a refused `handoff.request`: its essentials only — the reason's kind,
 * the priority, the patient's id, name (at most 200 characters) and locale, the Direct Line
 * reference and {@link textOnlyTranscript} (no reason detail or matched text, routing hints or
 * patient attributes) — so that escalation
 * still reaches a person.
 */
export function textOnlyRequest(request: HandoffRequest): HandoffRequest {
  return {
    reason: { kind: request.reason.kind },
    priority: request.priority,
    patient: {
      patientId: request.patient.patientId,
      displayName: clip(request.patient.displayName, 200) || 'Patient',
      locale: request.patient.locale,
    },
    transcript: textOnlyTranscript(request.transcript),
    ...(request.directLine ? { directLine: request.directLine } : {}),
  };
}
