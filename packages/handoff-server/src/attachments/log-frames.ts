import {
  type AgentInfo,
  type AttachmentRef,
  type ConversationLogEntry,
  type ServerToAgent,
  type ServerToPatient,
  serverToAgentMessage,
  serverToPatientMessage,
} from '@baton/handoff-protocol';

/** A file shared in the conversation, as the log keeps it (the bytes stay in the store). */
export interface AttachmentLogBody {
  kind: 'attachment';
  attachment: AttachmentRef;
  caption?: string;
  /** The agent who shared it (absent for the patient). */
  agent?: AgentInfo;
}

/** The envelope fields of a replayed log record (the builders add `v` and `id`). */
interface FrameBase {
  ts: string;
  conversationId: string;
  seq: number;
}

type From = 'patient' | 'agent' | 'system';

function fields(body: AttachmentLogBody, from: From, clientMessageId: string | undefined) {
  return {
    from,
    attachment: body.attachment,
    ...(body.caption ? { caption: body.caption } : {}),
    ...(body.agent ? { agent: body.agent } : {}),
    ...(clientMessageId ? { clientMessageId } : {}),
  };
}

/** The patient sees every file of her conversation (her own come back: other tabs, resume). */
export function attachmentPatientFrame(
  base: FrameBase,
  body: AttachmentLogBody,
  from: From,
  clientMessageId: string | undefined,
): ServerToPatient {
  return serverToPatientMessage('attachment', {
    ...base,
    ...fields(body, from, from === 'patient' ? clientMessageId : undefined),
  });
}

export function attachmentAgentFrame(
  base: FrameBase,
  body: AttachmentLogBody,
  from: From,
  clientMessageId: string | undefined,
): ServerToAgent {
  return serverToAgentMessage('attachment', { ...base, ...fields(body, from, clientMessageId) });
}

/** In the conversation log read back (transcript, history, export): a message with a file. */
export function attachmentLogEntry(
  base: Pick<ConversationLogEntry, 'seq' | 'at' | 'from'>,
  body: AttachmentLogBody,
): ConversationLogEntry {
  return {
    ...base,
    kind: 'message',
    attachment: body.attachment,
    ...(body.caption ? { text: body.caption.slice(0, 4000) } : {}),
    ...(body.agent ? { author: body.agent } : {}),
  };
}
