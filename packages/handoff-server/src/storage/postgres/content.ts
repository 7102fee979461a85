import { HandoffServerError } from '../../internal/errors';
import {
  CONTENT_COLUMNS,
  CONTENT_LIST_LIMIT,
  type ContentOps,
  contentValues,
  toContent,
} from '../content-records';
import { nowIso } from '../shared';
import { all, one, type PostgresContext, transaction } from './context';

const PLACEHOLDERS = CONTENT_COLUMNS.map((_, i) => `$${i + 2}`).join(', ');
const SET_FIELDS = CONTENT_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(', ');
const NEXT = CONTENT_COLUMNS.length + 2;

/** Agent content (migration 6); a taken live shortcut is the unique index's `conflict`. */
export function postgresContent(ctx: PostgresContext): ContentOps {
  const { pool } = ctx;
  return {
    async createContent(item) {
      const row = await one(
        pool,
        `INSERT INTO content_items (id, ${CONTENT_COLUMNS.join(', ')}, version, retired,
           created_at, updated_at, updated_by)
         VALUES ($1, ${PLACEHOLDERS}, 1, false, $${NEXT}, $${NEXT}, $${NEXT + 1}) RETURNING *`,
        [item.id, ...contentValues(item), nowIso(), item.updatedBy],
      );
      return toContent(row!);
    },

    async updateContent(id, edit) {
      return transaction(ctx, async (client) => {
        const current = await one(
          client,
          'SELECT version FROM content_items WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (!current) return null;
        if (edit.expectedVersion !== undefined && edit.expectedVersion !== Number(current.version))
          throw new HandoffServerError('conflict', 'content was edited meanwhile');
        const row = await one(
          client,
          `UPDATE content_items SET ${SET_FIELDS}, version = version + 1, updated_at = $${NEXT},
             updated_by = $${NEXT + 1} WHERE id = $1 RETURNING *`,
          [id, ...contentValues(edit), nowIso(), edit.updatedBy],
        );
        return row ? toContent(row) : null;
      });
    },

    async setContentRetired(id, retired, updatedBy) {
      const row = await one(
        pool,
        `UPDATE content_items SET retired = $2, version = version + 1, updated_at = $3,
           updated_by = $4 WHERE id = $1 RETURNING *`,
        [id, retired, nowIso(), updatedBy],
      );
      return row ? toContent(row) : null;
    },

    async getContent(id) {
      const row = await one(pool, 'SELECT * FROM content_items WHERE id = $1', [id]);
      return row ? toContent(row) : null;
    },

    async listContent(filter = {}) {
      const list = await all(
        pool,
        `SELECT * FROM content_items
         WHERE ($1::text IS NULL OR queue IS NULL OR queue = $1) AND ($2::boolean OR NOT retired)
           AND ($3::text[] IS NULL OR kind = ANY($3))
         ORDER BY kind COLLATE "C", title COLLATE "C", id COLLATE "C" LIMIT $4`,
        [
          filter.queue ?? null,
          filter.includeRetired === true,
          filter.kinds ?? null,
          CONTENT_LIST_LIMIT,
        ],
      );
      return list.map(toContent);
    },
  };
}
