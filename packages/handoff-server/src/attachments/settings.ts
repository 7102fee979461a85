import type { AttachmentContentType } from '@baton/handoff-protocol';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from './sniff';

/** What an operator configures (`BATON_ATTACHMENTS`, `BATON_ATTACHMENT_MAX_BYTES`, `…_TYPES`). */
export interface AttachmentSettings {
  /** Default true: patients and agents can share files during a live handoff. */
  enabled: boolean;
  /** Ceiling of one file in bytes. Default 5 MiB. */
  maxBytes: number;
  /** Accepted types (decided from the bytes). Default: PNG, JPEG, GIF, WebP, PDF. */
  types: readonly AttachmentContentType[];
  /** How long an upload grant stays usable. Default 5 minutes. */
  uploadTtlMs: number;
}

export const ALL_ATTACHMENT_TYPES: readonly AttachmentContentType[] = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
];

export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = {
  enabled: true,
  maxBytes: DEFAULT_ATTACHMENT_MAX_BYTES,
  types: ALL_ATTACHMENT_TYPES,
  uploadTtlMs: 5 * 60_000,
};
