import type { Priority, Transcript } from '@baton/handoff-protocol';
import pg from 'pg';
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
import { FINISHED_STATES } from '../records';
import * as rows from '../rows';
import { clampLimit, DEFAULT_ENQUEUE_FROM, expectedStates, nowIso, PRIORITY_RANK } from '../shared';
import { migratePostgres } from './migrations';

export interface PostgresStoreOptions {
  /** A pool the caller owns (closed by the caller), or a connection string (closed by `close`). */
  pool?: pg.Pool;
  connectionString?: string;
  keyRing: KeyRingConfig;
}

type Row = Record<string, unknown>;
type Queryable = Pick<pg.PoolClient, 'query'>;

const AGENT_SELECT = `SELECT a.*, (SELECT COUNT(*) FROM conversations c
  WHERE c.state = 'assigned' AND c.assigned_agent_id = a.id) AS active_count FROM agents a`;

/** Sets state (and optionally queue, priority, assignee) when the WHERE clause still holds. */
const CAS_UPDATE = `UPDATE conversations SET state = $2,
  queue = CASE WHEN $3::boolean THEN $4 ELSE queue END,
  priority = COALESCE($5, priority),
  assigned_agent_id = CASE WHEN $6::boolean THEN $7 ELSE assigned_agent_id END,
  ended_at = CASE WHEN $8::boolean THEN COALESCE(ended_at, $9::timestamptz) ELSE NULL END,
  updated_at = $9::timestamptz, version = version + 1`;

/**
 * PostgreSQL store for production and several server nodes. Atomicity comes from single
 * conditional UPDATE statements (`... WHERE state = 'queued' RETURNING *`: concurrent claims
 * queue on the row lock and re-check the condition, so one wins) and from row locks
 * (`SELECT ... FOR UPDATE`) around seq assignment.
 */
export class PostgresConversationStore implements ConversationStore {
  readonly pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #cipher: FieldCipher;

  private constructor(pool: pg.Pool, ownsPool: boolean, cipher: FieldCipher) {
    this.pool = pool;
    this.#ownsPool = ownsPool;
    this.#cipher = cipher;
  }

