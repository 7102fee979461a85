import {
  MESSAGE_LIMITS,
  serverToPatientMessage,
  type TranscriptEntry,
} from '@baton/handoff-protocol';
import type { PatientPrincipal } from '../auth/principal';
import type { ConversationRecord } from '../storage/records';
import type { EngineCore } from './core';
import type { PatientAckFrame, PatientFrame } from './frames';
import { type LogBody, logKey, newLogRecord, sameText } from './log-record';
import { refuse } from './refusals';

const OPEN_STATES = new Set(['handoff_requested', 'queued', 'assigned']);

/** A bot entry as one log line: its text, then its cards' readable summaries. */
export function botEntryBody(entry: TranscriptEntry): LogBody & { kind: 'chat' } {
  const parts = [entry.text ?? ''];
  for (const card of entry.cards ?? []) {
    parts.push(card.title ? `**${card.title}**\n${card.summary}` : card.summary);
  }
  const text = parts
    .filter((part) => part.trim() !== '')
    .join('\n\n')
    .slice(0, MESSAGE_LIMITS.maxTextLength);
  if (!text) throw refuse.invalid('A transcript entry needs text or a card');
  const plain = entry.textFormat === 'plain' && !entry.cards?.length;
  return { kind: 'chat', text, textFormat: plain ? 'plain' : 'markdown' };
}

/**
 * `transcript.append`: a bot message the patient saw after asking for a person, logged under
 * a `seq` like any message (agents get it live as `message` from `bot`; the patient, who saw
 * it already, gets `log.hidden`). Only while the handoff is open; only `bot` entries (a
 * patient cannot put words in the agent's or the system's mouth). Idempotent per client id.
 */
export async function appendBotEntry(
  core: EngineCore,
  authorize: (patient: PatientPrincipal, id: string) => Promise<ConversationRecord>,
  patient: PatientPrincipal,
  frame: PatientFrame<'transcript.append'>,
  onAuthorized?: () => void,
): Promise<PatientAckFrame> {
  const { conversationId, entry } = frame;
  if (entry.from !== 'bot') throw refuse.invalid('Only bot entries may be appended');
  const body = botEntryBody(entry);
  const key = logKey('patient', `bot:${frame.clientMessageId}`);
  const record = await core.run(conversationId, async () => {
    const conversation = await authorize(patient, conversationId);
    onAuthorized?.();
    if (!OPEN_STATES.has(conversation.state)) {
      const earlier = await core.findByKey(conversationId, key);
      if (earlier) return sameText({ ...earlier, duplicate: true }, body.text);
      throw refuse.illegal(conversation.state, 'transcript.append');
    }
    const appended = await core.append(
      conversationId,
      newLogRecord(key, 'bot', patient.patientId, body),
    );
    if (appended.senderId !== patient.patientId) {
      throw refuse.conflict('clientMessageId already used');
    }
    return appended.duplicate ? sameText(appended, body.text) : appended;
  });
  return serverToPatientMessage('ack', {
    conversationId,
    clientMessageId: frame.clientMessageId,
    seq: record.seq,
  });
}
