import type {
  AgentInfo,
  ChatActionSet,
  ConversationLogEntry,
  ConversationState,
  HandoffRequest,
  Priority,
  ServerToAgent,
  WrapUp,
} from '@baton/handoff-protocol';

/** One line of a staff-only consultation thread. */
export interface ConsultLine {
  key: string;
  author: AgentInfo;
  text: string;
  at: string;
  mine: boolean;
}

/**
 * A consultation about one conversation, between its holder and one consulted agent. The
 * consulted agent sees the conversation read-only (`transcript`, once she opened it).
 */
export interface ConsultThread {
  conversationId: string;
  consultantId: string;
  /** `consultant`: a colleague asked me; `holder`: I asked a colleague. */
  role: 'holder' | 'consultant';
  /** Who asked (consultant side) or who was asked (holder side, once she answered). */
  peer?: AgentInfo;
  priority?: Priority;
  queue?: string;
  lines: ConsultLine[];
  /** Lines not seen yet (the thread is not in view). */
  unseen: number;
  transcript?: { request: HandoffRequest; log: ConversationLogEntry[] };
  /**
   * The conversation left its agent while she read it (ended, back to the queue or the bot):
   * the view stops updating (the server withdrew it) and says so.
   */
  closed?: { to: ConversationState; at: string };
}

export interface ChatActionsState {
  /** What the server allows in each conversation (`actions.available`). */
  available: Readonly<Record<string, ChatActionSet>>;
  /** Wrap-ups the server stored (`wrap_up.saved`). */
  wrapUps: Readonly<Record<string, WrapUp>>;
  consults: readonly ConsultThread[];
}

export const emptyChatActions: ChatActionsState = { available: {}, wrapUps: {}, consults: [] };

export type ChatActionFrame = Extract<
  ServerToAgent,
  { type: 'actions.available' | 'wrap_up.saved' | 'consult.invited' | 'consult.message' }
>;

const MAX_LINES = 200;
const MAX_THREADS = 20;

function upsertThread(
  consults: readonly ConsultThread[],
  key: Pick<ConsultThread, 'conversationId' | 'consultantId'>,
  create: () => ConsultThread,
  patch: (thread: ConsultThread) => ConsultThread,
): ConsultThread[] {
  const index = consults.findIndex(
    (t) => t.conversationId === key.conversationId && t.consultantId === key.consultantId,
  );
  if (index < 0) return [...consults, patch(create())].slice(-MAX_THREADS);
  const next = [...consults];
  next[index] = patch(next[index]!);
  return next;
}

/** Applies a chat-action frame; `me` is this person's staff id. */
export function applyChatActionFrame(
  state: ChatActionsState | undefined,
  frame: ChatActionFrame,
  me: string,
): ChatActionsState {
  const current = state ?? emptyChatActions;
  switch (frame.type) {
    case 'actions.available':
      return {
        ...current,
        available: { ...current.available, [frame.conversationId]: frame.actions },
      };
    case 'wrap_up.saved':
      return { ...current, wrapUps: { ...current.wrapUps, [frame.conversationId]: frame.wrapUp } };
    case 'consult.invited':
      return {
        ...current,
        consults: upsertThread(
          current.consults,
          { conversationId: frame.conversationId, consultantId: me },
          () => ({
            conversationId: frame.conversationId,
            consultantId: me,
            role: 'consultant',
            lines: [],
            unseen: 0,
          }),
          (t) => ({
            ...t,
            peer: frame.from,
            priority: frame.priority,
            ...(frame.queue ? { queue: frame.queue } : {}),
          }),
        ),
      };
    case 'consult.message': {
      const mine = frame.author.id === me;
      const role = frame.consultantId === me ? 'consultant' : 'holder';
      return {
        ...current,
        consults: upsertThread(
          current.consults,
          frame,
          () => ({
            conversationId: frame.conversationId,
            consultantId: frame.consultantId,
            role,
            lines: [],
            unseen: 0,
          }),
          (t) => {
            if (t.lines.some((l) => l.key === frame.id)) return t;
            const peer = !mine && !t.peer ? { peer: frame.author } : {};
            return {
              ...t,
              ...peer,
              unseen: mine ? t.unseen : t.unseen + 1,
              lines: [
                ...t.lines,
                { key: frame.id, author: frame.author, text: frame.text, at: frame.ts, mine },
              ].slice(-MAX_LINES),
            };
          },
        ),
      };
    }
    default: {
      const never: never = frame;
      return never;
    }
  }
}

/** The read-only transcript the consulted agent asked for. */
export function withConsultTranscript(
  state: ChatActionsState | undefined,
  me: string,
  frame: Extract<ServerToAgent, { type: 'conversation.transcript' }>,
): ChatActionsState {
  const current = state ?? emptyChatActions;
  return {
    ...current,
    consults: current.consults.map((t) =>
      t.conversationId === frame.conversationId && t.consultantId === me
        ? { ...t, transcript: { request: frame.request, log: frame.log } }
        : t,
    ),
  };
}

/** The thread is in view: nothing unseen. */
export function markConsultSeen(
  state: ChatActionsState | undefined,
  conversationId: string,
  consultantId: string,
): ChatActionsState {
  const current = state ?? emptyChatActions;
  return {
    ...current,
    consults: current.consults.map((t) =>
      t.conversationId === conversationId && t.consultantId === consultantId && t.unseen > 0
        ? { ...t, unseen: 0 }
        : t,
    ),
  };
}
