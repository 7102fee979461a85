import type { Migration } from './migration';

/** Migrations 16 and 17: staff assignments and the patient's zone; API keys. */
export const SQLITE_MIGRATIONS_V16_V17: readonly Migration[] = [
  {
    version: 16,
    name: 'staff assignments owned by the server; the patient time zone of a conversation',
    sql: `
CREATE TABLE staff_assignments (
  staff_id TEXT PRIMARY KEY,
  display_name TEXT,
  claim_roles TEXT,
  claim_queues TEXT,
  claims_seen_at TEXT,
  override_roles TEXT,
  override_queues TEXT,
  updated_by TEXT,
  updated_at TEXT
);
ALTER TABLE conversations ADD COLUMN patient_time_zone TEXT;
`,
  },
  {
    version: 17,
    name: 'API keys for reporting tools',
    sql: `
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  scope TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_keys_created ON api_keys (created_at);
`,
  },
];
