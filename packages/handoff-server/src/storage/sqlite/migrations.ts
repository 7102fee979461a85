import type Database from 'better-sqlite3';
import { HandoffServerError } from '../../internal/errors';
import { SQLITE_CONTENT_MIGRATION } from './content-migration';
import type { Migration } from './migration';
import { SQLITE_PRESENCE_MIGRATION } from './presence-migration';

export type { Migration } from './migration';

/** Versioned SQL, applied in order, each once, each in its own transaction. Never edit one. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL,
  state TEXT NOT NULL,
  queue TEXT,
  priority TEXT NOT NULL,
  assigned_agent_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  ended_at TEXT,
  version INTEGER NOT NULL,
  last_seq INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_patient ON conversations (patient_id);
CREATE INDEX conversations_state ON conversations (state, assigned_agent_id);
CREATE INDEX conversations_ended ON conversations (ended_at);

CREATE TABLE messages (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  client_message_id TEXT NOT NULL,
  sender_party TEXT NOT NULL,
  sender_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  key_id TEXT NOT NULL,
  body BLOB NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_message_id)
);

CREATE TABLE transcripts (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  key_id TEXT NOT NULL,
  data BLOB NOT NULL,
  saved_at TEXT NOT NULL
);

CREATE TABLE queue_entries (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  queue TEXT NOT NULL,
  priority TEXT NOT NULL,
  priority_rank INTEGER NOT NULL,
  enqueued_at TEXT NOT NULL
);
CREATE INDEX queue_entries_order ON queue_entries (queue, priority_rank, enqueued_at);

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  queues TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  presence TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE agent_scripts (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  queue TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE surveys (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  questions TEXT NOT NULL
);

CREATE TABLE survey_responses (
  id TEXT PRIMARY KEY,
  survey_id TEXT NOT NULL REFERENCES surveys (id),
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  patient_id TEXT NOT NULL,
  key_id TEXT NOT NULL,
  answers BLOB NOT NULL,
  submitted_at TEXT NOT NULL,
  UNIQUE (survey_id, conversation_id)
);
CREATE INDEX survey_responses_patient ON survey_responses (patient_id);

CREATE TABLE appointment_slots (
  id TEXT PRIMARY KEY,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  label TEXT
);
CREATE INDEX appointment_slots_start ON appointment_slots (starts_at);

CREATE TABLE appointment_bookings (
  slot_id TEXT PRIMARY KEY REFERENCES appointment_slots (id),
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  patient_id TEXT NOT NULL,
  booked_at TEXT NOT NULL
);
CREATE INDEX appointment_bookings_patient ON appointment_bookings (patient_id);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  outcome TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  conversation_id TEXT,
  patient_id TEXT,
  target_id TEXT,
  reason TEXT
);
CREATE INDEX audit_log_conversation ON audit_log (conversation_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_patient ON audit_log (patient_id);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
  },
  {
    version: 2,
    name: 'patient activity and durable schedules',
    sql: `
ALTER TABLE conversations ADD COLUMN last_activity_at TEXT;
UPDATE conversations SET last_activity_at = updated_at;

CREATE TABLE schedules (
  kind TEXT NOT NULL,
  schedule_key TEXT NOT NULL,
  due_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  claimed_by TEXT,
  claimed_until TEXT,
  PRIMARY KEY (kind, schedule_key)
);
CREATE INDEX schedules_due ON schedules (due_at);
CREATE INDEX schedules_key ON schedules (schedule_key);
`,
  },
  {
    version: 3,
    name: 'follow-up worklist',
    sql: `
CREATE TABLE follow_ups (
  id TEXT PRIMARY KEY,
  cause_key TEXT NOT NULL UNIQUE,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  queue TEXT NOT NULL,
  priority TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  key_id TEXT NOT NULL,
  detail BLOB NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL,
  claimed_by TEXT,
  claimed_at TEXT,
  note_key_id TEXT,
  outcome_note BLOB,
  closed_at TEXT
);
CREATE INDEX follow_ups_status ON follow_ups (status, queue, created_at);
CREATE INDEX follow_ups_conversation ON follow_ups (conversation_id);
CREATE INDEX follow_ups_closed ON follow_ups (closed_at);

CREATE TABLE queue_waits (
  queue TEXT NOT NULL,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  waited_ms INTEGER NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, claimed_at)
);
CREATE INDEX queue_waits_recent ON queue_waits (queue, claimed_at);
`,
  },
  {
    version: 4,
    name: 'staff sessions',
    sql: `
CREATE TABLE staff_sessions (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  roles TEXT NOT NULL,
  clinical INTEGER NOT NULL,
  queues TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_active_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id, ended_at);
`,
  },
  {
    version: 5,
    name: 'disabled staff',
    sql: `
CREATE TABLE disabled_staff (
  staff_id TEXT PRIMARY KEY,
  disabled_at TEXT NOT NULL,
  disabled_by TEXT NOT NULL
);
`,
  },
  SQLITE_CONTENT_MIGRATION,
  {
    version: 8,
    name: 'appointment services and cancellations',
    sql: `
ALTER TABLE appointment_slots ADD COLUMN service TEXT;
CREATE INDEX appointment_slots_service ON appointment_slots (service, starts_at);
CREATE TABLE appointment_cancellations (
  slot_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  patient_id TEXT NOT NULL,
  booked_at TEXT NOT NULL,
  cancelled_at TEXT NOT NULL,
  PRIMARY KEY (slot_id, booked_at)
);
CREATE INDEX appointment_cancellations_patient ON appointment_cancellations (patient_id);
CREATE INDEX appointment_cancellations_conversation ON appointment_cancellations (conversation_id);
`,
  },
  {
    version: 9,
    name: 'notification deliveries',
    sql: `
CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  delivery_key TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  patient_id TEXT NOT NULL,
  key_id TEXT NOT NULL,
  payload BLOB NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  due_at TEXT NOT NULL,
  claimed_by TEXT,
  claimed_until TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX deliveries_due ON deliveries (status, due_at);
CREATE INDEX deliveries_recent ON deliveries (status, updated_at);
CREATE INDEX deliveries_conversation ON deliveries (conversation_id);
`,
  },
  {
    version: 10,
    name: 'bot sessions',
    sql: `
CREATE TABLE bot_sessions (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL,
  locale TEXT NOT NULL,
  entry_path TEXT,
  started_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  ended_at TEXT,
  outcome TEXT,
  escalation TEXT,
  handoff_conversation_id TEXT
);
CREATE INDEX bot_sessions_open ON bot_sessions (started_at, id) WHERE ended_at IS NULL;
CREATE INDEX bot_sessions_ended ON bot_sessions (ended_at);
CREATE INDEX bot_sessions_patient ON bot_sessions (patient_id);
`,
  },
  {
    version: 11,
    name: 'analytics facts and shared settings',
    sql: `
CREATE TABLE escalations (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, requested_at)
);
CREATE INDEX conversations_created ON conversations (created_at);
CREATE INDEX queue_waits_claimed ON queue_waits (claimed_at);
CREATE INDEX follow_ups_created ON follow_ups (created_at);
CREATE INDEX survey_responses_submitted ON survey_responses (submitted_at);

CREATE TABLE settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
`,
  },
  {
    version: 12,
    name: 'wrap-ups and consultations',
    sql: `
CREATE TABLE wrap_ups (
  conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  agent_id TEXT NOT NULL,
  queue TEXT,
  disposition TEXT NOT NULL,
  key_id TEXT NOT NULL,
  summary BLOB NOT NULL,
  wrapped_at TEXT NOT NULL
);
CREATE INDEX wrap_ups_wrapped_at ON wrap_ups (wrapped_at);

CREATE TABLE consultations (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  consultant_id TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, consultant_id)
);
`,
  },
  SQLITE_PRESENCE_MIGRATION,
  {
    version: 14,
    name: 'attachments and stored consultation threads',
    sql: `
CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  uploader_party TEXT NOT NULL,
  uploader_id TEXT NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  status TEXT NOT NULL,
  upload_token_hash TEXT NOT NULL,
  upload_expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  stored_at TEXT,
  key_id TEXT,
  data BLOB
);
CREATE INDEX attachments_conversation ON attachments (conversation_id, created_at);

CREATE TABLE consult_messages (
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  consultant_id TEXT NOT NULL,
  client_message_id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  key_id TEXT NOT NULL,
  body BLOB NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, consultant_id, client_message_id)
);
CREATE INDEX consult_messages_thread ON consult_messages (conversation_id, consultant_id, created_at);
`,
  },
  {
    version: 15,
    name: 'bot sessions in analytics: start index, patient time zone',
    sql: `
ALTER TABLE bot_sessions ADD COLUMN time_zone TEXT;
CREATE INDEX bot_sessions_started ON bot_sessions (started_at);
CREATE INDEX bot_sessions_handoff ON bot_sessions (handoff_conversation_id);
`,
  },
];

/** Applies pending migrations; safe when several processes open the same file at once. */
export function migrateSqlite(db: Database.Database, migrations = SQLITE_MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied: number[] = [];
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
  );
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const apply = db.transaction(() => {
      if (isApplied.get(migration.version)) return false;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      return true;
    });
    try {
      if (apply.immediate()) applied.push(migration.version);
    } catch (error) {
      throw new HandoffServerError(
        'migration_failed',
        `SQLite migration ${migration.version} (${migration.name}) failed`,
        { cause: error },
      );
    }
  }
  return applied;
}
