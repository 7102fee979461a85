import type {
  AgentStatus,
  ConversationSummary,
  QueueItem,
  ServerToAgent,
} from '@baton/handoff-protocol';
import { applyAssignments } from './assignments';
import { attachmentItem } from './attachment-items';
import { applyChatActionFrame } from './chat-actions-state';
import {
  type ConsoleState,
  type ConversationView,
  isClosed,
  newView,
  visibleRequest,
} from './console-state';
import { logItem, mergeItem, updateConversation, upsertConversation } from './conversation-items';
import { applyHistoryFrame } from './history';
import { applyWorklistFrame } from './worklist-state';

export * from './console-state';

const PRIORITY_RANK = { emergency: 0, urgent: 1, routine: 2 } as const;

/** Emergency first, then urgent, then routine; oldest first within a priority. */
export function sortQueue(items: readonly QueueItem[]): QueueItem[] {
  return [...items].sort(
    (a, b) =>
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
      Date.parse(a.enqueuedAt) - Date.parse(b.enqueuedAt),
  );
}

function upsertSummaries(
  list: readonly ConversationSummary[],
  changed: readonly ConversationSummary[],
): ConversationSummary[] {
  const byId = new Map(list.map((c) => [c.conversationId, c]));
  for (const c of changed) byId.set(c.conversationId, c);
  // One patient, one row: an escalated bot row gives way to its handoff's row, in either order.
  return [...byId.values()].filter(
    (c) => !(c.state === 'bot' && c.handoffConversationId && byId.has(c.handoffConversationId)),
  );
}

function upsertAgents(list: readonly AgentStatus[], changed: readonly AgentStatus[]) {
  const byId = new Map(list.map((a) => [a.agent.id, a]));
  for (const a of changed) byId.set(a.agent.id, a);
  return [...byId.values()];
}

