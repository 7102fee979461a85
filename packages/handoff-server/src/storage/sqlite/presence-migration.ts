import type { Migration } from './migration';

/**
 * Migration 13: agents' presence in the protocol's words (`online` becomes `available`), and
 * the old `agent_scripts` table goes (content items replaced it in migration 6).
 */
export const SQLITE_PRESENCE_MIGRATION: Migration = {
  version: 13,
  name: 'protocol presence, agent scripts dropped',
  sql: `
UPDATE agents SET presence = 'available' WHERE presence = 'online';
DROP TABLE IF EXISTS agent_scripts;
`,
};
