import type { AttachmentContentType } from '@baton/handoff-protocol';

/**
 * Files shared in a conversation (migration 14). A row is created `pending` when the upload
 * is granted (with the hash of its one-time upload token) and becomes `stored` once, with the
 * sniffed type, the real size and the sealed bytes. Rows go with their conversation
 * (retention purge, patient deletion).
 */
export type AttachmentStatus = 'pending' | 'stored';

export interface AttachmentRecord {
  id: string;
  conversationId: string;
  /** Who uploaded it: `patient` or `agent`, and their id. */
  uploaderParty: 'patient' | 'agent';
  uploaderId: string;
  name: string;
  /** Declared while pending; the sniffed type once stored. */
  contentType: AttachmentContentType;
  /** Declared while pending; the real size once stored. */
  size: number;
  status: AttachmentStatus;
  /** SHA-256 (hex) of the upload token; the token itself is never stored. */
  uploadTokenHash: string;
  /** The upload must arrive before this instant. */
  uploadExpiresAt: string;
  createdAt: string;
  storedAt: string | null;
}

export type NewAttachment = Omit<AttachmentRecord, 'status' | 'createdAt' | 'storedAt'>;

export interface StoredAttachmentData {
  contentType: AttachmentContentType;
  bytes: Uint8Array;
}

/** Bound on one conversation's attachment list. */
export const ATTACHMENT_LIST_LIMIT = 200;

export interface AttachmentOps {
  /** Creates a `pending` row. Unknown conversation: `not_found`; an id that exists: `conflict`. */
  createAttachment(attachment: NewAttachment): Promise<AttachmentRecord>;
  getAttachment(id: string): Promise<AttachmentRecord | null>;
  /**
   * `pending` → `stored` with the bytes (sealed at rest), once: `null` when the row does not
   * exist or is stored already (a second upload changes nothing).
   */
  storeAttachmentData(id: string, data: StoredAttachmentData): Promise<AttachmentRecord | null>;
  /** The bytes of a stored attachment, or `null`. */
  readAttachmentData(id: string): Promise<Uint8Array | null>;
  /** A conversation's stored attachments, oldest first (at most `ATTACHMENT_LIST_LIMIT`). */
  listAttachments(conversationId: string): Promise<AttachmentRecord[]>;
}

/** AAD of sealed attachment bytes (see `FieldCipher`). */
export const attachmentAad = (id: string) => `baton:v1:attachments:${id}`;

/**
 * AAD of attachment bytes sealed raw (migration 18, `sealed_as = 'binary'`): another string
 * than the base64 rows', so a row's format cannot be switched without failing to open.
 */
export const attachmentBinaryAad = (id: string) => `baton:v1:attachments:${id}:binary`;

/** Legacy rows re-sealed per batch when a store opens (migration 18). */
export const ATTACHMENT_RESEAL_BATCH = 20;