/** The state after a frame from the server. `error` frames are the session's to interpret. */
export function applyServerFrame(state: ConsoleState, frame: ServerToAgent): ConsoleState {
  switch (frame.type) {
    case 'queue.snapshot':
      return { ...state, queue: sortQueue(frame.items) };
    case 'queue.update': {
      const { change } = frame;
      if (change.op === 'remove') {
        return {
          ...state,
          queue: state.queue.filter((i) => i.conversationId !== change.conversationId),
        };
      }
      const rest = state.queue.filter((i) => i.conversationId !== change.item.conversationId);
      return { ...state, queue: sortQueue([...rest, change.item]) };
    }
    case 'conversation.assigned': {
      if (frame.agent.id !== state.profile.staffId) return state;
      const next = upsertConversation(
        state,
        frame.conversationId,
        () =>
          newView(frame.conversationId, 'assigned', visibleRequest(frame.request, state.profile)),
        (view) => ({
          ...view,
          state: 'assigned',
          held: true,
          agent: frame.agent,
          lastSeq: Math.max(view.lastSeq, frame.seq),
          ...(frame.transferredFrom ? { transferredFrom: frame.transferredFrom } : {}),
          ...(frame.transferNote ? { transferNote: frame.transferNote } : {}),
        }),
      );
      return {
        ...next,
        queue: next.queue.filter((i) => i.conversationId !== frame.conversationId),
      };
    }
    case 'conversation.transcript':
      return upsertConversation(
        state,
        frame.conversationId,
        () =>
          newView(frame.conversationId, frame.state, visibleRequest(frame.request, state.profile)),
        (view) => {
          let merged: ConversationView = {
            ...view,
            state: frame.state,
            request: visibleRequest(frame.request, state.profile),
          };
          for (const entry of frame.log) merged = mergeItem(merged, logItem(entry));
          return { ...merged, lastSeq: Math.max(merged.lastSeq, frame.lastSeq) };
        },
      );
    case 'message':
      return updateConversation(state, frame.conversationId, (view) => {
        const merged = mergeItem(view, {
          key: `s${frame.seq}`,
          seq: frame.seq,
          kind: 'message',
          from: frame.from,
          at: frame.ts,
          text: frame.text,
          ...(frame.textFormat ? { textFormat: frame.textFormat } : {}),
          ...(frame.agent ? { author: frame.agent } : {}),
          ...(frame.clientMessageId ? { clientMessageId: frame.clientMessageId } : {}),
          // Stored before it was sent here: another agent's line shows sent or read too.
          ...(frame.from === 'agent' ? { delivery: 'acked' as const } : {}),
        });
        const isNew = merged.items.length > view.items.length && frame.from === 'patient';
        return {
          ...merged,
          patientTyping: frame.from === 'patient' ? false : merged.patientTyping,
          unread:
            isNew && state.activeConversationId !== frame.conversationId
              ? merged.unread + 1
              : merged.unread,
        };
      });
    case 'note':
      return updateConversation(state, frame.conversationId, (view) =>
        mergeItem(view, {
          key: `s${frame.seq}`,
          seq: frame.seq,
          kind: 'note',
          from: 'agent',
          author: frame.author,
          at: frame.ts,
          text: frame.text,
          ...(frame.clientMessageId ? { clientMessageId: frame.clientMessageId } : {}),
        }),
      );
    case 'typing':
      if (frame.from !== 'patient') return state;
      return updateConversation(state, frame.conversationId, (view) => ({
        ...view,
        patientTyping: frame.active,
      }));
    case 'read':
      if (frame.by !== 'patient') return state;
      return updateConversation(state, frame.conversationId, (view) => ({
        ...view,
        patientReadUpToSeq: Math.max(view.patientReadUpToSeq, frame.upToSeq),
      }));
    case 'conversation.state':
      return updateConversation(state, frame.conversationId, (view) => {
        const movedAway =
          frame.event === 'transfer_to_agent' && frame.agent?.id !== state.profile.staffId;
        const next: ConversationView = {
          ...view,
          state: frame.to,
          held: view.held && !movedAway && frame.to !== 'queued',
          patientTyping: false,
          lastSeq: Math.max(view.lastSeq, frame.seq ?? 0),
        };
        if (isClosed(view) || !isClosed(next)) return next;
        return {
          ...next,
          closedBy: { event: frame.event, ...(frame.agent ? { agent: frame.agent } : {}) },
        };
      });
    case 'agent.assignments':
      return applyAssignments(state, frame);
    case 'appointment.selected':
    case 'appointment.cancelled':
    case 'survey.completed':
      return updateConversation(state, frame.conversationId, (view) =>
        mergeItem(view, {
          key: `s${frame.seq}`,
          seq: frame.seq,
          kind: 'event',
          from: 'patient',
          at: frame.ts,
          event: frame.type,
          ...(frame.type === 'appointment.cancelled'
            ? { appointmentStart: frame.appointment.start }
            : {}),
        }),
      );
    case 'ack':
      return updateConversation(state, frame.conversationId, (view) => {
        const mine = view.items.find((i) => i.clientMessageId === frame.clientMessageId);
        if (!mine) return { ...view, lastSeq: Math.max(view.lastSeq, frame.seq) };
        return mergeItem(view, { ...mine, seq: frame.seq });
      });
    case 'supervisor.snapshot':
      return {
        ...state,
        supervisor: {
          conversations: upsertSummaries([], frame.conversations),
          agents: frame.agents,
          kpis: frame.kpis,
        },
      };
    case 'supervisor.update': {
      const current = state.supervisor;
      if (!current) return state;
      const removed = new Set(frame.removed ?? []);
      return {
        ...state,
        supervisor: {
          conversations: upsertSummaries(current.conversations, frame.upserted ?? []).filter(
            (c) => !removed.has(c.conversationId),
          ),
          agents: upsertAgents(current.agents, frame.agents ?? []),
          kpis: frame.kpis ?? current.kpis,
        },
      };
    }
    case 'followup.snapshot':
    case 'followup.update':
      return {
        ...state,
        worklist: applyWorklistFrame(state.worklist, frame, state.profile.staffId),
      };
    case 'whisper':
      return updateConversation(state, frame.conversationId, (view) =>
        mergeItem(view, {
          key: `s${frame.seq}`,
          seq: frame.seq,
          kind: 'note',
          whisper: true,
          from: 'agent',
          author: frame.author,
          at: frame.ts,
          text: frame.text,
          ...(frame.clientMessageId ? { clientMessageId: frame.clientMessageId } : {}),
        }),
      );
    case 'supervisor.joined':
      return updateConversation(state, frame.conversationId, (view) =>
        mergeItem(view, {
          key: `s${frame.seq}`,
          seq: frame.seq,
          kind: 'event',
          from: 'system',
          author: frame.supervisor,
          at: frame.ts,
          event: frame.type,
        }),
      );
    case 'attachment':
      return updateConversation(state, frame.conversationId, (view) =>
        mergeItem(view, attachmentItem(frame)),
      );
    case 'attachment.grant':
    case 'staff.profile':
    case 'log.hidden':
    case 'resync':
    case 'error':
    case 'content.items':
    case 'content.changed':
      return state;
    case 'actions.available':
    case 'wrap_up.saved':
    case 'consult.invited':
    case 'consult.message':
      return { ...state, chat: applyChatActionFrame(state.chat, frame, state.profile.staffId) };
    case 'patient.history':
    case 'patient.history.transcript':
      return { ...state, history: applyHistoryFrame(state.history, frame) };
    default: {
      const never: never = frame;
      return never;
    }
  }
}
