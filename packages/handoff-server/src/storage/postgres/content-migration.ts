import type { PostgresMigration } from './migration';

/** Migration 6: agent content (canned responses, scripts, articles, macros). */
export const POSTGRES_CONTENT_MIGRATION: PostgresMigration = {
  version: 6,
  name: 'agent content',
  sql: `
CREATE TABLE content_items (
  id text PRIMARY KEY,
  kind text NOT NULL,
  queue text,
  title text NOT NULL,
  shortcut text,
  body text NOT NULL,
  steps text,
  actions text,
  tags text NOT NULL,
  link text,
  version integer NOT NULL,
  retired boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
CREATE UNIQUE INDEX content_items_live_shortcut ON content_items ((COALESCE(queue, '')), shortcut)
  WHERE shortcut IS NOT NULL AND NOT retired;
CREATE INDEX content_items_queue ON content_items (queue, kind);
`,
};
