import type { Migration } from './migration';

/** Migration 6: agent content (canned responses, scripts, articles, macros). */
export const SQLITE_CONTENT_MIGRATION: Migration = {
  version: 6,
  name: 'agent content',
  sql: `
CREATE TABLE content_items (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  queue TEXT,
  title TEXT NOT NULL,
  shortcut TEXT,
  body TEXT NOT NULL,
  steps TEXT,
  actions TEXT,
  tags TEXT NOT NULL,
  link TEXT,
  version INTEGER NOT NULL,
  retired INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE UNIQUE INDEX content_items_live_shortcut ON content_items (COALESCE(queue, ''), shortcut)
  WHERE shortcut IS NOT NULL AND retired = 0;
CREATE INDEX content_items_queue ON content_items (queue, kind);
`,
};
