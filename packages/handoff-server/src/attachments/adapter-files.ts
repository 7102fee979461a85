import type { AttachmentRef } from '@baton/handoff-protocol';
import type { EngineCore } from '../engine/core';
import { refuse } from '../engine/refusals';
import type { AttachmentRecord } from '../storage/attachment-records';
import { type AttachmentLinkSigner, attachmentLink, verifyAttachmentLink } from './download-links';

/**
 * A patient's file to the adapter (`patientAttachment`), queued in order with her messages;
 * the link is signed when the adapter gets it, so a queued call does not get a stale one.
 */
export function forwardToAdapter(
  core: EngineCore,
  links: AttachmentLinkSigner,
  conversationId: string,
  logged: { seq: number; createdAt: string },
  body: { attachment: AttachmentRef; caption?: string },
): void {
  const { adapter } = core;
  if (!adapter.patientAttachment) return;
  core.dispatch(conversationId, 'patientAttachment', () =>
    adapter.patientAttachment!(conversationId, {
      seq: logged.seq,
      at: logged.createdAt,
      attachment: body.attachment,
      ...(body.caption ? { caption: body.caption } : {}),
      ...attachmentLink(links, body.attachment.id),
    }),
  );
}

/**
 * `GET /api/attachments/{id}?link=…`: the bytes for an agent system holding a signed link
 * (forwarded by an adapter); audited as a disclosure to the adapter's system, a bad or
 * expired link as a denial.
 */
export async function downloadByLink(
  core: EngineCore,
  links: AttachmentLinkSigner,
  id: string,
  link: string,
): Promise<{ record: AttachmentRecord; bytes: Uint8Array }> {
  const { store, adapter } = core;
  const record = verifyAttachmentLink(links, id, link) ? await store.getAttachment(id) : null;
  const bytes = record?.status === 'stored' ? await store.readAttachmentData(id) : null;
  await store.appendAudit({
    action: 'attachment.view',
    outcome: bytes ? 'allowed' : 'denied',
    actorId: `adapter:${adapter.name}`,
    actorRole: 'system',
    conversationId: record?.conversationId ?? null,
    targetId: id,
    reason: bytes ? 'signed_link' : 'invalid_link',
  });
  if (!record || !bytes) throw refuse.forbidden();
  return { record, bytes };
}
