import { HandoffServerError } from '../../internal/errors';
import {
  CONTENT_LIST_LIMIT,
  type ContentFields,
  type ContentOps,
  type ContentRecord,
  contentMatches,
} from '../content-records';
import { compareText, nowIso } from '../shared';

const copy = (item: ContentRecord): ContentRecord => structuredClone(item);

/** Agent content in a map; the live-shortcut rule checked by hand (the SQL stores index it). */
export function memoryContent(items = new Map<string, ContentRecord>()): ContentOps {
  const checkShortcut = (fields: ContentFields, id: string) => {
    if (fields.shortcut === null) return;
    for (const other of items.values()) {
      if (
        other.id !== id &&
        !other.retired &&
        other.shortcut === fields.shortcut &&
        other.queue === fields.queue
      )
        throw new HandoffServerError('conflict', 'shortcut taken');
    }
  };
  const pick = (fields: ContentFields): ContentFields => ({
    kind: fields.kind,
    queue: fields.queue,
    title: fields.title,
    shortcut: fields.shortcut,
    body: fields.body,
    steps: fields.steps,
    actions: fields.actions,
    tags: fields.tags,
    link: fields.link,
  });
  return {
    async createContent(item) {
      if (items.has(item.id)) throw new HandoffServerError('conflict');
      checkShortcut(item, item.id);
      const now = nowIso();
      const record: ContentRecord = structuredClone({
        id: item.id,
        ...pick(item),
        version: 1,
        retired: false,
        createdAt: now,
        updatedAt: now,
        updatedBy: item.updatedBy,
      });
      items.set(record.id, record);
      return copy(record);
    },

    async updateContent(id, edit) {
      const current = items.get(id);
      if (!current) return null;
      if (edit.expectedVersion !== undefined && edit.expectedVersion !== current.version)
        throw new HandoffServerError('conflict', 'content was edited meanwhile');
      if (!current.retired) checkShortcut(edit, id);
      const next: ContentRecord = structuredClone({
        ...current,
        ...pick(edit),
        version: current.version + 1,
        updatedAt: nowIso(),
        updatedBy: edit.updatedBy,
      });
      items.set(id, next);
      return copy(next);
    },

    async setContentRetired(id, retired, updatedBy) {
      const current = items.get(id);
      if (!current) return null;
      if (!retired && current.retired) checkShortcut(current, id);
      const next = {
        ...current,
        retired,
        version: current.version + 1,
        updatedAt: nowIso(),
        updatedBy,
      };
      items.set(id, next);
      return copy(next);
    },

    async getContent(id) {
      const found = items.get(id);
      return found ? copy(found) : null;
    },

    async listContent(filter = {}) {
      return [...items.values()]
        .filter((item) => contentMatches(item, filter))
        .sort(
          (a, b) =>
            compareText(a.kind, b.kind) || compareText(a.title, b.title) || compareText(a.id, b.id),
        )
        .slice(0, CONTENT_LIST_LIMIT)
        .map(copy);
    },
  };
}
