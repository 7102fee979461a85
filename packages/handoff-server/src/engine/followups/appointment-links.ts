import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link is for: the appointment (of this patient, booked in this conversation). */
export interface AppointmentLinkBooking {
  conversationId: string;
  patientId: string;
  /** The slot booked (a reminder's `slotId`). */
  slotId: string;
  /** The scheduling provider's appointment id when it differs from the slot id (FHIR). */
  appointmentId?: string;
  /** When the appointment starts (ISO): links stop working then. */
  appointmentStart: string;
  /** The page's language (`en`, `fr`, `es`; default `en`) and time zone (IANA). */
  locale?: string;
  timeZone?: string;
}

export interface AppointmentLinks {
  cancelUrl: string;
  rescheduleUrl: string;
}

/** The server's signing key and public address (`BATON_APPOINTMENT_LINK_SECRET`, `BATON_PUBLIC_URL`). */
export interface AppointmentLinkSigner {
  /** Where patients reach this server, e.g. `https://chat.example.org`. */
  publicUrl: string;
  /** At least 32 characters; rotating it voids every link sent. */
  secret: string;
  /** Longest life of a link. Default 30 days (never past the appointment's start). */
  maxAgeMs?: number;
  now?: () => number;
}

export type AppointmentLinkAction = 'cancel' | 'reschedule';

/** A verified link: the action and the booking it names. */
export interface AppointmentLinkClaims {
  action: AppointmentLinkAction;
  conversationId: string;
  patientId: string;
  appointmentId: string;
  expiresAt: number;
  locale?: string;
  timeZone?: string;
}

export const APPOINTMENT_LINK_PATH = '/appointments/';
const DEFAULT_MAX_AGE_MS = 30 * 24 * 60 * 60_000;

const mac = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`baton-appointment-link.${payload}`).digest('base64url');

function token(signer: AppointmentLinkSigner, claims: AppointmentLinkClaims): string {
  const payload = Buffer.from(
    JSON.stringify({
      a: claims.action,
      c: claims.conversationId,
      p: claims.patientId,
      i: claims.appointmentId,
      e: claims.expiresAt,
      ...(claims.locale ? { l: claims.locale } : {}),
      ...(claims.timeZone ? { z: claims.timeZone } : {}),
    }),
  ).toString('base64url');
  return `${payload}.${mac(signer.secret, payload)}`;
}

/**
 * The signed cancel and reschedule links of a booking (for a reminder e-mail): HMAC-SHA256
 * with the server's secret, expiring at the appointment's start (or `maxAgeMs`, if sooner).
 * They carry opaque ids only, never a name or the reason for the visit.
 */
export function appointmentLinks(
  booking: AppointmentLinkBooking,
  signer: AppointmentLinkSigner,
): AppointmentLinks {
  const now = (signer.now ?? Date.now)();
  const expiresAt = Math.min(
    Date.parse(booking.appointmentStart),
    now + (signer.maxAgeMs ?? DEFAULT_MAX_AGE_MS),
  );
  const base = signer.publicUrl.replace(/\/+$/, '');
  const claims = {
    conversationId: booking.conversationId,
    patientId: booking.patientId,
    appointmentId: booking.appointmentId ?? booking.slotId,
    expiresAt,
    ...(booking.locale ? { locale: booking.locale } : {}),
    ...(booking.timeZone ? { timeZone: booking.timeZone } : {}),
  };
  const url = (action: AppointmentLinkAction) =>
    `${base}${APPOINTMENT_LINK_PATH}${action}?t=${token(signer, { ...claims, action })}`;
  return { cancelUrl: url('cancel'), rescheduleUrl: url('reschedule') };
}

/** The claims of a link this server signed, or `null` (tampered, expired, malformed). */
export function verifyAppointmentLink(
  signer: AppointmentLinkSigner,
  value: string,
): AppointmentLinkClaims | null {
  const [payload, signature, extra] = value.split('.');
  if (!payload || !signature || extra !== undefined || payload.length > 2048) return null;
  const expected = Buffer.from(mac(signer.secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  const { a, c, p, i, e, l, z } = raw;
  if (a !== 'cancel' && a !== 'reschedule') return null;
  if (typeof c !== 'string' || typeof p !== 'string' || typeof i !== 'string') return null;
  if (typeof e !== 'number' || e <= (signer.now ?? Date.now)()) return null;
  return {
    action: a,
    conversationId: c,
    patientId: p,
    appointmentId: i,
    expiresAt: e,
    ...(typeof l === 'string' ? { locale: l } : {}),
    ...(typeof z === 'string' ? { timeZone: z } : {}),
  };
}
