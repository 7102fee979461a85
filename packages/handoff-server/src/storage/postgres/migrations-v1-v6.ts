import { POSTGRES_CONTENT_MIGRATION } from './content-migration';
import type { PostgresMigration } from './migration';

/** PostgreSQL migrations 1 to 6: the first schema, schedules, follow-ups, staff, content. */
export const POSTGRES_MIGRATIONS_V1_V6: readonly PostgresMigration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE conversations (
  id text PRIMARY KEY,
  patient_id text NOT NULL,
  state text NOT NULL,
  queue text,
  priority text NOT NULL,
  assigned_agent_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  ended_at timestamptz,
  version integer NOT NULL,
  last_seq integer NOT NULL DEFAULT 0
);
CREATE INDEX conversations_patient ON conversations (patient_id);
CREATE INDEX conversations_state ON conversations (state, assigned_agent_id);
CREATE INDEX conversations_ended ON conversations (ended_at);

CREATE TABLE messages (
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  client_message_id text NOT NULL,
  sender_party text NOT NULL,
  sender_id text NOT NULL,
  kind text NOT NULL,
  key_id text NOT NULL,
  body bytea NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, client_message_id)
);

CREATE TABLE transcripts (
  conversation_id text PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  key_id text NOT NULL,
  data bytea NOT NULL,
  saved_at timestamptz NOT NULL
);

CREATE TABLE queue_entries (
  conversation_id text PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
  queue text NOT NULL,
  priority text NOT NULL,
  priority_rank integer NOT NULL,
  enqueued_at timestamptz NOT NULL
);
CREATE INDEX queue_entries_order ON queue_entries (queue, priority_rank, enqueued_at);

CREATE TABLE agents (
  id text PRIMARY KEY,
  display_name text NOT NULL,
  queues text[] NOT NULL,
  capacity integer NOT NULL,
  presence text NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE agent_scripts (
  id text PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  queue text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE surveys (
  id text PRIMARY KEY,
  title text NOT NULL,
  questions jsonb NOT NULL
);

CREATE TABLE survey_responses (
  id text PRIMARY KEY,
  survey_id text NOT NULL REFERENCES surveys (id),
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  patient_id text NOT NULL,
  key_id text NOT NULL,
  answers bytea NOT NULL,
  submitted_at timestamptz NOT NULL,
  UNIQUE (survey_id, conversation_id)
);
CREATE INDEX survey_responses_patient ON survey_responses (patient_id);

CREATE TABLE appointment_slots (
  id text PRIMARY KEY,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  label text
);
CREATE INDEX appointment_slots_start ON appointment_slots (starts_at);

CREATE TABLE appointment_bookings (
  slot_id text PRIMARY KEY REFERENCES appointment_slots (id),
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  patient_id text NOT NULL,
  booked_at timestamptz NOT NULL
);
CREATE INDEX appointment_bookings_patient ON appointment_bookings (patient_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  action text NOT NULL,
  outcome text NOT NULL,
  actor_id text NOT NULL,
  actor_role text NOT NULL,
  conversation_id text,
  patient_id text,
  target_id text,
  reason text
);
CREATE INDEX audit_log_conversation ON audit_log (conversation_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_patient ON audit_log (patient_id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
  },
  {
    version: 2,
    name: 'patient activity and durable schedules',
    sql: `
ALTER TABLE conversations ADD COLUMN last_activity_at timestamptz;
UPDATE conversations SET last_activity_at = updated_at;

CREATE TABLE schedules (
  kind text NOT NULL,
  schedule_key text NOT NULL,
  due_at timestamptz NOT NULL,
  version integer NOT NULL,
  claimed_by text,
  claimed_until timestamptz,
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
  id text PRIMARY KEY,
  cause_key text NOT NULL UNIQUE,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  queue text NOT NULL,
  priority text NOT NULL,
  patient_id text NOT NULL,
  kind text NOT NULL,
  key_id text NOT NULL,
  detail bytea NOT NULL,
  created_at timestamptz NOT NULL,
  status text NOT NULL,
  claimed_by text,
  claimed_at timestamptz,
  note_key_id text,
  outcome_note bytea,
  closed_at timestamptz
);
CREATE INDEX follow_ups_status ON follow_ups (status, queue, created_at);
CREATE INDEX follow_ups_conversation ON follow_ups (conversation_id);
CREATE INDEX follow_ups_closed ON follow_ups (closed_at);

CREATE TABLE queue_waits (
  queue text NOT NULL,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  waited_ms bigint NOT NULL,
  claimed_at timestamptz NOT NULL,
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
  id text PRIMARY KEY,
  staff_id text NOT NULL,
  display_name text NOT NULL,
  roles text[] NOT NULL,
  clinical boolean NOT NULL,
  queues text[] NOT NULL,
  created_at timestamptz NOT NULL,
  last_active_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id, ended_at);
`,
  },
  {
    version: 5,
    name: 'disabled staff',
    sql: `
CREATE TABLE disabled_staff (
  staff_id text PRIMARY KEY,
  disabled_at timestamptz NOT NULL,
  disabled_by text NOT NULL
);
`,
  },
  POSTGRES_CONTENT_MIGRATION,
];
