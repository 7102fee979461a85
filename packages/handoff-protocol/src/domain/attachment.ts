import * as z from 'zod/mini';
import { Id, Timestamp } from './primitives';

/**
 * The file types Baton accepts as attachments, decided by the server from the file's first
 * bytes (never from its name or the declared type): images shown inline, PDF as a file chip.
 */
export const AttachmentContentType = z.enum([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
]);
export type AttachmentContentType = z.infer<typeof AttachmentContentType>;

export const ATTACHMENT_LIMITS = {
  /** The largest ceiling a server may configure (its default is 5 MiB). */
  maxBytesCeiling: 25 * 1024 * 1024,
  maxNameLength: 200,
} as const;

/** Where the upload of a granted attachment goes (`PUT`), and its download (`GET`). */
export const ATTACHMENT_PATH = '/api/attachments/';

/** A file name as shown: no path separators or control characters. */
export const AttachmentName = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(ATTACHMENT_LIMITS.maxNameLength),
    z.regex(/^[^/\\\p{Cc}]+$/u, 'must be a file name without path or control characters'),
  );

/** An attachment as a message carries it: what it is, never its bytes. */
export const AttachmentRef = z.object({
  id: Id,
  name: AttachmentName,
  contentType: AttachmentContentType,
  size: z.int().check(z.gte(1), z.lte(ATTACHMENT_LIMITS.maxBytesCeiling)),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** What the upload was granted: where to `PUT` the bytes, with which one-time token, until when. */
export const AttachmentUploadGrant = z.object({
  attachment: AttachmentRef,
  /** `ATTACHMENT_PATH` + the attachment id, relative to the server's URL. */
  uploadPath: z.string().check(z.minLength(1), z.maxLength(300)),
  /** Sent as `Authorization: Bearer …` with the `PUT`; valid for this attachment only. */
  uploadToken: z.string().check(z.minLength(16), z.maxLength(200)),
  expiresAt: Timestamp,
  /** The server's ceiling for one file, in bytes. */
  maxBytes: z.int().check(z.gte(1), z.lte(ATTACHMENT_LIMITS.maxBytesCeiling)),
});
export type AttachmentUploadGrant = z.infer<typeof AttachmentUploadGrant>;

/**
 * Whether files may be shared, as the server is configured (`BATON_ATTACHMENTS`,
 * `BATON_ATTACHMENT_MAX_BYTES`, `BATON_ATTACHMENT_TYPES`): clients hide the paperclip when
 * files are off and check a file's size and type before asking to upload it.
 */
export const AttachmentPolicy = z.object({
  /** The ceiling of one file, in bytes. */
  maxBytes: z.int().check(z.gte(1), z.lte(ATTACHMENT_LIMITS.maxBytesCeiling)),
  /** The types accepted (decided from the bytes). */
  types: z.array(AttachmentContentType).check(z.minLength(1), z.maxLength(10)),
});
export type AttachmentPolicy = z.infer<typeof AttachmentPolicy>;
