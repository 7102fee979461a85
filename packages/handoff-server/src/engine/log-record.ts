import {
  type AgentInfo,
  type ConversationLogEntry,
  createId,
  type EndedBy,
  type EndReason,
  type FallbackOption,
  type HandoffFailureReason,
  type HandoffRequest,
  type MessageFields,
  type ServerToAgent,
  type ServerToPatient,
  serverToAgentMessage,
  serverToPatientMessage,
  type TextFormat,
} from '@baton/handoff-protocol';
import {
  type AttachmentLogBody,
  attachmentAgentFrame,
  attachmentLogEntry,
  attachmentPatientFrame,
} from '../attachments/log-frames';
import type { MessageRecord, NewMessage } from '../storage/records';
import { canonicalIso } from '../storage/shared';
import type { FollowUpLogEvent } from './followups/log-event';
import type { RecordEnvelope } from './followups/log-frames';
import {
  followUpAgentFrame,
  followUpLogAppointmentStart,
  followUpLogText,
  followUpPatientFrame,
} from './followups/log-frames';
import { refuse } from './refusals';

/**
 * The conversation log is the store's message table. Each record's (encrypted) body is a
 * JSON `LogBody`: a chat message, an agent note, or a logged event (agent joined, ended…).
 * Logged events get a `seq` like messages, so `resume` replays them in order.
 */
export type LogEvent =
  | { type: 'handoff.request'; request: Omit<HandoffRequest, 'transcript'> }
  | { type: 'agent.joined'; agent: AgentInfo; transferredFrom?: AgentInfo }
  | { type: 'agent.left'; agent: AgentInfo; reason: 'disconnected' }
  | { type: 'queued'; queue: string }
  | { type: 'handoff.ended'; endedBy: EndedBy; reason: EndReason }
  | {
      type: 'handoff.failed';
      reason: HandoffFailureReason;
      fallbacks: FallbackOption[];
      notice?: string;
    }
  | { type: 'returned_to_bot' }
  | { type: 'supervisor.joined'; supervisor: AgentInfo };

export type LogBody =
  | { kind: 'chat'; text: string; textFormat?: TextFormat; agent?: AgentInfo }
  | { kind: 'note'; text: string; author: AgentInfo; whisper?: true }
  | { kind: 'event'; event: LogEvent }
  | { kind: 'followup'; event: FollowUpLogEvent }
  | AttachmentLogBody;

/** Client message ids are namespaced per party so nobody can collide with someone else's. */
export type IdSpace = 'patient' | 'agent' | 'adapter' | 'event';

export function logKey(space: IdSpace, id: string): string {
  return `${space}:${id}`;
}

function clientIdOf(record: MessageRecord): string | undefined {
  const colon = record.clientMessageId.indexOf(':');
  const space = record.clientMessageId.slice(0, colon);
  return space === 'patient' || space === 'agent' || space === 'adapter'
    ? record.clientMessageId.slice(colon + 1)
    : undefined;
}

export function newLogRecord(
  key: string,
  from: NewMessage['from'],
  senderId: string,
  body: LogBody,
): NewMessage {
  return {
    clientMessageId: key,
    from,
    senderId,
    body: JSON.stringify(body),
    kind: body.kind === 'note' ? 'note' : 'message',
  };
}

export function newEventRecord(event: LogEvent, clientKey?: string): NewMessage {
  return newLogRecord(clientKey ?? logKey('event', createId()), 'system', 'baton', {
    kind: 'event',
    event,
  });
}

export function readBody(record: MessageRecord): LogBody {
  try {
    const parsed = JSON.parse(record.body) as LogBody;
    if (parsed && typeof parsed === 'object' && 'kind' in parsed) return parsed;
  } catch {
    // A body not written by this engine: show it as plain text.
  }
  return { kind: 'chat', text: record.body };
}

/**
 * The fields every frame of a logged record shares, given to the protocol's builders (which
 * fill `v`, `type` and `id`). `ts` is when the record was committed: a replay after a reload
 * keeps each frame's time.
 */
function recordFields(record: MessageRecord): RecordEnvelope {
  const { conversationId, seq } = record;
  return {
    ts: canonicalIso(record.createdAt, Date.now()),
    conversationId,
    seq,
  };
}

function chatFrom(record: MessageRecord): 'patient' | 'agent' | 'system' {
  return record.from === 'patient' || record.from === 'agent' ? record.from : 'system';
}

/** A chat record's frame fields, set one by one: every chat message passes here (no spreads). */
function chatFields<From extends string>(
  base: RecordEnvelope,
  from: From,
  body: Extract<LogBody, { kind: 'chat' }>,
  clientMessageId: string | undefined,
) {
  const fields: RecordEnvelope & { from: From; text: string } & Partial<
      Pick<MessageFields<ServerToAgent, 'message'>, 'textFormat' | 'agent' | 'clientMessageId'>
    > = { ts: base.ts, conversationId: base.conversationId, seq: base.seq, from, text: body.text };
  if (body.textFormat) fields.textFormat = body.textFormat;
  if (body.agent) fields.agent = body.agent;
  if (clientMessageId) fields.clientMessageId = clientMessageId;
  return fields;
}

