import { createHash, randomBytes } from 'node:crypto';
import { AgentInfo, AttachmentName, createId, Id, MessageText } from '@baton/handoff-protocol';
import * as z from 'zod/mini';
import type { AdapterAgentAttachment } from '../adapters/contract';
import type { EngineCore } from '../engine/core';
import { logKey, newLogRecord, readBody } from '../engine/log-record';
import { HandoffServerError } from '../internal/errors';
import { refID } from './service';
import type { AttachmentSettings } from './settings';
import { sniffAttachmentType } from './sniff';

const FileReport = z.object({
  externalId: Id,
  name: AttachmentName,
  caption: z.optional(MessageText),
  agent: z.optional(AgentInfo),
});

const refused = (message: string) => new HandoffServerError('invalid_report', message);

/**
 * `AdapterHost.agentAttachment`: a file from the agent system (webhook desk, Bot Framework
 * hub) to the patient. The same checks as a console agent's upload (ceiling, type sniffed from
 * the bytes), sealed like it, logged as the holder's file with the agent system as uploader
 * (`adapter:<name>`, audited as `attachment.upload`), delivered like any log record. Called
 * under the conversation's lock by the adapter host.
 */
export async function acceptAgentSystemFile(
  core: EngineCore,
  settings: AttachmentSettings,
  conversationId: string,
  input: AdapterAgentAttachment,
): Promise<{ seq: number }> {
  const file = FileReport.safeParse(input);
  if (!file.success) throw refused('invalid file report');
  const bytes = input.bytes;
  if (!(bytes instanceof Uint8Array)) throw refused('invalid file report');
  const key = logKey('adapter', file.data.externalId);
  const conversation = await core.store.getConversation(conversationId);
  if (!conversation) throw new HandoffServerError('not_found', 'unknown conversation');
  const earlier = await core.findByKey(conversationId, key);
  if (earlier) {
    if (readBody(earlier).kind !== 'attachment')
      throw new HandoffServerError('conflict', 'externalId already used');
    return { seq: earlier.seq };
  }
  if (conversation.state !== 'assigned')
    throw new HandoffServerError(
      'illegal_transition',
      `"agentAttachment" is not legal in state "${conversation.state}"`,
    );
  if (!settings.enabled) throw refused('files are off on this server');
  if (bytes.byteLength === 0) throw refused('the file is empty');
  if (bytes.byteLength > settings.maxBytes)
    throw refused(`files are limited to ${settings.maxBytes} bytes`);
  const type = sniffAttachmentType(bytes);
  if (!type || !settings.types.includes(type)) throw refused('this type of file is not allowed');
  const uploaderId = `adapter:${core.adapter.name}`;
  const pending = await core.store.createAttachment({
    id: createId(),
    conversationId,
    uploaderParty: 'agent',
    uploaderId,
    name: file.data.name,
    contentType: type,
    size: bytes.byteLength,
    // Nobody uploads it: a random hash no token matches.
    uploadTokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
    uploadExpiresAt: new Date().toISOString(),
  });
  const stored = await core.store.storeAttachmentData(pending.id, { contentType: type, bytes });
  if (!stored) throw new HandoffServerError('conflict', 'the file was stored already');
  await core.store.appendAudit({
    action: 'attachment.upload',
    outcome: 'allowed',
    actorId: uploaderId,
    actorRole: 'system',
    conversationId,
    patientId: conversation.patientId,
    targetId: stored.id,
  });
  const agent =
    file.data.agent ??
    (conversation.assignedAgentId ? await core.agentInfo(conversation.assignedAgentId) : undefined);
  const record = await core.append(
    conversationId,
    newLogRecord(key, 'agent', agent?.id ?? core.adapter.name, {
      kind: 'attachment',
      attachment: refID(stored),
      ...(file.data.caption ? { caption: file.data.caption } : {}),
      ...(agent ? { agent } : {}),
    }),
  );
  if (!record.duplicate) core.metrics?.messageAcked('adapter');
  return { seq: record.seq };
}
