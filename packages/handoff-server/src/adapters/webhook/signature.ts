import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'baton-signature';

/** Default accepted clock skew between signer and verifier, in seconds. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Signs a webhook body the way Stripe does: HMAC-SHA256 over `${timestamp}.${body}` with the
 * shared secret, sent as `t=<timestamp>,v1=<hex>`. The body must be the exact bytes sent.
 */
export function signWebhookPayload(
  secret: string,
  body: string | Buffer,
  timestampSeconds: number,
): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, body)}`;
}

export interface VerifyWebhookSignatureOptions {
  /** Accepted secrets (several while rotating). */
  secrets: readonly string[];
  /** Maximum age (and future skew) of the timestamp; default 300 s. */
  toleranceSeconds?: number;
  now?: () => Date;
}

export type SignatureCheck =
  | { ok: true; timestampSeconds: number }
  | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

/**
 * Checks a `baton-signature` header against the raw body: the timestamp must be within the
 * tolerance and one `v1` signature must match one secret (compared in constant time).
 */
export function verifyWebhookSignature(
  header: string | undefined,
  body: string | Buffer,
  options: VerifyWebhookSignatureOptions,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/i.test(value)) {
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const nowSeconds = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(nowSeconds - timestamp) > tolerance) return { ok: false, reason: 'expired' };
  let matched = false;
  for (const secret of options.secrets) {
    const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
    for (const signature of signatures) {
      // Both are 32 bytes (checked by the regex above), as timingSafeEqual requires.
      if (timingSafeEqual(expected, signature)) matched = true;
    }
  }
  return matched ? { ok: true, timestampSeconds: timestamp } : { ok: false, reason: 'mismatch' };
}

/** Constant-time equality of two secrets of any length (compares their SHA-256 digests). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function hmacHex(secret: string, timestampSeconds: number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
}
