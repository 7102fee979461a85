import { SignJWT } from 'jose';
import type { PatientIdentity } from './identity';
import { signedAttributes } from './patient-contact';

export interface HandoffTokenOptions {
  /** The handoff server's patient-token secret, at least 32 bytes. */
  tokenSecret: string | Uint8Array;
  /** Default `baton-portal`. */
  issuer?: string;
  /** Default `baton-handoff`. */
  audience?: string;
  /** Default 600 (the server refuses tokens living longer than an hour). */
  ttlSeconds?: number;
}

/** Signs handoff-server patient tokens (what `createSessionHandler({ handoff })` adds). */
export function handoffTokenSigner(
  options: HandoffTokenOptions,
): (identity: PatientIdentity, locale: string) => Promise<string> {
  const key =
    typeof options.tokenSecret === 'string'
      ? new TextEncoder().encode(options.tokenSecret)
      : options.tokenSecret;
  if (key.length < 32) throw new TypeError('handoff.tokenSecret must be at least 32 bytes');
  const ttl = options.ttlSeconds ?? 600;
  if (!(ttl > 0 && ttl <= 3600)) throw new TypeError('handoff.ttlSeconds must be 1 to 3600');
  return async (identity, locale) => {
    const attrs = signedAttributes(identity);
    return new SignJWT({
      name: identity.displayName.slice(0, 200) || 'Patient',
      locale,
      ...(attrs.length > 0 ? { attrs } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(identity.patientId)
      .setIssuer(options.issuer ?? 'baton-portal')
      .setAudience(options.audience ?? 'baton-handoff')
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(key);
  };
}
