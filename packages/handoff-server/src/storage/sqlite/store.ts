import type { Priority, Transcript } from '@baton/handoff-protocol';
import Database from 'better-sqlite3';
import { HandoffServerError } from '../../internal/errors';
import type { ConversationStore } from '../contract';
import { aad, FieldCipher, type KeyRingConfig } from '../crypto';
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
} from '../records';
import * as rows from '../rows';
import {
  clampLimit,
  DEFAULT_ENQUEUE_FROM,
  endedAtAfter,
  expectedStates,
  nowIso,
  PRIORITY_RANK,
} from '../shared';
import { migrateSqlite } from './migrations';

export interface SqliteStoreOptions {
  /** Database file path (created if missing), or `:memory:`. */
  filename: string;
  /** Encryption keys for message bodies, transcripts and survey answers. */
  keyRing: KeyRingConfig;
  /** How long a writer waits for another connection's lock, in ms. Default 5000. */
  busyTimeoutMs?: number;
}

type Row = Record<string, unknown>;

const AGENT_SELECT = `SELECT a.*, (SELECT COUNT(*) FROM conversations c
  WHERE c.state = 'assigned' AND c.assigned_agent_id = a.id) AS active_count FROM agents a`;

/**
 * The embedded default: one SQLite file in WAL mode. Several handles (threads, processes)
 * may share a file: every write runs in a `BEGIN IMMEDIATE` transaction, so compare-and-set,
 * seq assignment and claims are serialised by SQLite's write lock.
 */
export class SqliteConversationStore implements ConversationStore {
  readonly db: Database.Database;
  readonly #cipher: FieldCipher;

