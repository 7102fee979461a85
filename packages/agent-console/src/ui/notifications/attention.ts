import type { Priority } from '@baton/handoff-protocol';
import type { ConsoleState } from '../../session/state';
import { isClosed } from '../../session/state';

/** Something that deserves the agent's attention, without any patient data. */
export type Alert =
  | { kind: 'work'; queue: string; priority: Priority }
  | { kind: 'transfer'; priority: Priority }
  | { kind: 'message'; priority: Priority }
  | { kind: 'consult'; priority: Priority };

/** What was already seen, to tell new things apart (ids and counts only). */
export interface AttentionMemory {
  queued: ReadonlySet<string>;
  held: ReadonlySet<string>;
  unread: ReadonlyMap<string, number>;
  consults: number;
}

/**
 * How many things wait for the agent (the tab title count): conversations waiting in her
 * queues, unread patient messages of her conversations, unseen consultation lines.
 */
export function attentionCount(state: ConsoleState): number {
  let count = state.queue.length;
  for (const view of state.conversations) if (!isClosed(view)) count += view.unread;
  for (const thread of state.chat?.consults ?? []) count += thread.unseen;
  return count;
}

/** An emergency or urgent conversation waiting in one of her queues (the first one). */
export function waitingEmergency(state: ConsoleState): string | null {
  const item = state.queue.find((i) => i.priority === 'emergency');
  return item ? item.queue : null;
}

/**
 * The alerts a state change brings (new queue items, conversations transferred to her, new
 * patient messages in conversations, new consultation invitations) and the memory to keep.
 * The first call (empty memory) only remembers: what was there at sign-in is not new.
 */
export function newAlerts(
  state: ConsoleState,
  memory: AttentionMemory | null,
): { alerts: Alert[]; memory: AttentionMemory } {
  const alerts: Alert[] = [];
  const queued = new Set(state.queue.map((i) => i.conversationId));
  const held = new Set(state.conversations.map((c) => c.conversationId));
  const unread = new Map(state.conversations.map((c) => [c.conversationId, c.unread]));
  const consults = (state.chat?.consults ?? []).filter((t) => t.role === 'consultant').length;
  if (memory) {
    for (const item of state.queue)
      if (!memory.queued.has(item.conversationId))
        alerts.push({ kind: 'work', queue: item.queue, priority: item.priority });
    for (const view of state.conversations) {
      const priority = view.request.priority;
      if (!memory.held.has(view.conversationId) && view.transferredFrom)
        alerts.push({ kind: 'transfer', priority });
      const before = memory.unread.get(view.conversationId) ?? 0;
      if (view.unread > before && !isClosed(view)) alerts.push({ kind: 'message', priority });
    }
    if (consults > memory.consults) alerts.push({ kind: 'consult', priority: 'routine' });
  }
  return { alerts, memory: { queued, held, unread, consults } };
}

/** Emergency and urgent alerts get the distinct sound and style. */
export const isUrgent = (alert: Alert): boolean => alert.priority !== 'routine';
