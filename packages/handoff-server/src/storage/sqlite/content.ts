import { HandoffServerError } from '../../internal/errors';
import {
  CONTENT_COLUMNS,
  CONTENT_LIST_LIMIT,
  type ContentOps,
  contentValues,
  toContent,
} from '../content-records';
import { nowIso } from '../shared';
import { type Row, type SqliteContext, write } from './context';

const SET_FIELDS = CONTENT_COLUMNS.map((c) => `${c} = ?`).join(', ');

/** Agent content (migration 6); a taken live shortcut is the unique index's `conflict`. */
export function sqliteContent(ctx: SqliteContext): ContentOps {
  const { db } = ctx;
  const read = (id: string) => {
    const row = db.prepare('SELECT * FROM content_items WHERE id = ?').get(id) as Row | undefined;
    return row ? toContent(row) : null;
  };
  return {
    async createContent(item) {
      const now = nowIso();
      return write(ctx, () => {
        db.prepare(
          `INSERT INTO content_items (id, ${CONTENT_COLUMNS.join(', ')}, version, retired,
             created_at, updated_at, updated_by) VALUES (?, ${CONTENT_COLUMNS.map(() => '?').join(', ')}, 1, 0, ?, ?, ?)`,
        ).run(item.id, ...contentValues(item), now, now, item.updatedBy);
        return read(item.id)!;
      });
    },

    async updateContent(id, edit) {
      return write(ctx, () => {
        const current = read(id);
        if (!current) return null;
        if (edit.expectedVersion !== undefined && edit.expectedVersion !== current.version)
          throw new HandoffServerError('conflict', 'content was edited meanwhile');
        db.prepare(
          `UPDATE content_items SET ${SET_FIELDS}, version = version + 1, updated_at = ?,
             updated_by = ? WHERE id = ?`,
        ).run(...contentValues(edit), nowIso(), edit.updatedBy, id);
        return read(id);
      });
    },

    async setContentRetired(id, retired, updatedBy) {
      return write(ctx, () => {
        const changed = db
          .prepare(
            `UPDATE content_items SET retired = ?, version = version + 1, updated_at = ?,
               updated_by = ? WHERE id = ?`,
          )
          .run(retired ? 1 : 0, nowIso(), updatedBy, id).changes;
        return changed > 0 ? read(id) : null;
      });
    },

    async getContent(id) {
      return read(id);
    },

    async listContent(filter = {}) {
      const kinds = filter.kinds ?? null;
      const list = db
        .prepare(
          `SELECT * FROM content_items
           WHERE (? IS NULL OR queue IS NULL OR queue = ?) AND (? = 1 OR retired = 0)
             AND (? IS NULL OR kind IN (SELECT value FROM json_each(?)))
           ORDER BY kind, title, id LIMIT ?`,
        )
        .all(
          filter.queue ?? null,
          filter.queue ?? null,
          filter.includeRetired ? 1 : 0,
          kinds ? 1 : null,
          kinds ? JSON.stringify(kinds) : '[]',
          CONTENT_LIST_LIMIT,
        ) as Row[];
      return list.map(toContent);
    },
  };
}
