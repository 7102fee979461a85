import { HandoffServerError } from '../../internal/errors';
import {
  ATTACHMENT_LIST_LIMIT,
  type AttachmentOps,
  type AttachmentRecord,
} from '../attachment-records';
import { nowIso } from '../shared';
import type { MemoryState } from './state';

/** Attachments in maps; rows of deleted conversations are not seen. */
export function memoryAttachments(state: MemoryState): AttachmentOps {
  const records = new Map<string, AttachmentRecord>();
  const data = new Map<string, Uint8Array>();
  const live = (record: AttachmentRecord | undefined) =>
    record !== undefined && state.conversations.has(record.conversationId);
  return {
    async createAttachment(attachment) {
      if (!state.conversations.has(attachment.conversationId))
        throw new HandoffServerError('not_found', 'conversation not found');
      if (records.has(attachment.id)) throw new HandoffServerError('conflict');
      const record: AttachmentRecord = {
        ...attachment,
        status: 'pending',
        createdAt: nowIso(),
        storedAt: null,
      };
      records.set(attachment.id, record);
      return { ...record };
    },
    async getAttachment(id) {
      const record = records.get(id);
      return live(record) ? { ...record! } : null;
    },
    async storeAttachmentData(id, stored) {
      const record = records.get(id);
      if (!live(record) || record!.status !== 'pending') return null;
      const next: AttachmentRecord = {
        ...record!,
        status: 'stored',
        contentType: stored.contentType,
        size: stored.bytes.byteLength,
        storedAt: nowIso(),
      };
      records.set(id, next);
      data.set(id, new Uint8Array(stored.bytes));
      return { ...next };
    },
    async readAttachmentData(id) {
      const record = records.get(id);
      const bytes = data.get(id);
      return live(record) && bytes ? new Uint8Array(bytes) : null;
    },
    async listAttachments(conversationId) {
      if (!state.conversations.has(conversationId)) return [];
      return [...records.values()]
        .filter((r) => r.conversationId === conversationId && r.status === 'stored')
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
        .slice(0, ATTACHMENT_LIST_LIMIT)
        .map((r) => ({ ...r }));
    },
  };
}
