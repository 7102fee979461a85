import {
  ATTACHMENT_LIST_LIMIT,
  ATTACHMENT_RESEAL_BATCH,
  type AttachmentOps,
  type AttachmentRecord,
  attachmentAad,
  attachmentBinaryAad,
} from '../attachment-records';
import { iso } from '../rows';
import { toAttachment } from '../sqlite/attachments';
import { all, one, type PostgresContext, query, requireConversation } from './context';

const COLUMNS = `id, conversation_id, uploader_party, uploader_id, name, content_type, size, status,
  upload_token_hash, upload_expires_at, created_at, stored_at`;
const at = (value: unknown) => iso(value as Date);

/** Attachments (migration 14): metadata rows and sealed bytes in one table. */
export function postgresAttachments(ctx: PostgresContext): AttachmentOps {
  const { pool, cipher } = ctx;
  const read = async (id: string): Promise<AttachmentRecord | null> => {
    const row = await one(pool, `SELECT ${COLUMNS} FROM attachments WHERE id = $1`, [id]);
    return row ? toAttachment(row, at) : null;
  };
  return {
    async createAttachment(a) {
      await requireConversation(pool, a.conversationId);
      await query(
        pool,
        `INSERT INTO attachments (id, conversation_id, uploader_party, uploader_id, name,
          content_type, size, status, upload_token_hash, upload_expires_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, now())`,
        [
          a.id,
          a.conversationId,
          a.uploaderParty,
          a.uploaderId,
          a.name,
          a.contentType,
          a.size,
          a.uploadTokenHash,
          a.uploadExpiresAt,
        ],
      );
      return (await read(a.id))!;
    },
    async getAttachment(id) {
      return read(id);
    },
    async storeAttachmentData(id, data) {
      const sealed = cipher.sealBinary(data.bytes, attachmentBinaryAad(id));
      const row = await one(
        pool,
        `UPDATE attachments SET status = 'stored', content_type = $1, size = $2, key_id = $3,
          data = $4, sealed_as = 'binary', stored_at = now()
         WHERE id = $5 AND status = 'pending' RETURNING id`,
        [data.contentType, data.bytes.byteLength, sealed.keyId, sealed.data, id],
      );
      return row ? read(id) : null;
    },
    async readAttachmentData(id) {
      const row = await one(
        pool,
        `SELECT key_id, data, sealed_as FROM attachments WHERE id = $1 AND status = 'stored'`,
        [id],
      );
      if (!row) return null;
      const sealed = { keyId: String(row.key_id), data: row.data as Buffer };
      return row.sealed_as === 'binary'
        ? cipher.openBinary(sealed, attachmentBinaryAad(id))
        : cipher.openBytes(sealed, attachmentAad(id));
    },
    async listAttachments(conversationId) {
      const list = await all(
        pool,
        `SELECT ${COLUMNS} FROM attachments WHERE conversation_id = $1 AND status = 'stored'
         ORDER BY created_at, id LIMIT $2`,
        [conversationId, ATTACHMENT_LIST_LIMIT],
      );
      return list.map((row) => toAttachment(row, at));
    },
  };
}

/**
 * Migration 18's data step, when the store opens: attachments stored as base64 text are
 * opened and sealed again as raw bytes, a batch at a time (each row guarded by its format,
 * so nodes starting together do it once). A row that cannot be opened stays as it was.
 */
export async function resealLegacyAttachments(
  ctx: Pick<PostgresContext, 'pool' | 'cipher'>,
): Promise<number> {
  const { pool, cipher } = ctx;
  let after = '';
  let done = 0;
  for (;;) {
    const rows = await all(
      pool,
      `SELECT id, key_id, data FROM attachments WHERE sealed_as = 'base64' AND status = 'stored'
         AND id > $1 ORDER BY id LIMIT $2`,
      [after, ATTACHMENT_RESEAL_BATCH],
    );
    if (rows.length === 0) return done;
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
      const changed = await one(
        pool,
        `UPDATE attachments SET key_id = $1, data = $2, sealed_as = 'binary'
         WHERE id = $3 AND sealed_as = 'base64' RETURNING id`,
        [sealed.keyId, sealed.data, id],
      );
      if (changed) done += 1;
    }
    after = String(rows.at(-1)!.id);
  }
}
