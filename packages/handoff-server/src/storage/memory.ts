import type { Priority, Transcript } from '@baton/handoff-protocol';
import { HandoffServerError } from '../internal/errors';
import type { ConversationStore } from './contract';
import type {
  AgentPresence,
  AgentProfile,
  AgentRecord,
  AgentScript,
  AppendResult,
  AppointmentBooking,
  AppointmentSlot,
  AuditEvent,
  AuditQuery,
  AuditRecord,
  BookingResult,
  ConversationChange,
  ConversationRecord,
  ConversationState,
  MessageRecord,
  NewAgentScript,
  NewAppointmentSlot,
  NewConversation,
  NewMessage,
  NewSurveyResponse,
  PatientDeletionResult,
  PurgeResult,
  QueueEntry,
  StateUpdate,
  Survey,
  SurveyResponse,
  TransferTarget,
} from './records';
import {
  clampLimit,
  compareText,
  DEFAULT_ENQUEUE_FROM,
  endedAtAfter,
  expectedStates,
  nowIso,
  PRIORITY_RANK,
} from './shared';

type AgentRow = Omit<AgentRecord, 'activeCount'>;

/**
 * In-process store for unit tests of the engine and for trying things out. Not encrypted,
 * not durable. Every operation runs to completion synchronously, so it is trivially atomic.
 */
export class MemoryConversationStore implements ConversationStore {
  readonly #conversations = new Map<string, ConversationRecord>();
  readonly #messages = new Map<string, MessageRecord[]>();
  readonly #transcripts = new Map<string, Transcript>();
  readonly #queue = new Map<string, QueueEntry>();
  readonly #agents = new Map<string, AgentRow>();
  readonly #scripts = new Map<string, AgentScript>();
  readonly #surveys = new Map<string, Survey>();
  readonly #responses = new Map<string, SurveyResponse>();
  readonly #slots = new Map<string, AppointmentSlot>();
  readonly #audit: AuditRecord[] = [];

  async createConversation(input: NewConversation): Promise<ConversationRecord> {
    if (this.#conversations.has(input.id)) throw new HandoffServerError('conflict');
    const now = nowIso();
    const state = input.state ?? 'bot';
    const record: ConversationRecord = {
      id: input.id,
      patientId: input.patientId,
      state,
      queue: input.queue ?? null,
      priority: input.priority ?? 'routine',
      assignedAgentId: null,
      createdAt: now,
      updatedAt: now,
      endedAt: endedAtAfter(state, null, now),
      version: 1,
    };
    this.#conversations.set(record.id, record);
    return { ...record };
  }

  async getConversation(id: string): Promise<ConversationRecord | null> {
    const found = this.#conversations.get(id);
    return found ? { ...found } : null;
  }

  async listConversations(
    filter: {
      states?: readonly ConversationState[];
      patientId?: string;
      assignedAgentId?: string;
    } = {},
  ): Promise<ConversationRecord[]> {
    return [...this.#conversations.values()]
      .filter((c) => !filter.states || filter.states.includes(c.state))
      .filter((c) => filter.patientId === undefined || c.patientId === filter.patientId)
      .filter(
        (c) => filter.assignedAgentId === undefined || c.assignedAgentId === filter.assignedAgentId,
      )
      .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id))
      .map((c) => ({ ...c }));
  }

  async updateState(id: string, update: StateUpdate): Promise<ConversationChange> {
    const current = this.#conversations.get(id);
    if (!current) return { ok: false, reason: 'not_found', current: null };
    if (!expectedStates(update).includes(current.state)) {
      return { ok: false, reason: 'state_mismatch', current: { ...current } };
    }
    return { ok: true, conversation: this.#apply(current, update) };
  }

  #apply(current: ConversationRecord, update: Omit<StateUpdate, 'expected'>): ConversationRecord {
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
    this.#conversations.set(next.id, next);
    if (next.state !== 'queued') this.#queue.delete(next.id);
    return { ...next };
  }

