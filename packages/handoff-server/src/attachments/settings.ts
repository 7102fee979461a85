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
  /**
   * Signs the download links adapters forward (`BATON_ATTACHMENT_LINK_SECRET`, at least 32
   * characters). Default: a random secret per process (links then work on that node only).
   */
  linkSecret?: string;
  /** Where agent systems reach this server (`BATON_PUBLIC_URL`): links are absolute with it. */
  publicUrl?: string;
  /** How long a download link works. Default 15 minutes. */
  linkTtlMs: number;
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
  linkTtlMs: 15 * 60_000,
};
