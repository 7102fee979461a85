import { readFile } from 'node:fs/promises';
import { BatonProtocolError, ContentDraft, Id } from '@baton/handoff-protocol';
import * as z from 'zod/mini';
import type { EngineLogger } from '../engine/types';
import { HandoffServerError } from '../internal/errors';
import type { ContentFields } from '../storage/content-records';
import type { ConversationStore } from '../storage/contract';
import { contentFieldsOf } from './agent-content';

/** One item of a content file: a draft with a stable id (the import is idempotent by id). */
export interface ContentSeed extends ContentFields {
  id: string;
}

const ContentFile = z.object({
  items: z.array(z.extend(ContentDraft, { id: Id })).check(z.maxLength(500)),
});

/**
 * Reads `BATON_CONTENT_FILE`: `{ "items": [ContentDraft with "id", …] }` (the protocol's
 * `content.save` draft). A file that is not readable, or an item its kind cannot use, stops
 * the start with `invalid_config` naming the item, never its text.
 */
export async function loadContentFile(path: string): Promise<ContentSeed[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new HandoffServerError('invalid_config', 'BATON_CONTENT_FILE is not readable JSON', {
      cause: error,
    });
  }
  const parsed = ContentFile.safeParse(raw);
  if (!parsed.success) {
    throw new HandoffServerError('invalid_config', 'BATON_CONTENT_FILE is not valid content', {
      cause: parsed.error,
    });
  }
  return parsed.data.items.map((draft, index) => {
    try {
      return { id: draft.id, ...contentFieldsOf(draft) };
    } catch (error) {
      if (!BatonProtocolError.is(error)) throw error;
      throw new HandoffServerError(
        'invalid_config',
        `BATON_CONTENT_FILE item ${index} (${draft.id}): ${error.message}`,
        { cause: error },
      );
    }
  });
}

/**
 * Creates the items whose id is not in the store yet (audited as `content.save` by `system`,
 * reason `imported`); existing ones, edited or retired by an admin since, are left as they
 * are. Safe on every start and on several nodes at once (a lost race is a `conflict`, skipped).
 */
export async function importContent(
  store: ConversationStore,
  items: readonly ContentSeed[],
  logger?: EngineLogger,
): Promise<number> {
  let created = 0;
  for (const item of items) {
    if (await store.getContent(item.id)) continue;
    try {
      await store.createContent({ ...item, updatedBy: 'baton' });
    } catch (error) {
      if (HandoffServerError.is(error, 'conflict')) {
        logger?.warn({ contentId: item.id }, 'content item not imported: id or shortcut taken');
        continue;
      }
      throw error;
    }
    await store.appendAudit({
      action: 'content.save',
      outcome: 'allowed',
      actorId: 'baton',
      actorRole: 'system',
      targetId: item.id,
      reason: 'imported',
    });
    created += 1;
  }
  return created;
}
