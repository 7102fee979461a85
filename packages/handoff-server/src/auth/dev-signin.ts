import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { HandoffServerError } from '../internal/errors';
import { type IssueOptions, issueStaffToken } from './issue';
import type { StaffPrincipal } from './principal';

/**
 * Development sign-in for the demo: local users with scrypt-hashed passwords, exchanged for
 * a staff token. Off unless `enabled: true`; a real deployment signs staff in through its
 * identity provider and gives the server that provider's JWKS.
 */

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      keyLength,
      { N, r, p, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

/** `scrypt$N$r$p$salt$hash` (base64 parts): self-describing, so parameters can grow later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await derive(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length < 16) return false;
  const actual = await derive(password, salt, N, r, p, expected.length);
  return timingSafeEqual(actual, expected);
}

export const DevUser = z.object({
  username: z.string().min(1).max(64),
  passwordHash: z.string().startsWith('scrypt$'),
  displayName: z.string().min(1).max(200),
  roles: z.array(z.enum(['agent', 'supervisor', 'admin'])).min(1),
  clinical: z.boolean().default(false),
  queues: z.array(z.string().min(1).max(64)).default([]),
});
export type DevUser = z.infer<typeof DevUser>;

export const DevUsersFile = z.object({ users: z.array(DevUser) });

/** Reads a users file: `{ "users": [{ username, passwordHash, displayName, roles, ... }] }`. */
export async function loadDevUsers(path: string): Promise<DevUser[]> {
  const parsed = DevUsersFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success)
    throw new HandoffServerError('invalid_config', 'the dev users file is malformed', {
      cause: parsed.error,
    });
  return parsed.data.users;
}

export interface DevSignInOptions {
  /** Must be exactly `true` to turn the feature on. */
  enabled: boolean;
  users: readonly DevUser[];
  /** How the staff token is signed (the server's own HS256 secret in the demo). */
  tokens: IssueOptions;
}

export interface DevSignIn {
  readonly enabled: boolean;
  /** `client`: where the attempt comes from (the throttle's key, with the username). */
  signIn(
    username: string,
    password: string,
    client?: { address: string },
  ): Promise<{ token: string; principal: StaffPrincipal }>;
}

export function createDevSignIn(options: DevSignInOptions): DevSignIn {
  const enabled = options.enabled === true;
  const users = new Map(options.users.map((u) => [u.username, u]));
  // Unknown users still pay for one scrypt, so timing does not reveal who exists.
  const decoy = hashPassword(randomBytes(16).toString('base64'));
  return {
    enabled,
    async signIn(username, password) {
      if (!enabled) throw new HandoffServerError('dev_signin_disabled');
      const user = users.get(username);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoy));
      if (!user || !ok) throw new HandoffServerError('invalid_credentials');
      const principal: StaffPrincipal = {
        kind: 'staff',
        staffId: user.username,
        displayName: user.displayName,
        roles: user.roles,
        clinical: user.clinical,
        queues: user.queues,
      };
      const token = await issueStaffToken(
        {
          staffId: user.username,
          displayName: user.displayName,
          roles: [...user.roles],
          clinical: user.clinical,
          queues: [...user.queues],
        },
        options.tokens,
      );
      return { token, principal };
    },
  };
}
