import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  ATTACHMENT_PATH,
  type AttachmentPolicy,
  type AttachmentRef,
  ackMessage,
  BatonProtocolError,
  createId,
  type ServerToPatient,
  serverToPatientMessage,
} from '@baton/handoff-protocol';
import { agentInfoOf } from '../auth/agent-info';
import { auditRole, type Principal, principalId, type StaffPrincipal } from '../auth/principal';
import { type EngineCore, isLive } from '../engine/core';
import type { AgentFrame, PatientFrame } from '../engine/frames';
import { logKey, newLogRecord } from '../engine/log-record';
import { refuse } from '../engine/refusals';
import type { AttachmentRecord } from '../storage/attachment-records';
import type { ConversationRecord } from '../storage/records';
import { downloadByLink, forwardToAdapter } from './adapter-files';
import { consultantMayRead } from './consultant-read';
import { type AttachmentLinkSigner, randomLinkSecret } from './download-links';
import { type AttachmentSettings, DEFAULT_ATTACHMENT_SETTINGS } from './settings';
import { sniffAttachmentType } from './sniff';

type UploadFrame = PatientFrame<'attachment.upload'> | AgentFrame<'attachment.upload'>;
type ShareFrame = PatientFrame<'attachment.share'> | AgentFrame<'attachment.share'>;

export interface AttachmentAccess {
  /** The conversation, if this principal may write in it (denials audited). */
  write(principal: Principal, conversationId: string): Promise<ConversationRecord>;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const refID = (record: AttachmentRecord): AttachmentRef => ({
  id: record.id,
  name: record.name,
  contentType: record.contentType,
  size: record.size,
});

const tooLarge = (max: number) =>
  new BatonProtocolError('attachment_too_large', `Files are limited to ${max} bytes`);
const typeRefused = () =>
  new BatonProtocolError('attachment_type_not_allowed', 'This type of file cannot be shared here');

function party(principal: Principal): { party: 'patient' | 'agent'; id: string } {
  return principal.kind === 'patient'
    ? { party: 'patient', id: principal.patientId }
    : { party: 'agent', id: principal.staffId };
}

/** Only while the handoff is live (the patient), only while holding it (the agent). */
function canShareNow(principal: Principal, conversation: ConversationRecord): boolean {
  return principal.kind === 'patient' ? isLive(conversation) : conversation.state === 'assigned';
}

/**
 * Files in a conversation: a grant (policy, limits, one-time token), the upload (sniffed,
 * sealed, once), the share (a log record with `seq`, acked, delivered to both sides) and the
 * download (policy, audited). Bytes never go through socket.io.
 */
export class ConversationAttachments {
  readonly settings: AttachmentSettings;
  readonly #core: EngineCore;
  readonly #access: AttachmentAccess;
  readonly #links: AttachmentLinkSigner;

  constructor(core: EngineCore, access: AttachmentAccess, settings?: Partial<AttachmentSettings>) {
    this.#core = core;
    this.#access = access;
    this.settings = { ...DEFAULT_ATTACHMENT_SETTINGS, ...settings };
    const { linkSecret, publicUrl, linkTtlMs } = this.settings;
    this.#links = {
      secret: linkSecret ?? randomLinkSecret(),
      ttlMs: linkTtlMs,
      ...(publicUrl ? { publicUrl } : {}),
    };
  }

  /** The limits clients check before asking to upload; `null` when files are off. */
  policy(): AttachmentPolicy | null {
    const { enabled, maxBytes, types } = this.settings;
    return enabled ? { maxBytes, types: [...types] } : null;
  }

  /** `attachment.policy`: told to the patient when her request is acked and on `resumed`. */
  policyFrame(conversationId: string): ServerToPatient {
    return serverToPatientMessage('attachment.policy', {
      conversationId,
      attachments: this.policy(),
    });
  }

  /** After a resume's replay: the policy frame if the conversation is still live, else none. */
  policyAfter(resumed: ServerToPatient | undefined): ServerToPatient | null {
    if (resumed?.type !== 'resumed') return null;
    const live = ['handoff_requested', 'queued', 'assigned'].includes(resumed.state);
    return live ? this.policyFrame(resumed.conversationId) : null;
  }

