import { randomBytes } from 'node:crypto';

/** Random, URL-safe identifiers: conversation ids and secrets look like Direct Line's. */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url').replace(/[-_]/g, 'x');
}

/** Activity ids take the Direct Line form `{conversationId}|0000001`. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/**
 * Watermarks are opaque to clients. Inside, one is the sequence number of the last activity
 * a client holds; the empty watermark means "from the beginning".
 */
export function formatWatermark(seq: number): string {
  return String(seq);
}

export function parseWatermark(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value)) return Number.NaN;
  return Number(value);
}