  constructor(options: SqliteStoreOptions) {
    this.#cipher = new FieldCipher(options.keyRing);
    this.db = new Database(options.filename, { timeout: options.busyTimeoutMs ?? 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    migrateSqlite(this.db);
  }

  #write<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  #conversation(id: string): ConversationRecord | null {
    const row = this.db.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as
      | Row
      | undefined;
    return row ? rows.toConversation(row) : null;
  }

  async createConversation(input: NewConversation): Promise<ConversationRecord> {
    const now = nowIso();
    const state = input.state ?? 'bot';
    try {
      this.db
        .prepare(
          `INSERT INTO conversations (id, patient_id, state, queue, priority, assigned_agent_id,
            created_at, updated_at, ended_at, version) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, 1)`,
        )
        .run(
          input.id,
          input.patientId,
          state,
          input.queue ?? null,
          input.priority ?? 'routine',
          now,
          now,
          endedAtAfter(state, null, now),
        );
    } catch (error) {
      if (isConstraint(error))
        throw new HandoffServerError('conflict', undefined, { cause: error });
      throw error;
    }
    return this.#conversation(input.id)!;
  }

  async getConversation(id: string): Promise<ConversationRecord | null> {
    return this.#conversation(id);
  }

  async listConversations(
    filter: {
      states?: readonly ConversationState[];
      patientId?: string;
      assignedAgentId?: string;
    } = {},
  ): Promise<ConversationRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.states) {
      if (filter.states.length === 0) return [];
      where.push(`state IN (${filter.states.map(() => '?').join(', ')})`);
      params.push(...filter.states);
    }
    if (filter.patientId !== undefined) {
      where.push('patient_id = ?');
      params.push(filter.patientId);
    }
    if (filter.assignedAgentId !== undefined) {
      where.push('assigned_agent_id = ?');
      params.push(filter.assignedAgentId);
    }
    const sql = `SELECT * FROM conversations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY created_at, id`;
    return (this.db.prepare(sql).all(...params) as Row[]).map(rows.toConversation);
  }

  /** Compare-and-set inside the caller's transaction. */
  #cas(
    id: string,
    update: StateUpdate,
    onApplied?: (c: ConversationRecord) => void,
  ): ConversationChange {
    const current = this.#conversation(id);
    if (!current) return { ok: false, reason: 'not_found', current: null };
    if (!expectedStates(update).includes(current.state)) {
      return { ok: false, reason: 'state_mismatch', current };
    }
    const now = nowIso();
    this.db
      .prepare(
        `UPDATE conversations SET state = ?, queue = ?, priority = ?, assigned_agent_id = ?,
          updated_at = ?, ended_at = ?, version = version + 1 WHERE id = ?`,
      )
      .run(
        update.next,
        update.queue === undefined ? current.queue : update.queue,
        update.priority ?? current.priority,
        update.assignedAgentId === undefined ? current.assignedAgentId : update.assignedAgentId,
        now,
        endedAtAfter(update.next, current.endedAt, now),
        id,
      );
    if (update.next !== 'queued') {
      this.db.prepare('DELETE FROM queue_entries WHERE conversation_id = ?').run(id);
    }
    const conversation = this.#conversation(id)!;
    onApplied?.(conversation);
    return { ok: true, conversation };
  }

  async updateState(id: string, update: StateUpdate): Promise<ConversationChange> {
    return this.#write(() => this.#cas(id, update));
  }

  async appendMessage(conversationId: string, message: NewMessage): Promise<AppendResult> {
    return this.#write(() => {
      const existing = this.db
        .prepare('SELECT * FROM messages WHERE conversation_id = ? AND client_message_id = ?')
        .get(conversationId, message.clientMessageId) as Row | undefined;
      if (existing) return { message: this.#message(existing), duplicate: true };
      const bumped = this.db
        .prepare('UPDATE conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq')
        .get(conversationId) as { last_seq: number } | undefined;
      if (!bumped) throw new HandoffServerError('not_found', 'conversation not found');
      const seq = bumped.last_seq;
      const sealed = this.#cipher.seal(message.body, aad.message(conversationId, seq));
      const createdAt = nowIso();
      this.db
        .prepare(
          `INSERT INTO messages (conversation_id, seq, client_message_id, sender_party, sender_id,
            kind, key_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          conversationId,
          seq,
          message.clientMessageId,
          message.from,
          message.senderId,
          message.kind ?? 'message',
          sealed.keyId,
          sealed.data,
          createdAt,
        );
      const record: MessageRecord = {
        conversationId,
        seq,
        clientMessageId: message.clientMessageId,
        from: message.from,
        senderId: message.senderId,
        body: message.body,
        kind: message.kind ?? 'message',
        createdAt,
      };
      return { message: record, duplicate: false };
    });
  }

  #message(row: Row): MessageRecord {
    const meta = rows.toMessageMeta(row);
    const body = this.#cipher.open(
      { keyId: String(row.key_id), data: row.body as Buffer },
      aad.message(meta.conversationId, meta.seq),
    );
    return { ...meta, body };
  }

  async listMessages(
    conversationId: string,
    options: { afterSeq?: number; limit?: number } = {},
  ): Promise<MessageRecord[]> {
    const list = this.db
      .prepare('SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(conversationId, options.afterSeq ?? 0, clampLimit(options.limit)) as Row[];
    return list.map((row) => this.#message(row));
  }

  async saveTranscript(conversationId: string, transcript: Transcript): Promise<void> {
    const sealed = this.#cipher.sealJson(transcript, aad.transcript(conversationId));
    try {
      this.db
        .prepare(
          `INSERT INTO transcripts (conversation_id, key_id, data, saved_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (conversation_id) DO UPDATE SET key_id = excluded.key_id,
             data = excluded.data, saved_at = excluded.saved_at`,
        )
        .run(conversationId, sealed.keyId, sealed.data, nowIso());
    } catch (error) {
      if (isConstraint(error))
        throw new HandoffServerError('not_found', undefined, { cause: error });
      throw error;
    }
  }

  async getTranscript(conversationId: string): Promise<Transcript | null> {
    const row = this.db
      .prepare('SELECT key_id, data FROM transcripts WHERE conversation_id = ?')
      .get(conversationId) as { key_id: string; data: Buffer } | undefined;
    if (!row) return null;
    return this.#cipher.openJson<Transcript>(
      { keyId: row.key_id, data: row.data },
      aad.transcript(conversationId),
    );
  }

  #putQueueEntry(
    conversationId: string,
    queue: string,
    priority: Priority,
    keepSince: boolean,
  ): void {
    this.db
      .prepare(
        `INSERT INTO queue_entries (conversation_id, queue, priority, priority_rank, enqueued_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET queue = excluded.queue,
           priority = excluded.priority, priority_rank = excluded.priority_rank
           ${keepSince ? '' : ', enqueued_at = excluded.enqueued_at'}`,
      )
      .run(conversationId, queue, priority, PRIORITY_RANK[priority], nowIso());
  }

  async enqueue(
    conversationId: string,
    entry: { queue: string; priority: Priority; expected?: readonly ConversationState[] },
  ): Promise<ConversationChange> {
    return this.#write(() =>
      this.#cas(
        conversationId,
        {
          expected: entry.expected ?? DEFAULT_ENQUEUE_FROM,
          next: 'queued',
          queue: entry.queue,
          priority: entry.priority,
          assignedAgentId: null,
        },
        () => this.#putQueueEntry(conversationId, entry.queue, entry.priority, true),
      ),
    );
  }

  async listQueue(queue: string): Promise<QueueEntry[]> {
    return (
      this.db
        .prepare(
          'SELECT * FROM queue_entries WHERE queue = ? ORDER BY priority_rank, enqueued_at, conversation_id',
        )
        .all(queue) as Row[]
    ).map(rows.toQueueEntry);
  }

  async claimConversation(conversationId: string, agentId: string): Promise<ConversationChange> {
    return this.#write(() =>
      this.#cas(conversationId, { expected: 'queued', next: 'assigned', assignedAgentId: agentId }),
    );
  }

  async transferConversation(
    conversationId: string,
    fromAgentId: string,
    to: TransferTarget,
  ): Promise<ConversationChange> {
    return this.#write(() => {
      const current = this.#conversation(conversationId);
      if (current && current.state === 'assigned' && current.assignedAgentId !== fromAgentId) {
        return { ok: false, reason: 'not_assignee', current };
      }
      if ('agentId' in to) {
        return this.#cas(conversationId, {
          expected: 'assigned',
          next: 'assigned',
          assignedAgentId: to.agentId,
        });
      }
      return this.#cas(
        conversationId,
        { expected: 'assigned', next: 'queued', queue: to.queue, assignedAgentId: null },
        (c) => this.#putQueueEntry(conversationId, to.queue, c.priority, false),
      );
    });
  }

  #agent(id: string): AgentRecord | null {
    const row = this.db.prepare(`${AGENT_SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
    return row ? rows.toAgent(row) : null;
  }

  async upsertAgent(agent: AgentProfile): Promise<AgentRecord> {
    this.db
      .prepare(
        `INSERT INTO agents (id, display_name, queues, capacity, presence, updated_at)
         VALUES (?, ?, ?, ?, 'offline', ?) ON CONFLICT (id) DO UPDATE SET
           display_name = excluded.display_name, queues = excluded.queues,
           capacity = excluded.capacity, updated_at = excluded.updated_at`,
      )
      .run(agent.id, agent.displayName, JSON.stringify(agent.queues), agent.capacity, nowIso());
    return this.#agent(agent.id)!;
  }

  async getAgent(id: string): Promise<AgentRecord | null> {
    return this.#agent(id);
  }

  async listAgents(
    filter: { queue?: string; presence?: AgentPresence } = {},
  ): Promise<AgentRecord[]> {
    const list = (this.db.prepare(`${AGENT_SELECT} ORDER BY a.id`).all() as Row[]).map(
      rows.toAgent,
    );
    return list
      .filter((a) => filter.queue === undefined || a.queues.includes(filter.queue))
      .filter((a) => filter.presence === undefined || a.presence === filter.presence);
  }

  async setAgentPresence(id: string, presence: AgentPresence): Promise<AgentRecord | null> {
    this.db
      .prepare('UPDATE agents SET presence = ?, updated_at = ? WHERE id = ?')
      .run(presence, nowIso(), id);
    return this.#agent(id);
  }

  async createScript(script: NewAgentScript): Promise<AgentScript> {
    const now = nowIso();
    try {
      this.db
        .prepare(
          'INSERT INTO agent_scripts (id, title, body, queue, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(script.id, script.title, script.body, script.queue ?? null, now, now);
    } catch (error) {
      if (isConstraint(error))
        throw new HandoffServerError('conflict', undefined, { cause: error });
      throw error;
    }
    return (await this.getScript(script.id))!;
  }

  async updateScript(
    id: string,
    patch: Partial<Pick<AgentScript, 'title' | 'body' | 'queue'>>,
  ): Promise<AgentScript | null> {
    return this.#write(() => {
      const row = this.db.prepare('SELECT * FROM agent_scripts WHERE id = ?').get(id) as
        | Row
        | undefined;
      if (!row) return null;
      const current = rows.toScript(row);
      this.db
        .prepare(
          'UPDATE agent_scripts SET title = ?, body = ?, queue = ?, updated_at = ? WHERE id = ?',
        )
        .run(
          patch.title ?? current.title,
          patch.body ?? current.body,
          patch.queue === undefined ? current.queue : patch.queue,
          nowIso(),
          id,
        );
      return rows.toScript(
        this.db.prepare('SELECT * FROM agent_scripts WHERE id = ?').get(id) as Row,
      );
    });
  }

  async deleteScript(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM agent_scripts WHERE id = ?').run(id).changes > 0;
  }

  async getScript(id: string): Promise<AgentScript | null> {
    const row = this.db.prepare('SELECT * FROM agent_scripts WHERE id = ?').get(id) as
      | Row
      | undefined;
    return row ? rows.toScript(row) : null;
  }

  async listScripts(filter: { queue?: string } = {}): Promise<AgentScript[]> {
    const list =
      filter.queue === undefined
        ? this.db.prepare('SELECT * FROM agent_scripts ORDER BY title, id').all()
        : this.db
            .prepare(
              'SELECT * FROM agent_scripts WHERE queue IS NULL OR queue = ? ORDER BY title, id',
            )
            .all(filter.queue);
    return (list as Row[]).map(rows.toScript);
  }

  async saveSurvey(survey: Survey): Promise<Survey> {
    this.db
      .prepare(
        `INSERT INTO surveys (id, title, questions) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE
         SET title = excluded.title, questions = excluded.questions`,
      )
      .run(survey.id, survey.title, JSON.stringify(survey.questions));
    return (await this.getSurvey(survey.id))!;
  }

  async getSurvey(id: string): Promise<Survey | null> {
    const row = this.db.prepare('SELECT * FROM surveys WHERE id = ?').get(id) as Row | undefined;
    return row
      ? { id: String(row.id), title: String(row.title), questions: rows.toQuestions(row.questions) }
      : null;
  }

  async recordSurveyResponse(response: NewSurveyResponse): Promise<SurveyResponse> {
    return this.#write(() => {
      if (!this.db.prepare('SELECT 1 FROM surveys WHERE id = ?').get(response.surveyId)) {
        throw new HandoffServerError('not_found', 'survey not found');
      }
      const sealed = this.#cipher.sealJson(response.answers, aad.surveyAnswers(response.id));
      const submittedAt = nowIso();
      try {
        this.db
          .prepare(
            `INSERT INTO survey_responses (id, survey_id, conversation_id, patient_id, key_id, answers,
              submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            response.id,
            response.surveyId,
            response.conversationId,
            response.patientId,
            sealed.keyId,
            sealed.data,
            submittedAt,
          );
      } catch (error) {
        if (isConstraint(error))
          throw new HandoffServerError('conflict', undefined, { cause: error });
        throw error;
      }
      return { ...structuredClone(response), submittedAt };
    });
  }

  async listSurveyResponses(filter: {
    surveyId?: string;
    conversationId?: string;
  }): Promise<SurveyResponse[]> {
    const list = this.db
      .prepare(
        `SELECT * FROM survey_responses WHERE (? IS NULL OR survey_id = ?)
         AND (? IS NULL OR conversation_id = ?) ORDER BY submitted_at, id`,
      )
      .all(
        filter.surveyId ?? null,
        filter.surveyId ?? null,
        filter.conversationId ?? null,
        filter.conversationId ?? null,
      ) as Row[];
    return list.map((row) => ({
      id: String(row.id),
      surveyId: String(row.survey_id),
      conversationId: String(row.conversation_id),
      patientId: String(row.patient_id),
      answers: this.#cipher.openJson(
        { keyId: String(row.key_id), data: row.answers as Buffer },
        aad.surveyAnswers(String(row.id)),
      ),
      submittedAt: rows.iso(String(row.submitted_at)),
    }));
  }

  async addSlots(slots: readonly NewAppointmentSlot[]): Promise<void> {
    const insert = this.db.prepare(
      'INSERT INTO appointment_slots (id, starts_at, ends_at, label) VALUES (?, ?, ?, ?)',
    );
    try {
      this.#write(() => {
        for (const s of slots)
          insert.run(s.id, rows.iso(s.startsAt), rows.iso(s.endsAt), s.label ?? null);
      });
    } catch (error) {
      if (isConstraint(error))
        throw new HandoffServerError('conflict', undefined, { cause: error });
      throw error;
    }
  }

  async listSlots(
    filter: { from?: string; to?: string; freeOnly?: boolean } = {},
  ): Promise<AppointmentSlot[]> {
    const list = this.db
      .prepare(
        `SELECT s.*, b.conversation_id AS b_conversation_id, b.patient_id AS b_patient_id,
           b.booked_at AS b_booked_at FROM appointment_slots s
         LEFT JOIN appointment_bookings b ON b.slot_id = s.id
         WHERE (? IS NULL OR s.starts_at >= ?) AND (? IS NULL OR s.starts_at < ?)
           AND (? = 0 OR b.slot_id IS NULL) ORDER BY s.starts_at, s.id`,
      )
      .all(...isoRange(filter.from), ...isoRange(filter.to), filter.freeOnly ? 1 : 0) as Row[];
    return list.map(rows.toSlot);
  }

  async bookSlot(
    slotId: string,
    booking: { conversationId: string; patientId: string },
  ): Promise<BookingResult> {
    return this.#write((): BookingResult => {
      if (!this.db.prepare('SELECT 1 FROM appointment_slots WHERE id = ?').get(slotId)) {
        return { ok: false, reason: 'not_found' };
      }
      const bookedAt = nowIso();
      const inserted = this.db
        .prepare(
          `INSERT INTO appointment_bookings (slot_id, conversation_id, patient_id, booked_at)
           VALUES (?, ?, ?, ?) ON CONFLICT (slot_id) DO NOTHING`,
        )
        .run(slotId, booking.conversationId, booking.patientId, bookedAt);
      if (inserted.changes === 0) return { ok: false, reason: 'already_booked' };
      return { ok: true, booking: { slotId, ...booking, bookedAt } };
    });
  }

  async listBookings(filter: {
    patientId?: string;
    conversationId?: string;
  }): Promise<AppointmentBooking[]> {
    const list = this.db
      .prepare(
        `SELECT * FROM appointment_bookings WHERE (? IS NULL OR patient_id = ?)
         AND (? IS NULL OR conversation_id = ?) ORDER BY booked_at, slot_id`,
      )
      .all(
        filter.patientId ?? null,
        filter.patientId ?? null,
        filter.conversationId ?? null,
        filter.conversationId ?? null,
      ) as Row[];
    return list.map(rows.toBooking);
  }

  #appendAudit(event: AuditEvent): AuditRecord {
    const row = this.db
      .prepare(
        `INSERT INTO audit_log (at, action, outcome, actor_id, actor_role, conversation_id,
          patient_id, target_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        rows.iso(event.at ?? nowIso()),
        event.action,
        event.outcome,
        event.actorId,
        event.actorRole,
        event.conversationId ?? null,
        event.patientId ?? null,
        event.targetId ?? null,
        event.reason ?? null,
      ) as Row;
    return rows.toAudit(row);
  }

  async appendAudit(event: AuditEvent): Promise<AuditRecord> {
    return this.#appendAudit(event);
  }

  async queryAudit(query: AuditQuery): Promise<AuditRecord[]> {
    const list = this.db
      .prepare(
        `SELECT * FROM audit_log WHERE (? IS NULL OR conversation_id = ?) AND (? IS NULL OR actor_id = ?)
         AND (? IS NULL OR patient_id = ?) AND (? IS NULL OR at >= ?) AND (? IS NULL OR at <= ?)
         ORDER BY id LIMIT ?`,
      )
      .all(
        query.conversationId ?? null,
        query.conversationId ?? null,
        query.actorId ?? null,
        query.actorId ?? null,
        query.patientId ?? null,
        query.patientId ?? null,
        ...isoRange(query.from),
        ...isoRange(query.to),
        clampLimit(query.limit),
      ) as Row[];
    return list.map(rows.toAudit);
  }

  async purgeFinishedBefore(cutoff: Date): Promise<PurgeResult> {
    return this.#write(() => {
      const doomed = this.db
        .prepare(
          'SELECT id, patient_id FROM conversations WHERE ended_at IS NOT NULL AND ended_at < ?',
        )
        .all(cutoff.toISOString()) as { id: string; patient_id: string }[];
      const remove = this.db.prepare('DELETE FROM conversations WHERE id = ?');
      for (const c of doomed) {
        remove.run(c.id);
        this.#appendAudit({
          action: 'retention.purge',
          outcome: 'allowed',
          actorId: 'system',
          actorRole: 'system',
          conversationId: c.id,
          patientId: c.patient_id,
        });
      }
      return { conversations: doomed.length };
    });
  }

  async deletePatientData(
    patientId: string,
    actor: { actorId: string; actorRole: AuditEvent['actorRole'] },
  ): Promise<PatientDeletionResult> {
    return this.#write(() => {
      const count = (sql: string) =>
        (this.db.prepare(sql).get(patientId, patientId) as { n: number }).n;
      const scope = 'SELECT id FROM conversations WHERE patient_id = ?';
      const surveyResponses = count(
        `SELECT COUNT(*) AS n FROM survey_responses WHERE patient_id = ? OR conversation_id IN (${scope})`,
      );
      const bookings = count(
        `SELECT COUNT(*) AS n FROM appointment_bookings WHERE patient_id = ? OR conversation_id IN (${scope})`,
      );
      this.db.prepare('DELETE FROM survey_responses WHERE patient_id = ?').run(patientId);
      this.db.prepare('DELETE FROM appointment_bookings WHERE patient_id = ?').run(patientId);
      const conversations = this.db
        .prepare('DELETE FROM conversations WHERE patient_id = ?')
        .run(patientId).changes;
      this.#appendAudit({ action: 'patient.delete', outcome: 'allowed', ...actor, patientId });
      return { conversations, surveyResponses, bookings };
    });
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function isoRange(value: string | undefined): [string | null, string | null] {
  const normalised = value === undefined ? null : rows.iso(value);
  return [normalised, normalised];
}

function isConstraint(error: unknown): boolean {
  return (
    error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT')
  );
}