  async grant(
    principal: Principal,
    frame: UploadFrame,
  ): Promise<Extract<ServerToPatient, { type: 'attachment.grant' }>> {
    const { settings } = this;
    if (!settings.enabled) throw refuse.forbidden();
    const conversation = await this.#access.write(principal, frame.conversationId);
    if (!canShareNow(principal, conversation))
      throw refuse.illegal(conversation.state, 'attachment.upload');
    if (frame.size > settings.maxBytes) throw tooLarge(settings.maxBytes);
    if (!settings.types.includes(frame.contentType)) throw typeRefused();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + settings.uploadTtlMs).toISOString();
    const who = party(principal);
    const record = await this.#core.store.createAttachment({
      id: createId(),
      conversationId: conversation.id,
      uploaderParty: who.party,
      uploaderId: who.id,
      name: frame.name,
      contentType: frame.contentType,
      size: frame.size,
      uploadTokenHash: hashToken(token),
      uploadExpiresAt: expiresAt,
    });
    return {
      v: frame.v,
      type: 'attachment.grant',
      id: createId(),
      ts: new Date().toISOString(),
      conversationId: conversation.id,
      clientMessageId: frame.clientMessageId,
      attachment: refID(record),
      uploadPath: `${ATTACHMENT_PATH}${encodeURIComponent(record.id)}`,
      uploadToken: token,
      expiresAt,
      maxBytes: settings.maxBytes,
    };
  }

  /** `PUT /api/attachments/{id}`: the granted upload, once; the type comes from the bytes. */
  async upload(id: string, token: string, bytes: Uint8Array): Promise<AttachmentRecord> {
    const { store } = this.#core;
    const record = await store.getAttachment(id);
    const expected = Buffer.from(record?.uploadTokenHash ?? '0'.repeat(64), 'hex');
    const given = Buffer.from(hashToken(token), 'hex');
    if (!record || !timingSafeEqual(expected, given)) throw refuse.forbidden();
    if (record.status !== 'pending') throw refuse.conflict('This file was uploaded already');
    if (Date.parse(record.uploadExpiresAt) < Date.now())
      throw new BatonProtocolError('token_expired', 'The upload grant expired; ask again');
    if (bytes.byteLength > this.settings.maxBytes) throw tooLarge(this.settings.maxBytes);
    if (bytes.byteLength === 0) throw refuse.invalid('The file is empty');
    const type = sniffAttachmentType(bytes);
    if (!type || !this.settings.types.includes(type)) throw typeRefused();
    const stored = await store.storeAttachmentData(id, { contentType: type, bytes });
    if (!stored) throw refuse.conflict('This file was uploaded already');
    await store.appendAudit({
      action: 'attachment.upload',
      outcome: 'allowed',
      actorId: record.uploaderId,
      actorRole: record.uploaderParty === 'patient' ? 'patient' : 'agent',
      conversationId: record.conversationId,
      targetId: record.id,
    });
    return stored;
  }

  /** Puts an uploaded file in the conversation log: `ack` to the sender, `attachment` to all. */
  async share(principal: Principal, frame: ShareFrame) {
    const core = this.#core;
    const who = party(principal);
    const key = logKey(who.party, frame.clientMessageId);
    const record = await core.run(frame.conversationId, async () => {
      const conversation = await this.#access.write(principal, frame.conversationId);
      const attachment = await core.store.getAttachment(frame.attachmentId);
      if (
        !attachment ||
        attachment.conversationId !== conversation.id ||
        attachment.uploaderId !== who.id ||
        attachment.uploaderParty !== who.party
      )
        throw refuse.forbidden();
      if (attachment.status !== 'stored') throw refuse.invalid('The file has not been uploaded');
      if (!canShareNow(principal, conversation)) {
        const earlier = await core.findByKey(conversation.id, key);
        if (earlier) return { ...earlier, duplicate: true };
        throw refuse.illegal(conversation.state, 'attachment.share');
      }
      const body = {
        kind: 'attachment' as const,
        attachment: refID(attachment),
        ...(frame.caption ? { caption: frame.caption } : {}),
        ...(principal.kind === 'staff' ? { agent: agentInfoOf(principal as StaffPrincipal) } : {}),
      };
      const appended = await core.append(
        conversation.id,
        newLogRecord(key, who.party, who.id, body),
      );
      if (appended.senderId !== who.id) throw refuse.conflict('clientMessageId already used');
      if (who.party === 'patient' && !appended.duplicate) {
        await core.activity.touch(conversation.id);
        forwardToAdapter(core, this.#links, conversation.id, appended, body);
      }
      return appended;
    });
    core.metrics?.messageAcked(who.party);
    return ackMessage(frame.conversationId, frame.clientMessageId, record.seq);
  }

  /** `GET /api/attachments/{id}?link=…`: see `downloadByLink` (adapter-files.ts). */
  downloadByLink(id: string, link: string) {
    return downloadByLink(this.#core, this.#links, id, link);
  }

  /** `GET /api/attachments/{id}`: the bytes, for whoever may read the conversation (audited). */
  async download(
    principal: Principal,
    id: string,
  ): Promise<{ record: AttachmentRecord; bytes: Uint8Array }> {
    const { store, guard } = this.#core;
    const record = await store.getAttachment(id);
    const conversation = record ? await store.getConversation(record.conversationId) : null;
    if (!record || !conversation || record.status !== 'stored') {
      await store.appendAudit({
        action: 'attachment.view',
        outcome: 'denied',
        actorId: principalId(principal),
        actorRole: auditRole(principal),
        conversationId: conversation?.id ?? null,
        targetId: id,
        reason: 'not_found',
      });
      throw refuse.forbidden();
    }
    const consultant = await consultantMayRead(store, principal, conversation, record.id);
    const decision = consultant
      ? { allowed: true }
      : await guard.conversation(principal, conversation, 'attachment.view', {
          targetId: record.id,
        });
    if (!decision.allowed) throw refuse.forbidden();
    const bytes = await store.readAttachmentData(id);
    if (!bytes) throw refuse.forbidden();
    return { record, bytes };
  }
}
