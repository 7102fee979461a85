import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ATTACHMENT_PATH } from '@baton/handoff-protocol';

/**
 * Signed download links of attachments, for agent systems behind the webhook and hub
 * adapters: `GET /api/attachments/{id}?link=…` with no other credential, for this file only,
 * until it expires. HMAC-SHA256 with the server's link secret
 * (`BATON_ATTACHMENT_LINK_SECRET`; without it a random one per process, so links work only
 * on the node that signed them).
 */
export interface AttachmentLinkSigner {
  secret: string;
  /** Where agent systems reach this server (`BATON_PUBLIC_URL`); links are paths without it. */
  publicUrl?: string;
  /** How long a link works. Default 15 minutes. */
  ttlMs?: number;
  now?: () => number;
}

export const DEFAULT_ATTACHMENT_LINK_TTL_MS = 15 * 60_000;

const mac = (secret: string, id: string, expires: number) =>
  createHmac('sha256', secret).update(`baton-attachment-link.${id}.${expires}`).digest('base64url');

/** A random link secret (when the operator configured none). */
export const randomLinkSecret = () => randomBytes(32).toString('base64url');

export function attachmentLink(
  signer: AttachmentLinkSigner,
  id: string,
): { url: string; expiresAt: string } {
  const now = (signer.now ?? Date.now)();
  const expires = now + (signer.ttlMs ?? DEFAULT_ATTACHMENT_LINK_TTL_MS);
  const base = (signer.publicUrl ?? '').replace(/\/+$/, '');
  const link = `${expires.toString(36)}.${mac(signer.secret, id, expires)}`;
  return {
    url: `${base}${ATTACHMENT_PATH}${encodeURIComponent(id)}?link=${link}`,
    expiresAt: new Date(expires).toISOString(),
  };
}

/** True when `value` is this server's unexpired link for attachment `id`. */
export function verifyAttachmentLink(
  signer: AttachmentLinkSigner,
  id: string,
  value: string,
): boolean {
  const [stamp, signature, extra] = value.split('.');
  if (!stamp || !signature || extra !== undefined || stamp.length > 12) return false;
  const expires = Number.parseInt(stamp, 36);
  if (!Number.isSafeInteger(expires) || expires <= (signer.now ?? Date.now)()) return false;
  const expected = Buffer.from(mac(signer.secret, id, expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