  /** Connects, applies pending migrations, returns a ready store. */
  static async open(options: PostgresStoreOptions): Promise<PostgresConversationStore> {
    const cipher = new FieldCipher(options.keyRing);
    const ownsPool = options.pool === undefined;
    const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString });
    try {
      await migratePostgres(pool);
    } catch (error) {
      if (ownsPool) await pool.end();
      throw error;
    }
    return new PostgresConversationStore(pool, ownsPool, cipher);
  }

  async #tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async #one(sql: string, params: unknown[] = [], db: Queryable = this.pool): Promise<Row | null> {
    const result = await db.query(sql, params);
    return (result.rows[0] as Row | undefined) ?? null;
  }

  async #all(sql: string, params: unknown[] = [], db: Queryable = this.pool): Promise<Row[]> {
    return (await db.query(sql, params)).rows as Row[];
  }

  async #conversation(id: string, db: Queryable = this.pool): Promise<ConversationRecord | null> {
    const row = await this.#one('SELECT * FROM conversations WHERE id = $1', [id], db);
    return row ? rows.toConversation(row) : null;
  }

  async createConversation(input: NewConversation): Promise<ConversationRecord> {
    const now = nowIso();
    const state = input.state ?? 'bot';
    try {
      const row = await this.#one(
        `INSERT INTO conversations (id, patient_id, state, queue, priority, assigned_agent_id,
          created_at, updated_at, ended_at, version) VALUES ($1, $2, $3, $4, $5, NULL, $6, $6, $7, 1)
         RETURNING *`,
        [
          input.id,
          input.patientId,
          state,
          input.queue ?? null,
          input.priority ?? 'routine',
          now,
          FINISHED_STATES.has(state) ? now : null,
        ],
      );
      return rows.toConversation(row!);
    } catch (error) {
      throw mapPgError(error);
    }
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
    const list = await this.#all(
      `SELECT * FROM conversations WHERE ($1::text[] IS NULL OR state = ANY($1::text[]))
       AND ($2::text IS NULL OR patient_id = $2) AND ($3::text IS NULL OR assigned_agent_id = $3)
       ORDER BY created_at, id`,
      [
        filter.states ? [...filter.states] : null,
        filter.patientId ?? null,
        filter.assignedAgentId ?? null,
      ],
    );
    return list.map(rows.toConversation);
  }

  /** One conditional UPDATE; on a miss, reads the row to say why. */
  async #cas(
    db: Queryable,
    id: string,
    update: Omit<StateUpdate, 'expected'>,
    where: string,
    whereParams: unknown[],
  ): Promise<ConversationChange> {
    const params = [
      id,
      update.next,
      update.queue !== undefined,
      update.queue ?? null,
      update.priority ?? null,
      update.assignedAgentId !== undefined,
      update.assignedAgentId ?? null,
      FINISHED_STATES.has(update.next),
      nowIso(),
      ...whereParams,
    ];
    const row = await this.#one(`${CAS_UPDATE} WHERE id = $1 AND ${where} RETURNING *`, params, db);
    if (row) {
      if (update.next !== 'queued') {
        await db.query('DELETE FROM queue_entries WHERE conversation_id = $1', [id]);
      }
      return { ok: true, conversation: rows.toConversation(row) };
    }
    const current = await this.#conversation(id, db);
    if (!current) return { ok: false, reason: 'not_found', current: null };
    return { ok: false, reason: 'state_mismatch', current };
  }

  async updateState(id: string, update: StateUpdate): Promise<ConversationChange> {
    return this.#tx((db) =>
      this.#cas(db, id, update, 'state = ANY($10::text[])', [[...expectedStates(update)]]),
    );
  }

  async appendMessage(conversationId: string, message: NewMessage): Promise<AppendResult> {
    return this.#tx(async (db) => {
      const locked = await this.#one(
        'SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE',
        [conversationId],
        db,
      );
      if (!locked) throw new HandoffServerError('not_found', 'conversation not found');
      const existing = await this.#one(
        'SELECT * FROM messages WHERE conversation_id = $1 AND client_message_id = $2',
        [conversationId, message.clientMessageId],
        db,
      );
      if (existing) return { message: this.#message(existing), duplicate: true };
      const seq = Number(locked.last_seq) + 1;
      await db.query('UPDATE conversations SET last_seq = $2 WHERE id = $1', [conversationId, seq]);
      const sealed = this.#cipher.seal(message.body, aad.message(conversationId, seq));
      const row = await this.#one(
        `INSERT INTO messages (conversation_id, seq, client_message_id, sender_party, sender_id, kind,
          key_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          conversationId,
          seq,
          message.clientMessageId,
          message.from,
          message.senderId,
          message.kind ?? 'message',
          sealed.keyId,
          sealed.data,
          nowIso(),
        ],
        db,
      );
      return { message: { ...rows.toMessageMeta(row!), body: message.body }, duplicate: false };
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
    const list = await this.#all(
      'SELECT * FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [conversationId, options.afterSeq ?? 0, clampLimit(options.limit)],
    );
    return list.map((row) => this.#message(row));
  }

  async saveTranscript(conversationId: string, transcript: Transcript): Promise<void> {
    const sealed = this.#cipher.sealJson(transcript, aad.transcript(conversationId));
    try {
      await this.pool.query(
        `INSERT INTO transcripts (conversation_id, key_id, data, saved_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (conversation_id) DO UPDATE SET key_id = excluded.key_id, data = excluded.data,
           saved_at = excluded.saved_at`,
        [conversationId, sealed.keyId, sealed.data],
      );
    } catch (error) {
      throw mapPgError(error, 'not_found');
    }
  }

  async getTranscript(conversationId: string): Promise<Transcript | null> {
    const row = await this.#one('SELECT key_id, data FROM transcripts WHERE conversation_id = $1', [
      conversationId,
    ]);
    if (!row) return null;
    return this.#cipher.openJson<Transcript>(
      { keyId: String(row.key_id), data: row.data as Buffer },
      aad.transcript(conversationId),
    );
  }

  async #putQueueEntry(
    db: Queryable,
    conversationId: string,
    queue: string,
    priority: Priority,
    keepSince: boolean,
  ) {
    await db.query(
      `INSERT INTO queue_entries (conversation_id, queue, priority, priority_rank, enqueued_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id) DO UPDATE SET queue = excluded.queue,
         priority = excluded.priority, priority_rank = excluded.priority_rank
         ${keepSince ? '' : ', enqueued_at = excluded.enqueued_at'}`,
      [conversationId, queue, priority, PRIORITY_RANK[priority], nowIso()],
    );
  }

  async enqueue(
    conversationId: string,
    entry: { queue: string; priority: Priority; expected?: readonly ConversationState[] },
  ): Promise<ConversationChange> {
    return this.#tx(async (db) => {
      const change = await this.#cas(
        db,
        conversationId,
        { next: 'queued', queue: entry.queue, priority: entry.priority, assignedAgentId: null },
        'state = ANY($10::text[])',
        [[...(entry.expected ?? DEFAULT_ENQUEUE_FROM)]],
      );
      if (change.ok)
        await this.#putQueueEntry(db, conversationId, entry.queue, entry.priority, true);
      return change;
    });
  }

  async listQueue(queue: string): Promise<QueueEntry[]> {
    const list = await this.#all(
      'SELECT * FROM queue_entries WHERE queue = $1 ORDER BY priority_rank, enqueued_at, conversation_id',
      [queue],
    );
    return list.map(rows.toQueueEntry);
  }

  async claimConversation(conversationId: string, agentId: string): Promise<ConversationChange> {
    return this.#tx((db) =>
      this.#cas(
        db,
        conversationId,
        { next: 'assigned', assignedAgentId: agentId },
        "state = 'queued'",
        [],
      ),
    );
  }

  async transferConversation(
    conversationId: string,
    fromAgentId: string,
    to: TransferTarget,
  ): Promise<ConversationChange> {
    return this.#tx(async (db) => {
      const where = "state = 'assigned' AND assigned_agent_id = $10";
      const change =
        'agentId' in to
          ? await this.#cas(
              db,
              conversationId,
              { next: 'assigned', assignedAgentId: to.agentId },
              where,
              [fromAgentId],
            )
          : await this.#cas(
              db,
              conversationId,
              { next: 'queued', queue: to.queue, assignedAgentId: null },
              where,
              [fromAgentId],
            );
      if (!change.ok) {
        const current = change.current;
        if (current?.state === 'assigned') return { ok: false, reason: 'not_assignee', current };
        return change;
      }
      if ('queue' in to)
        await this.#putQueueEntry(
          db,
          conversationId,
          to.queue,
          change.conversation.priority,
          false,
        );
      return change;
    });
  }

  async #agent(id: string): Promise<AgentRecord | null> {
    const row = await this.#one(`${AGENT_SELECT} WHERE a.id = $1`, [id]);
    return row ? rows.toAgent(row) : null;
  }

  async upsertAgent(agent: AgentProfile): Promise<AgentRecord> {
    await this.pool.query(
      `INSERT INTO agents (id, display_name, queues, capacity, presence, updated_at)
       VALUES ($1, $2, $3, $4, 'offline', now()) ON CONFLICT (id) DO UPDATE SET
         display_name = excluded.display_name, queues = excluded.queues,
         capacity = excluded.capacity, updated_at = excluded.updated_at`,
      [agent.id, agent.displayName, agent.queues, agent.capacity],
    );
    return (await this.#agent(agent.id))!;
  }

  async getAgent(id: string): Promise<AgentRecord | null> {
    return this.#agent(id);
  }

  async listAgents(
    filter: { queue?: string; presence?: AgentPresence } = {},
  ): Promise<AgentRecord[]> {
    const list = await this.#all(
      `${AGENT_SELECT} WHERE ($1::text IS NULL OR $1 = ANY(a.queues))
       AND ($2::text IS NULL OR a.presence = $2) ORDER BY a.id`,
      [filter.queue ?? null, filter.presence ?? null],
    );
    return list.map(rows.toAgent);
  }

  async setAgentPresence(id: string, presence: AgentPresence): Promise<AgentRecord | null> {
    await this.pool.query('UPDATE agents SET presence = $2, updated_at = now() WHERE id = $1', [
      id,
      presence,
    ]);
    return this.#agent(id);
  }

  async createScript(script: NewAgentScript): Promise<AgentScript> {
    try {
      const row = await this.#one(
        `INSERT INTO agent_scripts (id, title, body, queue, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING *`,
        [script.id, script.title, script.body, script.queue ?? null, nowIso()],
      );
      return rows.toScript(row!);
    } catch (error) {
      throw mapPgError(error);
    }
  }

  async updateScript(
    id: string,
    patch: Partial<Pick<AgentScript, 'title' | 'body' | 'queue'>>,
  ): Promise<AgentScript | null> {
    const row = await this.#one(
      `UPDATE agent_scripts SET title = COALESCE($2, title), body = COALESCE($3, body),
         queue = CASE WHEN $4::boolean THEN $5 ELSE queue END, updated_at = $6 WHERE id = $1 RETURNING *`,
      [
        id,
        patch.title ?? null,
        patch.body ?? null,
        patch.queue !== undefined,
        patch.queue ?? null,
        nowIso(),
      ],
    );
    return row ? rows.toScript(row) : null;
  }

  async deleteScript(id: string): Promise<boolean> {
    return (
      ((await this.pool.query('DELETE FROM agent_scripts WHERE id = $1', [id])).rowCount ?? 0) > 0
    );
  }

  async getScript(id: string): Promise<AgentScript | null> {
    const row = await this.#one('SELECT * FROM agent_scripts WHERE id = $1', [id]);
    return row ? rows.toScript(row) : null;
  }

  async listScripts(filter: { queue?: string } = {}): Promise<AgentScript[]> {
    const list = await this.#all(
      `SELECT * FROM agent_scripts WHERE $1::text IS NULL OR queue IS NULL OR queue = $1
       ORDER BY title COLLATE "C", id`,
      [filter.queue ?? null],
    );
    return list.map(rows.toScript);
  }

  async saveSurvey(survey: Survey): Promise<Survey> {
    await this.pool.query(
      `INSERT INTO surveys (id, title, questions) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE
       SET title = excluded.title, questions = excluded.questions`,
      [survey.id, survey.title, JSON.stringify(survey.questions)],
    );
    return (await this.getSurvey(survey.id))!;
  }

  async getSurvey(id: string): Promise<Survey | null> {
    const row = await this.#one('SELECT * FROM surveys WHERE id = $1', [id]);
    return row
      ? { id: String(row.id), title: String(row.title), questions: rows.toQuestions(row.questions) }
      : null;
  }

  async recordSurveyResponse(response: NewSurveyResponse): Promise<SurveyResponse> {
    if (!(await this.#one('SELECT 1 FROM surveys WHERE id = $1', [response.surveyId]))) {
      throw new HandoffServerError('not_found', 'survey not found');
    }
    const sealed = this.#cipher.sealJson(response.answers, aad.surveyAnswers(response.id));
    const submittedAt = nowIso();
    try {
      await this.pool.query(
        `INSERT INTO survey_responses (id, survey_id, conversation_id, patient_id, key_id, answers,
          submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          response.id,
          response.surveyId,
          response.conversationId,
          response.patientId,
          sealed.keyId,
          sealed.data,
          submittedAt,
        ],
      );
    } catch (error) {
      throw mapPgError(error);
    }
    return { ...structuredClone(response), submittedAt };
  }

  async listSurveyResponses(filter: {
    surveyId?: string;
    conversationId?: string;
  }): Promise<SurveyResponse[]> {
    const list = await this.#all(
      `SELECT * FROM survey_responses WHERE ($1::text IS NULL OR survey_id = $1)
       AND ($2::text IS NULL OR conversation_id = $2) ORDER BY submitted_at, id`,
      [filter.surveyId ?? null, filter.conversationId ?? null],
    );
    return list.map((row) => ({
      id: String(row.id),
      surveyId: String(row.survey_id),
      conversationId: String(row.conversation_id),
      patientId: String(row.patient_id),
      answers: this.#cipher.openJson(
        { keyId: String(row.key_id), data: row.answers as Buffer },
        aad.surveyAnswers(String(row.id)),
      ),
      submittedAt: rows.iso(row.submitted_at as Date),
    }));
  }

  async addSlots(slots: readonly NewAppointmentSlot[]): Promise<void> {
    try {
      await this.#tx(async (db) => {
        for (const s of slots) {
          await db.query(
            'INSERT INTO appointment_slots (id, starts_at, ends_at, label) VALUES ($1, $2, $3, $4)',
            [s.id, s.startsAt, s.endsAt, s.label ?? null],
          );
        }
      });
    } catch (error) {
      throw mapPgError(error);
    }
  }

  async listSlots(
    filter: { from?: string; to?: string; freeOnly?: boolean } = {},
  ): Promise<AppointmentSlot[]> {
    const list = await this.#all(
      `SELECT s.*, b.conversation_id AS b_conversation_id, b.patient_id AS b_patient_id,
         b.booked_at AS b_booked_at FROM appointment_slots s
       LEFT JOIN appointment_bookings b ON b.slot_id = s.id
       WHERE ($1::timestamptz IS NULL OR s.starts_at >= $1) AND ($2::timestamptz IS NULL OR s.starts_at < $2)
         AND (NOT $3::boolean OR b.slot_id IS NULL) ORDER BY s.starts_at, s.id`,
      [filter.from ?? null, filter.to ?? null, filter.freeOnly === true],
    );
    return list.map(rows.toSlot);
  }

  async bookSlot(
    slotId: string,
    booking: { conversationId: string; patientId: string },
  ): Promise<BookingResult> {
    if (!(await this.#one('SELECT 1 FROM appointment_slots WHERE id = $1', [slotId]))) {
      return { ok: false, reason: 'not_found' };
    }
    const row = await this.#one(
      `INSERT INTO appointment_bookings (slot_id, conversation_id, patient_id, booked_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (slot_id) DO NOTHING RETURNING *`,
      [slotId, booking.conversationId, booking.patientId, nowIso()],
    );
    return row
      ? { ok: true, booking: rows.toBooking(row) }
      : { ok: false, reason: 'already_booked' };
  }

  async listBookings(filter: {
    patientId?: string;
    conversationId?: string;
  }): Promise<AppointmentBooking[]> {
    const list = await this.#all(
      `SELECT * FROM appointment_bookings WHERE ($1::text IS NULL OR patient_id = $1)
       AND ($2::text IS NULL OR conversation_id = $2) ORDER BY booked_at, slot_id`,
      [filter.patientId ?? null, filter.conversationId ?? null],
    );
    return list.map(rows.toBooking);
  }

  async #appendAudit(event: AuditEvent, db: Queryable = this.pool): Promise<AuditRecord> {
    const row = await this.#one(
      `INSERT INTO audit_log (at, action, outcome, actor_id, actor_role, conversation_id, patient_id,
        target_id, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        event.at ?? nowIso(),
        event.action,
        event.outcome,
        event.actorId,
        event.actorRole,
        event.conversationId ?? null,
        event.patientId ?? null,
        event.targetId ?? null,
        event.reason ?? null,
      ],
      db,
    );
    return rows.toAudit(row!);
  }

  async appendAudit(event: AuditEvent): Promise<AuditRecord> {
    return this.#appendAudit(event);
  }

  async queryAudit(query: AuditQuery): Promise<AuditRecord[]> {
    const list = await this.#all(
      `SELECT * FROM audit_log WHERE ($1::text IS NULL OR conversation_id = $1)
       AND ($2::text IS NULL OR actor_id = $2) AND ($3::text IS NULL OR patient_id = $3)
       AND ($4::timestamptz IS NULL OR at >= $4) AND ($5::timestamptz IS NULL OR at <= $5)
       ORDER BY id LIMIT $6`,
      [
        query.conversationId ?? null,
        query.actorId ?? null,
        query.patientId ?? null,
        query.from ?? null,
        query.to ?? null,
        clampLimit(query.limit),
      ],
    );
    return list.map(rows.toAudit);
  }

  async purgeFinishedBefore(cutoff: Date): Promise<PurgeResult> {
    return this.#tx(async (db) => {
      const doomed = await this.#all(
        'DELETE FROM conversations WHERE ended_at IS NOT NULL AND ended_at < $1 RETURNING id, patient_id',
        [cutoff.toISOString()],
        db,
      );
      for (const c of doomed) {
        await this.#appendAudit(
          {
            action: 'retention.purge',
            outcome: 'allowed',
            actorId: 'system',
            actorRole: 'system',
            conversationId: String(c.id),
            patientId: String(c.patient_id),
          },
          db,
        );
      }
      return { conversations: doomed.length };
    });
  }

  async deletePatientData(
    patientId: string,
    actor: { actorId: string; actorRole: AuditEvent['actorRole'] },
  ): Promise<PatientDeletionResult> {
    return this.#tx(async (db) => {
      const scope = 'SELECT id FROM conversations WHERE patient_id = $1';
      const surveyResponses =
        (
          await db.query(
            `DELETE FROM survey_responses WHERE patient_id = $1 OR conversation_id IN (${scope})`,
            [patientId],
          )
        ).rowCount ?? 0;
      const bookings =
        (
          await db.query(
            `DELETE FROM appointment_bookings WHERE patient_id = $1 OR conversation_id IN (${scope})`,
            [patientId],
          )
        ).rowCount ?? 0;
      const conversations =
        (await db.query('DELETE FROM conversations WHERE patient_id = $1', [patientId])).rowCount ??
        0;
      await this.#appendAudit(
        { action: 'patient.delete', outcome: 'allowed', ...actor, patientId },
        db,
      );
      return { conversations, surveyResponses, bookings };
    });
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.pool.end();
  }
}

function mapPgError(
  error: unknown,
  foreignKeyCode: 'not_found' | 'conflict' = 'conflict',
): unknown {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === '23505') return new HandoffServerError('conflict', undefined, { cause: error });
  if (code === '23503') return new HandoffServerError(foreignKeyCode, undefined, { cause: error });
  return error;
}
