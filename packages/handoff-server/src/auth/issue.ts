import type { PatientAttribute } from '@baton/handoff-protocol';
import { type CryptoKey, type KeyObject, SignJWT } from 'jose';
import type { StaffRole } from './principal';

/** The signing side: HS256 with a shared secret, or RS256 with a private key and its `kid`. */
export type SigningKey =
  | { kind: 'secret'; secret: string | Uint8Array }
  | { kind: 'private-key'; key: CryptoKey | KeyObject; kid: string; alg?: 'RS256' | 'ES256' };

export interface IssueOptions {
  signing: SigningKey;
  issuer: string;
  audience: string;
  /** Seconds. Default 15 minutes for patients, 8 hours for staff. */
  expiresInSec?: number;
}

async function sign(
  claims: Record<string, unknown>,
  subject: string,
  options: IssueOptions,
  defaultTtl: number,
) {
  const jwt = new SignJWT(claims)
    .setSubject(subject)
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.expiresInSec ?? defaultTtl}s`);
  if (options.signing.kind === 'secret') {
    const secret =
      typeof options.signing.secret === 'string'
        ? new TextEncoder().encode(options.signing.secret)
        : options.signing.secret;
    return jwt.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);
  }
  return jwt
    .setProtectedHeader({
      alg: options.signing.alg ?? 'RS256',
      kid: options.signing.kid,
      typ: 'JWT',
    })
    .sign(options.signing.key);
}

/** What the portal backend's token endpoint signs for the widget (and what tests use). */
export function issuePatientToken(
  patient: {
    patientId: string;
    displayName: string;
    locale?: string;
    conversationId?: string;
    /** Verified attributes staff see (the `attrs` claim). */
    attributes?: readonly PatientAttribute[];
  },
  options: IssueOptions,
): Promise<string> {
  const claims: Record<string, unknown> = {
    name: patient.displayName,
    locale: patient.locale ?? 'en',
  };
  if (patient.conversationId) claims.cid = patient.conversationId;
  if (patient.attributes?.length) claims.attrs = patient.attributes;
  return sign(claims, patient.patientId, options, 15 * 60);
}

export function issueStaffToken(
  staff: {
    staffId: string;
    displayName: string;
    roles: StaffRole[];
    clinical?: boolean;
    queues?: string[];
    /** The staff session this token is exchanged from (see `auth/staff-session.ts`). */
    sessionId?: string;
  },
  options: IssueOptions,
): Promise<string> {
  return sign(
    {
      name: staff.displayName,
      roles: staff.roles,
      clinical: staff.clinical ?? false,
      queues: staff.queues ?? [],
      ...(staff.sessionId ? { sid: staff.sessionId } : {}),
    },
    staff.staffId,
    options,
    8 * 3600,
  );
}
