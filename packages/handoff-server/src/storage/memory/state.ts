import type { Transcript } from '@baton/handoff-protocol';
import type { FollowUpItemRecord, QueueWaitSample } from '../followup-records';
import type { ReadMarks } from '../read-marks';
import type {
  AgentRecord,
  AppointmentSlot,
  AuditRecord,
  ConversationRecord,
  MessageRecord,
  StateUpdate,
  Survey,
  SurveyResponse,
} from '../records';
import { endedAtAfter, nowIso } from '../shared';
import { CountedQueue } from './queue-counts';

export type AgentRow = Omit<AgentRecord, 'activeCount'>;

/** Everything the in-memory store holds; each concern module reads and writes these maps. */
export interface MemoryState {
  readonly trustAuditTimestamps: boolean;
  readonly conversations: Map<string, ConversationRecord>;
  readonly messages: Map<string, MessageRecord[]>;
  readonly transcripts: Map<string, Transcript>;
  /** Each side's read mark, by conversation (columns of `conversations` in SQL). */
  readonly readMarks: Map<string, ReadMarks>;
  readonly queue: CountedQueue;
  readonly agents: Map<string, AgentRow>;
  readonly surveys: Map<string, Survey>;
  readonly responses: Map<string, SurveyResponse>;
  readonly slots: Map<string, AppointmentSlot>;
  readonly audit: AuditRecord[];
  readonly followUps: Map<string, FollowUpItemRecord>;
  readonly queueWaits: QueueWaitSample[];
}

export function createMemoryState(trustAuditTimestamps: boolean): MemoryState {
  return {
    trustAuditTimestamps,
    conversations: new Map(),
    messages: new Map(),
    transcripts: new Map(),
    readMarks: new Map(),
    queue: new CountedQueue(),
    agents: new Map(),
    surveys: new Map(),
    responses: new Map(),
    slots: new Map(),
    audit: [],
    followUps: new Map(),
    queueWaits: [],
  };
}

/** Applies a transition that was already checked; leaving `queued` drops the queue entry. */
export function applyTransition(
  state: MemoryState,
  current: ConversationRecord,
  update: Omit<StateUpdate, 'expected'>,
): ConversationRecord {
  const now = nowIso();
  const next: ConversationRecord = {
    ...current,
    state: update.next,
    queue: update.queue === undefined ? current.queue : update.queue,
    priority: update.priority ?? current.priority,
    assignedAgentId:
      update.assignedAgentId === undefined ? current.assignedAgentId : update.assignedAgentId,
    updatedAt: now,
    endedAt: endedAtAfter(update.next, current.endedAt, now),
    version: current.version + 1,
  };
  state.conversations.set(next.id, next);
  if (next.state !== 'queued') state.queue.delete(next.id);
  return { ...next };
}
