import type { PostgresMigration } from './migration';
import { POSTGRES_PRESENCE_MIGRATION } from './presence-migration';

/** PostgreSQL migrations 8 to 15: appointments, deliveries, bot sessions, analytics, attachments. */
export const POSTGRES_MIGRATIONS_V8_V15: readonly PostgresMigration[] = [
  {
    version: 8,
    name: 'appointment services and cancellations',
    sql: `
ALTER TABLE appointment_slots ADD COLUMN service text;
CREATE INDEX appointment_slots_service ON appointment_slots (service, starts_at);
CREATE TABLE appointment_cancellations (
  slot_id text NOT NULL,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  patient_id text NOT NULL,
  booked_at text NOT NULL,
  cancelled_at text NOT NULL,
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
  id text PRIMARY KEY,
  delivery_key text NOT NULL UNIQUE,
  channel text NOT NULL,
  kind text NOT NULL,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  patient_id text NOT NULL,
  key_id text NOT NULL,
  payload bytea NOT NULL,
  status text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  due_at timestamptz NOT NULL,
  claimed_by text,
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  sent_at timestamptz
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
  id text PRIMARY KEY,
  patient_id text NOT NULL,
  locale text NOT NULL,
  entry_path text,
  started_at timestamptz NOT NULL,
  last_activity_at timestamptz NOT NULL,
  ended_at timestamptz,
  outcome text,
  escalation text,
  handoff_conversation_id text
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
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  kind text NOT NULL,
  requested_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, requested_at)
);
CREATE INDEX conversations_created ON conversations (created_at);
CREATE INDEX queue_waits_claimed ON queue_waits (claimed_at);
CREATE INDEX follow_ups_created ON follow_ups (created_at);
CREATE INDEX survey_responses_submitted ON survey_responses (submitted_at);

CREATE TABLE settings (
  name text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
`,
  },
  {
    version: 12,
    name: 'wrap-ups and consultations',
    sql: `
CREATE TABLE wrap_ups (
  conversation_id text PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  agent_id text NOT NULL,
  queue text,
  disposition text NOT NULL,
  key_id text NOT NULL,
  summary bytea NOT NULL,
  wrapped_at timestamptz NOT NULL
);
CREATE INDEX wrap_ups_wrapped_at ON wrap_ups (wrapped_at);

CREATE TABLE consultations (
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  consultant_id text NOT NULL,
  requested_by text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, consultant_id)
);
`,
  },
  POSTGRES_PRESENCE_MIGRATION,
  {
    version: 14,
    name: 'attachments and stored consultation threads',
    sql: `
CREATE TABLE attachments (
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  uploader_party text NOT NULL,
  uploader_id text NOT NULL,
  name text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL,
  status text NOT NULL,
  upload_token_hash text NOT NULL,
  upload_expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  stored_at timestamptz,
  key_id text,
  data bytea
);
CREATE INDEX attachments_conversation ON attachments (conversation_id, created_at);

CREATE TABLE consult_messages (
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  consultant_id text NOT NULL,
  client_message_id text NOT NULL,
  author_id text NOT NULL,
  key_id text NOT NULL,
  body bytea NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, consultant_id, client_message_id)
);
CREATE INDEX consult_messages_thread ON consult_messages (conversation_id, consultant_id, created_at);
`,
  },
  {
    version: 15,
    name: 'bot sessions in analytics: start index, patient time zone',
    sql: `
ALTER TABLE bot_sessions ADD COLUMN time_zone text;
CREATE INDEX bot_sessions_started ON bot_sessions (started_at);
CREATE INDEX bot_sessions_handoff ON bot_sessions (handoff_conversation_id);
`,
  },
];
