import {
  BatonProtocolError,
  type ContentDraft,
  type ContentItem,
  createId,
  type ServerToAgent,
  serverToAgentMessage,
} from '@baton/handoff-protocol';
import { canManageConfiguration } from '../auth/policy';
import { auditRole, hasRole, type StaffPrincipal } from '../auth/principal';
import { retryable } from '../engine/errors';
import type { AgentFrame } from '../engine/frames';
import { refuse } from '../engine/refusals';
import { HandoffServerError } from '../internal/errors';
import type { ContentFields, ContentRecord } from '../storage/content-records';
import type { ConversationStore } from '../storage/contract';
import type { AuditAction, ConversationRecord } from '../storage/records';

type ContentItemsFrame = Extract<ServerToAgent, { type: 'content.items' }>;
type ContentChangedFrame = Extract<ServerToAgent, { type: 'content.changed' }>;

export interface AgentContentOptions {
  store: ConversationStore;
  /** The access policy (and its audit of a refusal) for viewing a conversation. */
  authorizeView: (staff: StaffPrincipal, conversationId: string) => Promise<ConversationRecord>;
  /** Sends a frame to every staff socket (every node). */
  broadcast: (frame: ContentChangedFrame) => void;
}

/** The wire form of a stored item. */
export function contentItemOf(record: ContentRecord): ContentItem {
  return {
    id: record.id,
    kind: record.kind,
    queue: record.queue,
    title: record.title,
    ...(record.shortcut ? { shortcut: record.shortcut } : {}),
    body: record.body,
    ...(record.steps ? { steps: record.steps } : {}),
    ...(record.actions ? { actions: record.actions } : {}),
    ...(record.tags.length > 0 ? { tags: record.tags } : {}),
    ...(record.link ? { link: record.link } : {}),
    version: record.version,
    retired: record.retired,
    updatedAt: record.updatedAt,
    updatedBy: record.updatedBy,
  };
}

/** What each kind needs: a bad draft is `invalid_message` (a `BatonProtocolError`) and changes nothing. */
export function contentFieldsOf(draft: ContentDraft): ContentFields {
  const need = (ok: boolean, message: string) => {
    if (!ok) throw refuse.invalid(message);
  };
  need(
    draft.kind !== 'canned' || draft.shortcut !== undefined,
    'A canned response needs a shortcut',
  );
  need(
    draft.kind === 'canned' || draft.shortcut === undefined,
    'Only canned responses have a shortcut',
  );
  need(draft.kind !== 'script' || (draft.steps?.length ?? 0) > 0, 'A script needs steps');
  need(draft.kind !== 'macro' || (draft.actions?.length ?? 0) > 0, 'A macro needs actions');
  need(
    (draft.kind !== 'canned' && draft.kind !== 'article') || draft.body.trim() !== '',
    'The body is empty',
  );
  return {
    kind: draft.kind,
    queue: draft.queue,
    title: draft.title,
    shortcut: draft.shortcut ?? null,
    body: draft.body,
    steps: draft.kind === 'script' ? (draft.steps ?? null) : null,
    actions: draft.kind === 'macro' ? (draft.actions ?? null) : null,
    tags: draft.tags ?? [],
    link: draft.link ?? null,
  };
}

/**
 * Canned responses, scripts, knowledge articles and macros for the console: agents read
 * the items of the queues they may work; admins create, edit, retire (every change and every
 * refusal audited, ids only). Consoles fill variables themselves, from trusted context.
 */
export class AgentContent {
  readonly #options: AgentContentOptions;

  constructor(options: AgentContentOptions) {
    this.#options = options;
  }

  async list(staff: StaffPrincipal, frame: AgentFrame<'content.list'>): Promise<ContentItemsFrame> {
    const { store } = this.#options;
    const all = hasRole(staff, 'supervisor') || hasRole(staff, 'admin');
    let queue: string | null = frame.queue ?? null;
    if (frame.conversationId !== undefined) {
      const conversation = await this.#options.authorizeView(staff, frame.conversationId);
      queue = conversation.queue;
    } else if (queue !== null && !all && !staff.queues.includes(queue)) {
      await this.#audit(staff, 'content.list', 'denied', queue, 'not_in_agent_queue');
      throw refuse.forbidden();
    }
    const includeRetired = frame.includeRetired === true && hasRole(staff, 'admin');
    const records = await store
      .listContent({ ...(queue ? { queue } : {}), includeRetired })
      .catch((error: unknown) => {
        throw retryable(error);
      });
    const visible =
      queue !== null || all
        ? records
        : records.filter((r) => r.queue === null || staff.queues.includes(r.queue));
    return serverToAgentMessage('content.items', {
      inReplyTo: frame.id,
      queue,
      items: visible.map(contentItemOf),
    });
  }

  async save(staff: StaffPrincipal, frame: AgentFrame<'content.save'>): Promise<void> {
    await this.#requireAdmin(staff, 'content.save', frame.draft.id ?? null);
    const { draft } = frame;
    const fields = contentFieldsOf(draft);
    const record = await this.#write(async (store) => {
      if (draft.id === undefined) {
        return store.createContent({ id: `ct-${createId()}`, ...fields, updatedBy: staff.staffId });
      }
      const edited = await store.updateContent(draft.id, {
        ...fields,
        updatedBy: staff.staffId,
        ...(draft.expectedVersion !== undefined ? { expectedVersion: draft.expectedVersion } : {}),
      });
      if (!edited) throw new BatonProtocolError('not_found', 'No such content item');
      return edited;
    });
    await this.#audit(staff, 'content.save', 'allowed', record.id, draft.id ? 'edited' : 'created');
    this.#options.broadcast(
      serverToAgentMessage('content.changed', { item: contentItemOf(record) }),
    );
  }

  async retire(staff: StaffPrincipal, frame: AgentFrame<'content.retire'>): Promise<void> {
    await this.#requireAdmin(staff, 'content.retire', frame.itemId);
    const record = await this.#write(async (store) => {
      const changed = await store.setContentRetired(frame.itemId, frame.retired, staff.staffId);
      if (!changed) throw new BatonProtocolError('not_found', 'No such content item');
      return changed;
    });
    await this.#audit(
      staff,
      'content.retire',
      'allowed',
      record.id,
      frame.retired ? 'retired' : 'restored',
    );
    this.#options.broadcast(
      serverToAgentMessage('content.changed', { item: contentItemOf(record) }),
    );
  }

  async #requireAdmin(staff: StaffPrincipal, action: AuditAction, targetId: string | null) {
    const decision = canManageConfiguration(staff, 'config.update');
    if (decision.allowed) return;
    await this.#audit(staff, action, 'denied', targetId, decision.reason);
    throw refuse.forbidden();
  }

  async #write(fn: (store: ConversationStore) => Promise<ContentRecord>): Promise<ContentRecord> {
    try {
      return await fn(this.#options.store);
    } catch (error) {
      if (BatonProtocolError.is(error)) throw error;
      if (HandoffServerError.is(error, 'conflict'))
        throw refuse.conflict('Edited meanwhile, or the shortcut is taken: reload and try again');
      throw retryable(error);
    }
  }

  #audit(
    staff: StaffPrincipal,
    action: AuditAction,
    outcome: 'allowed' | 'denied',
    targetId: string | null,
    reason: string,
  ) {
    return this.#options.store.appendAudit({
      action,
      outcome,
      actorId: staff.staffId,
      actorRole: auditRole(staff),
      targetId,
      reason,
    });
  }
}
