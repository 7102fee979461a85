import type { Migration } from './migration';

/**
 * Migration 18: attachment bytes sealed raw (`sealed_as = 'binary'`) instead of as base64
 * text (+33 %). Rows stored before it stay `base64` until the store re-seals them when it
 * opens (`resealLegacyAttachments`): SQL alone cannot, the bytes are encrypted.
 */
export const SQLITE_ATTACHMENT_BINARY_MIGRATION: Migration = {
  version: 18,
  name: 'attachment bytes sealed as binary',
  sql: `
ALTER TABLE attachments ADD COLUMN sealed_as TEXT NOT NULL DEFAULT 'base64';
CREATE INDEX attachments_legacy_sealed ON attachments (id) WHERE sealed_as = 'base64' AND status = 'stored';
`,
};