  async appendMessage(conversationId: string, message: NewMessage): Promise<AppendResult> {
    if (!this.#conversations.has(conversationId)) throw new HandoffServerError('not_found');
    const list = this.#messages.get(conversationId) ?? [];
    const existing = list.find((m) => m.clientMessageId === message.clientMessageId);
    if (existing) return { message: { ...existing }, duplicate: true };
    const record: MessageRecord = {
      conversationId,
      seq: list.length + 1,
      clientMessageId: message.clientMessageId,
      from: message.from,
      senderId: message.senderId,
      body: message.body,
      kind: message.kind ?? 'message',
      createdAt: nowIso(),
    };
    list.push(record);
    this.#messages.set(conversationId, list);
    return { message: { ...record }, duplicate: false };
  }

  async listMessages(
    conversationId: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<MessageRecord[]> {
    const after = options.afterSeq ?? 0;
    return (this.#messages.get(conversationId) ?? [])
      .filter((m) => m.seq > after)
      .slice(0, clampLimit(options.limit))
      .map((m) => ({ ...m }));
  }

  async saveTranscript(conversationId: string, transcript: Transcript): Promise<void> {
    if (!this.#conversations.has(conversationId)) throw new HandoffServerError('not_found');
    this.#transcripts.set(conversationId, structuredClone(transcript));
  }

  async getTranscript(conversationId: string): Promise<Transcript | null> {
    const found = this.#transcripts.get(conversationId);
    return found ? structuredClone(found) : null;
  }

  async enqueue(
    conversationId: string,
    entry: { queue: string; priority: Priority; expected?: readonly ConversationState[] },
  ): Promise<ConversationChange> {
    const change = await this.updateState(conversationId, {
      expected: entry.expected ?? DEFAULT_ENQUEUE_FROM,
      next: 'queued',
      queue: entry.queue,
      priority: entry.priority,
      assignedAgentId: null,
    });
    if (change.ok) {
      const previous = this.#queue.get(conversationId);
      this.#queue.set(conversationId, {
        conversationId,
        queue: entry.queue,
        priority: entry.priority,
        enqueuedAt: previous?.enqueuedAt ?? nowIso(),
      });
    }
    return change;
  }

  async listQueue(queue: string): Promise<QueueEntry[]> {
    return [...this.#queue.values()]
      .filter((e) => e.queue === queue)
      .sort(
        (a, b) =>
          PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
          compareText(a.enqueuedAt, b.enqueuedAt) ||
          compareText(a.conversationId, b.conversationId),
      )
      .map((e) => ({ ...e }));
  }

  async claimConversation(conversationId: string, agentId: string): Promise<ConversationChange> {
    return this.updateState(conversationId, {
      expected: 'queued',
      next: 'assigned',
      assignedAgentId: agentId,
    });
  }

  async transferConversation(
    conversationId: string,
    fromAgentId: string,
    to: TransferTarget,
  ): Promise<ConversationChange> {
    const current = this.#conversations.get(conversationId);
    if (!current) return { ok: false, reason: 'not_found', current: null };
    if (current.state !== 'assigned') {
      return { ok: false, reason: 'state_mismatch', current: { ...current } };
    }
    if (current.assignedAgentId !== fromAgentId) {
      return { ok: false, reason: 'not_assignee', current: { ...current } };
    }
    if ('agentId' in to) {
      return {
        ok: true,
        conversation: this.#apply(current, { next: 'assigned', assignedAgentId: to.agentId }),
      };
    }
    const conversation = this.#apply(current, {
      next: 'queued',
      queue: to.queue,
      assignedAgentId: null,
    });
    this.#queue.set(conversationId, {
      conversationId,
      queue: to.queue,
      priority: conversation.priority,
      enqueuedAt: nowIso(),
    });
    return { ok: true, conversation };
  }

  #agentRecord(row: AgentRow): AgentRecord {
    let activeCount = 0;
    for (const c of this.#conversations.values()) {
      if (c.state === 'assigned' && c.assignedAgentId === row.id) activeCount += 1;
    }
    return { ...row, queues: [...row.queues], activeCount };
  }

  async upsertAgent(agent: AgentProfile): Promise<AgentRecord> {
    const previous = this.#agents.get(agent.id);
    const row: AgentRow = {
      id: agent.id,
      displayName: agent.displayName,
      queues: [...agent.queues],
      capacity: agent.capacity,
      presence: previous?.presence ?? 'offline',
      updatedAt: nowIso(),
    };
    this.#agents.set(row.id, row);
    return this.#agentRecord(row);
  }

  async getAgent(id: string): Promise<AgentRecord | null> {
    const row = this.#agents.get(id);
    return row ? this.#agentRecord(row) : null;
  }

  async listAgents(
    filter: { queue?: string; presence?: AgentPresence } = {},
  ): Promise<AgentRecord[]> {
    return [...this.#agents.values()]
      .filter((a) => filter.queue === undefined || a.queues.includes(filter.queue))
      .filter((a) => filter.presence === undefined || a.presence === filter.presence)
      .sort((a, b) => compareText(a.id, b.id))
      .map((a) => this.#agentRecord(a));
  }

  async setAgentPresence(id: string, presence: AgentPresence): Promise<AgentRecord | null> {
    const row = this.#agents.get(id);
    if (!row) return null;
    const next = { ...row, presence, updatedAt: nowIso() };
    this.#agents.set(id, next);
    return this.#agentRecord(next);
  }

  async createScript(script: NewAgentScript): Promise<AgentScript> {
    if (this.#scripts.has(script.id)) throw new HandoffServerError('conflict');
    const now = nowIso();
    const record: AgentScript = {
      ...script,
      queue: script.queue ?? null,
      createdAt: now,
      updatedAt: now,
    };
    this.#scripts.set(record.id, record);
    return { ...record };
  }

  async updateScript(
    id: string,
    patch: Partial<Pick<AgentScript, 'title' | 'body' | 'queue'>>,
  ): Promise<AgentScript | null> {
    const current = this.#scripts.get(id);
    if (!current) return null;
    const next: AgentScript = {
      ...current,
      title: patch.title ?? current.title,
      body: patch.body ?? current.body,
      queue: patch.queue === undefined ? current.queue : patch.queue,
      updatedAt: nowIso(),
    };
    this.#scripts.set(id, next);
    return { ...next };
  }

  async deleteScript(id: string): Promise<boolean> {
    return this.#scripts.delete(id);
  }

  async getScript(id: string): Promise<AgentScript | null> {
    const found = this.#scripts.get(id);
    return found ? { ...found } : null;
  }

  async listScripts(filter: { queue?: string } = {}): Promise<AgentScript[]> {
    return [...this.#scripts.values()]
      .filter((s) => filter.queue === undefined || s.queue === null || s.queue === filter.queue)
      .sort((a, b) => compareText(a.title, b.title) || compareText(a.id, b.id))
      .map((s) => ({ ...s }));
  }

  async saveSurvey(survey: Survey): Promise<Survey> {
    this.#surveys.set(survey.id, structuredClone(survey));
    return structuredClone(survey);
  }

  async getSurvey(id: string): Promise<Survey | null> {
    const found = this.#surveys.get(id);
    return found ? structuredClone(found) : null;
  }

  async recordSurveyResponse(response: NewSurveyResponse): Promise<SurveyResponse> {
    if (!this.#surveys.has(response.surveyId)) throw new HandoffServerError('not_found');
    const taken = [...this.#responses.values()].some(
      (r) =>
        r.id === response.id ||
        (r.surveyId === response.surveyId && r.conversationId === response.conversationId),
    );
    if (taken) throw new HandoffServerError('conflict');
    const record: SurveyResponse = { ...structuredClone(response), submittedAt: nowIso() };
    this.#responses.set(record.id, record);
    return structuredClone(record);
  }

  async listSurveyResponses(filter: {
    surveyId?: string;
    conversationId?: string;
  }): Promise<SurveyResponse[]> {
    return [...this.#responses.values()]
      .filter((r) => filter.surveyId === undefined || r.surveyId === filter.surveyId)
      .filter(
        (r) => filter.conversationId === undefined || r.conversationId === filter.conversationId,
      )
      .sort((a, b) => compareText(a.submittedAt, b.submittedAt) || compareText(a.id, b.id))
      .map((r) => structuredClone(r));
  }

  async addSlots(slots: readonly NewAppointmentSlot[]): Promise<void> {
    if (slots.some((s) => this.#slots.has(s.id))) throw new HandoffServerError('conflict');
    for (const s of slots) {
      this.#slots.set(s.id, { ...s, label: s.label ?? null, booking: null });
    }
  }

  async listSlots(
    filter: { from?: string; to?: string; freeOnly?: boolean } = {},
  ): Promise<AppointmentSlot[]> {
    const from = filter.from ? Date.parse(filter.from) : Number.NEGATIVE_INFINITY;
    const to = filter.to ? Date.parse(filter.to) : Number.POSITIVE_INFINITY;
    return [...this.#slots.values()]
      .filter((s) => Date.parse(s.startsAt) >= from && Date.parse(s.startsAt) < to)
      .filter((s) => !filter.freeOnly || s.booking === null)
      .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || compareText(a.id, b.id))
      .map((s) => structuredClone(s));
  }

  async bookSlot(
    slotId: string,
    booking: { conversationId: string; patientId: string },
  ): Promise<BookingResult> {
    const slot = this.#slots.get(slotId);
    if (!slot) return { ok: false, reason: 'not_found' };
    if (slot.booking) return { ok: false, reason: 'already_booked' };
    const record: AppointmentBooking = { slotId, ...booking, bookedAt: nowIso() };
    this.#slots.set(slotId, { ...slot, booking: record });
    return { ok: true, booking: { ...record } };
  }

  async listBookings(filter: {
    patientId?: string;
    conversationId?: string;
  }): Promise<AppointmentBooking[]> {
    return [...this.#slots.values()]
      .flatMap((s) => (s.booking ? [s.booking] : []))
      .filter((b) => filter.patientId === undefined || b.patientId === filter.patientId)
      .filter(
        (b) => filter.conversationId === undefined || b.conversationId === filter.conversationId,
      )
      .sort((a, b) => compareText(a.bookedAt, b.bookedAt) || compareText(a.slotId, b.slotId))
      .map((b) => ({ ...b }));
  }

  async appendAudit(event: AuditEvent): Promise<AuditRecord> {
    const record: AuditRecord = {
      id: this.#audit.length + 1,
      action: event.action,
      outcome: event.outcome,
      actorId: event.actorId,
      actorRole: event.actorRole,
      conversationId: event.conversationId ?? null,
      patientId: event.patientId ?? null,
      targetId: event.targetId ?? null,
      reason: event.reason ?? null,
      at: event.at ?? nowIso(),
    };
    this.#audit.push(Object.freeze(record));
    return { ...record };
  }

  async queryAudit(query: AuditQuery): Promise<AuditRecord[]> {
    const from = query.from ? Date.parse(query.from) : Number.NEGATIVE_INFINITY;
    const to = query.to ? Date.parse(query.to) : Number.POSITIVE_INFINITY;
    return this.#audit
      .filter(
        (r) => query.conversationId === undefined || r.conversationId === query.conversationId,
      )
      .filter((r) => query.actorId === undefined || r.actorId === query.actorId)
      .filter((r) => query.patientId === undefined || r.patientId === query.patientId)
      .filter((r) => Date.parse(r.at) >= from && Date.parse(r.at) <= to)
      .slice(0, clampLimit(query.limit))
      .map((r) => ({ ...r }));
  }

  #deleteConversation(id: string): { bookings: number; surveyResponses: number } {
    let bookings = 0;
    let surveyResponses = 0;
    for (const slot of this.#slots.values()) {
      if (slot.booking?.conversationId === id) {
        this.#slots.set(slot.id, { ...slot, booking: null });
        bookings += 1;
      }
    }
    for (const r of this.#responses.values()) {
      if (r.conversationId === id) {
        this.#responses.delete(r.id);
        surveyResponses += 1;
      }
    }
    this.#conversations.delete(id);
    this.#messages.delete(id);
    this.#transcripts.delete(id);
    this.#queue.delete(id);
    return { bookings, surveyResponses };
  }

  async purgeFinishedBefore(cutoff: Date): Promise<PurgeResult> {
    const doomed = [...this.#conversations.values()].filter(
      (c) => c.endedAt !== null && Date.parse(c.endedAt) < cutoff.getTime(),
    );
    for (const c of doomed) {
      this.#deleteConversation(c.id);
      await this.appendAudit({
        action: 'retention.purge',
        outcome: 'allowed',
        actorId: 'system',
        actorRole: 'system',
        conversationId: c.id,
        patientId: c.patientId,
      });
    }
    return { conversations: doomed.length };
  }

  async deletePatientData(
    patientId: string,
    actor: { actorId: string; actorRole: AuditEvent['actorRole'] },
  ): Promise<PatientDeletionResult> {
    const result: PatientDeletionResult = { conversations: 0, surveyResponses: 0, bookings: 0 };
    for (const c of [...this.#conversations.values()].filter((c) => c.patientId === patientId)) {
      const removed = this.#deleteConversation(c.id);
      result.conversations += 1;
      result.bookings += removed.bookings;
      result.surveyResponses += removed.surveyResponses;
    }
    for (const slot of this.#slots.values()) {
      if (slot.booking?.patientId === patientId) {
        this.#slots.set(slot.id, { ...slot, booking: null });
        result.bookings += 1;
      }
    }
    for (const r of this.#responses.values()) {
      if (r.patientId === patientId) {
        this.#responses.delete(r.id);
        result.surveyResponses += 1;
      }
    }
    await this.appendAudit({ action: 'patient.delete', outcome: 'allowed', ...actor, patientId });
    return result;
  }

  async close(): Promise<void> {}
}
