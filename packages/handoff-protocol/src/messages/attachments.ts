import * as z from 'zod/mini';
import { AgentInfo } from '../domain/agent';
import {
  ATTACHMENT_LIMITS,
  AttachmentContentType,
  AttachmentName,
  AttachmentPolicy,
  AttachmentRef,
  AttachmentUploadGrant,
} from '../domain/attachment';
import { AgentMessageFrom } from '../domain/conversation';
import { Id, MESSAGE_LIMITS, Seq } from '../domain/primitives';
import { ClientMessageId, conversationMessage } from './envelope';

// Attachments, both directions (patient and agent alike): 1. `attachment.upload` asks to
// send a file; the server answers `attachment.grant` (or `error`); 2. the client `PUT`s the
// bytes to the grant's path with its token (the server sniffs the type and keeps them sealed);
// 3. `attachment.share` puts the stored file in the conversation: acknowledged like a message,
// then every party receives the logged `attachment` frame. Bytes are fetched with
// `GET /api/attachments/{id}` and a bearer token, per policy, audited.

/** Asks to upload one file into the conversation (only while the handoff is live). */
export const AttachmentUploadRequest = conversationMessage('attachment.upload', {
  clientMessageId: ClientMessageId,
  name: AttachmentName,
  /** As declared by the browser; the server decides from the bytes. */
  contentType: AttachmentContentType,
  size: z.int().check(z.gte(1), z.lte(ATTACHMENT_LIMITS.maxBytesCeiling)),
});

/** The upload is granted (reply to `attachment.upload`, same `clientMessageId`). */
export const AttachmentGrant = conversationMessage('attachment.grant', {
  clientMessageId: ClientMessageId,
  ...AttachmentUploadGrant.shape,
});

/** Puts an uploaded file in the conversation; acknowledged (`ack`) once logged. */
export const AttachmentShare = conversationMessage('attachment.share', {
  clientMessageId: ClientMessageId,
  attachmentId: Id,
  caption: z.optional(z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxTextLength))),
});

/** A file in the conversation log (to the patient and to the agents watching). */
export const AttachmentMessage = conversationMessage('attachment', {
  seq: Seq,
  from: AgentMessageFrom,
  agent: z.optional(AgentInfo),
  clientMessageId: z.optional(ClientMessageId),
  attachment: AttachmentRef,
  caption: z.optional(z.string().check(z.minLength(1), z.maxLength(MESSAGE_LIMITS.maxTextLength))),
});

/**
 * To the patient, after the handoff request is acknowledged and after a `resumed` while live: whether
 * files may be shared in this conversation and within which limits (`null`: files are off).
 * Not logged (no `seq`).
 */
export const AttachmentPolicyMessage = conversationMessage('attachment.policy', {
  attachments: z.nullable(AttachmentPolicy),
});