/** What the patient sees of a log record (`null`: nothing, e.g. a note). */
export function patientFrame(
  record: MessageRecord,
  body: LogBody = readBody(record),
): ServerToPatient | null {
  const base = recordFields(record);
  switch (body.kind) {
    case 'note':
      return null;
    case 'chat': {
      if (record.from === 'bot') return null; // appended bot replies: the patient saw them
      const clientMessageId = record.from === 'patient' ? clientIdOf(record) : undefined;
      return serverToPatientMessage(
        'message',
        chatFields(base, chatFrom(record), body, clientMessageId),
      );
    }
    case 'event':
      return patientEventFrame(base, body.event);
    case 'followup':
      return followUpPatientFrame(base, body.event);
    case 'attachment':
      return attachmentPatientFrame(base, body, chatFrom(record), clientIdOf(record));
    default:
      return null;
  }
}

function patientEventFrame(base: RecordEnvelope, event: LogEvent): ServerToPatient | null {
  switch (event.type) {
    case 'agent.joined':
      return serverToPatientMessage('agent.joined', { ...base, agent: event.agent });
    case 'handoff.ended':
      return serverToPatientMessage('handoff.ended', {
        ...base,
        endedBy: event.endedBy,
        reason: event.reason,
      });
    case 'handoff.failed':
      return serverToPatientMessage('handoff.failed', {
        ...base,
        reason: event.reason,
        fallbacks: event.fallbacks,
        ...(event.notice ? { notice: event.notice } : {}),
      });
    case 'returned_to_bot':
      return serverToPatientMessage('returned_to_bot', base);
    case 'agent.left':
      return serverToPatientMessage('agent.left', {
        ...base,
        agent: event.agent,
        reason: event.reason,
        requeued: true,
      });
    case 'supervisor.joined':
      return serverToPatientMessage('supervisor.joined', { ...base, supervisor: event.supervisor });
    case 'handoff.request':
    case 'queued':
      return null;
    default:
      return null;
  }
}

/** Record `seq` exists but carries nothing for this audience: closes the hole at `seq`. */
export function hiddenFrame(record: MessageRecord) {
  return serverToPatientMessage('log.hidden', {
    conversationId: record.conversationId,
    seq: record.seq,
  });
}

/** The live frame agents watching the conversation receive for a log record. */
export function agentFrame(record: MessageRecord): ServerToAgent | null {
  const body = readBody(record);
  const base = recordFields(record);
  const clientMessageId = clientIdOf(record);
  switch (body.kind) {
    case 'note':
      return serverToAgentMessage(body.whisper ? 'whisper' : 'note', {
        ...base,
        author: body.author,
        text: body.text,
        ...(clientMessageId ? { clientMessageId } : {}),
      });
    case 'chat': {
      const from = record.from === 'bot' ? 'bot' : chatFrom(record);
      return serverToAgentMessage('message', chatFields(base, from, body, clientMessageId));
    }
    case 'event':
      return body.event.type === 'supervisor.joined'
        ? serverToAgentMessage('supervisor.joined', { ...base, supervisor: body.event.supervisor })
        : null;
    case 'followup':
      return followUpAgentFrame(base, body.event);
    case 'attachment':
      return attachmentAgentFrame(base, body, chatFrom(record), clientMessageId);
    default:
      return null;
  }
}

/** A record as a `conversation.transcript` log entry. */
export function logEntry(record: MessageRecord): ConversationLogEntry {
  const body = readBody(record);
  const base = { seq: record.seq, at: record.createdAt, from: record.from };
  switch (body.kind) {
    case 'chat':
      return {
        ...base,
        kind: 'message',
        text: body.text.slice(0, 4000),
        ...(body.agent ? { author: body.agent } : {}),
        ...(body.textFormat ? { textFormat: body.textFormat } : {}),
      };
    case 'note':
      return {
        ...base,
        kind: 'note',
        text: body.text.slice(0, 4000),
        author: body.author,
        ...(body.whisper ? { whisper: true } : {}),
      };
    case 'event':
      return {
        ...base,
        kind: 'event',
        event: body.event.type,
        ...(body.event.type === 'agent.joined' || body.event.type === 'agent.left'
          ? { author: body.event.agent }
          : {}),
        ...(body.event.type === 'supervisor.joined' ? { author: body.event.supervisor } : {}),
      };
    case 'followup': {
      const text = followUpLogText(body.event);
      const appointmentStart = followUpLogAppointmentStart(body.event);
      return {
        ...base,
        kind: 'event',
        event: body.event.type,
        ...(text ? { text } : {}),
        ...(appointmentStart ? { appointmentStart } : {}),
      };
    }
    case 'attachment':
      return attachmentLogEntry(base, body);
    default:
      return { ...base, kind: 'event', event: 'unknown' };
  }
}

/** A retry carries the same text; a `clientMessageId` reused for other text is `conflict`. */
export function sameText<R extends MessageRecord>(record: R, text: string): R {
  const body = readBody(record);
  if ((body.kind === 'chat' || body.kind === 'note') && body.text !== text)
    throw refuse.conflict('clientMessageId already used for a different message');
  return record;
}
