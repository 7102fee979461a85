import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import * as z from 'zod';
import { HandoffServerError } from '../internal/errors';
import type { PatientPrincipal, StaffPrincipal } from './principal';

/**
 * Where verification keys come from: a shared HS256 secret, or RS256/ES256 public keys from
 * a JWKS (a URL the issuer publishes, or a key set given inline).
 */
export type TokenKeySource =
  | { kind: 'secret'; secret: string | Uint8Array }
  | { kind: 'jwks-url'; url: string }
  | { kind: 'jwks'; jwks: JSONWebKeySet };

export interface TokenVerifierOptions {
  keys: TokenKeySource;
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on exp/nbf/iat. Default 30. */
  clockToleranceSec?: number;
  /** Longest lifetime accepted (exp − iat), in seconds. Default 1 hour for patients, 12 for staff. */
  maxTokenAgeSec?: number;
}

const MIN_SECRET_BYTES = 32;

type KeyInput = Uint8Array | JWTVerifyGetKey;

function keyInput(source: TokenKeySource): { key: KeyInput; algorithms: string[] } {
  switch (source.kind) {
    case 'secret': {
      const secret =
        typeof source.secret === 'string' ? new TextEncoder().encode(source.secret) : source.secret;
      if (secret.byteLength < MIN_SECRET_BYTES) {
        throw new HandoffServerError(
          'invalid_config',
          'an HS256 token secret needs at least 32 bytes',
        );
      }
      return { key: secret, algorithms: ['HS256'] };
    }
    case 'jwks-url':
      return { key: createRemoteJWKSet(new URL(source.url)), algorithms: ['RS256', 'ES256'] };
    case 'jwks':
      return { key: createLocalJWKSet(source.jwks), algorithms: ['RS256', 'ES256'] };
    default: {
      const never: never = source;
      throw new HandoffServerError('invalid_config', `unknown key source ${String(never)}`);
    }
  }
}

function makeVerify(options: TokenVerifierOptions, defaultMaxAge: number) {
  const { key, algorithms } = keyInput(options.keys);
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms,
    clockTolerance: options.clockToleranceSec ?? 30,
    maxTokenAge: options.maxTokenAgeSec ?? defaultMaxAge,
    requiredClaims: ['sub', 'exp', 'iat'],
  };
  return async (token: string): Promise<JWTPayload> => {
    try {
      const result =
        typeof key === 'function'
          ? await jwtVerify(token, key, verifyOptions)
          : await jwtVerify(token, key, verifyOptions);
      return result.payload;
    } catch (error) {
      // The reason goes in `cause` for operators; never the token itself.
      throw new HandoffServerError('invalid_token', undefined, { cause: error });
    }
  };
}

const Bounded = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/);

/** Claims of a patient token, minted by the portal backend. */
export const PatientClaims = z.object({
  sub: Bounded,
  name: z.string().min(1).max(200),
  locale: z.string().min(2).max(35).default('en'),
  /** Optional conversation binding. */
  cid: Bounded.optional(),
  /** Verified patient attributes (protocol `PatientAttribute`s) shown to staff. */
  attrs: z
    .array(
      z.object({
        key: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/),
        label: z.string().max(120).optional(),
        value: z.string().max(2000),
        displayable: z.boolean(),
        clinical: z.boolean(),
      }),
    )
    .max(64)
    .optional(),
});

/** Claims of a staff token: roles, clinical flag, queues. */
export const StaffClaims = z.object({
  sub: Bounded,
  name: z.string().min(1).max(200),
  roles: z
    .array(z.enum(['agent', 'supervisor', 'admin']))
    .min(1)
    .max(3),
  clinical: z.boolean().default(false),
  queues: z.array(z.string().min(1).max(64)).max(64).default([]),
  /** The server-side staff session a socket token was exchanged from (cookie sessions). */
  sid: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

function parseClaims<T extends z.ZodType>(schema: T, payload: JWTPayload): z.infer<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success)
    throw new HandoffServerError('invalid_token', 'token claims are malformed', {
      cause: parsed.error,
    });
  return parsed.data;
}

/** `exp` is required by `makeVerify`: seconds since epoch → ms. */
const expiryOf = (payload: JWTPayload): number => (payload.exp ?? 0) * 1000;

export function createPatientTokenVerifier(options: TokenVerifierOptions) {
  const verify = makeVerify(options, 3600);
  return async (token: string): Promise<PatientPrincipal> => {
    const payload = await verify(token);
    const claims = parseClaims(PatientClaims, payload);
    return {
      kind: 'patient',
      patientId: claims.sub,
      displayName: claims.name,
      locale: claims.locale,
      conversationId: claims.cid ?? null,
      ...(claims.attrs ? { attributes: claims.attrs.map(withoutUndefined) } : {}),
      tokenExpiresAt: expiryOf(payload),
    };
  };
}

export function createStaffTokenVerifier(options: TokenVerifierOptions) {
  const verify = makeVerify(options, 12 * 3600);
  return async (token: string): Promise<StaffPrincipal> => {
    const payload = await verify(token);
    const claims = parseClaims(StaffClaims, payload);
    return {
      kind: 'staff',
      staffId: claims.sub,
      displayName: claims.name,
      roles: [...new Set(claims.roles)],
      clinical: claims.clinical,
      queues: claims.queues,
      ...(claims.sid ? { sessionId: claims.sid } : {}),
      tokenExpiresAt: expiryOf(payload),
    };
  };
}

function withoutUndefined<T extends { label?: string | undefined }>(attribute: T) {
  const { label, ...rest } = attribute;
  return label === undefined ? rest : { ...rest, label };
}
