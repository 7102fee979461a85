import type {
  ConversationLogEntry,
  FollowUpCounts,
  FollowUpItem,
  HandoffRequest,
  ServerToAgent,
} from '@baton/handoff-protocol';

/** The conversation behind a follow-up item, read-only, as `followup.open` returned it. */
export interface FollowUpTranscript {
  conversationId: string;
  request: HandoffRequest;
  log: ConversationLogEntry[];
}

/** The follow-up worklist as this console knows it: items not closed yet, and the totals. */
export interface WorklistState {
  items: FollowUpItem[];
  counts: FollowUpCounts;
  /** Follow-ups this person closed in this session (shown as done until the reload). */
  closedByMe: FollowUpItem[];
  transcripts: Record<string, FollowUpTranscript>;
}

type WorklistFrame = Extract<ServerToAgent, { type: 'followup.snapshot' | 'followup.update' }>;

/** Applies `followup.snapshot` / `followup.update`; items stay oldest first. */
export function applyWorklistFrame(
  worklist: WorklistState | null,
  frame: WorklistFrame,
  staffId: string,
): WorklistState {
  if (frame.type === 'followup.snapshot') {
    return {
      items: frame.items.filter((i) => i.status !== 'closed'),
      counts: frame.counts,
      closedByMe: worklist?.closedByMe ?? [],
      transcripts: worklist?.transcripts ?? {},
    };
  }
  const current = worklist ?? {
    items: [],
    counts: { open: 0, claimed: 0, oldestOpenSeconds: null, closedToday: 0 },
    closedByMe: [],
    transcripts: {},
  };
  const { item } = frame;
  const others = current.items.filter((i) => i.id !== item.id);
  const items =
    item.status === 'closed'
      ? others
      : [...others, item].sort(
          (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
        );
  const closedByMe =
    item.status === 'closed' && item.claimedBy?.id === staffId
      ? [item, ...current.closedByMe.filter((i) => i.id !== item.id)].slice(0, 20)
      : current.closedByMe;
  return { ...current, items, closedByMe, counts: frame.counts ?? current.counts };
}

/** Keeps the transcript of a follow-up this person opened. */
export function withFollowUpTranscript(
  worklist: WorklistState | null,
  frame: Extract<ServerToAgent, { type: 'conversation.transcript' }>,
): WorklistState | null {
  if (!worklist) return worklist;
  return {
    ...worklist,
    transcripts: {
      ...worklist.transcripts,
      [frame.conversationId]: {
        conversationId: frame.conversationId,
        request: frame.request,
        log: frame.log,
      },
    },
  };
}
