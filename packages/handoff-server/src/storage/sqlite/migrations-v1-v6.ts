import { SQLITE_CONTENT_MIGRATION } from './content-migration';
import type { Migration } from './migration';

/** SQLite migrations 1 to 6: the first schema, schedules, follow-ups, staff, content. */
export const SQLITE_MIGRATIONS_V1_V6: readonly Migration[] = [
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
];
