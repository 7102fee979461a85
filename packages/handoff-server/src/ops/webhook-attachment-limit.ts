import { HandoffServerError } from '../internal/errors';
import type { ServerEnv } from './env-schema';

/** Room for the JSON around the file (`externalId`, name, type, agent) in one request. */
const JSON_ROOM = 64 * 1024;

/** The body a file of `fileBytes` needs when it is sent inline as base64 in JSON. */
export function attachmentBodyFor(fileBytes: number): number {
  return Math.ceil(fileBytes / 3) * 4 + JSON_ROOM;
}

/**
 * The largest body `POST /api/webhook/conversations/{id}/attachments` accepts: set by
 * `BATON_WEBHOOK_ATTACHMENT_BODY_BYTES`, else derived from `BATON_ATTACHMENT_MAX_BYTES` (a
 * file of the largest allowed size, base64, and its JSON). A value too small for a file of the
 * largest allowed size is refused at start (names in the error, never values).
 */
export function webhookAttachmentBodyBytes(config: ServerEnv): number {
  const needed = attachmentBodyFor(config.BATON_ATTACHMENT_MAX_BYTES);
  const set = config.BATON_WEBHOOK_ATTACHMENT_BODY_BYTES;
  if (set === undefined) return needed;
  const bytes = Number(set);
  if (bytes < needed)
    throw new HandoffServerError(
      'invalid_config',
      `BATON_WEBHOOK_ATTACHMENT_BODY_BYTES is too small for a file of BATON_ATTACHMENT_MAX_BYTES (needs ${needed})`,
    );
  return bytes;
}
