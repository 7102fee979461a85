import type { Migration } from './migration';
import { SQLITE_PRESENCE_MIGRATION } from './presence-migration';

/** SQLite migrations 8 to 15: appointments, deliveries, bot sessions, analytics, attachments. */
export const SQLITE_MIGRATIONS_V8_V15: readonly Migration[] = [
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
