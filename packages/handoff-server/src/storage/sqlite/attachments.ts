import {
  ATTACHMENT_LIST_LIMIT,
  ATTACHMENT_RESEAL_BATCH,
  type AttachmentOps,
  type AttachmentRecord,
  attachmentAad,
  attachmentBinaryAad,
} from '../attachment-records';
import { iso } from '../rows';
import { nowIso } from '../shared';
import { type Row, requireConversation, type SqliteContext, write } from './context';

export function toAttachment(row: Row, at: (value: unknown) => string): AttachmentRecord {
  return {
    id: String(row.id),
    conversationId: String(row.conversation_id),
    uploaderParty: row.uploader_party === 'agent' ? 'agent' : 'patient',
    uploaderId: String(row.uploader_id),
    name: String(row.name),
    contentType: String(row.content_type) as AttachmentRecord['contentType'],
    size: Number(row.size),
    status: row.status === 'stored' ? 'stored' : 'pending',
    uploadTokenHash: String(row.upload_token_hash),
    uploadExpiresAt: at(row.upload_expires_at),
    createdAt: at(row.created_at),
    storedAt: row.stored_at === null ? null : at(row.stored_at),
  };
}

const COLUMNS = `id, conversation_id, uploader_party, uploader_id, name, content_type, size, status,
  upload_token_hash, upload_expires_at, created_at, stored_at`;
const at = (value: unknown) => iso(String(value));

/** Attachments (migration 14): metadata rows and sealed bytes in one table. */
export function sqliteAttachments(ctx: SqliteContext): AttachmentOps {
  const { db, cipher } = ctx;
  const read = (id: string): AttachmentRecord | null => {
    const row = db.prepare(`SELECT ${COLUMNS} FROM attachments WHERE id = ?`).get(id) as
      | Row
      | undefined;
    return row ? toAttachment(row, at) : null;
  };
  return {
    async createAttachment(a) {
      return write(ctx, () => {
        requireConversation(ctx, a.conversationId);
        db.prepare(
          `INSERT INTO attachments (id, conversation_id, uploader_party, uploader_id, name,
            content_type, size, status, upload_token_hash, upload_expires_at, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
        ).run(
          a.id,
          a.conversationId,
          a.uploaderParty,
          a.uploaderId,
          a.name,
          a.contentType,
          a.size,
          a.uploadTokenHash,
          iso(a.uploadExpiresAt),
          nowIso(),
        );
        return read(a.id)!;
      });
    },
    async getAttachment(id) {
      return read(id);
    },
    async storeAttachmentData(id, data) {
      return write(ctx, () => {
        const sealed = cipher.sealBinary(data.bytes, attachmentBinaryAad(id));
        const changed = db
          .prepare(
            `UPDATE attachments SET status = 'stored', content_type = ?, size = ?, key_id = ?,
              data = ?, sealed_as = 'binary', stored_at = ? WHERE id = ? AND status = 'pending'`,
          )
          .run(data.contentType, data.bytes.byteLength, sealed.keyId, sealed.data, nowIso(), id);
        return changed.changes === 1 ? read(id) : null;
      });
    },
    async readAttachmentData(id) {
      const row = db
        .prepare(
          `SELECT key_id, data, sealed_as FROM attachments WHERE id = ? AND status = 'stored'`,
        )
        .get(id) as Row | undefined;
      if (!row) return null;
      const sealed = { keyId: String(row.key_id), data: row.data as Buffer };
      return row.sealed_as === 'binary'
        ? cipher.openBinary(sealed, attachmentBinaryAad(id))
        : cipher.openBytes(sealed, attachmentAad(id));
    },
    async listAttachments(conversationId) {
      const list = db
        .prepare(
          `SELECT ${COLUMNS} FROM attachments WHERE conversation_id = ? AND status = 'stored'
           ORDER BY created_at, id LIMIT ?`,
        )
        .all(conversationId, ATTACHMENT_LIST_LIMIT) as Row[];
      return list.map((row) => toAttachment(row, at));
    },
  };
}

/**
 * Migration 18's data step, when the store opens: attachments stored as base64 text are
 * opened and sealed again as raw bytes, a batch per transaction. A row that cannot be opened
 * (its key is gone) stays as it was. Returns how many rows were re-sealed.
 */
export function resealLegacyAttachments(ctx: Pick<SqliteContext, 'db' | 'cipher'>): number {
  const { db, cipher } = ctx;
  const select = db.prepare(
    `SELECT id, key_id, data FROM attachments WHERE sealed_as = 'base64' AND status = 'stored'
       AND id > ? ORDER BY id LIMIT ?`,
  );
  const update = db.prepare(
    `UPDATE attachments SET key_id = ?, data = ?, sealed_as = 'binary'
     WHERE id = ? AND sealed_as = 'base64'`,
  );
  let after = '';
  let done = 0;
  for (;;) {
    const rows = select.all(after, ATTACHMENT_RESEAL_BATCH) as Row[];
    if (rows.length === 0) return done;
    db.transaction(() => {
      for (const row of rows) {
        const id = String(row.id);
        let bytes: Uint8Array;
        try {
          bytes = cipher.openBytes(
            { keyId: String(row.key_id), data: row.data as Buffer },
            attachmentAad(id),
          );
        } catch {
          continue;
        }
        const sealed = cipher.sealBinary(bytes, attachmentBinaryAad(id));
        done += update.run(sealed.keyId, sealed.data, id).changes;
      }
    }).immediate();
    after = String(rows.at(-1)!.id);
  }
}
