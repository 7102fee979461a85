import { createHash, randomBytes } from 'node:crypto';
import { HandoffServerError } from '../internal/errors';
import type { ConversationStore } from '../storage/contract';
import type { StaffSessionRecord } from '../storage/staff-sessions';
import { type IssueOptions, issueStaffToken } from './issue';
import { type StaffPrincipal, strongestRole } from './principal';
import type { StaffDirectory } from './staff-directory';

/**
 * Server-side staff sessions behind an HttpOnly cookie: the browser keeps no token in web
 * storage. The cookie holds a random secret; the store keeps only its SHA-256 (the session
 * id). The console exchanges the cookie for a short-lived socket token on load and on every
 * reconnect; sign-out ends every session of the person; a session idle longer than
 * `idleLogoffMs` is ended (HIPAA automatic logoff).
 */
export interface StaffSessionsOptions {
  store: ConversationStore;
  /** How socket tokens are signed (the server's own HS256 secret). */
  tokens: IssueOptions;
  /** Automatic logoff after this long without activity. Default 15 minutes. */
  idleLogoffMs?: number;
  /** Lifetime of an exchanged socket token. Default 5 minutes. */
  socketTokenSeconds?: number;
  /** Roles and queues as the server assigns them (an administrator's override). */
  directory?: Pick<StaffDirectory, 'resolve'>;
}

export interface SocketTokenGrant {
  token: string;
  staff: StaffPrincipal;
  idleLogoffSeconds: number;
  /** When the session logs off unless there is activity first. */
  logoffAt: string;
}

export interface StaffSessions {
  readonly idleLogoffMs: number;
  /** Opens a session for someone just signed in; returns the cookie secret. */
  open(staff: StaffPrincipal): Promise<string>;
  /** Cookie → socket token; `session_ended` when unknown, ended or idle (then ended). */
  exchange(secret: string): Promise<SocketTokenGrant>;
  /** The person is active in the console: the logoff clock restarts. */
  activity(secret: string): Promise<SocketTokenGrant['logoffAt']>;
  /** Ends every session of the cookie's owner; returns her id (to disconnect her sockets). */
  signOut(secret: string): Promise<string | null>;
  /** Whether a socket's session is still alive (ended and idle ones are not). */
  alive(sessionId: string): Promise<boolean>;
}

export const sessionIdOf = (secret: string): string =>
  createHash('sha256').update(secret, 'utf8').digest('hex');

const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function createStaffSessions(options: StaffSessionsOptions): StaffSessions {
  const { store } = options;
  const idleLogoffMs = options.idleLogoffMs ?? 15 * 60_000;
  const socketTokenSeconds = options.socketTokenSeconds ?? 300;
  /** Sign-in, sign-out and automatic logoff are audited: ids only. */
  const audit = (
    action: 'auth.signin' | 'auth.signout' | 'auth.logoff',
    who: Pick<StaffSessionRecord, 'staffId' | 'roles'>,
  ) =>
    store.appendAudit({
      action,
      outcome: 'allowed',
      actorId: who.staffId,
      actorRole: action === 'auth.logoff' ? 'system' : strongestRole(who.roles),
      targetId: who.staffId,
    });
  /** Ends an idle session once, auditing the automatic logoff. */
  const logOff = async (session: StaffSessionRecord) => {
    const ended = await store.endStaffSession(session.id);
    if (ended?.endedAt && ended.endedAt !== session.endedAt) await audit('auth.logoff', session);
  };
  const logoffAt = (s: StaffSessionRecord) =>
    new Date(Date.parse(s.lastActiveAt) + idleLogoffMs).toISOString();

  /** The open, non-idle session of a cookie secret; an idle one is ended on the way. */
  const current = async (secret: string): Promise<StaffSessionRecord> => {
    if (!SECRET_PATTERN.test(secret)) throw new HandoffServerError('session_ended');
    const session = await store.getStaffSession(sessionIdOf(secret));
    if (!session || session.endedAt !== null) throw new HandoffServerError('session_ended');
    if (await store.getDisabledStaff(session.staffId)) {
      await store.endStaffSession(session.id);
      throw new HandoffServerError('session_ended', 'the account is disabled');
    }
    if (Date.now() - Date.parse(session.lastActiveAt) >= idleLogoffMs) {
      await logOff(session);
      throw new HandoffServerError('session_ended', 'signed out after inactivity');
    }
    return session;
  };

  return {
    idleLogoffMs,
    async open(signedIn) {
      const staff = options.directory ? await options.directory.resolve(signedIn) : signedIn;
      if (await store.getDisabledStaff(staff.staffId))
        throw new HandoffServerError('session_ended', 'the account is disabled');
      const secret = randomBytes(32).toString('base64url');
      await store.createStaffSession({
        id: sessionIdOf(secret),
        staffId: staff.staffId,
        displayName: staff.displayName,
        roles: [...staff.roles],
        clinical: staff.clinical,
        queues: [...staff.queues],
      });
      await audit('auth.signin', { staffId: staff.staffId, roles: [...staff.roles] });
      return secret;
    },
    async exchange(secret) {
      const session = await current(secret);
      const stored: StaffPrincipal = {
        kind: 'staff',
        staffId: session.staffId,
        displayName: session.displayName,
        roles: session.roles,
        clinical: session.clinical,
        queues: session.queues,
        sessionId: session.id,
      };
      // Assignments changed since sign-in apply to the next token.
      const staff = options.directory ? await options.directory.resolve(stored) : stored;
      const token = await issueStaffToken(
        {
          staffId: staff.staffId,
          displayName: staff.displayName,
          roles: [...staff.roles],
          clinical: staff.clinical,
          queues: [...staff.queues],
          sessionId: session.id,
        },
        { ...options.tokens, expiresInSec: socketTokenSeconds },
      );
      return {
        token,
        staff,
        idleLogoffSeconds: Math.round(idleLogoffMs / 1000),
        logoffAt: logoffAt(session),
      };
    },
    async activity(secret) {
      const session = await current(secret);
      const touched = await store.touchStaffSession(session.id);
      if (!touched) throw new HandoffServerError('session_ended');
      return logoffAt(touched);
    },
    async signOut(secret) {
      if (!SECRET_PATTERN.test(secret)) return null;
      const session = await store.getStaffSession(sessionIdOf(secret));
      if (!session) return null;
      await store.endStaffSessionsOf(session.staffId);
      await audit('auth.signout', session);
      return session.staffId;
    },
    async alive(sessionId) {
      const session = await store.getStaffSession(sessionId);
      if (!session || session.endedAt !== null) return false;
      if (await store.getDisabledStaff(session.staffId)) return false;
      if (Date.now() - Date.parse(session.lastActiveAt) < idleLogoffMs) return true;
      await logOff(session);
      return false;
    },
  };
}
