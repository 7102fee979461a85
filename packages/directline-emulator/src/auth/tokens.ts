import { randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { DirectLineEmulatorError } from '../errors.js';

const issuer = 'baton-directline-emulator';
const tokenAudience = 'directline';
const streamAudience = 'directline-stream';
/** Direct Line asks clients to open a fresh stream URL within 60 seconds. */
export const streamTicketSeconds = 60;

export interface DirectLineTokenClaims {
  conversationId: string;
  /** The user id bound to the token; botframework-directlinejs reads it as `user`. */
  user: string | undefined;
  userName: string | undefined;
  /** The origins the token was generated for (`trustedOrigins`); none: any caller. */
  origins: readonly string[];
  /** Seconds since the epoch. */
  expiresAt: number;
}

export interface IssuedToken {
  token: string;
  expiresIn: number;
}

/**
 * Direct Line tokens and stream tickets: HS256 JWTs signed with a key made for this process,
 * so no token outlives the emulator that issued it.
 */
export class TokenIssuer {
  private readonly key = new Uint8Array(randomBytes(32));
  private readonly ttlSeconds: number;

  constructor(ttlSeconds: number) {
    this.ttlSeconds = ttlSeconds;
  }

  async issue(
    conversationId: string,
    user?: { id: string; name?: string },
    origins: readonly string[] = [],
  ): Promise<IssuedToken> {
    const claims: Record<string, string | string[]> = { conv: conversationId };
    if (user) claims.user = user.id;
    if (user?.name) claims.name = user.name;
    if (origins.length > 0) claims.origins = [...origins];
    const now = Date.now() / 1000;
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(tokenAudience)
      .setIssuedAt(Math.floor(now))
      // Whole seconds, rounded up: a token never lives shorter than promised.
      .setExpirationTime(Math.ceil(now + this.ttlSeconds))
      .setJti(randomBytes(9).toString('base64url'))
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  /** Verifies a Direct Line token: 403 `TokenExpired` when expired, 403 `Forbidden` when bad. */
  async verify(token: string): Promise<DirectLineTokenClaims> {
    const payload = await this.verifyJwt(token, tokenAudience);
    const conversationId = payload.conv;
    if (typeof conversationId !== 'string') {
      throw new DirectLineEmulatorError('Forbidden', 'The token names no conversation.');
    }
    return {
      conversationId,
      user: typeof payload.user === 'string' ? payload.user : undefined,
      userName: typeof payload.name === 'string' ? payload.name : undefined,
      origins: Array.isArray(payload.origins)
        ? payload.origins.filter((o): o is string => typeof o === 'string')
        : [],
      expiresAt: typeof payload.exp === 'number' ? payload.exp : 0,
    };
  }

  /** A short-lived ticket that pre-authorises one conversation's stream URL. */
  async issueStreamTicket(conversationId: string): Promise<string> {
    return new SignJWT({ conv: conversationId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(streamAudience)
      .setExpirationTime(`${streamTicketSeconds}s`)
      .sign(this.key);
  }

  async verifyStreamTicket(ticket: string): Promise<string> {
    const payload = await this.verifyJwt(ticket, streamAudience);
    if (typeof payload.conv !== 'string') {
      throw new DirectLineEmulatorError('Forbidden', 'The stream ticket names no conversation.');
    }
    return payload.conv;
  }

  private async verifyJwt(token: string, audience: string) {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer,
        audience,
        algorithms: ['HS256'],
      });
      return payload;
    } catch (cause) {
      if (cause instanceof errors.JWTExpired) {
        throw new DirectLineEmulatorError('TokenExpired', 'Token expired', { cause });
      }
      throw new DirectLineEmulatorError('Forbidden', 'Invalid token or secret', { cause });
    }
  }
}
