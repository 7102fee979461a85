import type { PostgresMigration } from './migration';

/** Migrations 16 and 17: staff assignments and the patient's zone; API keys. */
export const POSTGRES_MIGRATIONS_V16_V17: readonly PostgresMigration[] = [
  {
    version: 16,
    name: 'staff assignments owned by the server; the patient time zone of a conversation',
    sql: `
CREATE TABLE staff_assignments (
  staff_id text PRIMARY KEY,
  display_name text,
  claim_roles text,
  claim_queues text,
  claims_seen_at timestamptz,
  override_roles text,
  override_queues text,
  updated_by text,
  updated_at timestamptz
);
ALTER TABLE conversations ADD COLUMN patient_time_zone text;
`,
  },
  {
    version: 17,
    name: 'API keys for reporting tools',
    sql: `
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  name text NOT NULL,
  scope text NOT NULL,
  secret_hash text NOT NULL UNIQUE,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_created ON api_keys (created_at);
`,
  },
];
